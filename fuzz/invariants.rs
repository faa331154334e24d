//! The invariants every output of the core must keep, whatever the input. Shared by the fuzz
//! targets (`fuzz/fuzz_targets/*.rs`) and the Rust tests (`tests/properties.rs`,
//! `tests/hostile.rs`) through `#[path]`, so a crash found by one is judged the same way by the
//! other. Each function panics with a message naming the broken rule.

#![allow(dead_code)]

use saring::__private::Folded;
use saring::{Action, Filter, Language, Term, Verdict};

/// Checks a verdict for `text`: spans inside the text, on char boundaries, non-empty, sorted and
/// non-overlapping; each match's action is the profile's action for its category and severity;
/// the verdict's action is the strongest of them (`allow` when there is none).
pub fn check_verdict(filter: &Filter, text: &str, verdict: &Verdict) {
    let mut previous_end = 0;
    for (i, m) in verdict.matches.iter().enumerate() {
        let span = m.span.clone();
        assert!(
            span.start < span.end && span.end <= text.len(),
            "match {i} {span:?} outside the text ({} bytes)",
            text.len()
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "match {i} {span:?} not on char boundaries"
        );
        assert!(
            span.start >= previous_end,
            "match {i} {span:?} overlaps or precedes the previous one (ends at {previous_end})"
        );
        previous_end = span.end;
        assert_eq!(
            m.action,
            filter.profile().action(m.category, m.severity),
            "match {i}: action differs from the policy"
        );
        assert!(!m.term.is_empty(), "match {i}: empty term");
    }
    let strongest = verdict
        .matches
        .iter()
        .map(|m| m.action)
        .max()
        .unwrap_or(Action::Allow);
    assert_eq!(verdict.action, strongest, "verdict action is not the max");
}

/// Checks `censored == filter.censor(text)` against the verdict's spans: same UTF-16 length; a
/// character outside every span is unchanged; inside a span, whitespace is kept and every other
/// character becomes one `*` per UTF-16 code unit.
pub fn check_censor(text: &str, verdict: &Verdict, censored: &str) {
    assert_eq!(
        censored.encode_utf16().count(),
        text.encode_utf16().count(),
        "censor changed the UTF-16 length"
    );
    let mut out = censored.chars();
    let mut spans = verdict.matches.iter().map(|m| m.span.clone()).peekable();
    for (at, c) in text.char_indices() {
        while spans.peek().is_some_and(|s| s.end <= at) {
            spans.next();
        }
        let inside = spans.peek().is_some_and(|s| s.start <= at);
        if inside && !c.is_whitespace() {
            for unit in 0..c.len_utf16() {
                assert_eq!(
                    out.next(),
                    Some('*'),
                    "char {c:?} at byte {at} (unit {unit}) inside a match not masked"
                );
            }
        } else {
            // Outside the first check's matches a character stays, or is masked whole because
            // masking made a new hit around it (`*******ass`): censor re-checks what it masked.
            let first = out.next();
            if first == Some('*') && c != '*' && !c.is_whitespace() {
                for unit in 1..c.len_utf16() {
                    assert_eq!(
                        out.next(),
                        Some('*'),
                        "char {c:?} at byte {at} (unit {unit}) half masked"
                    );
                }
            } else {
                assert_eq!(
                    first,
                    Some(c),
                    "char {c:?} at byte {at} changed (inside a match: {inside})"
                );
            }
        }
    }
    assert_eq!(out.next(), None, "censor added characters");
}

/// Checks a folded text against its input: one origin per folded byte; every origin a non-empty
/// range of the input on char boundaries; starts and ends never decreasing; the folded text made
/// of lowercase ASCII letters, digits, `*`, single inner spaces and non-ASCII letters.
pub fn check_folded(input: &str, folded: &Folded) {
    assert_eq!(
        folded.origin.len(),
        folded.text.len(),
        "origin.len() != text.len()"
    );
    let mut previous = (0, 0);
    for (i, o) in folded.origin.iter().enumerate() {
        let (start, end) = (o.start(), o.end());
        assert!(
            start < end && end <= input.len(),
            "origin {i} {o:?} not a non-empty range of the input ({} bytes)",
            input.len()
        );
        assert!(
            input.is_char_boundary(start) && input.is_char_boundary(end),
            "origin {i} {o:?} not on char boundaries"
        );
        assert!(
            start >= previous.0 && end >= previous.1,
            "origin {i} {o:?} goes back from {previous:?}"
        );
        assert!(o.run() >= 1, "origin {i} {o:?}: run 0");
        previous = (start, end);
    }
    let text = &folded.text;
    assert!(
        !text.starts_with(' ') && !text.ends_with(' ') && !text.contains("  "),
        "spaces not single inner spaces: {text:?}"
    );
    for (i, b) in text.bytes().enumerate() {
        assert!(
            b >= 0x80 || matches!(b, b' ' | b'*' | b'a'..=b'z' | b'0'..=b'9'),
            "folded byte {b:#04x} at {i} in {text:?}"
        );
    }
}

/// Runs `check` and `censor` on `text` and checks both; returns the verdict and the censored text.
pub fn check_all(filter: &Filter, text: &str) -> (Verdict, String) {
    let verdict = filter.check(text);
    check_verdict(filter, text, &verdict);
    let censored = filter.censor(text);
    check_censor(text, &verdict, &censored);
    (verdict, censored)
}

/// The `terms` fuzz input, `terms file` NUL `allow words, one per line` NUL `text`: parsing never
/// panics, a bad file is an error, and a filter built from whatever parsed keeps every rule.
pub fn check_terms_input(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == 0);
    let mut next = || String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let (terms, allow, text) = (next(), next(), next());
    let Ok(terms) = Term::parse_file("fuzz.tsv", &terms) else {
        return;
    };
    // English only: a smaller lexicon keeps the per-input build cheap.
    let built = Filter::builder()
        .languages([Language::English])
        .extra_terms(terms)
        .allow_terms(allow.lines())
        .build();
    if let Ok(filter) = built {
        check_all(&filter, &text);
    }
}
