//! **Street addresses** (deliberately conservative: `jalan` alone is an ordinary word).
//! - `Jl`/`Jln`/`Jalan`/`Gg`/`Gang` + 1–5 name words + a number marker (`No`, `No.`, `Nomor`,
//!   `Nmr`, `#`) + a house number; or, when the street word is abbreviated or capitalised and
//!   every name word is capitalised, + a bare number (`Gang Mawar 4`, `Jl. Melati 5`).
//! - `Komplek`/`Kompleks`/`Komp`/`Perum`/`Perumahan`/`Cluster` + 1–5 name words + `Blok <code>`
//!   or a number marker; `Blok <code> No <n>` on its own.
//! - `RT <n>/RW <n>` (both parts required: `RT` alone is also "retweet").
//! - English: a house number + 1–3 capitalised words + a street suffix (`Street`, `St`, `Road`,
//!   `Avenue`, `Lane`, `Drive`, `Boulevard`, `Court`, `Place`, `Way`, …).
//! - A match extends over trailing components (`, No. 10`, `Gg. 3`, `Blok C2`, `RT 03/RW 05`,
//!   `Kav. 5`); the city after a comma is not included.

use super::shared::*;
use super::{Detection, Kind};

pub(super) const ID_STREET: &[&str] = &["jl", "jln", "jalan", "gg", "gang"];
pub(super) const ID_COMPLEX: &[&str] = &[
    "komplek",
    "kompleks",
    "komp",
    "perum",
    "perumahan",
    "perumnas",
    "cluster",
];
pub(super) const NUMBER_MARKERS: &[&str] = &["nomor", "nomer", "nmr", "no"];
pub(super) const EN_SUFFIX: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "drive",
    "dr",
    "boulevard",
    "blvd",
    "court",
    "ct",
    "place",
    "pl",
    "way",
    "terrace",
    "highway",
    "hwy",
];
/// Longest name word considered, in bytes (bounds the look-ahead).
pub(super) const MAX_NAME: usize = 30;

/// Street addresses: each starts at most [`ADDRESS_REACH`] bytes before a digit or `blok`
/// (`spots`).
pub(super) fn scan_addresses(text: &str, spots: &Spots, out: &mut Vec<Detection>) {
    // First bytes of the words `address_at` can start from: a house number or a keyword.
    const START: [bool; 256] = byte_set(b"0123456789bcgjkprBCGJKPR");
    let b = text.as_bytes();
    // Resume at the start of a word, where the scan from 0 would be too.
    let resume = |b: &[u8], lo: usize| {
        let mut from = lo.saturating_sub(ADDRESS_REACH);
        while from > 0 && b[from - 1].is_ascii_alphanumeric() {
            from -= 1;
        }
        from
    };
    scan_windows(
        text,
        spots,
        &START,
        (resume, 0),
        Kind::StreetAddress,
        out,
        |i| {
            let w_end = alnum_end(b, i);
            if i > 0 && b[i - 1].is_ascii_alphanumeric() {
                // Inside a word that starts with another byte.
                return Step::ResumeAt(w_end);
            }
            let boundary = prev_char(text, i).is_none_or(|c| {
                !(is_word(c) || matches!(c, '-' | '.' | ',' | '/' | ':' | '$' | '@' | '#' | '\''))
            });
            match boundary.then(|| address_at(text, i, w_end)).flatten() {
                Some(end) => Step::Found(i..end),
                None => Step::ResumeAt(w_end),
            }
        },
    );
}

pub(super) fn address_at(text: &str, s: usize, w_end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let w = &b[s..w_end];
    if w.len() > 12 {
        return None;
    }
    if w.len() >= 2 && w[..2].eq_ignore_ascii_case(b"rt") && w[2..].iter().all(u8::is_ascii_digit) {
        let e = rt_rw(text, s)?;
        return Some(continuations(text, e));
    }
    if in_list(w, ID_STREET) {
        return id_street(text, s, w_end);
    }
    if in_list(w, ID_COMPLEX) {
        return complex(text, s, w_end);
    }
    if w.eq_ignore_ascii_case(b"blok") {
        let e = blok(text, s)?;
        let k = skip_spaces(b, e, 2);
        let e = marker_number(text, k)?;
        return Some(continuations(text, e));
    }
    if w[0].is_ascii_digit() {
        return english(text, s, w_end);
    }
    None
}

