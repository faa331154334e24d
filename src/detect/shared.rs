//! What every detector shares: the one pass over the text that notes where each detector's
//! trigger occurs ([`Seen`], [`Spots`]), the loop that runs a detector over those stretches
//! only ([`scan_windows`]), and byte and character helpers.

use core::ops::Range;

use super::{Detection, Kind};

// Byte classes for the pass: 0 for the bytes that trigger nothing on their own.
pub(super) const C_DIGIT: u8 = 1;
pub(super) const C_COLON: u8 = 2;
pub(super) const C_DOT: u8 = 3;
pub(super) const C_AT: u8 = 4;
/// `t` or `k` (either case): the last letter of `dot`, `(at`, `{at`, `titik`, `blok`, and the
/// `t` of ` at `.
pub(super) const C_END: u8 = 5;

pub(super) const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = b'0';
    while c <= b'9' {
        t[c as usize] = C_DIGIT;
        c += 1;
    }
    t[b':' as usize] = C_COLON;
    t[b'.' as usize] = C_DOT;
    t[b'@' as usize] = C_AT;
    t[b't' as usize] = C_END;
    t[b'T' as usize] = C_END;
    t[b'k' as usize] = C_END;
    t[b'K' as usize] = C_END;
    t
};

/// The last four bytes, ASCII-lowercased (`| 0x20`), that may end a spelled-out trigger:
/// `dot`, `itik` (of `titik`), `(at` (and `[at`), `{at`, `blok`.
pub(super) const W_DOT: u32 = u32::from_be_bytes(*b"\0dot");
pub(super) const W_ITIK: u32 = u32::from_be_bytes(*b"itik");
pub(super) const W_PAREN_AT: u32 = u32::from_be_bytes(*b"\0(at");
pub(super) const W_BRACE_AT: u32 = u32::from_be_bytes(*b"\0{at");
pub(super) const W_BLOK: u32 = u32::from_be_bytes(*b"blok");

/// Where one kind of trigger was seen: up to [`Spots::MAX`] windows `lo..=hi` of positions,
/// a position within `gap` of a window's end joining it; past the last window, the last one
/// grows to cover the rest.
#[derive(Clone, Copy)]
pub(super) struct Spots {
    gap: usize,
    n: usize,
    windows: [(usize, usize); Spots::MAX],
}

impl Spots {
    pub(super) const MAX: usize = 8;

    pub(super) fn new(gap: usize) -> Spots {
        Spots {
            gap,
            n: 0,
            windows: [(0, 0); Spots::MAX],
        }
    }

    /// Notes position `i`; positions come in non-decreasing order.
    pub(super) fn note(&mut self, i: usize) {
        if self.n > 0 {
            let last = &mut self.windows[self.n - 1];
            if i <= last.1 + self.gap || self.n == Spots::MAX {
                last.1 = last.1.max(i);
                return;
            }
        }
        self.windows[self.n] = (i, i);
        self.n += 1;
    }

    pub(super) fn any(&self) -> bool {
        self.n > 0
    }

    pub(super) fn windows(&self) -> &[(usize, usize)] {
        &self.windows[..self.n]
    }
}

/// What one pass over the text saw. Each position is at or before where the scanner that
/// needs the trigger could start a match (URL: `://` and the `.` of `www.`; e-mail: the
/// marker, one byte early for `(@)`; separator: `.`, or the last letter of `dot`/`titik`).
pub(super) struct Seen {
    pub(super) digits: usize,
    /// Digits and `blok`: every address starts at most [`ADDRESS_REACH`] bytes before one.
    pub(super) anchor: Spots,
    pub(super) url: Spots,
    pub(super) separator: Spots,
    pub(super) at: Spots,
}

/// How far an address starts before its first digit or `blok` at most: a keyword, up to
/// five name words of at most [`MAX_NAME`] bytes with their dots and spaces, a marker.
pub(super) const ADDRESS_REACH: usize = 256;

