//! Detectors that run beside the lexicon, on the **original** text: phone numbers, e-mail
//! addresses, street addresses, URLs and bare domains.
//!
//! Everything here is a hand-written scanner over bytes (no `regex`, to keep the WebAssembly
//! small). Every scanner moves forward through the text and looks ahead or back by a bounded
//! number of bytes only, so the whole pass is linear in the input, whatever the input is
//! (`a@a@a@…`, `0.0.0.0…`, `http://http://…`, a 10 MB line). Nothing is allocated per character.
//!
//! # Rules
//!
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
//!
//! **E-mail addresses.** `local@domain` where the local part is 1–64 bytes of letters and
//! digits (any script) and `. _ % + -`, and the domain is a chain of labels ending in a known
//! top-level domain (see below; so `a@b` and `@user` handles are not addresses). Light
//! disguises are accepted: `[at]`, `(at)`, `{at}`, `(@)` with optional spaces, any spelled-out
//! dot (`[dot]`, ` dot `, ` titik `, `(.)`), and a bare word ` at ` only when the domain's first
//! label is a well-known mail provider (`nama at gmail dot com`, not `look at home dot com`).
//!
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
//!
//! **URLs**: `http://`, `https://` or `www.` (at a word start) followed by a host, up to the next
//! space or non-ASCII character; trailing sentence punctuation and unbalanced closing brackets
//! are trimmed.
//!
//! **Domains**: labels of `A-Z a-z 0-9 -` joined by dots, ending in a top-level domain from a
//! compact list (`TLDS` in the source: the generic ones people share — `com`, `net`, `org`,
//! `info`, `xyz`, `io`, `me`, `ly`, `gg`, `vip`, `club`, `online`, `site`, `top`, `link`,
//! `live`, … — and a few country codes, `id` first). A `/path` after a plainly written domain
//! belongs to it (`bit.ly/abc`). Spelled-out dots count too: `situs dot com`,
//! `situs titik com`, `situs (dot) com`, `situs [.] com`, `situs . com`. A top-level label
//! written `Capitalised` (`selesai.Me`) is read as a missing space after a full stop, and file
//! extensions (`jpg`, `pdf`, …) are not in the list, so `foto.jpg`, `3.14`, `e.g.` and `dll.`
//! are not links.
//!
//! **Overlaps** are resolved by priority, URL > e-mail > phone > street address > domain: an
//! e-mail contains its domain, a URL may contain a phone-like number, and only the outer,
//! higher-priority detection is reported.

use core::ops::Range;

/// What a detector found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    /// Byte range in the input, on char boundaries (`&text[span]` is the original text).
    pub span: Range<usize>,
    /// Which detector found it.
    pub kind: Kind,
}

/// The kinds of things the detectors look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A phone number (Indonesian mobile or landline, international, North American).
    PhoneNumber,
    /// An e-mail address, possibly lightly disguised (`nama [at] gmail [dot] com`).
    Email,
    /// A street address (`Jl. Melati No. 5`, `RT 03/RW 05`, `42 Baker St`).
    StreetAddress,
    /// A URL with a scheme or a `www.` prefix.
    Url,
    /// A bare domain (`situs.com`, `bit.ly/abc`) or a spelled-out one (`situs dot com`).
    Domain,
}

impl Kind {
    /// Canonical term string reported to users: `"phone-number"`, `"e-mail"`,
    /// `"street-address"`, `"url"`, `"domain"`.
    ///
    /// ```
    /// assert_eq!(saring::detect::Kind::Email.term(), "e-mail");
    /// ```
    pub fn term(self) -> &'static str {
        match self {
            Kind::PhoneNumber => "phone-number",
            Kind::Email => "e-mail",
            Kind::StreetAddress => "street-address",
            Kind::Url => "url",
            Kind::Domain => "domain",
        }
    }

    /// `true` for `PhoneNumber`, `Email`, `StreetAddress` (category `personal-info`); `false`
    /// for `Url`, `Domain` (category `link`).
    ///
    /// ```
    /// use saring::detect::Kind;
    /// assert!(Kind::PhoneNumber.is_personal_info());
    /// assert!(!Kind::Url.is_personal_info());
    /// ```
    pub fn is_personal_info(self) -> bool {
        matches!(self, Kind::PhoneNumber | Kind::Email | Kind::StreetAddress)
    }
}