/// After a street word ending at `e`: an optional `.` (abbreviations) and spaces. `None` if the
/// word is glued to something else (`jalan-jalan`).
pub(super) fn after_keyword(b: &[u8], e: usize, abbrev: bool) -> Option<usize> {
    if abbrev && byte_at(b, e) == b'.' {
        return Some(skip_spaces(b, e + 1, 3));
    }
    let k = skip_spaces(b, e, 3);
    (k > e).then_some(k)
}

/// A name word at `i`: letters/digits (any script) and apostrophes, at most [`MAX_NAME`] bytes.
/// Returns its end, whether it is capitalised, and whether it starts with a digit.
pub(super) fn name_word(text: &str, i: usize) -> Option<(usize, bool, bool)> {
    let first = next_char(text, i)?;
    if !first.is_alphanumeric() {
        return None;
    }
    let mut end = i;
    for (off, c) in text[i..].char_indices() {
        if !(c.is_alphanumeric() || c == '\'') {
            break;
        }
        end = i + off + c.len_utf8();
        if end - i > MAX_NAME {
            return None;
        }
    }
    Some((end, first.is_uppercase(), first.is_ascii_digit()))
}

/// A house number: 1–5 digits, an optional letter (`5A`), an optional `/n` or `-n`.
pub(super) fn number_token(text: &str, j: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut k = digits_end(b, j, 5);
    if k == j || byte_at(b, k).is_ascii_digit() {
        return None;
    }
    if byte_at(b, k).is_ascii_alphabetic() && !byte_at(b, k + 1).is_ascii_alphanumeric() {
        k += 1;
    }
    if matches!(byte_at(b, k), b'/' | b'-') && byte_at(b, k + 1).is_ascii_digit() {
        k = digits_end(b, k + 1, 4);
    }
    ends_token(text, k).then_some(k)
}

/// `No. 5`, `no 12`, `Nomor 3A`, `#7`.
pub(super) fn marker_number(text: &str, j: usize) -> Option<usize> {
    let b = text.as_bytes();
    if byte_at(b, j) == b'#' {
        return number_token(text, skip_spaces(b, j + 1, 1));
    }
    let m = NUMBER_MARKERS
        .iter()
        .find(|m| eq_ic(b, j, m.as_bytes()) && !byte_at(b, j + m.len()).is_ascii_alphabetic())?;
    let mut k = j + m.len();
    if matches!(byte_at(b, k), b'.' | b':') {
        k += 1;
    }
    number_token(text, skip_spaces(b, k, 2))
}

/// `RT 03/RW 05`, `RT.3 RW.5`, `rt03/rw05`, `RT 03 / RW 05`.
pub(super) fn rt_rw(text: &str, j: usize) -> Option<usize> {
    let b = text.as_bytes();
    let part = |k: usize, word: &[u8]| -> Option<usize> {
        if !eq_ic(b, k, word) {
            return None;
        }
        let mut k = k + 2;
        if matches!(byte_at(b, k), b'.' | b':') {
            k += 1;
        }
        let k = skip_spaces(b, k, 2);
        let e = digits_end(b, k, 3);
        (e > k && !byte_at(b, e).is_ascii_digit()).then_some(e)
    };
    let e = part(j, b"rt")?;
    let mut k = skip_spaces(b, e, 2);
    if matches!(byte_at(b, k), b'/' | b',') {
        k = skip_spaces(b, k + 1, 2);
    }
    if k == e {
        return None;
    }
    let e = part(k, b"rw")?;
    ends_token(text, e).then_some(e)
}

/// `Blok C2`, `blok A-3`, `Blok. 7`.
pub(super) fn blok(text: &str, j: usize) -> Option<usize> {
    let b = text.as_bytes();
    if !eq_ic(b, j, b"blok") {
        return None;
    }
    let k = after_keyword(b, j + 4, true)?;
    let mut e = alnum_end(b, k);
    if e == k || e - k > 4 {
        return None;
    }
    if matches!(byte_at(b, e), b'-' | b'/') && byte_at(b, e + 1).is_ascii_alphanumeric() {
        let f = alnum_end(b, e + 1);
        if f - e > 4 {
            return None;
        }
        e = f;
    }
    ends_token(text, e).then_some(e)
}

