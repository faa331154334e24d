//! **E-mail addresses.** `local@domain` where the local part is 1–64 bytes of letters and
//! digits (any script) and `. _ % + -`, and the domain is a chain of labels ending in a known
//! top-level domain (see below; so `a@b` and `@user` handles are not addresses). Light
//! disguises are accepted: `[at]`, `(at)`, `{at}`, `(@)` with optional spaces, any spelled-out
//! dot (`[dot]`, ` dot `, ` titik `, `(.)`), and a bare word ` at ` only when the domain's first
//! label is a well-known mail provider (`nama at gmail dot com`, not `look at home dot com`).

use core::ops::Range;

use super::domain::parse_chain;
use super::shared::*;
use super::{Detection, Kind};

/// First labels of well-known mail providers, for the bare-word `at` disguise.
pub(super) const MAIL_PROVIDERS: &[&str] = &[
    "gmail",
    "googlemail",
    "yahoo",
    "ymail",
    "hotmail",
    "outlook",
    "live",
    "icloud",
    "proton",
    "protonmail",
    "aol",
    "yandex",
    "gmx",
    "zoho",
    "mail",
];

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum AtForm {
    /// `@`
    Plain,
    /// `(at)`, `[at]`, `{at}`, `(@)`, … with optional spaces around
    Bracket,
    /// ` at ` as a word
    Word,
}

pub(super) fn is_local(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// E-mail addresses: each marker starts at a noted position or the byte after (`@` is noted
/// one byte early for `(@)`).
pub(super) fn scan_emails(text: &str, spots: &Spots, out: &mut Vec<Detection>) {
    const START: [bool; 256] = byte_set(b"@([{aA");
    let b = text.as_bytes();
    // A marker noted one byte early (`(@)`) starts at most one byte past its window.
    let resume = |_: &[u8], lo: usize| lo;
    scan_windows(text, spots, &START, (resume, 1), Kind::Email, out, |i| {
        let closes = |c: u8| matches!(c, b')' | b']' | b'}');
        let (marker_end, form) = match b[i] {
            b'@' => (i + 1, AtForm::Plain),
            b'(' | b'[' | b'{' if eq_ic(b, i + 1, b"at") && closes(byte_at(b, i + 3)) => {
                (i + 4, AtForm::Bracket)
            }
            b'(' | b'[' | b'{' if byte_at(b, i + 1) == b'@' && closes(byte_at(b, i + 2)) => {
                (i + 3, AtForm::Bracket)
            }
            b'a' | b'A'
                if i > 0 && b[i - 1] == b' ' && eq_ic(b, i, b"at") && byte_at(b, i + 2) == b' ' =>
            {
                (i + 2, AtForm::Word)
            }
            _ => return Step::ResumeAt(i + 1),
        };
        match email_at(text, i, marker_end, form) {
            Some(span) => Step::Found(span),
            None => Step::ResumeAt(marker_end),
        }
    });
}

pub(super) fn email_at(
    text: &str,
    marker: usize,
    marker_end: usize,
    form: AtForm,
) -> Option<Range<usize>> {
    let b = text.as_bytes();
    // Local part, looked for backwards (at most 64 bytes, so `a@a@a@…` stays linear).
    let mut local_end = marker;
    if form != AtForm::Plain {
        while local_end > 0 && marker - local_end < 3 && b[local_end - 1] == b' ' {
            local_end -= 1;
        }
        if form == AtForm::Word && local_end == marker {
            return None;
        }
    }
    let mut start = local_end;
    for c in text[..local_end].chars().rev() {
        if !(c.is_alphanumeric() || (c.is_ascii() && is_local(c as u8))) {
            break;
        }
        start -= c.len_utf8();
        if local_end - start > 64 {
            return None;
        }
    }
    while start < local_end && b[start] == b'.' {
        start += 1;
    }
    if start == local_end
        || b[local_end - 1] == b'.'
        || !b[start..local_end].iter().any(u8::is_ascii_alphanumeric)
        || prev_char(text, start).is_some_and(is_word)
    {
        return None;
    }
    // Domain part.
    let ds = match form {
        AtForm::Plain => marker_end,
        AtForm::Bracket => skip_spaces(b, marker_end, 3),
        AtForm::Word => {
            let d = skip_spaces(b, marker_end, 3);
            if d == marker_end {
                return None;
            }
            d
        }
    };
    if !byte_at(b, ds).is_ascii_alphanumeric() {
        return None;
    }
    let chain = parse_chain(b, ds);
    let end = chain.best?;
    if next_char(text, end).is_some_and(|c| is_word(c) || matches!(c, '-' | '@')) {
        return None;
    }
    if form == AtForm::Word && !in_list(&b[ds..chain.first_end], MAIL_PROVIDERS) {
        return None;
    }
    Some(start..end)
}
