//! The hand-written functional table of hate aimed at groups (`tests/cases/hate.tsv`) through
//! the native filter, with the default profile (`teen`).
//!
//! Format, one case per line (`#` comments and blank lines skipped):
//!
//! ```text
//! text<TAB>action<TAB>rule<TAB>family<TAB>note
//! ```
//!
//! `rule` is the construction that must fire (its id on a match), or `-` when no construction
//! may fire. `family` is the group family the case is about (`none` for none); `note` names
//! the construction or the contrast (`negation`, `counter-speech`, `literal`, …).
//!
//! Known misses are listed in `tests/cases/hate-misses.txt`, one text per line as written in
//! the table: a case that fails and is not listed fails the test, and so does a listed case
//! that passes (take it off the list). `cargo test --test constructions -- --nocapture`
//! prints the pass rate by family and kind. tests/js/hate.test.mjs holds the WebAssembly
//! package to the same answers.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use saring::Filter;

mod common;
use common::unescape;

/// The rule ids of the construction stage (docs/constructions.md).
const CONSTRUCTION_RULES: &[&str] = &[
    "threat-against-group",
    "incitement",
    "dehumanization",
    "negative-attribute",
    "hateful-emotion",
    "exclusion",
];

struct Case {
    line: usize,
    raw: String,
    text: String,
    action: String,
    rule: String,
    family: String,
}

fn cases_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

fn load() -> Vec<Case> {
    let text = fs::read_to_string(cases_dir().join("hate.tsv")).expect("tests/cases/hate.tsv");
    let mut cases = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        assert_eq!(columns.len(), 5, "hate.tsv:{}: 5 columns", index + 1);
        let rule = columns[2].to_owned();
        assert!(
            rule == "-" || CONSTRUCTION_RULES.contains(&rule.as_str()),
            "hate.tsv:{}: unknown rule {rule:?}",
            index + 1
        );
        assert!(
            ["allow", "warn", "block"].contains(&columns[1]),
            "hate.tsv:{}: unknown action",
            index + 1
        );
        cases.push(Case {
            line: index + 1,
            raw: columns[0].to_owned(),
            text: unescape(columns[0]),
            action: columns[1].to_owned(),
            rule,
            family: columns[3].to_owned(),
        });
    }
    cases
}

fn known_misses() -> BTreeSet<String> {
    fs::read_to_string(cases_dir().join("hate-misses.txt"))
        .expect("tests/cases/hate-misses.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// What the filter says about a case: `None` when it is right, or what it said instead.
fn check(filter: &Filter, case: &Case) -> Option<String> {
    let verdict = filter.check(&case.text);
    let fired: Vec<&str> = verdict
        .matches
        .iter()
        .filter_map(|m| m.rule.as_deref())
        .filter(|r| CONSTRUCTION_RULES.contains(r))
        .collect();
    let rule_ok = if case.rule == "-" {
        fired.is_empty()
    } else {
        fired.contains(&case.rule.as_str())
    };
    if verdict.action.as_str() == case.action && rule_ok {
        None
    } else {
        let matches: Vec<String> = verdict
            .matches
            .iter()
            .map(|m| {
                format!(
                    "{}:{}:{:?}",
                    m.category,
                    m.rule.as_deref().unwrap_or("lexicon"),
                    &case.text[m.span.clone()]
                )
            })
            .collect();
        Some(format!("{} [{}]", verdict.action, matches.join(", ")))
    }
}

#[test]
fn hate_table() {
    let cases = load();
    assert!(
        cases.len() >= 400,
        "the table went missing: {}",
        cases.len()
    );
    let misses = known_misses();
    let filter = Filter::new();
    let mut errors = Vec::new();
    // family → (passed, total), separately for hateful cases and contrasts.
    let mut tally: BTreeMap<(String, &str), (usize, usize)> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for case in &cases {
        let outcome = check(&filter, case);
        let kind = if case.rule == "-" {
            "contrast"
        } else {
            "hateful"
        };
        let entry = tally.entry((case.family.clone(), kind)).or_default();
        entry.1 += 1;
        let listed = misses.contains(&case.raw);
        seen.insert(case.raw.clone());
        match (outcome, listed) {
            (None, false) => entry.0 += 1,
            (None, true) => errors.push(format!(
                "hate.tsv:{}: {:?} passes now: take it off hate-misses.txt",
                case.line, case.raw
            )),
            (Some(_), true) => {}
            (Some(got), false) => errors.push(format!(
                "hate.tsv:{}: {:?}: expected {} {}, got {got}",
                case.line, case.raw, case.action, case.rule
            )),
        }
    }
    for miss in &misses {
        if !seen.contains(miss) {
            errors.push(format!("hate-misses.txt: {miss:?} is not in hate.tsv"));
        }
    }
    println!("family        kind      passed/total");
    let (mut passed, mut total) = (0, 0);
    for ((family, kind), (p, t)) in &tally {
        println!("{family:<13} {kind:<9} {p:>3}/{t:<3}");
        passed += p;
        total += t;
    }
    println!("all                     {passed}/{total}");
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
