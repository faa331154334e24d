//! Stage 1 of the pipeline: undo disguises in one pass and keep a map back to the original.
//!
//! [`normalize_into`] folds a text into lowercase ASCII words (`a`-`z`, `0`-`9`, plus letters of
//! scripts with no Latin look-alike, kept lowercase) separated by single spaces, and records for
//! every folded byte an [`Origin`]: the byte range of the original text it came from, how often the
//! letter was repeated there, and which disguises ([`evasion`] flags) were undone to get it.
//!
//! ```
//! use saring::__private::{evasion, normalize};
//!
//! let input = "Dasar  4NJ1IIING!!! lu";
//! let folded = normalize(input);
//! assert_eq!(folded.text, "dasar anjing lu");
//! let i = folded.text.find("anjing").unwrap();
//! let (first, last) = (folded.origin[i], folded.origin[i + 5]);
//! assert_eq!(&input[first.start()..last.end()], "4NJ1IIING");
//! assert_eq!(folded.origin[i + 3].run(), 4); // leet `1` + `III`: one `i` stretched 4 times
//! assert!(folded.origin[i].flags() & evasion::LEETSPEAK != 0);
//! ```
//!
//! # Rules, in the order they apply
//!
//! 1. **Characters.** ASCII letters are lowercased. Other letters and digits go through the
//!    generated fold table (`src/normalize/fold_table.rs`, from `examples/gen_fold_table.rs`:
//!    NFKD without marks, UTS 39 confusables for Latin-like scripts, small letters through their
//!    capitals, a short documented list of shapes, enclosed and emoji letters): `á`, `ｋ`, `𝐛`,
//!    `ⓐ`, `🅐`, `🇦`, Cyrillic `а` and `т` all become ASCII. Combining marks
//!    (U+0300–036F and the other generic combining blocks) are dropped and widen the origin of the
//!    letter they sit on. Invisible characters ([`is_invisible`]) are dropped without breaking the
//!    word. Letters with no Latin fold (CJK, Arabic, Thai, ...) are kept, lowercased.
//! 2. **Words.** A word is a run of letters, digits and in-word symbols (`@ $ ! | + €` for
//!    leetspeak, `* • #` for masking). Everything else is a separator; a separator run becomes one
//!    space whose origin covers the whole run. Symbols at the end of a word are punctuation
//!    (`setan lo!`; except a trailing `@` in a word that converts anyway: `n1gg@`), so are
//!    symbols at its start, except a leet symbol directly before a letter (`$hit`). `#word` and `@word` mark the word (up to the next whitespace) [`IN_HASHTAG`].
//!    In a chunk that looks like an e-mail address (`@` followed later by `.` and a letter, before
//!    any whitespace) `@` is a separator, so `budi@mail.com` reads `budi mail com`.
//! 3. **Reduplication.** A word ending in a single `2` (or `²`) after a letter, with at least 3
//!    letters, drops the `2` (`anjing2`, `kata²`): the bytes of the word's last folded char get
//!    [`evasion::REDUPLICATION`] and their origin is widened over the `2`.
//! 4. **Leetspeak, never in numbers.** A word converts its digits and leet symbols to letters
//!    only when it has at least 2 real letters, no digit `2` (not a leet digit: `b2b`, `g20`), and
//!    its digits are not one block at its end (`covid19`, `mp3`, `Rp50`) nor one block at its start
//!    unless that block is a single digit followed by 3+ letters (`5uck` converts, `10k`, `3pm`
//!    don't). Digits map `0→o 1→i 3→e 4→a 5→s 6→g 7→t 8→b 9→g`, symbols `@→a $→s !→i |→l +→t €→e`.
//!    `!`, `|` and `+` also need a letter or digit on both sides; a run of `$` or `@` before a
//!    letter converts whole (`dumba$$es`). A word that does not convert keeps its digits, and its
//!    symbols become separators; when all its digits have a leet reading (`cun7`, `7ai`, `b390`)
//!    its range is remembered, and the filter reads it again as leetspeak and keeps only a whole
//!    listed word. A lone `$` reads as `s`, so it can join split letters (`p u $ $ y`).
//! 5. **Masking.** In a converting word, `*`, `•` and `#` between letters (or between other mask
//!    symbols) become the wildcard byte `*` with [`evasion::MASKING`]; runs are not collapsed
//!    (`f**k` keeps two).
//! 6. **Stretching.** Adjacent equal ASCII letters (after folding, across removed invisibles)
//!    collapse into one byte whose `run` counts them; [`evasion::REPETITION`] is set from 3 on.
//! 7. **Split letters.** 3 or more consecutive one-letter words (a leet digit counts as a letter,
//!    at least 2 must be real letters) separated by 1–3 of ` .-_,/*~` are joined
//!    (`a n j i n g`, `k.o.n.t.o.l`, `4 n j 1 n g`); each byte keeps its own letter's origin and
//!    gets [`evasion::SEPARATORS`]. `di kapal`, `pen is`, `I am a man` are left alone (but any
//!    three lone letters join: `u r a` → `ura`). Letters equal across the join collapse too.
//!
//! Stretched letters collapse **always**, doubles included (`room` → `rom`, `ass` → `as` with
//! `run` 2): lexicon terms are folded by this same function, and the matcher compares runs.

mod fold_table;
mod ignorable_table;

/// The Unicode version of the data the normalizer's tables were generated from (NFKD,
/// confusables, default-ignorable characters).
///
/// ```
/// assert!(saring::UNICODE_VERSION >= (15, 0, 0));
/// ```
pub const UNICODE_VERSION: (u8, u8, u8) = fold_table::UNICODE_VERSION;

/// Bit flags of what the normalizer undid for one folded byte ([`Origin::flags`]).
pub mod evasion {
    /// Accents and combining marks removed: `ánjíng`.
    pub const DIACRITICS: u16 = 1 << 0;
    /// Fullwidth, mathematical, circled... letters and digits: `ｋｏｎｔｏｌ`, `𝐛𝐚𝐧𝐠𝐬𝐚𝐭`.
    pub const STYLED: u16 = 1 << 1;
    /// Look-alikes from other scripts (Cyrillic, Greek, ...) mapped to Latin.
    pub const HOMOGLYPHS: u16 = 1 << 2;
    /// Digits and symbols read as letters: `4nj1ng`, `b@ngs4t`, `$hit`.
    pub const LEETSPEAK: u16 = 1 << 3;
    /// Zero-width, soft hyphen, bidi controls or variation selectors removed next to this byte.
    pub const INVISIBLE: u16 = 1 << 4;
    /// Letters split by separators joined: `a n j i n g`, `k.o.n.t.o.l`.
    pub const SEPARATORS: u16 = 1 << 5;
    /// A letter stretched 3 or more times: `anjiiing`.
    pub const REPETITION: u16 = 1 << 6;
    /// The `*` wildcard byte standing for a masked letter: `f*ck`.
    pub const MASKING: u16 = 1 << 7;
    /// Indonesian `2` reduplication dropped: `anjing2`.
    pub const REDUPLICATION: u16 = 1 << 8;
    /// Every flag with its name, as reported to users.
    ///
    /// ```
    /// use saring::__private::evasion;
    /// let names: Vec<&str> = evasion::ALL.iter()
    ///     .filter(|(bit, _)| (evasion::LEETSPEAK | evasion::MASKING) & bit != 0)
    ///     .map(|(_, name)| *name)
    ///     .collect();
    /// assert_eq!(names, ["leetspeak", "masking"]);
    /// ```
    pub const ALL: &[(u16, &str)] = &[
        (DIACRITICS, "diacritics"),
        (STYLED, "styled-letters"),
        (HOMOGLYPHS, "homoglyphs"),
        (LEETSPEAK, "leetspeak"),
        (INVISIBLE, "invisible-characters"),
        (SEPARATORS, "separators"),
        (REPETITION, "repetition"),
        (MASKING, "masking"),
        (REDUPLICATION, "reduplication"),
    ];
}

