//! **Phone numbers.** A candidate is a run of digit groups joined by short separators (one to
//! three of space, tab, `-`, `(`, `)`; a `.` only on its own), optionally opened by `(` and/or
//! `+`. It must not be glued to a letter, digit or one of `_ . , / - $ € £ @ # %` on its left
//! (so `Rp50.000`, `$1,299.99`, `v1.2.3` never start one). The longest prefix of groups that
//! fits one of these shapes wins:
//! - Indonesian mobile: digits start with `08` and number 10–13 (no `+`); or start with `628`
//!   and number 11–14 (`+62 812…`, `62 812…`, `(+62) 812-3456-7890`). Separators may sit between
//!   every digit (`0 8 1 2 3 4 5 6 7 8 9`).
//! - International: a leading `+`, a first digit other than `0`, 8–15 digits.
//! - Indonesian landline: `0` then not `0`/`8`, 9–12 digits, an area-code group of 2–4 digits
//!   first, at least two groups, no `.` separators (`(021) 555-1234`, `0274 123456`).
//! - North American: groups 3-3-4 (or 1-3-3-4 starting with `1`), area code not starting with
//!   `0`/`1`, written `(555) 123-4567` or with one separator kind throughout.
//!
//! Everything else is not a phone number: years, prices, dates, times (`:` and `/` are not
//! separators), versions, IP addresses, and bare digit runs that do not start with `08`/`62 8`.

use core::ops::Range;

use super::shared::*;
use super::{Detection, Kind};

/// At most this many digits in any phone number.
pub(super) const MAX_PHONE_DIGITS: usize = 15;

/// Phone numbers: each starts at a digit or at most 2 bytes before one (`(+`); `spots`
/// covers every digit.
pub(super) fn scan_phones(text: &str, spots: &Spots, out: &mut Vec<Detection>) {
    const START: [bool; 256] = byte_set(b"0123456789+(");
    let b = text.as_bytes();
    let resume = |_: &[u8], lo: usize| lo.saturating_sub(2);
    scan_windows(
        text,
        spots,
        &START,
        (resume, 0),
        Kind::PhoneNumber,
        out,
        |i| {
            let c = b[i];
            let starts = c.is_ascii_digit()
                || (c == b'+' && byte_at(b, i + 1).is_ascii_digit())
                || (c == b'('
                    && (byte_at(b, i + 1).is_ascii_digit()
                        || (byte_at(b, i + 1) == b'+' && byte_at(b, i + 2).is_ascii_digit())));
            let boundary = || {
                prev_char(text, i).is_none_or(|p| {
                    !(is_word(p)
                        || matches!(
                            p,
                            '.' | ',' | '/' | '-' | '+' | '$' | '€' | '£' | '@' | '#' | '%'
                        ))
                })
            };
            match starts && boundary() {
                true => phone_at(b, i).map_or(Step::ResumeAt(i + 1), Step::Found),
                false => Step::ResumeAt(i + 1),
            }
        },
    );
}

/// Parses digit groups from `s` (bounded: stops past [`MAX_PHONE_DIGITS`] digits) and returns
/// the longest phone-shaped prefix.
pub(super) fn phone_at(b: &[u8], s: usize) -> Option<Range<usize>> {
    let mut j = s;
    let paren = byte_at(b, j) == b'(';
    if paren {
        j += 1;
    }
    let plus = byte_at(b, j) == b'+';
    if plus {
        j += 1;
    }
    let mut digits = [0u8; MAX_PHONE_DIGITS];
    let mut n = 0;
    // Per complete group: its length, its end, and the separator that follows it.
    let mut lens = [0u8; MAX_PHONE_DIGITS];
    let mut ends = [0usize; MAX_PHONE_DIGITS];
    let mut seps = [0u8; MAX_PHONE_DIGITS];
    let mut first_sep_closes = false;
    let mut groups = 0;
    loop {
        let gs = j;
        let mut overflow = false;
        while j < b.len() && b[j].is_ascii_digit() {
            if n == MAX_PHONE_DIGITS {
                overflow = true;
                break;
            }
            digits[n] = b[j];
            n += 1;
            j += 1;
        }
        if overflow {
            n -= j - gs;
            break;
        }
        lens[groups] = (j - gs) as u8;
        ends[groups] = j;
        groups += 1;
        // Separator: 1–3 of space, tab, `-`, `(`, `)`, or a lone `.`.
        let mut k = j;
        while k < b.len() && k - j < 3 && matches!(b[k], b' ' | b'\t' | b'-' | b'(' | b')' | b'.') {
            k += 1;
        }
        let sep = &b[j..k];
        if k == j || !byte_at(b, k).is_ascii_digit() || (sep.contains(&b'.') && sep.len() != 1) {
            break;
        }
        if groups == 1 {
            first_sep_closes = sep.contains(&b')');
        }
        seps[groups - 1] = sep
            .iter()
            .copied()
            .find(|&c| c != b' ' && c != b'\t')
            .unwrap_or(b' ');
        j = k;
    }
    let start = if paren && first_sep_closes {
        s
    } else if paren {
        s + 1
    } else {
        s
    };
    let paren_area = paren && first_sep_closes;
    let mut total = n;
    for g in (1..=groups).rev() {
        if phone_shape(
            &digits[..total],
            &lens[..g],
            &seps[..g - 1],
            plus,
            paren_area,
        ) {
            return Some(start..ends[g - 1]);
        }
        total -= lens[g - 1] as usize;
    }
    None
}

pub(super) fn phone_shape(
    d: &[u8],
    lens: &[u8],
    seps: &[u8],
    plus: bool,
    paren_area: bool,
) -> bool {
    let n = d.len();
    if n < 8 {
        return false;
    }
    // Indonesian mobile.
    if !plus && d.starts_with(b"08") && (10..=13).contains(&n) {
        return true;
    }
    if d.starts_with(b"628") && (11..=14).contains(&n) {
        return true;
    }
    // International.
    if plus && d[0] != b'0' && (8..=MAX_PHONE_DIGITS).contains(&n) {
        return true;
    }
    // Indonesian landline.
    if !plus
        && d[0] == b'0'
        && !matches!(d[1], b'0' | b'8')
        && (9..=12).contains(&n)
        && lens.len() >= 2
        && (2..=4).contains(&lens[0])
        && !seps.contains(&b'.')
    {
        return true;
    }
    // North American.
    let one_kind = seps.windows(2).all(|w| w[0] == w[1]);
    if !plus && lens == [3, 3, 4] && !matches!(d[0], b'0' | b'1') && (paren_area || one_kind) {
        return true;
    }
    !plus && lens == [1, 3, 3, 4] && d[0] == b'1' && !matches!(d[1], b'0' | b'1') && one_kind
}
