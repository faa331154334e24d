//! The promotion construction's known errors (`tests/cases/promotion-known.txt`): each listed
//! miss must still get no `gambling` hit and each listed false flag must still get one, so a
//! new error shows up in the case tables and a fixed one must leave the list. The cases that
//! must pass are in `tests/cases/promotion.tsv`, run by `tests/cases.rs` and the JS tests.

use saring::{Category, Filter};

fn unescape(text: &str) -> String {
    text.replace("\\t", "\t").replace("\\n", "\n")
}

#[test]
fn known_errors_are_still_errors() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/promotion-known.txt"
    );
    let table = std::fs::read_to_string(path).expect("the known-error list exists");
    let filter = Filter::new();
    let mut fixed = Vec::new();
    let mut rows = 0;
    for (index, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (kind, text) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("promotion-known.txt:{}: kind<TAB>text", index + 1));
        let text = unescape(text);
        let gambling = filter
            .check(&text)
            .matches
            .iter()
            .any(|m| m.category == Category::Gambling);
        let still_wrong = match kind {
            "miss" => !gambling,
            "false" => gambling,
            other => panic!("promotion-known.txt:{}: unknown kind {other:?}", index + 1),
        };
        rows += 1;
        if !still_wrong {
            fixed.push(format!(
                "promotion-known.txt:{}: {kind} {text:?}",
                index + 1
            ));
        }
    }
    assert!(rows > 0, "the known-error list is empty");
    assert!(
        fixed.is_empty(),
        "fixed, remove from the list:\n{}",
        fixed.join("\n")
    );
}

#[test]
fn every_promotion_hit_names_its_rule_and_blocks_for_teens() {
    let filter = Filter::new();
    for text in [
        "rezeki dari 𝐏𝐔𝐋𝐀𝐔𝟕𝟕𝟕 hari ini",
        "modal 5k bisa jepee di BINTANG4D",
        "slot gacor hari ini, wd lancar",
    ] {
        let verdict = filter.check(text);
        let hit = verdict
            .matches
            .iter()
            .find(|m| m.category == Category::Gambling)
            .unwrap_or_else(|| panic!("{text}: no gambling hit"));
        assert_eq!(hit.rule.as_deref(), Some("promotion"), "{text}");
        assert_eq!(hit.severity, saring::Severity::Severe, "{text}");
        assert_eq!(verdict.action, saring::Action::Block, "{text}");
    }
}