/// Per-folded-byte flag (not an evasion): the byte is inside a hashtag (`#dasarbangsat`) or an
/// `@handle`, where words are written joined.
///
/// ```
/// use saring::__private::{normalize, IN_HASHTAG};
/// let f = normalize("lihat #DasarBangsat ya");
/// assert_eq!(f.text, "lihat dasarbangsat ya");
/// assert!(f.origin[6].flags() & IN_HASHTAG != 0);
/// assert!(f.origin[0].flags() & IN_HASHTAG == 0);
/// ```
pub const IN_HASHTAG: u16 = 1 << 15;

/// One folded byte's link back to the original text.
///
/// ```
/// use saring::__private::normalize;
/// let f = normalize("fuuuck");
/// assert_eq!(f.text, "fuck");
/// let o = f.origin[1];
/// assert_eq!((o.start(), o.end(), o.run()), (1, 4, 3));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Start of the original byte range that produced this folded byte (a char boundary).
    pub(crate) start: u32,
    /// End (exclusive) of that range: a whole collapsed run, one split letter, one folded char
    /// with its combining marks; for a space, the whole separator run.
    pub(crate) end: u32,
    /// How many times the letter was repeated in the original (1 = not stretched), saturating.
    pub(crate) run: u16,
    /// [`evasion`] bits, plus [`IN_HASHTAG`].
    pub(crate) flags: u16,
}

impl Origin {
    /// Start of the original byte range that produced this folded byte (a char boundary).
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// End (exclusive) of the original byte range.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// How many times the letter was repeated in the original (1 = not stretched).
    pub fn run(&self) -> u16 {
        self.run
    }

    /// [`evasion`] bits, plus [`IN_HASHTAG`].
    pub fn flags(&self) -> u16 {
        self.flags
    }
}

/// The folded text plus the map back: `origin[i]` is where `text.as_bytes()[i]` came from.
///
/// `origin.len() == text.len()` always. Reusable: [`Folded::clear`] keeps the capacity, and
/// [`normalize_into`] clears it first.
#[derive(Default, Debug)]
pub struct Folded {
    /// Lowercase words separated by single spaces.
    pub text: String,
    /// One entry per byte of `text`.
    pub origin: Vec<Origin>,
    /// Words kept as numbers although every digit has a leet reading (`7ai`, `cun7`, `b390`,
    /// `covid19`): their byte ranges in the input, for the filter to read again as leetspeak
    /// ([`normalize_leet_into`]) and keep only a whole listed word.
    pub(crate) numbers: Vec<std::ops::Range<usize>>,
}

impl Folded {
    /// Empties both buffers, keeping their capacity.
    ///
    /// ```
    /// use saring::__private::{normalize_into, Folded};
    /// let mut f = Folded::default();
    /// normalize_into("satu", &mut f);
    /// f.clear();
    /// assert!(f.text.is_empty() && f.origin.is_empty());
    /// ```
    pub fn clear(&mut self) {
        self.text.clear();
        self.origin.clear();
        self.numbers.clear();
    }
}

/// Folds `input` into a new [`Folded`]. See [`normalize_into`] to reuse buffers.
///
/// ```
/// use saring::__private::normalize;
/// assert_eq!(normalize("a n j i n g").text, "anjing");
/// assert_eq!(normalize("ｋｏｎｔｏｌ").text, "kontol");
/// assert_eq!(normalize("kamar 404, jam 7").text, "kamar 404 jam 7");
/// assert_eq!(normalize("room").text, "rom"); // doubles collapse too; `run` keeps the count
/// ```
pub fn normalize(input: &str) -> Folded {
    let mut out = Folded::default();
    normalize_into(input, &mut out);
    out
}

/// Folds `input` into `out` (cleared first). Linear time; allocates only by growing `out`.
///
/// ```
/// use saring::__private::{evasion, normalize_into, Folded};
/// let mut out = Folded::default();
/// normalize_into("f*ck", &mut out);
/// assert_eq!(out.text, "f*ck");
/// assert!(out.origin[1].flags() & evasion::MASKING != 0);
/// ```
pub fn normalize_into(input: &str, out: &mut Folded) {
    fold_into(input, out, false);
}

/// Folds one word read as leetspeak whatever its digits: every word with a letter and only
/// digits that have a leet reading converts (`7ai` → `tai`, `b390` → `bego`).
pub(crate) fn normalize_leet_into(input: &str, out: &mut Folded) {
    fold_into(input, out, true);
}

fn fold_into(input: &str, out: &mut Folded, force_leet: bool) {
    out.numbers.clear();
    let mut buf = std::mem::take(&mut out.text).into_bytes();
    buf.clear();
    out.origin.clear();
    // A good guess: the folded text is rarely longer than the input.
    buf.reserve(input.len());
    out.origin.reserve(input.len());
    let mut folder = Folder {
        input,
        buf,
        org: &mut out.origin,
        numbers: &mut out.numbers,
        force_leet,
        word: None,
        simple: false,
        space: None,
        hashtag: false,
        invisible: false,
        chunk_end: 0,
        chunk_dot: 0,
        split: Split::default(),
    };
    folder.run();
    let Folder { buf, .. } = folder;
    // Every byte written is ASCII or copied from whole UTF-8 encodings of chars.
    out.text = String::from_utf8(buf).expect("folded text is UTF-8");
}

// Temporary per-byte kinds, kept in the spare bits of `Origin::flags` while a word is open.
const K_LETTER: u16 = 1 << 9;
const K_DIGIT: u16 = 1 << 10;
const K_SYM: u16 = 1 << 11;
const K_SEP: u16 = 1 << 12;
const KINDS: u16 = K_LETTER | K_DIGIT | K_SYM | K_SEP;

/// ASCII bytes that end a word and do nothing else (but end a hashtag if whitespace): neither
/// letters nor digits nor the symbols `# @ $ ! | + *` that may belong to a word.
const PLAIN_SEPARATOR: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        let c = b as u8;
        t[b] = !c.is_ascii_alphanumeric()
            && !matches!(c, b'#' | b'@' | b'$' | b'!' | b'|' | b'+' | b'*');
        b += 1;
    }
    t
};

// Placeholder bytes for non-ASCII symbols while a word is open.
const EURO: u8 = 0x01;
const BULLET: u8 = 0x02;

/// The letter a leet digit stands for.
fn leet_digit(b: u8) -> Option<u8> {
    Some(match b {
        b'0' => b'o',
        b'1' => b'i',
        b'3' => b'e',
        b'4' => b'a',
        b'5' => b's',
        b'6' | b'9' => b'g',
        b'7' => b't',
        b'8' => b'b',
        _ => return None,
    })
}

