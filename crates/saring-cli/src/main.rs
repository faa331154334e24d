//! The `saring` command line: check or censor one text per line, or measure accuracy.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