/// Appends every detection in `text` to `out`, sorted by start, non-overlapping.
///
/// Runs on the original (not normalized) text; spans are byte offsets into `text`.
///
/// ```
/// use saring::detect::{detect_into, Kind};
///
/// let text = "WA aku di 0812-3456-7890 ya, atau cek situs dot com";
/// let mut found = Vec::new();
/// saring::detect::detect_into(text, &mut found);
/// let got: Vec<(&str, Kind)> = found.iter().map(|d| (&text[d.span.clone()], d.kind)).collect();
/// assert_eq!(got, [("0812-3456-7890", Kind::PhoneNumber), ("situs dot com", Kind::Domain)]);
/// ```
pub fn detect_into(text: &str, out: &mut Vec<Detection>) {
    let b = text.as_bytes();
    let seen = Seen::of(b);
    // Detections are accepted scanner by scanner in priority order; each scanner pushes its
    // candidates in ascending order of start, and `keep` drops those that overlap anything
    // accepted before. A scanner runs only when its trigger occurs in the text, and only from
    // where the first one can start a match to where the last one can.
    let base = out.len();
    let mut cands = Vec::new();
    if seen.url.any() {
        scan_urls(text, &seen.url, &mut cands);
        keep(out, base, &mut cands);
    }
    if seen.separator.any() && seen.at.any() {
        scan_emails(text, &seen.at, &mut cands);
        keep(out, base, &mut cands);
    }
    // A phone number has at least 8 digits.
    if seen.digits >= 8 {
        scan_phones(text, &seen.anchor, &mut cands);
        keep(out, base, &mut cands);
    }
    // Every address has a number after its start, except `Komplek … Blok C`.
    if seen.anchor.any() {
        scan_addresses(text, &seen.anchor, &mut cands);
        keep(out, base, &mut cands);
    }
    if seen.separator.any() {
        scan_domains(text, &seen.separator, &mut cands);
        keep(out, base, &mut cands);
    }
}

/// Moves the candidates of one scanner (ascending starts, non-empty spans) into `out[base..]`
/// (sorted, disjoint), dropping every candidate that overlaps one accepted before it.
fn keep(out: &mut Vec<Detection>, base: usize, cands: &mut Vec<Detection>) {
    if cands.is_empty() {
        return;
    }
    if out.len() == base {
        // Only earlier candidates of the same scanner can overlap (e-mails can).
        for d in cands.drain(..) {
            if out.len() == base || out[out.len() - 1].span.end <= d.span.start {
                out.push(d);
            }
        }
        return;
    }
    let mut merged = Vec::with_capacity(out.len() - base + cands.len());
    // `p`: the first kept detection that ends after the candidate's start.
    let mut p = base;
    let mut last_end = 0;
    for d in cands.drain(..) {
        while p < out.len() && out[p].span.end <= d.span.start {
            merged.push(out[p].clone());
            p += 1;
        }
        let hits_kept = p < out.len() && out[p].span.start < d.span.end;
        if hits_kept || last_end > d.span.start {
            continue;
        }
        last_end = d.span.end;
        merged.push(d);
    }
    merged.extend(out.drain(p..));
    out.truncate(base);
    out.append(&mut merged);
}

// What the first pass over the text looks for: a trigger that each scanner needs before it can
// find anything, and where the triggers are, so each scanner runs only over the stretch of
// text that can hold what it looks for.

// Byte classes for the pass: 0 for the bytes that trigger nothing on their own.
const C_DIGIT: u8 = 1;
const C_COLON: u8 = 2;
const C_DOT: u8 = 3;
const C_AT: u8 = 4;

const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = b'0';
    while c <= b'9' {
        t[c as usize] = C_DIGIT;
        c += 1;
    }
    t[b':' as usize] = C_COLON;
    t[b'.' as usize] = C_DOT;
    t[b'@' as usize] = C_AT;
    t
};

/// The last four bytes, ASCII-lowercased (`| 0x20`), that may end a spelled-out trigger:
/// `dot`, `itik` (of `titik`), ` at `, `(at` (and `[at`), `{at`, `blok`.
const W_DOT: u32 = u32::from_be_bytes(*b"\0dot");
const W_ITIK: u32 = u32::from_be_bytes(*b"itik");
const W_AT: u32 = u32::from_be_bytes(*b" at ");
const W_PAREN_AT: u32 = u32::from_be_bytes(*b"\0(at");
const W_BRACE_AT: u32 = u32::from_be_bytes(*b"\0{at");
const W_BLOK: u32 = u32::from_be_bytes(*b"blok");

/// Where one kind of trigger was seen: up to [`Spots::MAX`] windows `lo..=hi` of positions,
/// a position within `gap` of a window's end joining it; past the last window, the last one
/// grows to cover the rest.
#[derive(Clone, Copy)]
struct Spots {
    gap: usize,
    n: usize,
    windows: [(usize, usize); Spots::MAX],
}

impl Spots {
    const MAX: usize = 8;

    fn new(gap: usize) -> Spots {
        Spots {
            gap,
            n: 0,
            windows: [(0, 0); Spots::MAX],
        }
    }

