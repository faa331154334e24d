// Generates the normalizer's Unicode tables from Unicode data:
// - `src/normalize/fold_table.rs`: the table that folds non-ASCII letters and digits
//   (accented, styled, look-alike) to plain ASCII `a`-`z` / `0`-`9`;
// - `src/normalize/ignorable_table.rs`: the invisible characters removed inside words
//   (UTS 39 identifier type `Default_Ignorable`, see [`generate_ignorable`]) and the generic
//   combining marks dropped as diacritics.
//
// Run with `cargo run --example gen_fold_table` after bumping `unicode-normalization` or
// `unicode-security`. A unit test in `src/normalize.rs` regenerates the table in memory and
// fails when the committed file is stale.
//
// How one character `c` (non-ASCII, alphanumeric) is folded, first rule that gives plain ASCII:
// 1. a hand-kept supplement for letters that neither NFKD nor the confusables data fold to
//    Latin (`ß` → `ss`, `æ` → `ae`, Greek `μ` → `u`, ...), see [`SUPPLEMENT`];
// 2. NFKD, combining marks dropped, ASCII-lowercased: `á` → `a` (DIACRITICS),
//    `ｋ`, `𝐛`, `ⓐ`, `ﬁ` → `k`, `b`, `a`, `fi` (STYLED);
// 3. the UTS 39 confusables skeleton (combining marks dropped) when it equals the skeleton of
//    one ASCII letter or digit: Cyrillic `а` → `a`, `м`-like `rn` → `m` (HOMOGLYPHS). Letters
//    win over digits (`O`, not `0`); an uppercase character whose prototype is `l` folds to `i`
//    (Greek `Ι`, Cyrillic `І` look like `I`).
//
// Only folds of at most 3 ASCII bytes are kept, so the table stays small.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

// Flag bits, the same values as `saring::normalize::evasion`.
const DIACRITICS: u8 = 1 << 0;
const STYLED: u8 = 1 << 1;
const HOMOGLYPHS: u8 = 1 << 2;

/// Letters that neither NFKD nor the confusables data map to Latin, folded by hand.
const SUPPLEMENT: &[(char, &str, u8)] = &[
    ('ß', "ss", DIACRITICS),
    ('ẞ', "ss", DIACRITICS),
    ('æ', "ae", DIACRITICS),
    ('Æ', "ae", DIACRITICS),
    ('œ', "oe", DIACRITICS),
    ('Œ', "oe", DIACRITICS),
    ('ø', "o", DIACRITICS),
    ('Ø', "o", DIACRITICS),
    ('đ', "d", DIACRITICS),
    ('Đ', "d", DIACRITICS),
    ('ð', "d", DIACRITICS),
    ('Ð', "d", DIACRITICS),
    ('ł', "l", DIACRITICS),
    ('Ł', "l", DIACRITICS),
    ('ħ', "h", DIACRITICS),
    ('Ħ', "h", DIACRITICS),
    ('ŧ', "t", DIACRITICS),
    ('Ŧ', "t", DIACRITICS),
    ('ı', "i", DIACRITICS),
    ('μ', "u", HOMOGLYPHS),
    ('µ', "u", HOMOGLYPHS),
    ('Μ', "m", HOMOGLYPHS),
    ('ι', "i", HOMOGLYPHS),
    ('κ', "k", HOMOGLYPHS),
    ('τ', "t", HOMOGLYPHS),
    ('η', "n", HOMOGLYPHS),
    ('ω', "w", HOMOGLYPHS),
    ('ν', "v", HOMOGLYPHS),
    ('ρ', "p", HOMOGLYPHS),
    ('χ', "x", HOMOGLYPHS),
    ('υ', "u", HOMOGLYPHS),
    ('α', "a", HOMOGLYPHS),
    ('ε', "e", HOMOGLYPHS),
    ('ο', "o", HOMOGLYPHS),
];

