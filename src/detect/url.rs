//! **URLs**: `http://`, `https://` or `www.` (at a word start) followed by a host, up to the next
//! space or non-ASCII character; trailing sentence punctuation and unbalanced closing brackets
//! are trimmed.

use super::shared::*;
use super::{Detection, Kind};

/// URLs: each starts at most 5 bytes before a noted `://` (`https://`) or `www.` `.`.
pub(super) fn scan_urls(text: &str, spots: &Spots, out: &mut Vec<Detection>) {
    const START: [bool; 256] = byte_set(b"hHwW");
    let b = text.as_bytes();
    let resume = |_: &[u8], lo: usize| lo.saturating_sub(5);
    scan_windows(text, spots, &START, (resume, 0), Kind::Url, out, |i| {
        let lead = match b[i] | 0x20 {
            b'h' if eq_ic(b, i, b"https://") => 8,
            b'h' if eq_ic(b, i, b"http://") => 7,
            b'w' if eq_ic(b, i, b"www.") => 4,
            _ => 0,
        };
        if lead == 0
            || prev_char(text, i)
                .is_some_and(|c| is_word(c) || matches!(c, '.' | '@' | '-' | '/' | ':'))
        {
            return Step::ResumeAt(i + 1);
        }
        let host = i + lead;
        if byte_at(b, host).is_ascii_alphanumeric() {
            let ok = lead != 4 || {
                // `www.` needs a dotted host: `www.example.com`.
                let mut j = host;
                let mut dotted = false;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b'.')
                {
                    if b[j] == b'.' && byte_at(b, j + 1).is_ascii_alphanumeric() {
                        dotted = true;
                    }
                    j += 1;
                }
                dotted
            };
            if ok {
                return Step::Found(i..url_tail(b, host));
            }
        }
        Step::ResumeAt(i + lead)
    });
}
