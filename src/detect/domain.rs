//! **Domains**: labels of `A-Z a-z 0-9 -` joined by dots, ending in a top-level domain from a
//! compact list (`TLDS` in the source: the generic ones people share — `com`, `net`, `org`,
//! `info`, `xyz`, `io`, `me`, `ly`, `gg`, `vip`, `club`, `online`, `site`, `top`, `link`,
//! `live`, … — and a few country codes, `id` first). A `/path` after a plainly written domain
//! belongs to it (`bit.ly/abc`). Spelled-out dots count too: `situs dot com`,
//! `situs titik com`, `situs (dot) com`, `situs [.] com`, `situs . com`. A top-level label
//! written `Capitalised` (`selesai.Me`) is read as a missing space after a full stop, and file
//! extensions (`jpg`, `pdf`, …) are not in the list, so `foto.jpg`, `3.14`, `e.g.` and `dll.`
//! are not links.

use super::shared::*;
use super::{Detection, Kind};

/// Top-level domains recognised for bare and spelled-out domains (lowercase). File extensions
/// and ordinary short words (`in`, `it`, `is`, `at`, `to`, `so`, `do`, `be`, `no`) are left out
/// on purpose.
pub(super) const TLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "xyz", "io", "me", "ly", "gg", "vip", "club", "online",
    "site", "top", "link", "live", "id", "co", "tv", "cc", "app", "dev", "ai", "pro", "win", "bet",
    "fun", "icu", "asia", "shop", "store", "website", "space", "tech", "cloud", "today", "news",
    "blog", "email", "click", "mobi", "tk", "ml", "ga", "cf", "gq", "pw", "ws", "sg", "my", "uk",
    "us", "au", "jp", "cn", "ru", "de", "nl", "eu", "ca", "ph", "xxx", "porn", "adult", "casino",
    "poker", "games", "stream", "world", "tokyo", "edu", "gov",
];

pub(super) fn label_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
        j += 1;
    }
    j
}

pub(super) fn label_ok(b: &[u8], start: usize, end: usize) -> bool {
    end > start && end - start <= 63 && b[start] != b'-' && b[end - 1] != b'-'
}

pub(super) fn is_tld(label: &[u8]) -> bool {
    if !(2..=7).contains(&label.len()) || !label.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    // `Capitalised` reads as a sentence start after a missing space (`selesai.Me`).
    let capitalised =
        label[0].is_ascii_uppercase() && label[1..].iter().any(u8::is_ascii_lowercase);
    !capitalised && in_list(label, TLDS)
}

/// A separator between two labels starting at `j` (right after a label): a plain `.`, or, if
/// `allow_obf`, a spelled-out dot. Returns where the next label starts and whether the
/// separator was spelled out.
pub(super) fn separator(b: &[u8], j: usize, allow_obf: bool) -> Option<(usize, bool)> {
    if byte_at(b, j) == b'.' && byte_at(b, j + 1).is_ascii_alphanumeric() {
        return Some((j + 1, false));
    }
    if !allow_obf {
        return None;
    }
    let k = skip_spaces(b, j, 3);
    let spaced = k > j;
    let (m, word) = match byte_at(b, k) {
        open @ (b'[' | b'(' | b'{') => {
            let close = match open {
                b'[' => b']',
                b'(' => b')',
                _ => b'}',
            };
            if byte_at(b, k + 1) == b'.' && byte_at(b, k + 2) == close {
                (k + 3, false)
            } else if eq_ic(b, k + 1, b"dot") && byte_at(b, k + 4) == close {
                (k + 5, false)
            } else if open != b'{' && eq_ic(b, k + 1, b"titik") && byte_at(b, k + 6) == close {
                (k + 7, false)
            } else {
                return None;
            }
        }
        b'd' | b'D' if spaced && eq_ic(b, k, b"dot") => (k + 3, true),
        b't' | b'T' if spaced && eq_ic(b, k, b"titik") => (k + 5, true),
        b'.' if spaced => (k + 1, false),
        _ => return None,
    };
    let n = skip_spaces(b, m, 3);
    if word && n == m {
        return None;
    }
    byte_at(b, n).is_ascii_alphanumeric().then_some((n, true))
}

pub(super) struct Chain {
    /// Where parsing stopped.
    pub(super) scanned_end: usize,
    /// End of the longest prefix chain (≥ 2 labels) ending in a TLD.
    pub(super) best: Option<usize>,
    /// Whether that prefix used a spelled-out separator.
    pub(super) obfuscated: bool,
    /// End of the first label.
    pub(super) first_end: usize,
}

pub(super) fn parse_chain(b: &[u8], start: usize) -> Chain {
    let first_end = label_end(b, start);
    let mut chain = Chain {
        scanned_end: first_end,
        best: None,
        obfuscated: false,
        first_end,
    };
    if !label_ok(b, start, first_end) {
        return chain;
    }
    let mut obf = false;
    let mut j = first_end;
    while let Some((next, is_obf)) = separator(b, j, true) {
        let end = label_end(b, next);
        if !label_ok(b, next, end) {
            break;
        }
        obf |= is_obf;
        if is_tld(&b[next..end]) {
            chain.best = Some(end);
            chain.obfuscated = obf;
        }
        j = end;
    }
    chain.scanned_end = j;
    chain
}

/// Domains: the first label ends at most 8 bytes before a noted separator position
/// (`  [titik`).
pub(super) fn scan_domains(text: &str, spots: &Spots, out: &mut Vec<Detection>) {
    const ALNUM: [bool; 256] =
        byte_set(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    let b = text.as_bytes();
    // Resume where that label's run of letters, digits and `-` starts, as the scan from 0 would.
    let resume = |b: &[u8], lo: usize| {
        let mut from = lo.saturating_sub(10);
        while from > 0 && (b[from - 1].is_ascii_alphanumeric() || b[from - 1] == b'-') {
            from -= 1;
        }
        from
    };
    scan_windows(text, spots, &ALNUM, (resume, 0), Kind::Domain, out, |i| {
        let first_end = label_end(b, i);
        if separator(b, first_end, true).is_none() {
            // A lone label: whatever the boundary, the scan resumes after it.
            return Step::ResumeAt(first_end);
        }
        let boundary = prev_char(text, i).is_none_or(|c| !(is_word(c) || matches!(c, '.' | '-')));
        if !boundary {
            return Step::ResumeAt(label_end(b, i));
        }
        let chain = parse_chain(b, i);
        let best = chain.best.filter(|&end| {
            next_char(text, end).is_none_or(|c| !(is_word(c) || matches!(c, '-' | '@')))
        });
        match best {
            Some(end) if !chain.obfuscated && byte_at(b, end) == b'/' => {
                Step::Found(i..url_tail(b, end))
            }
            Some(end) => Step::Found(i..end),
            None => Step::ResumeAt(chain.scanned_end),
        }
    });
}