fn plain(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 3
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

fn strip_marks(s: impl Iterator<Item = char>) -> String {
    s.filter(|&c| !is_combining_mark(c)).collect()
}

/// Blocks whose letters are used to fake Latin text (Greek, Cyrillic, IPA, Armenian, Cherokee,
/// Lisu, Coptic, letterlike, fullwidth, mathematical, enclosed...). Letters of other scripts are
/// real text (Arabic `ة` is not an `o`), so confusables are not applied to them.
fn latin_like(c: char) -> bool {
    matches!(c as u32,
        0x80..=0x058F | 0x13A0..=0x13FF | 0x1D00..=0x1DBF | 0x1E00..=0x1FFF | 0x2100..=0x214F
        | 0x2C60..=0x2CFF | 0xA4D0..=0xA4FF | 0xA640..=0xA69F | 0xA720..=0xA7FF
        | 0xAB30..=0xABBF | 0xFF00..=0xFFEF | 0x1D400..=0x1D7FF | 0x1F100..=0x1F1FF)
}

/// Folds one character, or `None` when it has no plain-ASCII fold.
fn fold(c: char, protos: &BTreeMap<String, char>) -> Option<(String, u8)> {
    if let Some(&(_, s, f)) = SUPPLEMENT.iter().find(|e| e.0 == c) {
        return Some((s.to_string(), f));
    }
    let one = c.to_string();
    let nfkd = strip_marks(one.nfkd()).to_ascii_lowercase();
    if plain(&nfkd) {
        let nfd: String = one.nfd().collect();
        let compat = nfd != one.nfkd().collect::<String>();
        let marks = nfd.chars().any(is_combining_mark);
        let flag = if compat || !marks { STYLED } else { DIACRITICS };
        return Some((nfkd, flag | if compat && marks { DIACRITICS } else { 0 }));
    }
    if !latin_like(c) {
        return None;
    }
    let skel = strip_marks(skeleton(&one));
    let marks = one.nfd().any(is_combining_mark);
    let &proto = protos.get(&skel)?;
    let folded = if proto == 'l' && c.is_uppercase() {
        'i'
    } else {
        proto
    };
    Some((
        folded.to_string(),
        HOMOGLYPHS | if marks { DIACRITICS } else { 0 },
    ))
}

/// The text of `src/normalize/fold_table.rs`.
pub fn generate() -> String {
    // skeleton string -> the ASCII letter/digit it stands for; letters win over digits.
    let mut protos = BTreeMap::new();
    for c in ('0'..='9').chain('A'..='Z').chain('a'..='z') {
        let skel: String = skeleton(&c.to_string()).collect();
        protos.insert(skel, c.to_ascii_lowercase());
    }
    let mut entries = Vec::new();
    let mut multi: Vec<String> = Vec::new();
    for cp in 0x80..=0x10FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if !c.is_alphanumeric() {
            continue;
        }
        let Some((s, flag)) = fold(c, &protos) else {
            continue;
        };
        let code = if s.len() == 1 {
            u32::from(s.as_bytes()[0])
        } else {
            let i = multi.iter().position(|m| *m == s).unwrap_or_else(|| {
                multi.push(s.clone());
                multi.len() - 1
            });
            0x80 + u32::try_from(i).expect("small")
        };
        assert!(code < 0x100, "too many multi-byte folds");
        entries.push(cp << 11 | u32::from(flag) << 8 | code);
    }
    let (nu, ns) = (
        unicode_normalization::UNICODE_VERSION,
        unicode_security::UNICODE_VERSION,
    );
    let mut out = String::new();
    out.push_str("// generated by `cargo run --example gen_fold_table`, do not edit.\n");
    let _ = writeln!(
        out,
        "// Unicode {}.{}.{} (NFKD, unicode-normalization), Unicode {}.{}.{} (confusables, unicode-security).",
        nu.0, nu.1, nu.2, ns.0, ns.1, ns.2
    );
    out.push_str("//! Fold table: non-ASCII letter/digit -> ASCII fold and evasion flag.\n\n");
    let _ = writeln!(
        out,
        "/// Unicode version of the data this table was generated from."
    );
    let _ = writeln!(
        out,
        "pub(super) const UNICODE_VERSION: (u8, u8, u8) = ({}, {}, {});\n",
        ns.0, ns.1, ns.2
    );
    out.push_str("/// Sorted entries `code point << 11 | flags << 8 | fold`: `fold` < 0x80 is one ASCII byte,\n");
    out.push_str("/// otherwise `MULTI[fold - 0x80]`; `flags` are `evasion` bits 0..=2.\n");
    out.push_str("#[rustfmt::skip]\n");
    let _ = writeln!(out, "pub(super) static FOLD: [u32; {}] = [", entries.len());
    for chunk in entries.chunks(8) {
        out.push_str("   ");
        for e in chunk {
            let _ = write!(out, " 0x{e:08x},");
        }
        out.push('\n');
    }
    out.push_str("];\n\n/// Folds longer than one byte.\n");
    out.push_str("#[rustfmt::skip]\n");
    let _ = writeln!(out, "pub(super) static MULTI: [&str; {}] = [", multi.len());
    for chunk in multi.chunks(12) {
        out.push_str("   ");
        for m in chunk {
            let _ = write!(out, " {m:?},");
        }
        out.push('\n');
    }
    out.push_str("];\n");
    out
}

