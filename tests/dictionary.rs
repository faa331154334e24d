//! Every word of an Indonesian and an English dictionary, checked alone, must pass unless it is
//! listed in `tests/words/intended.txt` as a word flagged on purpose, or in
//! `tests/words/known-false-flags.txt` as a known mistake (the intended list also serves
//! `make eval`'s trap lists, so it may hold words these dictionaries lack). A lexicon entry that
//! brings in a false positive fails here with the word and the term that flagged it.
//!
//! The same holds per language: each language's lexicon alone, against both dictionaries and
//! the short lists of ordinary Javanese, Sundanese and Malay words (`tests/words/<code>-words.txt`,
//! words close to that language's terms).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use saring::{Action, Filter, Language, Profile};

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

/// The words of every list that `filter` flags and `intended.txt` does not list.
fn unintended(filter: &Filter, lists: &[&str], intended: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for list in lists {
        for word in words(list) {
            let verdict = filter.check(&word);
            if verdict.action != Action::Allow && !intended.contains(&word.to_lowercase()) {
                let terms: Vec<String> = verdict
                    .matches
                    .iter()
                    .map(|m| format!("{} ({})", m.term, m.category))
                    .collect();
                out.push(format!("{list}: {word} ← {}", terms.join(", ")));
            }
        }
    }
    out
}

const REGIONAL_LISTS: &[&str] = &["jv-words.txt", "su-words.txt", "ms-words.txt"];

#[test]
fn each_language_alone_flags_no_unintended_word() {
    // A known mistake is listed once, whichever languages are on.
    let intended: BTreeSet<String> = words("intended.txt")
        .into_iter()
        .chain(words("known-false-flags.txt"))
        .collect();
    let mut lists = vec!["id-base-words.txt", "en-words.txt"];
    lists.extend(REGIONAL_LISTS);
    let mut failures = Vec::new();
    for &language in Language::ALL {
        let filter = Filter::builder()
            .profile(Profile::Child)
            .languages([language])
            .build()
            .unwrap();
        failures.extend(
            unintended(&filter, &lists, &intended)
                .into_iter()
                .map(|line| format!("{language} alone: {line}")),
        );
    }
    assert!(
        failures.is_empty(),
        "{} words flagged but listed in neither tests/words/intended.txt nor \
         known-false-flags.txt:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn regional_words_pass_under_the_default_languages() {
    let filter = Filter::builder().profile(Profile::Child).build().unwrap();
    let failures = unintended(&filter, REGIONAL_LISTS, &BTreeSet::new());
    assert!(failures.is_empty(), "flagged:\n{}", failures.join("\n"));
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