    /// Notes position `i`; positions come in non-decreasing order.
    fn note(&mut self, i: usize) {
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

    fn any(&self) -> bool {
        self.n > 0
    }

    fn windows(&self) -> &[(usize, usize)] {
        &self.windows[..self.n]
    }
}

/// What one pass over the text saw. Each position is at or before where the scanner that
/// needs the trigger could start a match (URL: `://` and the `.` of `www.`; e-mail: the
/// marker, one byte early for `(@)`; separator: `.`, or the last letter of `dot`/`titik`).
struct Seen {
    digits: usize,
    /// Digits and `blok`: every address starts at most [`ADDRESS_REACH`] bytes before one.
    anchor: Spots,
    url: Spots,
    separator: Spots,
    at: Spots,
}

/// How far an address starts before its first digit or `blok` at most: a keyword, up to
/// five name words of at most [`MAX_NAME`] bytes with their dots and spaces, a marker.
const ADDRESS_REACH: usize = 256;

impl Seen {
    fn of(b: &[u8]) -> Seen {
        let mut seen = Seen {
            digits: 0,
            anchor: Spots::new(ADDRESS_REACH),
            url: Spots::new(16),
            separator: Spots::new(16),
            at: Spots::new(16),
        };
        // Branch only on rare bytes and on the rare spelled-out words: a branch on every
        // space would be one mispredicted branch per word.
        let mut w = 0u32;
        for (i, &c) in b.iter().enumerate() {
            w = w << 8 | u32::from(c | 0x20);
            let w3 = w & 0xFF_FFFF;
            if (w3 == W_DOT)
                | (w == W_ITIK)
                | (w == W_AT)
                | (w3 == W_PAREN_AT)
                | (w3 == W_BRACE_AT)
                | (w == W_BLOK)
            {
                seen.spelled(b, i, w);
            }
            match CLASS[c as usize] {
                0 => {}
                C_DIGIT => {
                    seen.digits += 1;
                    seen.anchor.note(i);
                }
                k => seen.rare(b, i, k),
            }
        }
        seen
    }