/// Default-ignorable characters that UTS 39 types otherwise (`Deprecated`), removed all the
/// same: the deprecated format controls and the tag characters.
const INVISIBLE_SUPPLEMENT: &[(u32, u32)] =
    &[(0x206A, 0x206F), (0xE0001, 0xE0001), (0xE0020, 0xE007F)];

/// The blocks whose combining marks go on any script's letters (Latin, Greek and Cyrillic
/// accents, and "Zalgo" text): Combining Diacritical Marks, Cyrillic's combining signs,
/// Combining Diacritical Marks Extended, … Supplement, … for Symbols, Combining Half Marks.
/// Marks of other scripts (Arabic harakat, Thai tone marks) are not generic: they stay.
const GENERIC_MARK_BLOCKS: &[(u32, u32)] = &[
    (0x0300, 0x036F),
    (0x0483, 0x0489),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
];

/// Sorted, merged ranges of the code points for which `keep` holds.
fn ranges(keep: impl Fn(char) -> bool) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for cp in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if !keep(c) {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.1 + 1 == cp => last.1 = cp,
            _ => out.push((cp, cp)),
        }
    }
    out
}

/// The text of `src/normalize/ignorable_table.rs`.
pub fn generate_ignorable() -> String {
    use unicode_security::general_security_profile::{GeneralSecurityProfile, IdentifierType};
    let within =
        |list: &[(u32, u32)], c: char| list.iter().any(|&(a, b)| (a..=b).contains(&(c as u32)));
    let invisible = ranges(|c| {
        c.identifier_type() == Some(IdentifierType::Default_Ignorable)
            || within(INVISIBLE_SUPPLEMENT, c)
    });
    let marks = ranges(|c| is_combining_mark(c) && within(GENERIC_MARK_BLOCKS, c));
    let ns = unicode_security::UNICODE_VERSION;
    let mut out = String::new();
    out.push_str("// generated by `cargo run --example gen_fold_table`, do not edit.\n");
    let _ = writeln!(
        out,
        "// Unicode {}.{}.{} (identifier types, unicode-security; combining marks, unicode-normalization).",
        ns.0, ns.1, ns.2
    );
    out.push_str(
        "//! Invisible characters and generic combining marks, as sorted inclusive ranges.\n\n",
    );
    for (name, doc, list) in [
        ("INVISIBLE", "Default-ignorable characters (UTS 39 `Default_Ignorable`, and the deprecated format and tag characters).", &invisible),
        ("GENERIC_MARKS", "Combining marks of the blocks used on any script's letters.", &marks),
    ] {
        let _ = writeln!(out, "/// {doc}");
        out.push_str("#[rustfmt::skip]\n");
        let _ = writeln!(out, "pub(super) static {name}: [(u32, u32); {}] = [", list.len());
        for chunk in list.chunks(4) {
            out.push_str("   ");
            for (a, b) in chunk {
                let _ = write!(out, " (0x{a:05X}, 0x{b:05X}),");
            }
            out.push('\n');
        }
        out.push_str("];\n\n");
    }
    out.pop();
    out
}

#[allow(dead_code)]
fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/normalize");
    for (name, text) in [
        ("fold_table.rs", generate()),
        ("ignorable_table.rs", generate_ignorable()),
    ] {
        let path = format!("{dir}/{name}");
        std::fs::write(&path, text).expect("write table");
        eprintln!("wrote {path}");
    }
}