/// Extends an address over trailing components: `, No. 10`, ` Gg. 3`, ` Blok C2`,
/// ` RT 03/RW 05`, ` Kav. 5`.
pub(super) fn continuations(text: &str, mut e: usize) -> usize {
    let b = text.as_bytes();
    for _ in 0..6 {
        let mut k = e;
        if byte_at(b, k) == b',' {
            k += 1;
        }
        k = skip_spaces(b, k, 2);
        if k == e {
            break;
        }
        let keyword = |words: &[&str]| -> Option<usize> {
            let w_end = alnum_end(b, k);
            if !in_list(&b[k..w_end], words) {
                return None;
            }
            number_token(text, after_keyword(b, w_end, true)?)
        };
        let next = marker_number(text, k)
            .or_else(|| rt_rw(text, k))
            .or_else(|| blok(text, k))
            .or_else(|| keyword(&["gg", "gang", "kav", "lt", "lantai", "km"]));
        match next {
            Some(n) => e = n,
            None => break,
        }
    }
    e
}

/// Reads up to five name words from `j`; stops before a word for which `stop` says so.
/// Returns where the terminator should start, the number of names and whether all were
/// capitalised.
pub(super) fn names(
    text: &str,
    mut j: usize,
    digits_ok: bool,
    stop: impl Fn(usize) -> bool,
) -> Option<(usize, usize, bool)> {
    let b = text.as_bytes();
    let (mut count, mut all_cap) = (0, true);
    while count < 5 && !stop(j) {
        let Some((e, cap, digit)) = name_word(text, j) else {
            break;
        };
        if digit && !digits_ok {
            break;
        }
        count += 1;
        all_cap &= cap || digit;
        let mut k = e;
        if byte_at(b, k) == b'.' && e - j <= 4 {
            k += 1;
        }
        if byte_at(b, k) == b',' {
            // A comma may separate the name from the number: `Jalan Sudirman, no 12`.
            return Some((skip_spaces(b, k + 1, 2), count, all_cap));
        }
        let n = skip_spaces(b, k, 3);
        if n == k && k == e {
            return None;
        }
        j = n;
    }
    Some((j, count, all_cap))
}

pub(super) fn id_street(text: &str, s: usize, w_end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let abbrev = w_end - s <= 3;
    let capital = b[s].is_ascii_uppercase();
    let j = after_keyword(b, w_end, abbrev)?;
    let (t, count, all_cap) = names(text, j, false, |k| marker_number(text, k).is_some())?;
    if count == 0 {
        return None;
    }
    let e = marker_number(text, t).or_else(|| {
        if (abbrev || capital) && all_cap {
            number_token(text, t)
        } else {
            None
        }
    })?;
    Some(continuations(text, e))
}

pub(super) fn complex(text: &str, s: usize, w_end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let j = after_keyword(b, w_end, w_end - s <= 4)?;
    let stop = |k: usize| marker_number(text, k).is_some() || blok(text, k).is_some();
    let (t, count, _) = names(text, j, true, stop)?;
    if count == 0 {
        return None;
    }
    let e = blok(text, t).or_else(|| marker_number(text, t))?;
    Some(continuations(text, e))
}

pub(super) fn english(text: &str, s: usize, w_end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let e = number_token(text, s)?;
    if e != w_end {
        return None;
    }
    let mut j = skip_spaces(b, e, 2);
    if j == e {
        return None;
    }
    let mut count = 0;
    loop {
        let (we, cap, digit) = name_word(text, j)?;
        if digit {
            return None;
        }
        if count > 0 && in_list(&b[j..we], EN_SUFFIX) {
            return ends_token(text, we).then_some(we);
        }
        if !cap || count == 3 {
            return None;
        }
        count += 1;
        let k = skip_spaces(b, we, 2);
        if k == we {
            return None;
        }
        j = k;
    }
}