    /// A `:`, `.` or `@` at `i`.
    #[cold]
    fn rare(&mut self, b: &[u8], i: usize, k: u8) {
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

    /// The lowered window `w` ending at `i` looks like a spelled-out trigger: check the bytes.
    #[cold]
    fn spelled(&mut self, b: &[u8], i: usize, w: u32) {
        let w3 = w & 0xFF_FFFF;
        if w3 == W_DOT && i >= 3 && opens_spelled(b[i - 3]) {
            self.separator.note(i);
        }
        if w == W_ITIK && i >= 5 && b[i - 4] | 0x20 == b't' && opens_spelled(b[i - 5]) {
            self.separator.note(i);
        }
        if w == W_AT && b[i - 3] == b' ' && b[i] == b' ' {
            self.at.note(i - 2);
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
fn opens_spelled(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'(' | b'[' | b'{')
}

/// A 256-entry membership table for `bytes`.
const fn byte_set(bytes: &[u8]) -> [bool; 256] {
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
fn next_in(b: &[u8], i: usize, set: &[bool; 256]) -> usize {
    let mut j = i;
    while j < b.len() && !set[b[j] as usize] {
        j += 1;
    }
    j
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

/// Top-level domains recognised for bare and spelled-out domains (lowercase). File extensions
/// and ordinary short words (`in`, `it`, `is`, `at`, `to`, `so`, `do`, `be`, `no`) are left out
/// on purpose.
const TLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "xyz", "io", "me", "ly", "gg", "vip", "club", "online",
    "site", "top", "link", "live", "id", "co", "tv", "cc", "app", "dev", "ai", "pro", "win", "bet",
    "fun", "icu", "asia", "shop", "store", "website", "space", "tech", "cloud", "today", "news",
    "blog", "email", "click", "mobi", "tk", "ml", "ga", "cf", "gq", "pw", "ws", "sg", "my", "uk",
    "us", "au", "jp", "cn", "ru", "de", "nl", "eu", "ca", "ph", "xxx", "porn", "adult", "casino",
    "poker", "games", "stream", "world", "tokyo", "edu", "gov",
];

/// First labels of well-known mail providers, for the bare-word `at` disguise.
const MAIL_PROVIDERS: &[&str] = &[
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

fn prev_char(text: &str, i: usize) -> Option<char> {
    match text.as_bytes()[..i].last() {
        Some(&c) if c < 0x80 => Some(c as char),
        Some(_) => text[..i].chars().next_back(),
        None => None,
    }
}

fn next_char(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&c) if c < 0x80 => Some(c as char),
        Some(_) => text[i..].chars().next(),
        None => None,
    }
}

fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric()
    }
}

/// Case-insensitive ASCII comparison of `b[i..]` with `pat`.
#[inline(always)]
fn eq_ic(b: &[u8], i: usize, pat: &[u8]) -> bool {
    match b.get(i..i + pat.len()) {
        Some(s) => s.iter().zip(pat).all(|(x, y)| x.eq_ignore_ascii_case(y)),
        None => false,
    }
}

fn in_list(word: &[u8], list: &[&str]) -> bool {
    list.iter()
        .any(|w| w.len() == word.len() && eq_ic(word, 0, w.as_bytes()))
}

/// Skips at most `max` spaces or tabs.
fn skip_spaces(b: &[u8], i: usize, max: usize) -> usize {
    let mut j = i;
    while j < b.len() && j - i < max && (b[j] == b' ' || b[j] == b'\t') {
        j += 1;
    }
    j
}

fn byte_at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

fn alnum_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    j
}

fn digits_end(b: &[u8], i: usize, max: usize) -> usize {
    let mut j = i;
    while j < b.len() && j - i < max && b[j].is_ascii_digit() {
        j += 1;
    }
    j
}

/// Is position `i` at the end of a token (nothing word-like follows)?
fn ends_token(text: &str, i: usize) -> bool {
    next_char(text, i).is_none_or(|c| !is_word(c))
}

/// End of a URL tail starting at `i`: printable ASCII up to whitespace, minus trailing
/// punctuation and unbalanced closing brackets.
fn url_tail(b: &[u8], i: usize) -> usize {
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

// ---------------------------------------------------------------------------------------------
// URLs

/// URLs: each starts at most 5 bytes before a noted `://` (`https://`) or `www.` `.`.
fn scan_urls(text: &str, spots: &Spots, out: &mut Vec<Detection>) {
    const START: [bool; 256] = byte_set(b"hHwW");
    let b = text.as_bytes();
    let mut i = 0;
    for &(lo, hi) in spots.windows() {
        i = i.max(lo.saturating_sub(5));
        loop {
            i = next_in(b, i, &START);
            if i == b.len() || i > hi {
                break;
            }
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
                i += 1;
                continue;
            }
            let host = i + lead;
            if byte_at(b, host).is_ascii_alphanumeric() {
                let ok = lead != 4 || {
                    // `www.` needs a dotted host: `www.example.com`.
                    let mut j = host;
                    let mut dotted = false;
                    while j < b.len()
                        && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b'.')
                    {
                        if b[j] == b'.' && byte_at(b, j + 1).is_ascii_alphanumeric() {
                            dotted = true;
                        }
                        j += 1;
                    }
                    dotted
                };
                if ok {
                    let end = url_tail(b, host);
                    out.push(Detection {
                        span: i..end,
                        kind: Kind::Url,
                    });
                    i = end;
                    continue;
                }
            }
            i += lead;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Domains (also used for the domain part of e-mail addresses)

fn label_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
        j += 1;
    }
    j
}

fn label_ok(b: &[u8], start: usize, end: usize) -> bool {
    end > start && end - start <= 63 && b[start] != b'-' && b[end - 1] != b'-'
}

fn is_tld(label: &[u8]) -> bool {
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
fn separator(b: &[u8], j: usize, allow_obf: bool) -> Option<(usize, bool)> {
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

struct Chain {
    /// Where parsing stopped.
    scanned_end: usize,
    /// End of the longest prefix chain (≥ 2 labels) ending in a TLD.
    best: Option<usize>,
    /// Whether that prefix used a spelled-out separator.
    obfuscated: bool,
    /// End of the first label.
    first_end: usize,
}

fn parse_chain(b: &[u8], start: usize) -> Chain {
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
fn scan_domains(text: &str, spots: &Spots, out: &mut Vec<Detection>) {
    const ALNUM: [bool; 256] =
        byte_set(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    let b = text.as_bytes();
    let mut i = 0;
    for &(lo, hi) in spots.windows() {
        // Resume where that label's run of letters, digits and `-` starts, as the scan from 0 would.
        let mut from = lo.saturating_sub(10);
        while from > 0 && (b[from - 1].is_ascii_alphanumeric() || b[from - 1] == b'-') {
            from -= 1;
        }
        i = i.max(from);
        loop {
            i = next_in(b, i, &ALNUM);
            if i == b.len() || i > hi {
                break;
            }
            let first_end = label_end(b, i);
            if separator(b, first_end, true).is_none() {
                // A lone label: whatever the boundary, the scan resumes after it.
                i = first_end;
                continue;
            }
            let boundary =
                prev_char(text, i).is_none_or(|c| !(is_word(c) || matches!(c, '.' | '-')));
            if !boundary {
                i = label_end(b, i).max(i + 1);
                continue;
            }
            let chain = parse_chain(b, i);
            let best = chain.best.filter(|&end| {
                next_char(text, end).is_none_or(|c| !(is_word(c) || matches!(c, '-' | '@')))
            });
            if let Some(end) = best {
                let end = if !chain.obfuscated && byte_at(b, end) == b'/' {
                    url_tail(b, end)
                } else {
                    end
                };
                out.push(Detection {
                    span: i..end,
                    kind: Kind::Domain,
                });
                i = end;
                continue;
            }
            i = chain.scanned_end.max(i + 1);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses

#[derive(Clone, Copy, PartialEq, Eq)]
enum AtForm {
    /// `@`
    Plain,
    /// `(at)`, `[at]`, `{at}`, `(@)`, … with optional spaces around
    Bracket,
    /// ` at ` as a word
    Word,
}

fn is_local(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// E-mail addresses: each marker starts at a noted position or the byte after (`@` is noted
/// one byte early for `(@)`).
fn scan_emails(text: &str, spots: &Spots, out: &mut Vec<Detection>) {
    const START: [bool; 256] = byte_set(b"@([{aA");
    let b = text.as_bytes();
    let mut i = 0;
    for &(lo, hi) in spots.windows() {
        i = i.max(lo);
        loop {
            i = next_in(b, i, &START);
            if i == b.len() || i > hi + 1 {
                break;
            }
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
                    if i > 0
                        && b[i - 1] == b' '
                        && eq_ic(b, i, b"at")
                        && byte_at(b, i + 2) == b' ' =>
                {
                    (i + 2, AtForm::Word)
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            if let Some(span) = email_at(text, i, marker_end, form) {
                i = span.end;
                out.push(Detection {
                    span,
                    kind: Kind::Email,
                });
            } else {
                i = marker_end;
            }
        }
    }
}

fn email_at(text: &str, marker: usize, marker_end: usize, form: AtForm) -> Option<Range<usize>> {
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

// ---------------------------------------------------------------------------------------------
// Phone numbers

/// At most this many digits in any phone number.
const MAX_PHONE_DIGITS: usize = 15;

/// Phone numbers: each starts at a digit or at most 2 bytes before one (`(+`); `spots`
/// covers every digit.
fn scan_phones(text: &str, spots: &Spots, out: &mut Vec<Detection>) {
    const START: [bool; 256] = byte_set(b"0123456789+(");
    let b = text.as_bytes();
    let mut i = 0;
    for &(lo, hi) in spots.windows() {
        i = i.max(lo.saturating_sub(2));
        loop {
            i = next_in(b, i, &START);
            if i == b.len() || i > hi {
                break;
            }
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
            let found = if starts && boundary() {
                phone_at(b, i)
            } else {
                None
            };
            if let Some(span) = found {
                i = span.end;
                out.push(Detection {
                    span,
                    kind: Kind::PhoneNumber,
                });
                continue;
            }
            i += 1;
        }
    }
}

/// Parses digit groups from `s` (bounded: stops past [`MAX_PHONE_DIGITS`] digits) and returns
/// the longest phone-shaped prefix.
fn phone_at(b: &[u8], s: usize) -> Option<Range<usize>> {
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

fn phone_shape(d: &[u8], lens: &[u8], seps: &[u8], plus: bool, paren_area: bool) -> bool {
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

// ---------------------------------------------------------------------------------------------
// Street addresses

const ID_STREET: &[&str] = &["jl", "jln", "jalan", "gg", "gang"];
const ID_COMPLEX: &[&str] = &[
    "komplek",
    "kompleks",
    "komp",
    "perum",
    "perumahan",
    "perumnas",
    "cluster",
];
const NUMBER_MARKERS: &[&str] = &["nomor", "nomer", "nmr", "no"];
const EN_SUFFIX: &[&str] = &[
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
const MAX_NAME: usize = 30;

/// Street addresses: each starts at most [`ADDRESS_REACH`] bytes before a digit or `blok`
/// (`spots`).
fn scan_addresses(text: &str, spots: &Spots, out: &mut Vec<Detection>) {
    // First bytes of the words `address_at` can start from: a house number or a keyword.
    const START: [bool; 256] = byte_set(b"0123456789bcgjkprBCGJKPR");
    let b = text.as_bytes();
    let mut i = 0;
    for &(lo, hi) in spots.windows() {
        // Resume at the start of a word, where the scan from 0 would be too.
        let mut from = lo.saturating_sub(ADDRESS_REACH);
        while from > 0 && b[from - 1].is_ascii_alphanumeric() {
            from -= 1;
        }
        i = i.max(from);
        loop {
            i = next_in(b, i, &START);
            if i == b.len() || i > hi {
                break;
            }
            let w_end = alnum_end(b, i);
            if i > 0 && b[i - 1].is_ascii_alphanumeric() {
                // Inside a word that starts with another byte.
                i = w_end;
                continue;
            }
            let boundary = prev_char(text, i).is_none_or(|c| {
                !(is_word(c) || matches!(c, '-' | '.' | ',' | '/' | ':' | '$' | '@' | '#' | '\''))
            });
            let found = if boundary {
                address_at(text, i, w_end)
            } else {
                None
            };
            if let Some(end) = found {
                out.push(Detection {
                    span: i..end,
                    kind: Kind::StreetAddress,
                });
                i = end;
                continue;
            }
            i = w_end;
        }
    }
}

fn address_at(text: &str, s: usize, w_end: usize) -> Option<usize> {
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
fn after_keyword(b: &[u8], e: usize, abbrev: bool) -> Option<usize> {
    if abbrev && byte_at(b, e) == b'.' {
        return Some(skip_spaces(b, e + 1, 3));
    }
    let k = skip_spaces(b, e, 3);
    (k > e).then_some(k)
}

/// A name word at `i`: letters/digits (any script) and apostrophes, at most [`MAX_NAME`] bytes.
/// Returns its end, whether it is capitalised, and whether it starts with a digit.
fn name_word(text: &str, i: usize) -> Option<(usize, bool, bool)> {
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
fn number_token(text: &str, j: usize) -> Option<usize> {
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
fn marker_number(text: &str, j: usize) -> Option<usize> {
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
fn rt_rw(text: &str, j: usize) -> Option<usize> {
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
fn blok(text: &str, j: usize) -> Option<usize> {
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
fn continuations(text: &str, mut e: usize) -> usize {
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
fn names(
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

fn id_street(text: &str, s: usize, w_end: usize) -> Option<usize> {
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

fn complex(text: &str, s: usize, w_end: usize) -> Option<usize> {
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

fn english(text: &str, s: usize, w_end: usize) -> Option<usize> {
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

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use Kind::{Domain as D, Email as E, PhoneNumber as P, StreetAddress as A, Url as U};

    /// (name, input, expected detections as (exact span text, kind), in order).
    type Case = (&'static str, &'static str, &'static [(&'static str, Kind)]);

    #[rustfmt::skip]
    const PHONES: &[Case] = &[
        ("id mobile dashes", "WA aku di 0812-3456-7890 ya", &[("0812-3456-7890", P)]),
        ("id mobile plain", "hubungi 081234567890", &[("081234567890", P)]),
        ("id mobile 10 digits", "0812345678", &[("0812345678", P)]),
        ("id mobile 13 digits", "0812345678901", &[("0812345678901", P)]),
        ("id mobile spaces", "nomorku 0812 3456 7890.", &[("0812 3456 7890", P)]),
        ("id mobile dots", "0812.3456.7890", &[("0812.3456.7890", P)]),
        ("plus 62", "call +62 812-3456-7890 now", &[("+62 812-3456-7890", P)]),
        ("62 without plus", "62 812 3456 7890", &[("62 812 3456 7890", P)]),
        ("plus 62 glued", "+6281234567890", &[("+6281234567890", P)]),
        ("paren plus 62", "(+62) 812-3456-7890", &[("(+62) 812-3456-7890", P)]),
        ("every digit spaced", "0 8 1 2 3 4 5 6 7 8 9", &[("0 8 1 2 3 4 5 6 7 8 9", P)]),
        ("every digit dashed", "0-8-1-2-3-4-5-6-7-8-9", &[("0-8-1-2-3-4-5-6-7-8-9", P)]),
        ("international uk", "ring +44 20 7946 0958", &[("+44 20 7946 0958", P)]),
        ("us parens", "call (555) 123-4567 today", &[("(555) 123-4567", P)]),
        ("us dashes", "555-123-4567", &[("555-123-4567", P)]),
        ("us with 1", "1-800-555-1234", &[("1-800-555-1234", P)]),
        ("jakarta landline", "kantor (021) 555-1234", &[("(021) 555-1234", P)]),
        ("yogya landline", "telp 0274 123456", &[("0274 123456", P)]),
        ("trailing year not eaten", "08123456789 2024", &[("08123456789", P)]),
        ("after colon", "WA:081234567890", &[("081234567890", P)]),
        ("two phones", "0812-1111-2222 / 0813-3333-4444", &[("0812-1111-2222", P), ("0813-3333-4444", P)]),
        ("emoji around", "📞0812-3456-7890🙏", &[("0812-3456-7890", P)]),
        ("multibyte before", "nomér saya ✨ 0812 3456 7890 ✨", &[("0812 3456 7890", P)]),
        // Not phone numbers.
        ("year", "tahun 2024 ini", &[]),
        ("price rp", "harganya Rp50.000 saja", &[]),
        ("price rp spaced", "Rp 1.500.000", &[]),
        ("price rp big", "Rp 1.500.000.000", &[]),
        ("price dollar", "$1,299.99", &[]),
        ("date slash", "28/11/2026", &[]),
        ("date iso", "2026-11-28", &[]),
        ("date dashed dmy", "28-11-2026", &[]),
        ("time", "jam 19:30", &[]),
        ("short number", "123 456", &[]),
        ("version", "versi 1.2.3", &[]),
        ("ip", "server 192.168.100.200", &[]),
        ("long id", "order 1234567890123", &[]),
        ("too long 08", "08123456789012345678", &[]),
        ("glued to letters", "ID08123456789", &[]),
        ("counting", "1 2 3 4 5 6 7 8 9 10", &[]),
        ("decimal", "3.14159265358979", &[]),
        ("time with dot", "jam 10.30 ya", &[]),
        ("price rp dot", "Rp.50.000", &[]),
        ("nik 16 digits", "NIK 3201234567890123", &[]),
        ("price in thousands", "1.000.000 rupiah", &[]),
    ];

    #[rustfmt::skip]
    const EMAILS: &[Case] = &[
        ("plain", "email nama@gmail.com ya", &[("nama@gmail.com", E)]),
        ("dots plus subdomain", "a.b+c@sub.domain.co.id", &[("a.b+c@sub.domain.co.id", E)]),
        ("sentence end", "kirim ke budi@yahoo.co.id.", &[("budi@yahoo.co.id", E)]),
        ("bracket at dot", "nama [at] gmail [dot] com", &[("nama [at] gmail [dot] com", E)]),
        ("paren at", "nama(at)gmail.com", &[("nama(at)gmail.com", E)]),
        ("word at dot", "nama at gmail dot com", &[("nama at gmail dot com", E)]),
        ("paren at paren dot", "budi (at) yahoo (dot) co (dot) id", &[("budi (at) yahoo (dot) co (dot) id", E)]),
        ("emoji around", "📧nama@gmail.com😀", &[("nama@gmail.com", E)]),
        ("multibyte around", "surel: café_nama@mail.com ✓", &[("café_nama@mail.com", E)]),
        // Not e-mail addresses.
        ("handle", "halo @USER apa kabar", &[]),
        ("no dotted domain", "a@b", &[]),
        ("unknown tld", "nama@server.local", &[]),
        ("word at ordinary", "look at home dot com", &[("home dot com", D)]),
        ("look at domain", "look at situs.com", &[("situs.com", D)]),
        ("at sign alone", "ketemu @ 7 malam", &[]),
    ];

    #[rustfmt::skip]
    const ADDRESSES: &[Case] = &[
        ("jl no", "rumahku di Jl. Melati No. 5, Bandung", &[("Jl. Melati No. 5", A)]),
        ("jalan lowercase no", "jalan sudirman no 12", &[("jalan sudirman no 12", A)]),
        ("jln gg no", "Jln Kebon Jeruk Gg. 3 No. 10", &[("Jln Kebon Jeruk Gg. 3 No. 10", A)]),
        ("gang bare number", "Gang Mawar 4", &[("Gang Mawar 4", A)]),
        ("jl glued dot", "Jl.Melati No.5", &[("Jl.Melati No.5", A)]),
        ("jl bare number", "kirim ke Jl. Melati 5 ya", &[("Jl. Melati 5", A)]),
        ("hash marker", "jalan mawar #12", &[("jalan mawar #12", A)]),
        ("jend abbreviation", "Jl. Jend. Sudirman Kav. 52-53", &[("Jl. Jend. Sudirman Kav. 52-53", A)]),
        ("jalan comma no", "Jalan Sudirman, no 12A", &[("Jalan Sudirman, no 12A", A)]),
        ("jl with rt rw", "Jl. Mawar No. 7 RT 03/RW 05", &[("Jl. Mawar No. 7 RT 03/RW 05", A)]),
        ("komplek blok no", "Komplek Griya Asri Blok C2 No 7", &[("Komplek Griya Asri Blok C2 No 7", A)]),
        ("blok without a digit", "Perum Bumi Indah Blok C", &[("Perum Bumi Indah Blok C", A)]),
        ("perum blok", "tinggal di Perum Bumi Indah 2 Blok A-3", &[("Perum Bumi Indah 2 Blok A-3", A)]),
        ("blok no alone", "Blok C2 No 7", &[("Blok C2 No 7", A)]),
        ("rt rw", "RT 03/RW 05 Kelurahan Cempaka", &[("RT 03/RW 05", A)]),
        ("rt rw glued", "rt03/rw05", &[("rt03/rw05", A)]),
        ("rt rw dots", "RT.3 RW.5", &[("RT.3 RW.5", A)]),
        ("english street", "I live at 123 Main Street now", &[("123 Main Street", A)]),
        ("english st", "42 Baker St.", &[("42 Baker St", A)]),
        ("english two words", "1600 Pennsylvania Avenue", &[("1600 Pennsylvania Avenue", A)]),
        ("emoji around", "🏠Jl. Melati No. 5🏠", &[("Jl. Melati No. 5", A)]),
        ("multibyte name", "Jl. Cempaká Putih No. 9", &[("Jl. Cempaká Putih No. 9", A)]),
        // Not addresses.
        ("jalan jalan", "ayo jalan-jalan ke mal", &[]),
        ("jalan kaki", "jalan kaki 5 menit", &[]),
        ("lagi di jalan", "lagi di jalan 5 menit lagi", &[]),
        ("jalan alone", "Jalan Sudirman macet", &[]),
        ("gang lowercase bare", "gang sempit 3 kali", &[]),
        ("rt alone", "RT 5 kali ya", &[]),
        ("english lowercase", "walked 5 blocks down the road", &[]),
        ("english no suffix", "I have 3 Big Dogs", &[]),
    ];

    #[rustfmt::skip]
    const LINKS: &[Case] = &[
        ("https", "buka https://example.com/path?q=1 sekarang", &[("https://example.com/path?q=1", U)]),
        ("http trailing dot", "lihat http://judi88.net.", &[("http://judi88.net", U)]),
        ("www", "www.situs.co.id/promo", &[("www.situs.co.id/promo", U)]),
        ("url in parens", "(https://x.id/a)", &[("https://x.id/a", U)]),
        ("url balanced paren", "https://en.wikipedia.org/wiki/Foo_(bar)", &[("https://en.wikipedia.org/wiki/Foo_(bar)", U)]),
        ("url before emoji", "https://x.com🔥", &[("https://x.com", U)]),
        ("url with phone inside", "https://wa.me/6281234567890", &[("https://wa.me/6281234567890", U)]),
        ("bare domain", "main di judi88.net sekarang", &[("judi88.net", D)]),
        ("bare co.id", "example.co.id", &[("example.co.id", D)]),
        ("bare with path", "klik bit.ly/abc123!", &[("bit.ly/abc123", D)]),
        ("bare caps", "SITUS.COM", &[("SITUS.COM", D)]),
        ("capitalised sld", "Tokopedia.com", &[("Tokopedia.com", D)]),
        ("spelled dot", "cek situs dot com", &[("situs dot com", D)]),
        ("spelled paren dot", "situs (dot) com", &[("situs (dot) com", D)]),
        ("spelled titik", "situs titik com", &[("situs titik com", D)]),
        ("spelled upper tab", "SITUS\tDOT\tCOM", &[("SITUS\tDOT\tCOM", D)]),
        ("spelled only in bracket", "situs{dot}com", &[("situs{dot}com", D)]),
        ("spelled bracket dot", "situs [.] com", &[("situs [.] com", D)]),
        ("spaced dot", "judi88 . vip", &[("judi88 . vip", D)]),
        ("spelled co id", "toko dot co dot id", &[("toko dot co dot id", D)]),
        ("emoji around", "👉judi88.net👈", &[("judi88.net", D)]),
        ("multibyte before", "kunjungi ✨situs.xyz✨", &[("situs.xyz", D)]),
        // Not links.
        ("sentence end", "selesai.Kemudian dia pulang", &[]),
        ("sentence end tld word", "selesai.Me", &[]),
        ("decimal", "nilai 3.14", &[]),
        ("file name", "foto.jpg dan doc.pdf", &[]),
        ("abbreviations", "e.g. dll. dsb. a.m.", &[]),
        ("glued to non-ascii letter", "éxample.com", &[]),
        ("dot word", "polka dot dress", &[]),
        ("titik word", "titik temu", &[]),
        ("http alone", "http:// saja", &[]),
        ("www alone", "www.localhost", &[]),
    ];

    #[rustfmt::skip]
    const MIXED: &[Case] = &[
        ("email not domain", "mail nama@situs.com", &[("nama@situs.com", E)]),
        ("everything", "WA 0812-3456-7890, email budi@gmail.com, alamat Jl. Melati No. 5, web situs.com", &[("0812-3456-7890", P), ("budi@gmail.com", E), ("Jl. Melati No. 5", A), ("situs.com", D)]),
        ("phone inside email", "08123456789@gmail.com", &[("08123456789@gmail.com", E)]),
        ("email inside url", "https://a.com/?e=x@y.com", &[("https://a.com/?e=x@y.com", U)]),
        ("www host in email", "nama@www.situs.com", &[("nama@www.situs.com", E)]),
        ("url upper case", "HTTPS://X.COM/A", &[("HTTPS://X.COM/A", U)]),
        ("www upper case", "WWW.SITUS.COM", &[("WWW.SITUS.COM", U)]),
        ("bracket at, no @", "budi[AT]gmail[DOT]com", &[("budi[AT]gmail[DOT]com", E)]),
        ("domain not in address", "Jl. Melati No. 5 situs.com", &[("Jl. Melati No. 5", A), ("situs.com", D)]),
        ("plain text", "Terima kasih, sampai jumpa besok pagi!", &[]),
        ("empty", "", &[]),
    ];

    fn run(cases: &[Case]) -> Vec<String> {
        let mut failures = Vec::new();
        for &(name, input, expected) in cases {
            let mut found = Vec::new();
            detect_into(input, &mut found);
            let got: Vec<(&str, Kind)> = found
                .iter()
                .map(|d| {
                    (
                        input.get(d.span.clone()).expect("span on char boundaries"),
                        d.kind,
                    )
                })
                .collect();
            if got != expected {
                failures.push(format!(
                    "{name}: {input:?}\n   expected {expected:?}\n   got      {got:?}"
                ));
            }
        }
        failures
    }

    #[test]
    fn tables() {
        let mut failures = Vec::new();
        for table in [PHONES, EMAILS, ADDRESSES, LINKS, MIXED] {
            failures.extend(run(table));
        }
        assert!(
            failures.is_empty(),
            "{} failing case(s):\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn appends_sorted_and_disjoint() {
        let text = "x@y.com 0812-3456-7890 www.a.com situs dot com";
        let mut out = vec![Detection {
            span: 0..0,
            kind: U,
        }];
        detect_into(text, &mut out);
        assert_eq!(out.len(), 5);
        let disjoint = out[1..]
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.start);
        assert!(disjoint);
    }

    #[test]
    fn kinds() {
        let all = [
            (P, "phone-number", true),
            (E, "e-mail", true),
            (A, "street-address", true),
            (U, "url", false),
            (D, "domain", false),
        ];
        for (kind, term, personal) in all {
            assert_eq!(kind.term(), term);
            assert_eq!(kind.is_personal_info(), personal);
        }
    }

    #[test]
    fn pathological_inputs() {
        const MB: usize = 1 << 20;
        let units = [
            "0.", "@.", "a@", "http://", "www.", "a.", "0 ", "08", "Jl ", "Jl. A ", "no ", "RT 1 ",
            "a [at] ", " dot ", "1 A ", "+6", "(", "(.)", "é.", "😀@",
        ];
        for unit in units {
            let text = unit.repeat(MB / unit.len());
            let mut out = Vec::new();
            detect_into(&text, &mut out);
            assert!(
                out.windows(2).all(|w| w[0].span.end <= w[1].span.start),
                "{unit:?}"
            );
            assert!(
                out.iter().all(|d| text.get(d.span.clone()).is_some()),
                "{unit:?}"
            );
        }
        let long_word = "a".repeat(MB) + ".com";
        let mut out = Vec::new();
        detect_into(&long_word, &mut out);
        assert!(
            out.is_empty(),
            "a label longer than 63 bytes is not a domain"
        );
        let digits = "9".repeat(MB);
        out.clear();
        detect_into(&digits, &mut out);
        assert!(out.is_empty());
    }
}
