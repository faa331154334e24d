//! Runs every case table in `tests/cases/*.tsv` through the native filter.
//!
//! The same tables are run through the WebAssembly package by `tests/js/`, so both builds are
//! held to identical verdicts and spans. Format, one case per line:
//!
//! ```text
//! # comment
//! profile<TAB>text<TAB>action<TAB>hits
//! ```
//!
//! `hits` is `-` for none, or `category:original text` items separated by ` ; `, in text
//! order: each must be exactly the original characters the match covers. `text` and the hit
//! texts understand `\t`, `\n`, `\\` and `\u{HEX}` escapes.

use std::fs;
use std::path::Path;

use saring::{Filter, Profile};

mod common;
use common::unescape;

/// Tables in tests/cases/ with a format of their own: `hate.tsv` (tests/constructions.rs).
const OWN_FORMAT: &[&str] = &["hate.tsv"];

struct Case {
    place: String,
    profile: Profile,
    text: String,
    action: String,
    hits: Vec<(String, String)>,
}

fn load_cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("tests/cases exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        // Tables with their own columns and their own test.
        .filter(|p| !OWN_FORMAT.iter().any(|own| p.ends_with(own)))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&file).expect("readable case file");
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let place = format!("{name}:{}", index + 1);
            let columns: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                columns.len(),
                4,
                "{place}: expected 4 tab-separated columns"
            );
            let hits = if columns[3].trim() == "-" {
                Vec::new()
            } else {
                columns[3]
                    .split(" ; ")
                    .map(|hit| {
                        let (category, covered) = hit
                            .split_once(':')
                            .unwrap_or_else(|| panic!("{place}: hit {hit:?} needs category:text"));
                        (category.to_owned(), unescape(covered))
                    })
                    .collect()
            };
            cases.push(Case {
                profile: columns[0]
                    .parse()
                    .unwrap_or_else(|e| panic!("{place}: {e}")),
                text: unescape(columns[1]),
                action: columns[2].to_owned(),
                hits,
                place,
            });
        }
    }
    cases
}

#[test]
fn case_tables() {
    let cases = load_cases();
    assert!(cases.len() > 100, "the case tables went missing");
    let filters: Vec<(Profile, Filter)> = Profile::ALL
        .iter()
        .map(|&p| (p, Filter::builder().profile(p).build().unwrap()))
        .collect();
    let mut failures = Vec::new();
    for case in &cases {
        let filter = &filters.iter().find(|(p, _)| *p == case.profile).unwrap().1;
        let verdict = filter.check(&case.text);
        let got_hits: Vec<(String, String)> = verdict
            .matches
            .iter()
            .map(|m| (m.category.to_string(), case.text[m.span.clone()].to_owned()))
            .collect();
        if verdict.action.as_str() != case.action || got_hits != case.hits {
            failures.push(format!(
                "{}: {:?} ({}): expected {} {:?}, got {} {:?} terms {:?}",
                case.place,
                case.text,
                case.profile,
                case.action,
                case.hits,
                verdict.action,
                got_hits,
                verdict.matches.iter().map(|m| &m.term).collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
