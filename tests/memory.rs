//! Memory per input byte. A counting allocator records the peak of allocated bytes while the
//! filter checks or censors one large text; the peak, less what was allocated before, must stay
//! within a fixed number of bytes per input byte (and per match, for texts full of matches), so
//! a text twice as long never takes more than twice the memory. Deterministic: allocation sizes
//! do not depend on the machine's load. One test in this binary, so nothing else allocates
//! meanwhile.

use peak_alloc::PeakAlloc;
use saring::Filter;

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// Large enough that what a text allocates dwarfs the fixed costs; small for a debug build.
const SIZE: usize = 512 << 10;
/// Bytes a check may allocate at once per input byte: the folded text and its map back
/// (13 bytes a byte), the scan's candidates and the judge's hits.
const PER_BYTE: usize = 40;
/// And per match returned (a match with its term is about 100 bytes; settling overlaps, the
/// hits it was made from, and the candidates of a word).
const PER_MATCH: usize = 300;

/// Repeats `unit` until the text is at least `bytes` long.
fn fill(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// The most bytes allocated at once while `work` ran, beyond what was allocated before. In a
/// thread of its own, so it starts without the buffers a filter keeps for the next check.
fn peak_of<T: Send>(work: impl FnOnce() -> T + Send) -> (usize, T) {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let before = ALLOCATOR.current_usage();
                ALLOCATOR.reset_peak_usage();
                let result = work();
                (ALLOCATOR.peak_usage() - before, result)
            })
            .join()
            .unwrap()
    })
}

/// `f*ck ` repeated is the worst case found: every word is six candidates, four hits and one
/// match (4 MB of it took 1.9 GB through the command line). The others are the hostile
/// inputs with the most matches or the longest maps back.
#[test]
fn memory_stays_proportional_to_the_input() {
    let filter = Filter::new();
    let cases = [
        (
            "ordinary text",
            fill("selamat pagi semua, apa kabar? ", SIZE),
        ),
        ("f*ck spaced", fill("f*ck ", SIZE)),
        ("anjing chant", fill("anjing ", SIZE)),
        ("k.o.n.t.o.l.", fill("k.o.n.t.o.l. ", SIZE)),
        ("phone numbers", fill("0812 3456 7890 ", SIZE)),
        ("CJK", fill("你好世界", SIZE)),
        ("zero-width", fill("a\u{200B}", SIZE)),
    ];
    let mut failures = Vec::new();
    for (name, text) in &cases {
        let (check, verdict) = peak_of(|| filter.check(text));
        let matches = verdict.matches.len();
        drop(verdict);
        let (censor, _) = peak_of(|| filter.censor(text));
        let bound = PER_BYTE * text.len() + PER_MATCH * matches;
        eprintln!(
            "{name}: {} bytes, {matches} matches; peak allocated: check {check} ({:.1} a byte), \
             censor {censor} ({:.1} a byte); bound {bound}",
            text.len(),
            check as f64 / text.len() as f64,
            censor as f64 / text.len() as f64,
        );
        for (what, peak) in [("check", check), ("censor", censor)] {
            if peak > bound {
                failures.push(format!(
                    "{name}: {what} allocated {peak} bytes at once, over {bound} \
                     ({PER_BYTE} a byte of {} and {PER_MATCH} a match of {matches})",
                    text.len()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
