//! The `saring` command line: check or censor one text per line, or measure accuracy.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// The command line is native only; the wasm32 build of this target exists because cargo builds
// every binary before integration tests.
#[cfg(target_arch = "wasm32")]
fn main() {}
