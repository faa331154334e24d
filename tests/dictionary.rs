//! Every word of an Indonesian and an English dictionary, checked alone, must pass unless it is
//! listed in `tests/words/intended.txt` as a word flagged on purpose, or in
//! `tests/words/known-false-flags.txt` as a known mistake (the intended list also serves
//! `make eval`'s trap lists, so it may hold words these dictionaries lack). A lexicon entry that
//! brings in a false positive fails here with the word and the term that flagged it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use saring::{Action, Filter, Profile};

fn words(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/words")
        .join(name);
    fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn dictionary_words_pass_unless_intended() {
    // The strictest profile: a word that merely warns is flagged too.
    let filter = Filter::builder().profile(Profile::Child).build().unwrap();
    let intended: BTreeSet<String> = words("intended.txt").into_iter().collect();
    let known_false: BTreeSet<String> = words("known-false-flags.txt").into_iter().collect();
    let mut unintended = Vec::new();
    let mut flagged = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut total = 0;
    for list in ["id-base-words.txt", "en-words.txt"] {
        for word in words(list) {
            total += 1;
            seen.insert(word.to_lowercase());
            let verdict = filter.check(&word);
            if verdict.action == Action::Allow {
                continue;
            }
            flagged.insert(word.to_lowercase());
            let lower = word.to_lowercase();
            if !intended.contains(&lower) && !known_false.contains(&lower) {
                let terms: Vec<String> = verdict
                    .matches
                    .iter()
                    .map(|m| format!("{} ({})", m.term, m.category))
                    .collect();
                unintended.push(format!("{list}: {word} ← {}", terms.join(", ")));
            }
        }
    }
    println!(
        "{} of {total} dictionary words flagged, all intended",
        flagged.len()
    );
    assert!(
        unintended.is_empty(),
        "{} dictionary words flagged but listed in neither tests/words/intended.txt nor \
         known-false-flags.txt:\n{}",
        unintended.len(),
        unintended.join("\n")
    );
    // Words listed for the trap lists of `make eval` need not be in these dictionaries.
    let stale: Vec<&String> = intended
        .iter()
        .chain(&known_false)
        .filter(|w| seen.contains(*w) && !flagged.contains(*w))
        .collect();
    assert!(
        stale.is_empty(),
        "listed in intended.txt or known-false-flags.txt but no longer flagged (remove them): \
         {stale:?}"
    );
    let both: Vec<&String> = intended.intersection(&known_false).collect();
    assert!(
        both.is_empty(),
        "listed as both intended and a mistake: {both:?}"
    );
}