impl Seen {
    pub(super) fn of(b: &[u8]) -> Seen {
        let mut seen = Seen {
            digits: 0,
            anchor: Spots::new(ADDRESS_REACH),
            url: Spots::new(16),
            separator: Spots::new(16),
            at: Spots::new(16),
        };
        // One table look-up per byte; the spelled-out words are looked at only from their last
        // letter (`t`, `k`), the letters before it read back from the text.
        for (i, &c) in b.iter().enumerate() {
            match CLASS[c as usize] {
                0 => {}
                C_DIGIT => {
                    seen.digits += 1;
                    seen.anchor.note(i);
                }
                C_END => seen.ending(b, i),
                k => seen.rare(b, i, k),
            }
        }
        seen
    }

    /// A `:`, `.` or `@` at `i`.
    #[cold]
    pub(super) fn rare(&mut self, b: &[u8], i: usize, k: u8) {
        match k {
            C_COLON => {
                if eq_ic(b, i + 1, b"//") {
                    self.url.note(i);
                }
            }
            C_DOT => {
                let prev = if i > 0 { b[i - 1] } else { 0 };
                if byte_at(b, i + 1).is_ascii_alphanumeric() || opens_spelled(prev) {
                    self.separator.note(i);
                }
                if i >= 3 && eq_ic(b, i - 3, b"www") {
                    self.url.note(i);
                }
            }
            _ => self.at.note(i.saturating_sub(1)),
        }
    }

    /// A `t` or `k` at `i`: the end of a spelled-out trigger, or the `t` of ` at `.
    #[inline]
    pub(super) fn ending(&mut self, b: &[u8], i: usize) {
        // The last four bytes, each `| 0x20`, zero before the text.
        let lowered = |j: usize| i.checked_sub(j).map_or(0, |k| u32::from(b[k] | 0x20));
        let w = lowered(3) << 24 | lowered(2) << 16 | lowered(1) << 8 | lowered(0);
        let w3 = w & 0xFF_FFFF;
        if (w3 == W_DOT) | (w == W_ITIK) | (w3 == W_PAREN_AT) | (w3 == W_BRACE_AT) | (w == W_BLOK) {
            self.spelled(b, i, w);
        }
        // ` at `, noted from its `t`: nothing else notes an `@` between the `t` and the space.
        if b[i] | 0x20 == b't'
            && i >= 2
            && b[i - 2] == b' '
            && b[i - 1] | 0x20 == b'a'
            && byte_at(b, i + 1) == b' '
        {
            self.at.note(i - 1);
        }
    }

    /// The lowered window `w` ending at `i` looks like a spelled-out trigger: check the bytes.
    #[cold]
    pub(super) fn spelled(&mut self, b: &[u8], i: usize, w: u32) {
        let w3 = w & 0xFF_FFFF;
        if w3 == W_DOT && i >= 3 && opens_spelled(b[i - 3]) {
            self.separator.note(i);
        }
        if w == W_ITIK && i >= 5 && b[i - 4] | 0x20 == b't' && opens_spelled(b[i - 5]) {
            self.separator.note(i);
        }
        if (w3 == W_PAREN_AT || w3 == W_BRACE_AT) && matches!(b[i - 2], b'(' | b'[' | b'{') {
            self.at.note(i - 2);
        }
        if w == W_BLOK {
            self.anchor.note(i - 3);
        }
    }
}

/// Bytes after which [`separator`] reads a spelled-out dot: a space, a tab, an opening bracket.
pub(super) fn opens_spelled(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'(' | b'[' | b'{')
}

/// A 256-entry membership table for `bytes`.
pub(super) const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
}

/// The first index `>= i` whose byte is in `set`, or `b.len()`.
#[inline]
pub(super) fn next_in(b: &[u8], i: usize, set: &[bool; 256]) -> usize {
    let mut j = i;
    while j < b.len() && !set[b[j] as usize] {
        j += 1;
    }
    j
}

