//! Measures how the filter does on text nobody tuned it on: every disguise applied
//! mechanically to common insults (`tests/cases/coverage-insults.txt`) must still be flagged,
//! and ordinary sentences full of trap words (`tests/cases/ordinary-sentences.txt`) must pass.
//!
//! What is not met is listed, one case per line, in `tests/cases/coverage-known-misses.txt`
//! (a disguised insult that passes) and `tests/cases/coverage-known-false-flags.txt` (an
//! ordinary sentence that is flagged). A case that is not listed fails the test, and so does a
//! listed case that is now right: the lists only ever shrink by fixing, never by drifting.
//!
//! Run with `cargo test --test coverage -- --nocapture` to see the table per disguise.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use saring::{Action, Filter};

fn lines(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(name);
    fs::read_to_string(path)
        .expect("readable case file")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn map_letters(word: &str, f: impl Fn(char) -> String) -> String {
    word.chars().map(f).collect()
}

fn offset(c: char, base: u32) -> String {
    if c.is_ascii_lowercase() {
        char::from_u32(base + (c as u32 - 'a' as u32))
            .unwrap()
            .to_string()
    } else {
        c.to_string()
    }
}

fn join_letters(word: &str, separator: &str) -> String {
    word.chars()
        .map(String::from)
        .collect::<Vec<_>>()
        .join(separator)
}

fn leet(word: &str) -> String {
    let swap = |c: char| match c {
        'a' => Some('4'),
        'i' => Some('1'),
        'o' => Some('0'),
        'e' => Some('3'),
        's' => Some('$'),
        _ => None,
    };
    let all: String = word.chars().map(|c| swap(c).unwrap_or(c)).collect();
    if all.chars().filter(char::is_ascii_alphabetic).count() >= 2 {
        return all;
    }
    // Too few letters left to read as a word: disguise only the first letter that can be.
    let mut done = false;
    word.chars()
        .map(|c| match swap(c) {
            Some(s) if !done => {
                done = true;
                s
            }
            _ => c,
        })
        .collect()
}

fn stretch(word: &str) -> String {
    let vowel = word
        .rfind(|c| "aeiou".contains(c))
        .unwrap_or(word.len() - 1);
    let ch = word[vowel..].chars().next().unwrap();
    format!(
        "{}{}{}",
        &word[..vowel],
        ch.to_string().repeat(5),
        &word[vowel + 1..]
    )
}

fn mask(word: &str) -> String {
    let vowel = word[1..].find(|c| "aeiou".contains(c)).map_or(1, |i| i + 1);
    format!("{}*{}", &word[..vowel], &word[vowel + 1..])
}

fn homoglyphs(word: &str) -> String {
    map_letters(word, |c| {
        match c {
            'a' => 'а',
            'e' => 'е',
            'o' => 'о',
            'p' => 'р',
            'c' => 'с',
            'x' => 'х',
            'y' => 'у',
            'i' => 'і',
            other => other,
        }
        .to_string()
    })
}

type Disguise = (&'static str, fn(&str) -> String);

const DISGUISES: &[Disguise] = &[
    ("plain", |w| w.to_owned()),
    ("upper case", |w| w.to_uppercase()),
    ("diacritics", |w| {
        map_letters(w, |c| {
            match c {
                'a' => 'á',
                'e' => 'é',
                'i' => 'í',
                'o' => 'ö',
                'u' => 'ú',
                other => other,
            }
            .to_string()
        })
    }),
    ("combining marks", |w| {
        map_letters(w, |c| format!("{c}\u{0301}"))
    }),
    ("fullwidth", |w| map_letters(w, |c| offset(c, 0xFF41))),
    ("math bold", |w| map_letters(w, |c| offset(c, 0x1D41A))),
    ("math script", |w| map_letters(w, |c| offset(c, 0x1D4EA))),
    ("homoglyphs", homoglyphs),
    ("leetspeak", leet),
    ("zero-width", |w| join_letters(w, "\u{200B}")),
    ("soft hyphen", |w| join_letters(w, "\u{00AD}")),
    ("spaced", |w| join_letters(w, " ")),
    ("dotted", |w| join_letters(w, ".")),
    ("dashed", |w| join_letters(w, "-")),
    ("underscored", |w| join_letters(w, "_")),
    ("stretched", stretch),
    ("masked", mask),
    ("leet + spaced", |w| join_letters(&leet(w), " ")),
    ("fullwidth + stretched", |w| {
        map_letters(&stretch(w), |c| offset(c, 0xFF41))
    }),
    ("homoglyphs + zero-width", |w| {
        join_letters(&homoglyphs(w), "\u{200C}")
    }),
];

#[test]
fn disguised_insults_are_still_caught() {
    let filter = Filter::new();
    let frames = lines("coverage-insults.txt");
    let known: BTreeSet<String> = lines("coverage-known-misses.txt").into_iter().collect();
    let mut total = 0;
    let mut caught = 0;
    let mut misses = BTreeSet::new();
    println!("| disguise | caught | of |");
    println!("|---|---:|---:|");
    for (name, disguise) in DISGUISES {
        let mut here = 0;
        for frame in &frames {
            let (before, rest) = frame.split_once('[').expect("a [word] in every frame");
            let (word, after) = rest.split_once(']').expect("closing ]");
            let text = format!("{before}{}{after}", disguise(word));
            total += 1;
            if filter.check(&text).action != Action::Allow {
                here += 1;
            } else {
                println!("  missed: {name}: {text:?}");
                misses.insert(format!("{name}\t{word}"));
            }
        }
        caught += here;
        println!("| {name} | {here} | {} |", frames.len());
    }
    let recall = caught as f64 / total as f64;
    println!("caught {caught} of {total} = {:.1}%", 100.0 * recall);
    compare_with_known("coverage-known-misses.txt", &misses, &known);
}

/// Fails on any case found that is not listed, and on any listed case not found (fixed: take
/// it off the list).
fn compare_with_known(list: &str, found: &BTreeSet<String>, known: &BTreeSet<String>) {
    let new: Vec<&String> = found.difference(known).collect();
    let fixed: Vec<&String> = known.difference(found).collect();
    assert!(
        new.is_empty() && fixed.is_empty(),
        "tests/cases/{list} is out of date.\nnew (fix them, or list them if they must stay):\n{}\n\
         fixed (remove them from the list):\n{}",
        new.iter()
            .map(|s| format!("  {s}"))
            .collect::<Vec<_>>()
            .join("\n"),
        fixed
            .iter()
            .map(|s| format!("  {s}"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

#[test]
fn ordinary_sentences_pass() {
    let filter = Filter::new();
    let sentences = lines("ordinary-sentences.txt");
    let known: BTreeSet<String> = lines("coverage-known-false-flags.txt")
        .into_iter()
        .collect();
    let flagged: BTreeSet<String> = sentences
        .iter()
        .filter(|s| filter.check(s).action != Action::Allow)
        .cloned()
        .collect();
    let share = flagged.len() as f64 / sentences.len() as f64;
    println!(
        "ordinary sentences flagged: {} of {} = {:.1}%",
        flagged.len(),
        sentences.len(),
        100.0 * share
    );
    for line in &flagged {
        let terms: Vec<String> = filter
            .check(line)
            .matches
            .into_iter()
            .map(|m| m.term)
            .collect();
        println!("  flagged: {line:?} {terms:?}");
    }
    compare_with_known("coverage-known-false-flags.txt", &flagged, &known);
}
