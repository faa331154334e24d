//! Each language folder on its own (`lang/<code>/`): it loads alone, every term it lists is
//! flagged alone by a filter of that language only, and every literal context it lists for a
//! dual-use word keeps that word innocent.

use std::fs;
use std::path::Path;

use saring::{Action, Filter, Language, Profile};

fn folder_file(language: Language, file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("lang")
        .join(language.as_str())
        .join(file);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn alone(language: Language) -> Filter {
    Filter::builder()
        .profile(Profile::Child)
        .languages([language])
        .build()
        .unwrap_or_else(|e| panic!("{language} alone: {e}"))
}

#[test]
fn every_registered_language_has_a_folder_and_loads_alone() {
    for &language in Language::ALL {
        for file in [
            "terms.tsv",
            "affixes.tsv",
            "markers.tsv",
            "dual.tsv",
            "allow.txt",
        ] {
            folder_file(language, file);
        }
        alone(language);
    }
    assert!(Language::defaults().count() >= 1);
}

#[test]
fn every_form_of_every_term_is_flagged_alone() {
    let mut failures = Vec::new();
    for &language in Language::ALL {
        let filter = alone(language);
        for row in rows(&folder_file(language, "terms.tsv")) {
            if row[3] == "dual" {
                continue;
            }
            for form in row[0].split('|') {
                let verdict = filter.check(form);
                if verdict.action == Action::Allow {
                    failures.push(format!("{language}: {form:?} ({})", row[0]));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} forms pass alone:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn literal_contexts_keep_dual_use_words_innocent() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for &language in Language::ALL {
        let filter = alone(language);
        for row in rows(&folder_file(language, "dual.tsv")) {
            let term = row[0];
            let words = |column: &str| -> Vec<String> {
                column
                    .split('|')
                    .filter(|w| !w.is_empty() && *w != "-")
                    .map(str::to_owned)
                    .collect()
            };
            let texts = words(row[1])
                .into_iter()
                .map(|before| format!("{before} {term}"))
                .chain(
                    words(row[2])
                        .into_iter()
                        .map(|after| format!("{term} {after}")),
                );
            for text in texts {
                checked += 1;
                if filter.check(&text).action != Action::Allow {
                    failures.push(format!("{language}: {text:?}"));
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} literal contexts");
    assert!(
        failures.is_empty(),
        "literal contexts flagged:\n{}",
        failures.join("\n")
    );
}

/// Insult contexts from each language's own markers turn its dual-use words into hits.
#[test]
fn insult_markers_make_dual_use_words_hits() {
    let mut failures = Vec::new();
    for &language in Language::ALL {
        let filter = alone(language);
        let markers: Vec<Vec<String>> = rows(&folder_file(language, "markers.tsv"))
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        let of = |key: &str| -> Vec<String> {
            markers
                .iter()
                .filter(|r| r[0] == key)
                .flat_map(|r| r[1].split('|').map(str::to_owned).collect::<Vec<_>>())
                .collect()
        };
        let (before, after) = (of("insult-before"), of("target-after"));
        for row in rows(&folder_file(language, "terms.tsv")) {
            if row[3] != "dual" || row[1] == "violence" {
                continue;
            }
            let term = row[0].split('|').next().unwrap();
            for text in before
                .iter()
                .take(1)
                .map(|m| format!("{m} {term}"))
                .chain(after.iter().take(1).map(|m| format!("{term} {m}")))
            {
                if filter.check(&text).action == Action::Allow {
                    failures.push(format!("{language}: {text:?}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "insults passed:\n{}",
        failures.join("\n")
    );
}