pub(super) fn prev_char(text: &str, i: usize) -> Option<char> {
    match text.as_bytes()[..i].last() {
        Some(&c) if c < 0x80 => Some(c as char),
        Some(_) => text[..i].chars().next_back(),
        None => None,
    }
}

pub(super) fn next_char(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&c) if c < 0x80 => Some(c as char),
        Some(_) => text[i..].chars().next(),
        None => None,
    }
}

pub(super) fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric()
    }
}

/// Case-insensitive ASCII comparison of `b[i..]` with `pat`.
#[inline(always)]
pub(super) fn eq_ic(b: &[u8], i: usize, pat: &[u8]) -> bool {
    match b.get(i..i + pat.len()) {
        Some(s) => s.iter().zip(pat).all(|(x, y)| x.eq_ignore_ascii_case(y)),
        None => false,
    }
}

pub(super) fn in_list(word: &[u8], list: &[&str]) -> bool {
    list.iter()
        .any(|w| w.len() == word.len() && eq_ic(word, 0, w.as_bytes()))
}

/// Skips at most `max` spaces or tabs.
pub(super) fn skip_spaces(b: &[u8], i: usize, max: usize) -> usize {
    let mut j = i;
    while j < b.len() && j - i < max && (b[j] == b' ' || b[j] == b'\t') {
        j += 1;
    }
    j
}

pub(super) fn byte_at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

pub(super) fn alnum_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    j
}

pub(super) fn digits_end(b: &[u8], i: usize, max: usize) -> usize {
    let mut j = i;
    while j < b.len() && j - i < max && b[j].is_ascii_digit() {
        j += 1;
    }
    j
}

/// Is position `i` at the end of a token (nothing word-like follows)?
pub(super) fn ends_token(text: &str, i: usize) -> bool {
    next_char(text, i).is_none_or(|c| !is_word(c))
}

/// End of a URL tail starting at `i`: printable ASCII up to whitespace, minus trailing
/// punctuation and unbalanced closing brackets.
pub(super) fn url_tail(b: &[u8], i: usize) -> usize {
    let mut end = i;
    let (mut open, mut close) = (0usize, 0usize);
    while end < b.len() {
        let c = b[end];
        if !(0x21..=0x7e).contains(&c) || b"<>\"'`{}|\\^".contains(&c) {
            break;
        }
        match c {
            b'(' | b'[' => open += 1,
            b')' | b']' => close += 1,
            _ => {}
        }
        end += 1;
    }
    while end > i {
        match b[end - 1] {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'*' => end -= 1,
            b')' | b']' if close > open => {
                close -= 1;
                end -= 1;
            }
            _ => break,
        }
    }
    end
}

/// What a detector decided at one position.
pub(super) enum Step {
    /// A detection; the scan goes on at its end.
    Found(Range<usize>),
    /// Nothing starts here; the scan goes on at this position (at least one byte further).
    ResumeAt(usize),
}

/// The loop every detector runs: over each window `lo..=hi` of `spots`, from `bounds.0(lo)`
/// to `hi + bounds.1` (where a match can start at the earliest and the latest), at every byte
/// in `starts`, asks `at` what is there. Positions only move forward, across windows too, so
/// the whole scan is linear.
pub(super) fn scan_windows(
    text: &str,
    spots: &Spots,
    starts: &[bool; 256],
    bounds: (impl Fn(&[u8], usize) -> usize, usize),
    kind: Kind,
    out: &mut Vec<Detection>,
    mut at: impl FnMut(usize) -> Step,
) {
    let b = text.as_bytes();
    let (resume, reach) = bounds;
    let mut i = 0;
    for &(lo, hi) in spots.windows() {
        i = i.max(resume(b, lo));
        loop {
            i = next_in(b, i, starts);
            if i == b.len() || i > hi + reach {
                break;
            }
            match at(i) {
                Step::Found(span) => {
                    i = span.end.max(i + 1);
                    out.push(Detection { span, kind });
                }
                Step::ResumeAt(next) => i = next.max(i + 1),
            }
        }
    }
}