/// The letter a leet symbol stands for (`None` for mask symbols).
fn leet_sym(b: u8) -> Option<u8> {
    Some(match b {
        b'@' => b'a',
        b'$' => b's',
        b'!' => b'i',
        b'|' => b'l',
        b'+' => b't',
        EURO => b'e',
        _ => return None,
    })
}

fn is_mask(b: u8) -> bool {
    matches!(b, b'*' | b'#' | BULLET)
}

/// Characters removed without breaking a word: zero-width characters, soft hyphen, bidi
/// controls, variation selectors, tags, Hangul fillers, and the like.
/// Generated from Unicode data (`src/normalize/ignorable_table.rs`).
pub fn is_invisible(c: char) -> bool {
    in_ranges(&ignorable_table::INVISIBLE, c)
}

/// Generic combining marks (the blocks used on Latin, Greek and Cyrillic, and "Zalgo" text),
/// generated from Unicode data like [`is_invisible`].
pub(crate) fn is_generic_mark(c: char) -> bool {
    in_ranges(&ignorable_table::GENERIC_MARKS, c)
}

/// Whether `c` is in one of the sorted, disjoint inclusive ranges.
fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    // Every range starts past the ASCII letters, so ASCII text never searches.
    cp >= 0x80
        && ranges
            .binary_search_by(|&(start, end)| {
                if end < cp {
                    std::cmp::Ordering::Less
                } else if start > cp {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// Looks `c` up in the generated fold table: (ASCII fold, evasion flags).
pub(crate) fn fold_char(c: char) -> Option<(&'static [u8], u16)> {
    let cp = c as u32;
    let table = &fold_table::FOLD;
    let i = table.binary_search_by(|e| (e >> 11).cmp(&cp)).ok()?;
    let e = table[i];
    let flags = ((e >> 8) & 0x7) as u16;
    let code = (e & 0xFF) as usize;
    const ASCII: [u8; 128] = {
        let mut a = [0u8; 128];
        let mut i = 0;
        while i < 128 {
            a[i] = i as u8;
            i += 1;
        }
        a
    };
    let s: &'static [u8] = if code < 0x80 {
        &ASCII[code..=code]
    } else {
        fold_table::MULTI[code - 0x80].as_bytes()
    };
    Some((s, flags))
}

/// Longest word [`Folder::plain_words`] takes; longer ones take the general path.
const STAGE: usize = 64;

/// Where [`Folder::plain_words`] makes one word (its space and letters) before appending it.
struct Stage {
    text: [u8; STAGE + 1],
    org: [Origin; STAGE + 1],
}

/// Split-letter run state: consecutive one-letter words that may be joined.
#[derive(Default)]
struct Split {
    /// Buffer index where the run's first word starts.
    start: usize,
    /// Buffer index just after the run's last word.
    end: usize,
    count: usize,
    letters: usize,
    /// Original end offset of the run's last letter.
    prev_end: usize,
}

struct Folder<'a> {
    input: &'a str,
    buf: Vec<u8>,
    org: &'a mut Vec<Origin>,
    /// See [`Folded::numbers`].
    numbers: &'a mut Vec<std::ops::Range<usize>>,
    /// Read every word with a letter as leetspeak ([`normalize_leet_into`]).
    force_leet: bool,
    /// Buffer index where the open word starts.
    word: Option<usize>,
    /// The open word holds only one-byte ASCII letters so far.
    simple: bool,
    /// Buffer index of the space written before the open word.
    space: Option<usize>,
    /// Inside a `#hashtag` / `@handle` (until the next whitespace).
    hashtag: bool,
    /// An invisible character was dropped since the last unit of the open word.
    invisible: bool,
    /// Memo for the e-mail look-ahead: end of the scanned chunk and the last `.`+letter in it.
    chunk_end: usize,
    chunk_dot: usize,
    split: Split,
}

impl Origin {
    const ZERO: Origin = Origin {
        start: 0,
        end: 0,
        run: 0,
        flags: 0,
    };
}

impl Folder<'_> {
    fn run(&mut self) {
        let mut stage = Stage {
            text: [0; STAGE + 1],
            org: [Origin::ZERO; STAGE + 1],
        };
        let bytes = self.input.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphabetic() {
                match self.word {
                    None => {
                        i = self.plain_words(i, &mut stage);
                        continue;
                    }
                    Some(ws) if self.simple && !self.invisible => {
                        i = self.letters_fast(ws, i);
                        continue;
                    }
                    Some(_) => {}
                }
            }
            if b < 0x80 {
                self.ascii(b, i);
                i += 1;
                continue;
            }
            let c = self.input[i..].chars().next().expect("char boundary");
            self.non_ascii(c, i);
            i += c.len_utf8();
        }
        self.end_word();
        self.close_split();
    }

    /// Fast path for the common case, from an ASCII letter at `i` with no word open: words of
    /// ASCII letters that a plain separator ends (see [`PLAIN_SEPARATOR`]), and the separators
    /// after them, written straight into the buffers. Returns where the general loop resumes;
    /// a word that goes on with anything else is left open.
    fn plain_words(&mut self, mut i: usize, stage: &mut Stage) -> usize {
        let bytes = self.input.as_bytes();
        let n = bytes.len();
        // Words are made in `stage` and appended to the buffers a stageful at a time.
        let Stage { text, org } = stage;
        let mut w = 0;
        let flush = |f: &mut Self, text: &[u8], org: &[Origin], w: &mut usize| {
            f.buf.extend_from_slice(&text[..*w]);
            f.org.extend_from_slice(&org[..*w]);
            *w = 0;
        };
        loop {
            if w > STAGE / 2 {
                flush(self, text, org, &mut w);
            }
            let staged = w;
            let last_end = match w {
                0 => self.org.last().map(|o| o.end),
                _ => Some(org[w - 1].end),
            };
            let space = last_end.map(|start| {
                text[w] = b' ';
                org[w] = Origin {
                    start,
                    end: i as u32,
                    run: 1,
                    flags: 0,
                };
                w += 1;
                self.buf.len() + w - 1
            });
            let first = w;
            let flags = if self.hashtag { IN_HASHTAG } else { 0 };
            let mut e = i;
            while e < n && bytes[e].is_ascii_alphabetic() {
                let l = bytes[e] | 0x20;
                if w > first && text[w - 1] == l {
                    let m = &mut org[w - 1];
                    m.end = e as u32 + 1;
                    m.run = m.run.saturating_add(1);
                    if m.run >= 3 {
                        m.flags |= evasion::REPETITION;
                    }
                } else if w == text.len() {
                    break; // Too long for the stage.
                } else {
                    text[w] = l;
                    org[w] = Origin {
                        start: e as u32,
                        end: e as u32 + 1,
                        run: 1,
                        flags,
                    };
                    w += 1;
                }
                e += 1;
            }
            if e < n && !PLAIN_SEPARATOR[bytes[e] as usize] {
                // Too long, or the word goes on with something else: the general path.
                w = staged;
                flush(self, text, org, &mut w);
                let ws = self.open_word(i);
                return self.letters_fast(ws, i);
            }
            // The word is closed: only split-letter tracking is left of `finish_word`.
            if w == first + 1 && org[first].run == 1 || self.split.count > 0 {
                let ws = self.buf.len() + first;
                flush(self, text, org, &mut w);
                self.track_split(ws, space);
            }
            i = e;
            while i < n && PLAIN_SEPARATOR[bytes[i] as usize] {
                if bytes[i].is_ascii_whitespace() || bytes[i] == 0x0B {
                    self.hashtag = false;
                }
                i += 1;
            }
            if i == n || !bytes[i].is_ascii_alphabetic() {
                flush(self, text, org, &mut w);
                return i;
            }
        }
    }

    /// Fast path: appends the ASCII letters from `i` to a simple open word starting at `ws`.
    /// Returns the index of the first byte that is not an ASCII letter.
    fn letters_fast(&mut self, ws: usize, i: usize) -> usize {
        let bytes = self.input.as_bytes();
        let mut end = i;
        while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
            end += 1;
        }
        // A simple word carries no kind bits (see `unit`).
        let flags = if self.hashtag { IN_HASHTAG } else { 0 };
        // Write into the buffers grown once to the most this run can add, then cut back.
        let mut w = self.buf.len();
        let most = w + (end - i);
        self.buf.resize(most, 0);
        self.org.resize(most, Origin::ZERO);
        let (buf, org) = (&mut self.buf[..], &mut self.org[..]);
        for (p, &b) in (i..end).zip(&bytes[i..end]) {
            let l = b | 0x20;
            if w > ws && buf[w - 1] == l {
                let m = &mut org[w - 1];
                m.end = p as u32 + 1;
                m.run = m.run.saturating_add(1);
                if m.run >= 3 {
                    m.flags |= evasion::REPETITION;
                }
            } else {
                buf[w] = l;
                org[w] = Origin {
                    start: p as u32,
                    end: p as u32 + 1,
                    run: 1,
                    flags,
                };
                w += 1;
            }
        }
        self.buf.truncate(w);
        self.org.truncate(w);
        end
    }

    /// Whether the next visible character starts a word (`#\u{200B}dasar` is still a hashtag).
    /// Linear: the invisible run skipped here follows one `#`/`@` and ends at a visible char.
    fn next_is_word_char(&self, i: usize) -> bool {
        match self.input[i..].chars().find(|&c| !is_invisible(c)) {
            Some(c) if c.is_ascii() => c.is_ascii_alphanumeric(),
            Some(c) => c.is_alphanumeric(),
            None => false,
        }
    }

    fn ascii(&mut self, b: u8, i: usize) {
        match b {
            b'a'..=b'z' => self.unit(&[b], i, i + 1, K_LETTER),
            b'A'..=b'Z' => self.unit(&[b | 0x20], i, i + 1, K_LETTER),
            b'0'..=b'9' => self.unit(&[b], i, i + 1, K_DIGIT),
            b'#' | b'@' if self.word.is_none() && self.next_is_word_char(i + 1) => {
                self.hashtag = true;
            }
            b'@' if self.word.is_some() && self.email_like(i) => self.end_word(),
            b'@' | b'$' | b'!' | b'|' | b'+' | b'*' | b'#' => self.unit(&[b], i, i + 1, K_SYM),
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => {
                self.end_word();
                self.hashtag = false;
            }
            _ => self.end_word(),
        }
    }

    fn non_ascii(&mut self, c: char, i: usize) {
        let end = i + c.len_utf8();
        if is_invisible(c) {
            if self.word.is_some() {
                self.invisible = true;
                self.mark_last(end, evasion::INVISIBLE, false);
            }
        } else if is_generic_mark(c) {
            if self.word.is_some() {
                self.mark_last(end, evasion::DIACRITICS, true);
            }
        } else if let Some((s, flags)) = fold_char(c) {
            let kind = if s[0].is_ascii_digit() {
                K_DIGIT
            } else {
                K_LETTER
            };
            self.unit(s, i, end, kind | flags);
        } else if c == '€' {
            self.unit(&[EURO], i, end, K_SYM);
        } else if c == '•' {
            self.unit(&[BULLET], i, end, K_SYM);
        } else if c.is_alphanumeric() || self.is_script_mark(c) {
            let mut tmp = [0u8; 4];
            for l in c.to_lowercase() {
                let s = l.encode_utf8(&mut tmp).as_bytes();
                let mut copy = [0u8; 4];
                copy[..s.len()].copy_from_slice(s);
                self.unit(&copy[..s.len()], i, end, K_LETTER);
            }
        } else {
            self.end_word();
            if c.is_whitespace() {
                self.hashtag = false;
            }
        }
    }

    /// Non-alphanumeric marks of other scripts (Thai tone marks, Arabic harakat, ...) stay in
    /// the word they sit in.
    fn is_script_mark(&self, c: char) -> bool {
        self.word.is_some()
            && ('\u{591}'..'\u{2000}').contains(&c)
            && !matches!(
                c,
                '\u{60C}' | '\u{61B}' | '\u{61F}' | '\u{6D4}' | '\u{964}' | '\u{965}'
            )
            && !c.is_whitespace()
    }

    /// Is the `@` at `i` part of an e-mail-like chunk (a later `.` + letter before whitespace)?
    fn email_like(&mut self, i: usize) -> bool {
        if i >= self.chunk_end {
            let bytes = self.input.as_bytes();
            let mut j = i;
            self.chunk_dot = 0;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() {
                // The letter after the dot may follow invisible characters (`example.\u{200B}com`);
                // only the dot just before a run of them reads across it, so this stays linear.
                if bytes[j] == b'.'
                    && self.input[j + 1..]
                        .chars()
                        .find(|&c| !is_invisible(c))
                        .is_some_and(|c| c.is_ascii_alphabetic())
                {
                    self.chunk_dot = j;
                }
                j += 1;
            }
            self.chunk_end = j;
        }
        self.chunk_dot > i
    }

    /// Adds `flag` to the open word's last unit (all its bytes); `widen` extends its origin to `end`.
    fn mark_last(&mut self, end: usize, flag: u16, widen: bool) {
        let Some(last) = self.org.last().copied() else {
            return;
        };
        for o in self
            .org
            .iter_mut()
            .rev()
            .take_while(|o| o.start == last.start)
        {
            o.flags |= flag;
            if widen {
                o.end = end as u32;
            }
        }
    }

    /// Opens a word whose first unit starts at `start`, after a space if anything came before.
    /// Returns the buffer index where the word starts.
    fn open_word(&mut self, start: usize) -> usize {
        if let Some(last) = self.org.last().copied() {
            self.space = Some(self.buf.len());
            self.buf.push(b' ');
            self.org.push(Origin {
                start: last.end,
                end: start as u32,
                run: 1,
                flags: K_SEP,
            });
        }
        let ws = self.buf.len();
        self.word = Some(ws);
        self.simple = true;
        ws
    }

    /// Appends one unit (the bytes folded from one original char) to the open word.
    ///
    /// While the word is simple its bytes carry no kind bits (they are all `K_LETTER`); they
    /// get them when the word stops being simple, before `end_word` reads them.
    #[inline]
    fn unit(&mut self, s: &[u8], start: usize, end: usize, flags: u16) {
        let ws = match self.word {
            Some(ws) => ws,
            None => self.open_word(start),
        };
        let mut flags = flags;
        if self.hashtag {
            flags |= IN_HASHTAG;
        }
        if self.invisible {
            self.invisible = false;
            flags |= evasion::INVISIBLE;
        }
        let o = Origin {
            start: start as u32,
            end: end as u32,
            run: 1,
            flags,
        };
        let one_letter = matches!(*s, [b'a'..=b'z']);
        if one_letter {
            // Stretched letter: merge into the previous byte when it is the same one-byte letter.
            let n = self.buf.len();
            if n > ws
                && self.buf[n - 1] == s[0]
                && (self.simple || self.org[n - 1].flags & KINDS == K_LETTER)
                && (n - 1 == ws || self.org[n - 2].start != self.org[n - 1].start)
            {
                let flags = if self.simple { flags & !KINDS } else { flags };
                self.merge(n - 1, o, flags);
                return;
            }
        }
        if self.simple && !(one_letter && flags & KINDS == K_LETTER) {
            self.simple = false;
            for o in &mut self.org[ws..] {
                o.flags |= K_LETTER;
            }
        }
        let o = if self.simple {
            Origin {
                flags: flags & !KINDS,
                ..o
            }
        } else {
            o
        };
        self.buf.extend_from_slice(s);
        for _ in s {
            self.org.push(o);
        }
    }

    /// Closes the open word: trims, decides leetspeak, collapses runs, writes the final bytes.
    fn end_word(&mut self) {
        let Some(ws) = self.word.take() else { return };
        let space = self.space.take();
        self.invisible = false;
        let n = self.buf.len();
        if self.simple {
            // Only one-byte letters (already collapsed, no kind bits): nothing to trim, convert
            // or merge.
            self.finish_word(ws, space);
            return;
        }
        // Unit boundaries: a unit is a run of bytes sharing one origin start.
        let next_unit = |org: &[Origin], i: usize| {
            let s = org[i].start;
            let mut j = i + 1;
            while j < n && org[j].start == s {
                j += 1;
            }
            j
        };
        let kind = |org: &[Origin], i: usize| org[i].flags & KINDS;
        // A lone `$` reads as an `s`, so that it can join split letters (`p u $ $ y`); it counts
        // as a leet letter there, not a real one.
        if n == ws + 1 && self.buf[ws] == b'$' && kind(self.org, ws) == K_SYM {
            self.buf[ws] = b's';
            self.org[ws].flags = (self.org[ws].flags & !KINDS) | evasion::LEETSPEAK;
            self.finish_word(ws, space);
            return;
        }
        // Trim trailing symbols.
        let mut hi = n;
        while hi > ws && kind(self.org, hi - 1) == K_SYM {
            hi -= 1;
        }
        // Trim leading symbols, but keep a leet symbol directly before a letter (`$hit`).
        let mut lo = ws;
        while lo < hi && kind(self.org, lo) == K_SYM {
            let keep = leet_sym(self.buf[lo]).is_some()
                && lo + 1 < hi
                && kind(self.org, lo + 1) == K_LETTER;
            if keep {
                break;
            }
            lo += 1;
        }
        // Reduplication: "anjing2" / "kata²".
        let mut redup = None;
        if hi - lo >= 4
            && self.buf[hi - 1] == b'2'
            && kind(self.org, hi - 1) == K_DIGIT
            && kind(self.org, hi - 2) == K_LETTER
            && self.org[hi - 2].start != self.org[hi - 1].start
        {
            let letters = self.count_units(lo, hi - 1, K_LETTER);
            if letters >= 3 {
                hi -= 1;
                redup = Some(self.org[hi].end);
            }
        }
        // Statistics for the leetspeak decision.
        let (mut units, mut letters, mut digits, mut syms) = (0usize, 0usize, 0usize, 0usize);
        let (mut first_digit, mut last_digit, mut unmapped) = (usize::MAX, 0usize, false);
        let mut i = lo;
        while i < hi {
            let j = next_unit(self.org, i);
            match kind(self.org, i) {
                K_LETTER => letters += 1,
                K_SYM => syms += 1,
                K_DIGIT => {
                    digits += 1;
                    first_digit = first_digit.min(units);
                    last_digit = units;
                    if j - i != 1 || leet_digit(self.buf[i]).is_none() {
                        unmapped = true;
                    }
                }
                _ => {}
            }
            units += 1;
            i = j;
        }
        // A trailing `@` reads as `a` in an otherwise leet word (`n1gg@`).
        let tail_at =
            hi > ws && hi < n && self.buf[hi] == b'@' && kind(self.org, hi - 1) == K_LETTER;
        let one_block = digits > 0 && last_digit + 1 - first_digit == digits;
        let numeric_end = one_block && last_digit + 1 == units;
        let numeric_start = one_block && first_digit == 0 && (digits >= 2 || letters < 3);
        let mut leet = letters >= 2 && !unmapped && !numeric_end && !numeric_start;
        if self.force_leet {
            leet = letters >= 1 && !unmapped;
        } else if !leet && letters >= 1 && digits >= 1 && syms == 0 && !unmapped && units >= 3 {
            // Left as a number, but it might be a disguise (`cun7`): the filter reads it again.
            self.numbers
                .push(self.org[lo].start as usize..self.org[hi - 1].end as usize);
        }
        if leet && tail_at && (digits > 0 || syms > 0) {
            hi += 1;
        }

        // Rewrite in place: w <= r always (each unit shrinks or keeps its size).
        let mut w = ws;
        let mut r = lo;
        let mut pending_sep: Option<u32> = None; // start of a separator run inside the word
        let mut collapsible = false;
        let mut prev_k = 0;
        // The last run of leet symbols looked at (`$$` in `dumba$$es`): where it ends and whether
        // a letter or digit follows it. Cached so a long run is walked once.
        let mut chain = (0usize, false);
        while r < hi {
            let j = next_unit(self.org, r);
            let k = kind(self.org, r);
            let o = self.org[r];
            let next_k = if j < hi { kind(self.org, j) } else { 0 };
            let out: Option<(u8, u16)> = match k {
                K_DIGIT if leet && j - r == 1 => {
                    leet_digit(self.buf[r]).map(|l| (l, evasion::LEETSPEAK | K_LETTER))
                }
                K_SYM if leet => {
                    let b = self.buf[r];
                    let around = |k: u16| k == K_LETTER || k == K_DIGIT;
                    if let Some(l) = leet_sym(b) {
                        let both = matches!(b, b'!' | b'|' | b'+');
                        let tail = b == b'@' && j == hi && around(prev_k);
                        let before_letter = around(next_k)
                            || (next_k == K_SYM && !both && {
                                if j >= chain.0 {
                                    let mut p = j;
                                    while p < hi
                                        && kind(self.org, p) == K_SYM
                                        && leet_sym(self.buf[p]).is_some()
                                        && !matches!(self.buf[p], b'!' | b'|' | b'+')
                                    {
                                        p = next_unit(self.org, p);
                                    }
                                    chain = (p.max(j + 1), p < hi && around(kind(self.org, p)));
                                }
                                chain.1
                            });
                        (tail || before_letter && (!both || around(prev_k)))
                            .then_some((l, evasion::LEETSPEAK | K_LETTER))
                    } else if is_mask(b)
                        && (around(prev_k) || prev_k == K_SYM)
                        && (around(next_k) || next_k == K_SYM)
                    {
                        Some((b'*', evasion::MASKING))
                    } else {
                        None
                    }
                }
                K_SYM => None,
                _ => Some((0, 0)), // copy as is
            };
            prev_k = k;
            let Some((byte, add)) = out else {
                // Becomes a separator.
                if w > ws && pending_sep.is_none() {
                    pending_sep = Some(self.org[w - 1].end);
                }
                r = j;
                continue;
            };
            if let Some(start) = pending_sep.take() {
                self.buf[w] = b' ';
                self.org[w] = Origin {
                    start,
                    end: o.start,
                    run: 1,
                    flags: 0,
                };
                w += 1;
                collapsible = false;
            }
            let flags = (o.flags | add) & !KINDS;
            if byte == 0 {
                // Letter or digit kept as is (possibly multi-byte).
                let single_letter = j - r == 1 && self.buf[r].is_ascii_lowercase();
                if single_letter && collapsible && self.buf[w - 1] == self.buf[r] {
                    self.merge(w - 1, o, flags);
                } else {
                    for p in r..j {
                        self.buf[w] = self.buf[p];
                        self.org[w] = Origin {
                            flags,
                            ..self.org[p]
                        };
                        w += 1;
                    }
                    collapsible = single_letter;
                }
            } else if byte != b'*' && collapsible && self.buf[w - 1] == byte {
                self.merge(w - 1, o, flags);
            } else {
                self.buf[w] = byte;
                self.org[w] = Origin {
                    start: o.start,
                    end: self.org[j - 1].end,
                    run: 1,
                    flags,
                };
                w += 1;
                collapsible = byte != b'*';
            }
            r = j;
        }
        if let (Some(end), true) = (redup, w > ws) {
            let last = &mut self.org[w - 1];
            last.flags |= evasion::REDUPLICATION;
            last.end = end;
            let s = last.start;
            for o in self.org[ws..w - 1]
                .iter_mut()
                .rev()
                .take_while(|o| o.start == s)
            {
                o.flags |= evasion::REDUPLICATION;
                o.end = end;
            }
        }
        self.buf.truncate(w);
        self.org.truncate(w);
        self.finish_word(ws, space);
    }

    /// Drops the space before an empty word, or fixes its origin; then follows split letters.
    fn finish_word(&mut self, ws: usize, space: Option<usize>) {
        if self.buf.len() == ws {
            // Nothing left: drop the space written before the word too.
            if let Some(sp) = space {
                self.buf.truncate(sp);
                self.org.truncate(sp);
            }
            return;
        }
        if let Some(sp) = space {
            self.org[sp].end = self.org[ws].start;
            self.org[sp].flags = 0;
        }
        self.track_split(ws, space);
    }

    fn count_units(&self, lo: usize, hi: usize, k: u16) -> usize {
        let mut count = 0;
        for i in lo..hi {
            if self.org[i].flags & KINDS == k
                && (i == lo || self.org[i - 1].start != self.org[i].start)
            {
                count += 1;
            }
        }
        count
    }

    /// Merges one more letter (origin `o`) into the folded byte at `at`.
    fn merge(&mut self, at: usize, o: Origin, flags: u16) {
        let m = &mut self.org[at];
        m.end = o.end;
        m.run = m.run.saturating_add(o.run);
        m.flags |= flags;
        if m.run >= 3 {
            m.flags |= evasion::REPETITION;
        }
    }

    /// Follows runs of one-letter words (`a n j i n g`) after the word at `ws` was written.
    fn track_split(&mut self, ws: usize, space: Option<usize>) {
        let n = self.buf.len();
        let o = self.org[ws];
        let b = self.buf[ws];
        let single =
            n == ws + 1 && o.run == 1 && (b.is_ascii_lowercase() || leet_digit(b).is_some());
        if !single {
            self.close_split();
            return;
        }
        let joinable = self.split.count > 0 && space.is_some() && {
            // 1-3 separators; invisible characters in the gap do not count (`k\u{200B}.o.n.t.o.l`).
            // Each gap is read once, so this stays linear.
            let gap = &self.input[self.split.prev_end..o.start as usize];
            let mut separators = 0;
            gap.chars().all(|c| {
                separators += usize::from(!is_invisible(c));
                is_invisible(c) || (separators <= 3 && " .-_,/*~".contains(c))
            }) && separators >= 1
        };
        if !joinable {
            self.close_split();
            // Closing may have moved this word left.
            self.split.start = self.buf.len() - 1;
        }
        self.split.count += 1;
        self.split.letters +=
            usize::from(b.is_ascii_lowercase() && o.flags & evasion::LEETSPEAK == 0);
        self.split.end = self.buf.len();
        self.split.prev_end = o.end as usize;
    }

    /// Ends the current run of one-letter words, joining it when it is long enough.
    fn close_split(&mut self) {
        if self.split.count == 0 {
            return;
        }
        let s = std::mem::take(&mut self.split);
        if s.count < 3 || s.letters < 2 {
            return;
        }
        let mut w = s.start;
        for r in s.start..s.end {
            let b = self.buf[r];
            if b == b' ' {
                continue;
            }
            let mut o = self.org[r];
            o.flags |= evasion::SEPARATORS;
            let letter = match leet_digit(b) {
                Some(l) => {
                    o.flags |= evasion::LEETSPEAK;
                    l
                }
                None => b,
            };
            if w > s.start && self.buf[w - 1] == letter {
                self.merge(w - 1, o, o.flags);
            } else {
                self.buf[w] = letter;
                self.org[w] = o;
                w += 1;
            }
        }
        let removed = s.end - w;
        if removed > 0 {
            self.buf.copy_within(s.end.., w);
            self.org.copy_within(s.end.., w);
            let n = self.buf.len() - removed;
            self.buf.truncate(n);
            self.org.truncate(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::evasion::*;
    use super::*;

    /// `(name, input, expected folded text)`.
    const FOLD_CASES: &[(&str, &str, &str)] = &[
        ("plain", "Dasar  ANJING!!! lu", "dasar anjing lu"),
        ("empty", "", ""),
        ("only separators", "  !!! ... 🙂 ", ""),
        ("trim edges", "  halo, dunia.  ", "halo dunia"),
        ("diacritics", "ánjíng", "anjing"),
        ("combining marks", "a\u{301}nji\u{308}ng", "anjing"),
        ("zalgo", "k\u{334}\u{31b}o\u{35c}n\u{361}tol", "kontol"),
        ("fullwidth", "ｋｏｎｔｏｌ", "kontol"),
        ("math bold", "𝐛𝐚𝐧𝐠𝐬𝐚𝐭", "bangsat"),
        ("math bold italic", "𝒇𝒖𝒄𝒌", "fuck"),
        ("circled", "ⓐⓝⓙⓘⓝⓖ", "anjing"),
        ("cyrillic homoglyphs", "аnјіng", "anjing"),
        ("cyrillic uppercase", "КОNТОL", "kontol"),
        ("greek homoglyphs", "ΒΑΝGSΑΤ", "bangsat"),
        ("greek mu supplement", "μ", "u"),
        ("cyrillic shape look-alikes", "ваngsат", "bangsat"),
        ("cyrillic small capitals", "тупк", "tynk"),
        ("greek small letters", "βαγδ", "bayd"),
        ("cherokee capitals and small letters", "ᏴᎪꮓ", "baz"),
        ("armenian", "ցօոց", "gong"),
        ("negative circled letters", "🅐🅝🅙🅘🅝🅖", "anjing"),
        ("negative squared letters", "🅰🅽🅹🅸🅽🅶", "anjing"),
        ("squared letters", "🄰🄽🄹🄸🄽🄶", "anjing"),
        ("parenthesized letters", "⒜⒩⒥⒤⒩⒢", "anjing"),
        ("regional indicators", "🇦🇳🇯🇮🇳🇬", "anjing"),
        ("leet symbol run", "dumba$$es", "dumbases"),
        ("lone dollar joins split letters", "p u $ $ y", "pusy"),
        ("lone dollar elsewhere is an s", "harga $ 5", "harga s 5"),
        ("leet 7 at a word's start stays a number", "7ai", "7ai"),
        ("sharp s", "Straße", "strasse"),
        ("ligature", "ﬁre", "fire"),
        ("leet digits", "4nj1ng", "anjing"),
        ("leet symbols", "b@ngs4t", "bangsat"),
        ("leet sh1t", "sh1t", "shit"),
        ("leet bang", "b!tch", "bitch"),
        ("leet dollar start", "$hit", "shit"),
        ("leet k0nt0l", "k0nt0l", "kontol"),
        ("leet leading digit", "5uck", "suck"),
        ("leet euro", "€njing", "enjing"),
        ("leet pipe", "a|ay", "alay"),
        ("leet trailing at", "n1gg@ b@ngs@t", "niga bangsat"),
        ("plain trailing at", "halo@ semua", "halo semua"),
        ("number year", "tahun 2024", "tahun 2024"),
        ("number 8008", "8008", "8008"),
        ("number room, doubles collapse", "room 404", "rom 404"),
        ("number jam", "jam 7", "jam 7"),
        ("rupiah", "Rp50.000", "rp50 000"),
        ("phone", "08123456789", "08123456789"),
        ("phone plus", "+62 812-3456-789", "62 812 3456 789"),
        ("trailing digits", "covid19 mp3", "covid19 mp3"),
        ("letters then digit", "Halo abc1 ok", "halo abc1 ok"),
        ("leading digits", "10k 3pm 4G", "10k 3pm 4g"),
        ("digit two blocks leet", "b2b g20", "b2b g20"),
        ("dollar amount", "$100", "100"),
        ("trailing bang", "setan lo!", "setan lo"),
        ("question", "kenapa?!", "kenapa"),
        ("bang between words", "wow! ok", "wow ok"),
        ("reduplication", "anjing2", "anjing"),
        ("reduplication sup", "kata² itu", "kata itu"),
        ("reduplication short", "r2d2 h2", "r2d2 h2"),
        ("invisible zwsp", "an\u{200B}jing", "anjing"),
        ("invisible soft hyphen", "kon\u{AD}tol", "kontol"),
        ("invisible bidi", "\u{202E}anjing\u{202C}", "anjing"),
        ("invisible variation selector", "anj\u{FE0F}ing", "anjing"),
        ("split spaces", "a n j i n g", "anjing"),
        ("split dots", "k.o.n.t.o.l", "kontol"),
        ("split dashes", "f-u-c-k", "fuck"),
        ("split underscores spaced", "f _ u _ c _ k", "fuck"),
        ("split mixed", "a. n-j_i n,g", "anjing"),
        ("split leet", "4 n j 1 n g", "anjing"),
        (
            "split across invisibles",
            "k\u{200B}.o.\u{2060}n. \u{FEFF}t.o.l",
            "kontol",
        ),
        (
            "split gap too wide with invisibles",
            "a\u{200B}....n.j",
            "a n j",
        ),
        (
            "split in sentence",
            "dasar a n j i n g lu",
            "dasar anjing lu",
        ),
        ("split too far", "a    n    j", "a n j"),
        ("split needs three", "di kapal", "di kapal"),
        ("split ke mana", "ke mana lagi", "ke mana lagi"),
        ("split pen is", "pen is", "pen is"),
        ("split i am a man", "I am a man", "i am a man"),
        ("split digits only", "jam 7 8 9", "jam 7 8 9"),
        ("stretched", "anjiiiing", "anjing"),
        ("stretched o", "kontooool", "kontol"),
        ("stretched u", "fuuuck", "fuck"),
        ("stretched across case", "AAaaNJing", "anjing"),
        (
            "long word",
            "AbcdEfghAbcdEfghAbcdEfghAbcdEfghAbcdEfghAbcdEfghAbcdEfghAbcdEfghAbcdEfghAbcdEfgh",
            "abcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefgh",
        ),
        ("double collapses", "ass", "as"),
        ("mixed case run", "aAａ", "a"),
        ("run across invisible", "ki\u{200B}i\u{200B}ill", "kil"),
        ("mask", "f*ck", "f*ck"),
        ("mask double", "f**k", "f**k"),
        ("mask k*ntol", "k*ntol", "k*ntol"),
        ("mask sh*t", "sh*t", "sh*t"),
        ("mask bullet", "f•ck", "f*ck"),
        ("mask hash", "f#ck", "f*ck"),
        ("mask only stars", "*** ok", "ok"),
        ("mask edges", "*note*", "note"),
        ("hashtag", "#DasarBangsat", "dasarbangsat"),
        (
            "hashtag after invisible",
            "#\u{200B}Dasar\u{200B}Bangsat",
            "dasarbangsat",
        ),
        ("handle", "@budi_santoso halo", "budi santoso halo"),
        ("email", "budi@mail.com", "budi mail com"),
        (
            "url",
            "https://www.example.com/b1tch",
            "htps w example com bitch",
        ),
        ("cjk kept", "你好 world", "你好 world"),
        ("arabic kept", "كلمة، كلمة", "كلمة كلمة"),
        ("thai kept", "ที่นี่", "ที่นี่"),
        ("emoji separator", "anjing🐶lu", "anjing lu"),
        // Cyrillic letters fold by shape wherever they are (saring has no Russian lexicon, and a
        // look-alike attack may write a whole word in Cyrillic); letters with no Latin look-alike
        // are kept.
        ("cyrillic word folds by shape", "привет", "npubet"),
        ("cyrillic letters with no look-alike kept", "жук", "жyk"),
    ];

    /// `(name, input, folded substring, original slice it must map back to)`.
    const ORIGIN_CASES: &[(&str, &str, &str, &str)] = &[
        ("diacritics", "dasar ánjíng lu", "anjing", "ánjíng"),
        (
            "combining",
            "a\u{301}nji\u{308}ng!",
            "anjing",
            "a\u{301}nji\u{308}ng",
        ),
        ("fullwidth", "si ｋｏｎｔｏｌ", "kontol", "ｋｏｎｔｏｌ"),
        ("math", "𝐛𝐚𝐧𝐠𝐬𝐚𝐭!", "bangsat", "𝐛𝐚𝐧𝐠𝐬𝐚𝐭"),
        ("split", "x a n j i n g y", "anjing", "a n j i n g"),
        ("split dots", "k.o.n.t.o.l.", "kontol", "k.o.n.t.o.l"),
        ("stretched", "anjiiiing", "anjing", "anjiiiing"),
        ("stretched i", "anjiiiing", "i", "iiii"),
        ("leet", "dasar 4nj1ng", "anjing", "4nj1ng"),
        ("leet start", "$hit!", "shit", "$hit"),
        ("mask", "f**k", "f**k", "f**k"),
        ("invisible", "an\u{200B}jing", "anjing", "an\u{200B}jing"),
        ("reduplication", "anjing2 lu", "anjing", "anjing2"),
        ("space covers run", "a , !! b", " ", " , !! "),
        ("hashtag", "#dasarbangsat", "dasarbangsat", "dasarbangsat"),
        ("homoglyph", "аnјіng", "anjing", "аnјіng"),
        ("sharp s", "Straße", "ss", "ß"),
    ];

    fn check_invariants(name: &str, input: &str, f: &Folded) {
        assert_eq!(f.origin.len(), f.text.len(), "{name}: lengths");
        assert!(
            !f.text.starts_with(' ') && !f.text.ends_with(' '),
            "{name}: edge space"
        );
        assert!(!f.text.contains("  "), "{name}: double space");
        let mut prev = (0, 0);
        for (i, o) in f.origin.iter().enumerate() {
            let (s, e) = (o.start as usize, o.end as usize);
            assert!(s < e && e <= input.len(), "{name}: range {o:?} at {i}");
            assert!(
                input.is_char_boundary(s) && input.is_char_boundary(e),
                "{name}: boundary"
            );
            assert!(o.run >= 1, "{name}: run");
            assert!(o.flags & KINDS == 0, "{name}: kind bits leaked at {i}");
            assert!((s, e) >= prev, "{name}: decreasing at {i}");
            prev = (s, e);
        }
        for (i, &b) in f.text.as_bytes().iter().enumerate() {
            assert!(
                b >= 0x80
                    || b == b' '
                    || b == b'*'
                    || b.is_ascii_alphanumeric() && !b.is_ascii_uppercase(),
                "{name}: byte {b:#x} at {i}"
            );
        }
    }

    #[test]
    fn fold_cases() {
        let mut failures = Vec::new();
        let mut f = Folded::default();
        for &(name, input, want) in FOLD_CASES {
            normalize_into(input, &mut f);
            check_invariants(name, input, &f);
            if f.text != want {
                failures.push(format!("{name}: {input:?} -> {:?}, want {want:?}", f.text));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn origin_cases() {
        let mut failures = Vec::new();
        for &(name, input, sub, want) in ORIGIN_CASES {
            let f = normalize(input);
            check_invariants(name, input, &f);
            let Some(i) = f.text.find(sub) else {
                failures.push(format!("{name}: {sub:?} not in {:?}", f.text));
                continue;
            };
            let (a, b) = (f.origin[i], f.origin[i + sub.len() - 1]);
            let got = &input[a.start as usize..b.end as usize];
            if got != want {
                failures.push(format!("{name}: maps to {got:?}, want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// `(name, input, folded substring, flags every byte of it must have)`.
    const FLAG_CASES: &[(&str, &str, &str, u16)] = &[
        ("diacritics", "ánjíng", "a", DIACRITICS),
        ("styled", "ｋｏｎｔｏｌ", "kontol", STYLED),
        ("homoglyph", "аnjing", "a", HOMOGLYPHS),
        ("leet", "4nj1ng", "a", LEETSPEAK),
        ("invisible", "an\u{200B}jing", "nj", INVISIBLE),
        ("split", "a n j i n g", "anjing", SEPARATORS),
        ("repetition", "anjiiing", "i", REPETITION),
        ("mask", "f*ck", "*", MASKING),
        ("reduplication", "anjing2", "g", REDUPLICATION),
        ("hashtag", "#dasar", "dasar", IN_HASHTAG),
        (
            "hashtag after invisible",
            "#\u{2060}dasar",
            "dasar",
            IN_HASHTAG,
        ),
    ];

    #[test]
    fn flag_cases() {
        for &(name, input, sub, flags) in FLAG_CASES {
            let f = normalize(input);
            let i = f
                .text
                .find(sub)
                .unwrap_or_else(|| panic!("{name}: {:?}", f.text));
            for o in &f.origin[i..i + sub.len()] {
                assert_eq!(o.flags & flags, flags, "{name}: {o:?}");
            }
        }
        let f = normalize("anjiing ass");
        assert_eq!(f.origin[3].run, 2);
        assert_eq!(
            f.origin[3].flags & REPETITION,
            0,
            "doubles are normal spelling"
        );
        assert_eq!(f.origin.last().map(|o| o.run), Some(2));
        assert_eq!(normalize("anjing").origin[0].flags, 0);
    }

    #[test]
    fn linear_on_hostile_input() {
        let mut s = String::from("a");
        s.extend(std::iter::repeat_n('\u{301}', 100_000));
        let f = normalize(&s);
        assert_eq!(f.text, "a");
        assert_eq!(f.origin[0].end as usize, s.len());
        let many = "a@".repeat(50_000) + ".com";
        let f = normalize(&many);
        check_invariants("many @", &many, &f);
        let split = "a ".repeat(100_000);
        let f = normalize(&split);
        assert_eq!(f.text, "a");
        assert_eq!(f.origin[0].run, 100_000u32.min(u16::MAX as u32) as u16);
    }

    /// Pseudo-random mixes of the tricky characters keep every invariant (no panics either).
    #[test]
    fn invariants_on_random_mixes() {
        const ALPHABET: &[&str] = &[
            "a", "A", "n", "s", "2", "4", "0", "1", "@", "$", "!", "|", "*", "#", "•", "€", " ",
            ".", "-", "_", "\u{200B}", "\u{301}", "ａ", "а", "ß", "²", "你", "ة", "\u{E48}", "🙂",
            "\n", "+", ",", "~", "/", "ǅ", "ⅻ",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut s = String::new();
        let mut f = Folded::default();
        for _ in 0..3000 {
            s.clear();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(ALPHABET[(seed % ALPHABET.len() as u64) as usize]);
            }
            normalize_into(&s, &mut f);
            check_invariants(&s, &s, &f);
        }
    }

    #[test]
    fn reuse_keeps_capacity() {
        let mut f = Folded::default();
        normalize_into("satu dua tiga", &mut f);
        let cap = f.text.capacity();
        normalize_into("x", &mut f);
        assert_eq!(f.text, "x");
        assert!(f.text.capacity() >= cap);
    }

    #[test]
    fn fold_table_is_sorted_and_small() {
        assert!(fold_table::FOLD.windows(2).all(|w| w[0] >> 11 < w[1] >> 11));
        assert!(std::mem::size_of_val(&fold_table::FOLD) < 30 * 1024);
        assert!(fold_table::UNICODE_VERSION.0 >= 15);
    }

    mod generator {
        #![allow(dead_code)]
        include!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/gen_fold_table.rs"
        ));
    }

    #[test]
    fn fold_table_is_up_to_date() {
        let committed = include_str!("normalize/fold_table.rs");
        assert!(
            generator::generate() == committed,
            "src/normalize/fold_table.rs is stale: run `cargo run --example gen_fold_table`"
        );
        let committed = include_str!("normalize/ignorable_table.rs");
        assert!(
            generator::generate_ignorable() == committed,
            "src/normalize/ignorable_table.rs is stale: run `cargo run --example gen_fold_table`"
        );
    }
}
