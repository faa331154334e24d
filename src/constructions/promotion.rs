//! Online-gambling (judol) promotion: a brand-like name, the trade's vocabulary, testimonial
//! wording and calls to action, read together. One listed word is never enough on its own.
//!
//! The signals are data (`lang/<code>/promotion.tsv`); how they combine is fixed here and
//! described in `docs/promotion.md`:
//!
//! - a **styled brand** — letters in mathematical, fullwidth, enclosed or underlined styles, or
//!   a run of spaced capitals (`P U L A U 7 7 7`), inside a comment otherwise typed plainly — is
//!   a promotion by itself;
//! - a **plain brand** — letters then digits (`PULAU777`, `XUXU4D`) or a name ending in a
//!   strong suffix (`KUSUMATOTO`) — is one unless the comment talks *about* gambling (an `anti`
//!   word) without any promotion wording;
//! - a **weak brand** — a name ending in a weak suffix (`…WIN`, `…HOKI`), or capitals broken
//!   into pieces (`GA RU DA HO KI`) — needs promotion wording (score ≥ 1); a word in capitals
//!   needs a score of 2 and no `anti` word;
//! - **wording alone** needs a score of 4 and no `anti` word (`slot gacor`, `wd lancar`,
//!   `bocoran rtp`), so `judol haram`, `stop judol` or `dapat jackpot di pasar malam` pass.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use crate::detect::Detection;
use crate::error::BuildError;
use crate::lexicon::{self, Language};
use crate::normalize::{self, evasion, Folded};
use crate::scan::Candidate as Place;
use crate::vocab::Evasions;

/// Score that wording alone must reach.
const WORDING_ALONE: u32 = 4;
/// Score a word in capitals needs.
const CAPITALS: u32 = 3;
/// Token buffers larger than this are freed after the check.
const KEEP_TOKENS: usize = 4096;
/// The brand reader reads the first this many words of a text (a comment has a few dozen), so
/// its memory stays bounded on a pasted book; the wording is read in full.
const MAX_TOKENS: usize = 1 << 16;

thread_local! {
    /// The brand reader's tokens, reused from one check to the next.
    static TOKENS: std::cell::RefCell<Vec<Token>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Longest brand, in letters and digits; longer runs are sentences, not names.
const MAX_BRAND: usize = 24;
/// Shortest brand, in letters and digits.
const MIN_BRAND: usize = 4;

/// What a listed form says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Vocab,
    Cta,
    Anti,
    /// Only a strong suffix (below), not a word of the wording.
    Suffix,
}

#[derive(Debug)]
struct Signal {
    kind: Kind,
    /// A strong suffix (`toto`): a text holding it anywhere may name a brand.
    strong_suffix: bool,
    weight: u32,
    /// The canonical form of its row: distinct rows add up, spellings of one row count once.
    row: u32,
    canonical: Box<str>,
}

/// The compiled promotion signals.
#[derive(Debug)]
pub(crate) struct Promotion {
    /// The folded listed forms, found by the lexicon's scanner (see [`Promotion::forms`]).
    forms: Vec<Box<[u8]>>,
    /// One per form.
    signals: Vec<Signal>,
    /// Folded one-word forms: a styled word that is listed (`𝐉𝐔𝐃𝐎𝐋`) is emphasis, not a brand.
    listed: HashSet<Box<[u8]>>,
    /// (folded suffix, weight).
    suffixes: Vec<(Box<[u8]>, u32)>,
    /// The last bytes of `suffixes`: most names end otherwise and skip them all.
    suffix_ends: [bool; 256],
    not_brands: HashSet<Box<[u8]>>,
}

/// A promotion found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Byte range in the checked text: the brand, or the strongest promoting phrase.
    pub span: Range<usize>,
    /// The brand's letters and digits (`pulau777`), or the phrase's canonical form.
    pub term: String,
    pub evasions: Evasions,
}

impl Promotion {
    /// Reads the signal tables of `languages`.
    pub(crate) fn new(languages: &[Language]) -> Result<Promotion, BuildError> {
        let mut forms: Vec<Box<[u8]>> = Vec::new();
        let mut signals = Vec::new();
        let mut listed = HashSet::default();
        let mut suffixes = Vec::new();
        let mut not_brands = HashSet::default();
        let mut folded = Folded::default();
        let mut rows: HashMap<Box<str>, u32> = HashMap::default();
        for &language in languages {
            let (source, text) = (language.path("promotion.tsv"), language.folder().promotion);
            for (number, line) in lexicon::data_lines(text) {
                let line = line.trim_end();
                let bad = |message: &str| BuildError::lexicon(&source, number, message);
                let columns: Vec<&str> = line.split('\t').collect();
                let [spellings, signal, weight] = columns[..] else {
                    return Err(bad("expected forms<TAB>signal<TAB>weight"));
                };
                let weight: u32 = weight
                    .trim()
                    .parse()
                    .ok()
                    .filter(|w| *w <= 3)
                    .ok_or_else(|| bad("weight: expected 0, 1, 2 or 3"))?;
                let mut canonical: Option<Box<str>> = None;
                let mut row_of_line = None;
                for form in spellings.split('|').map(str::trim) {
                    normalize::normalize_into(form, &mut folded);
                    let bytes = folded.text.as_bytes();
                    if bytes.is_empty() {
                        return Err(bad("empty form"));
                    }
                    let canonical = canonical.get_or_insert_with(|| folded.text.clone().into());
                    // The same word listed by two languages counts once.
                    let row = *row_of_line.get_or_insert_with(|| {
                        let next = rows.len() as u32;
                        *rows.entry(canonical.clone()).or_insert(next)
                    });
                    let kind = match signal.trim() {
                        "vocab" => Kind::Vocab,
                        "cta" => Kind::Cta,
                        "anti" => Kind::Anti,
                        "suffix" => {
                            suffixes.push((bytes.into(), weight));
                            continue;
                        }
                        "not-brand" => {
                            not_brands.insert(bytes.into());
                            continue;
                        }
                        _ => {
                            return Err(bad(
                                "signal: expected vocab, cta, anti, suffix or not-brand",
                            ))
                        }
                    };
                    if !bytes.contains(&b' ') {
                        listed.insert(bytes.into());
                    }
                    // A spelling listed twice (`deposit` in two languages' files) counts once,
                    // for the first row that lists it.
                    if forms.iter().any(|f| **f == *bytes) {
                        continue;
                    }
                    forms.push(bytes.into());
                    signals.push(Signal {
                        kind,
                        strong_suffix: false,
                        weight,
                        row,
                        canonical: canonical.clone(),
                    });
                }
            }
        }
        // The scanner finds strong suffixes too, anywhere in a word, for the gate in `find`.
        // Added after every row, so that a word of the wording keeps its own place.
        for (suffix, weight) in &suffixes {
            if *weight < 2 {
                continue;
            }
            if let Some(at) = forms.iter().position(|f| f == suffix) {
                signals[at].strong_suffix = true;
                continue;
            }
            forms.push(suffix.clone());
            signals.push(Signal {
                kind: Kind::Suffix,
                strong_suffix: true,
                weight: 0,
                row: u32::MAX,
                canonical: "".into(),
            });
        }
        let mut suffix_ends = [false; 256];
        for (suffix, _) in &suffixes {
            if let Some(&last) = suffix.last() {
                suffix_ends[usize::from(last)] = true;
            }
        }
        Ok(Promotion {
            suffix_ends,
            forms,
            signals,
            listed,
            suffixes,
            not_brands,
        })
    }

    /// The folded forms of the listed words, for the lexicon's scanner to find: one walk over
    /// the folded text serves both. [`Promotion::find`] takes their places by index.
    pub(crate) fn forms(&self) -> &[Box<[u8]>] {
        &self.forms
    }

    /// Looks for a promotion in `text`, whose folded form is `folded`; `places` are where the
    /// scanner found [`Promotion::forms`] in it, in order of their ends, and `detections` the
    /// links and addresses found in it (names inside them are not brands).
    pub(crate) fn find(
        &self,
        text: &str,
        folded: &Folded,
        places: &[Place],
        detections: &[Detection],
    ) -> Option<Found> {
        let wording = self.wording(folded, places);
        // The cheap gate: without promotion wording, only a name with digits, styled letters,
        // spaced capitals or a strong suffix can make a promotion; most texts have none.
        // The cheapest first: the scanner has found the words and suffixes already.
        let hints = wording.score > 0
            || self.has_strong_suffix(places)
            || (!text.is_ascii() && has_styled_letters(text))
            || name_hints(text);
        if !hints {
            return None;
        }
        let brand = TOKENS.with(|buffer| {
            let mut buffer = buffer.try_borrow_mut().ok()?;
            tokens(text, detections, &mut buffer);
            let brand = self.best_brand(&buffer);
            let shouting = shouting(&buffer);
            // A pasted novel should not keep its tokens alive after the check.
            if buffer.capacity() > KEEP_TOKENS {
                *buffer = Vec::new();
            }
            Some((brand, shouting))
        });
        let (brand, shouting) = brand.unwrap_or((None, false));
        let fires = match &brand {
            Some((_, Strength::Styled)) => true,
            Some((_, Strength::Plain)) => wording.score >= 1 || !wording.anti,
            Some((_, Strength::Weak)) => {
                wording.score >= 2 || (wording.score >= 1 && !wording.anti)
            }
            Some((_, Strength::Capitals)) => {
                wording.score >= CAPITALS && !wording.anti && !shouting
            }
            None => false,
        };
        if fires {
            let (candidate, _) = brand?;
            return Some(Found {
                span: candidate.span,
                term: String::from_utf8_lossy(&candidate.skeleton).into_owned(),
                evasions: Evasions::from_bits(candidate.flags),
            });
        }
        if wording.score >= WORDING_ALONE && !wording.anti {
            let (span, term) = wording.best?;
            let origins = &folded.origin[span];
            let flags = origins.iter().fold(0, |acc, o| acc | o.flags);
            return Some(Found {
                span: origins[0].start as usize..origins[origins.len() - 1].end as usize,
                term: term.into(),
                evasions: Evasions::from_bits(flags),
            });
        }
        None
    }

    /// The listed words in the folded text, at word boundaries.
    fn wording(&self, folded: &Folded, places: &[Place]) -> Wording {
        let bytes = folded.text.as_bytes();
        let mut wording = Wording::default();
        // The rows already counted; a comment repeating one word a million times adds
        // nothing after the first, and more than 16 distinct rows add nothing to the decision.
        let mut rows = [0u32; 16];
        let mut counted = 0;
        let mut best_weight = 0;
        for place in places {
            let Range { start, end } = place.folded();
            if (start > 0 && bytes[start - 1] != b' ') || (end < bytes.len() && bytes[end] != b' ')
            {
                continue;
            }
            let signal = &self.signals[place.pattern as usize];
            match signal.kind {
                Kind::Anti => {
                    wording.anti = true;
                    continue;
                }
                Kind::Suffix => continue,
                Kind::Vocab | Kind::Cta => {}
            }
            if rows[..counted].contains(&signal.row) || counted == rows.len() {
                continue;
            }
            rows[counted] = signal.row;
            counted += 1;
            wording.score = wording.score.saturating_add(signal.weight);
            if signal.weight > best_weight {
                best_weight = signal.weight;
                wording.best = Some((start..end, signal.canonical.clone()));
            }
        }
        wording
    }

    fn has_strong_suffix(&self, places: &[Place]) -> bool {
        places
            .iter()
            .any(|place| self.signals[place.pattern as usize].strong_suffix)
    }

    /// The strongest brand-like candidate, the first of equals.
    fn best_brand(&self, tokens: &[Token]) -> Option<(Candidate, Strength)> {
        // Styling stands out only in a comment typed mostly plainly.
        let plain = tokens.iter().filter(|t| t.is_plain_word()).count();
        let styled = tokens.iter().filter(|t| t.styled && t.letters > 0).count();
        let plain_words = plain >= 1 && styled <= plain + 1;
        let mut best: Option<(Candidate, Strength)> = None;
        let mut offer = |candidate: Candidate, strength: Strength| {
            if best.as_ref().is_none_or(|(_, s)| strength > *s) {
                best = Some((candidate, strength));
            }
        };
        let mut i = 0;
        while i < tokens.len() {
            // Spaced letters: `P U L A U 7 7 7`, `T K P 303`.
            let run = spaced_run(&tokens[i..]);
            if run >= 3 {
                let mut candidate = Candidate::join(&tokens[i..i + run], evasion::SEPARATORS);
                let mut used = run;
                if let Some(next) = tokens.get(i + run) {
                    if next.gap.joins_letters() && next.letters == 0 && next.len() >= 2 {
                        candidate.extend(next);
                        used += 1;
                    }
                }
                let singles = &tokens[i..i + run];
                let shouting = singles.iter().all(|t| t.lower_plain == 0)
                    && (singles.iter().any(|t| t.upper > 0) || candidate.styled);
                // A number after the name (`a l e x i s 1 7`), not digits read as letters.
                let first_digit = candidate.skeleton.iter().position(u8::is_ascii_digit);
                let digits = first_digit
                    .is_some_and(|at| candidate.skeleton[at..].iter().all(u8::is_ascii_digit));
                if candidate.is_brand_sized() && candidate.letters >= 3 && (shouting || digits) {
                    // A word spelled out in plain capitals (`L O O S E R`) is also emphasis:
                    // a name only with digits, styling or promotion wording.
                    // Plain spaced capitals are rarer as emphasis than as a name.
                    let strength = if digits || candidate.styled {
                        Strength::Styled
                    } else if candidate.letters >= 5 {
                        Strength::Plain
                    } else {
                        Strength::Weak
                    };
                    offer(candidate, strength);
                    i += used;
                    continue;
                }
                // A whole sentence spelled out is emphasis, not a name; none of it is.
                if run > MAX_BRAND {
                    i += run;
                    continue;
                }
            }
            // Capitals in pieces: `GA RU DA HO KI`, `J P TO G E L 7 7`, `𝑲𝒀𝑻 4️⃣𝑫`.
            let pieces = piece_run(&tokens[i..]);
            let run = &tokens[i..i + pieces];
            let styled_pair = pieces == 2 && run.iter().all(|t| t.styled);
            if pieces >= 3 || styled_pair {
                let candidate = Candidate::join(run, evasion::SEPARATORS);
                if pieces > MAX_BRAND {
                    i += pieces;
                    continue;
                }
                if candidate.is_brand_sized() && candidate.letters >= 3 {
                    let strength = if styled_pair && plain_words {
                        Strength::Styled
                    } else {
                        self.shape(&candidate.skeleton, true)
                            .map_or(Strength::Weak, |s| s.max(Strength::Weak))
                    };
                    offer(candidate, strength);
                    i += pieces;
                    continue;
                }
            }
            let token = &tokens[i];
            i += 1;
            if token.len() < 3 || token.len() > MAX_BRAND || token.letters < 2 {
                continue;
            }
            let single = |token| Candidate::join(std::slice::from_ref(token), 0);
            // Letters of several styles in one word (`𝐊𝗨𝗦𝗨𝗠𝗔`, `𝑲O𝑰𝑺`) are never typing.
            let mixed = token.styles > 1;
            if token.styled
                && (plain_words || mixed)
                && token.len() >= MIN_BRAND
                && !self.is_listed(token)
            {
                // A lowercase word in bold (`𝐛𝐚𝐠𝐮𝐬`) is emphasis as often as a name.
                // So is a short word without digits (`а́ss`): brands this short carry a number.
                let emphasis =
                    (token.upper == 0 || token.len() < 5) && token.letters == token.len() && !mixed;
                let strength = if emphasis {
                    Strength::Weak
                } else {
                    Strength::Styled
                };
                offer(single(token), strength);
                continue;
            }
            if let Some(strength) = self.plain_shape(token) {
                offer(single(token), strength);
            }
        }
        best
    }

    fn is_listed(&self, token: &Token) -> bool {
        self.listed.contains(token.deleet().as_slice())
    }

    /// A plain (unstyled) token's brand shape, if any.
    fn plain_shape(&self, token: &Token) -> Option<Strength> {
        let capitals = token.upper >= MIN_BRAND && token.upper == token.letters;
        if let Some(strength) = self.shape(token.skeleton(), capitals) {
            // `#Freeport51`: a hashtag names a topic more often than a brand.
            return Some(if token.gap.last == '#' {
                strength.min(Strength::Weak)
            } else {
                strength
            });
        }
        if !capitals || self.is_listed(token) {
            return None;
        }
        // Capitals set off by emoji or symbols on both sides: `🖤5UNSUR🖤`, `⭐ALEXIS⭐`.
        let wrapped = token.gap.len > 0
            && !token.gap.last.is_ascii()
            && !token.gap.last.is_whitespace()
            && token
                .after
                .is_some_and(|c| !c.is_ascii() && !c.is_whitespace());
        match (wrapped, token.letters < token.len()) {
            (true, true) => Some(Strength::Plain),
            (true, false) => Some(Strength::Weak),
            _ => Some(Strength::Capitals),
        }
    }

    /// The brand shape of a skeleton (lowercase letters and digits), if any.
    fn shape(&self, skeleton: &[u8], capitals: bool) -> Option<Strength> {
        let mut strength = None;
        // Letters then digits: `pulau777`, `xuxu4d`, `mbak4d2`.
        let letters_end = skeleton
            .iter()
            .position(u8::is_ascii_digit)
            .unwrap_or(skeleton.len());
        let (head, tail) = skeleton.split_at(letters_end);
        if head.len() >= 3 && !tail.is_empty() {
            let digits_only = tail.iter().all(u8::is_ascii_digit);
            let four_d = tail.starts_with(b"4d") && tail[2..].iter().all(u8::is_ascii_digit);
            // `bandung2024` carries a year, not a brand number.
            let year = tail.len() == 4 && (tail.starts_with(b"19") || tail.starts_with(b"20"));
            if four_d {
                strength = Some(Strength::Plain);
            } else if digits_only && tail.len() >= 2 && !year {
                // `PULAU777` stands alone; `Program18`, `UUD45`, `pru14` need wording.
                let name = capitals && head.len() >= 4 && tail.len() <= 4;
                strength = Some(if name {
                    Strength::Plain
                } else {
                    Strength::Weak
                });
            }
        }
        // A name ending in a gambling word: `kusumatoto`, `togel62`, `pulauwin`. The name is the
        // skeleton read as leetspeak without its final digits; it ends in a letter the reading
        // leaves alone, so a suffix that ends otherwise is passed over before any reading.
        let name_len = trim_digits(skeleton).len();
        let had_digits = name_len < skeleton.len();
        let last = name_len.checked_sub(1).and_then(|i| skeleton.get(i));
        if let Some(&last) = last.filter(|&&last| self.suffix_ends[usize::from(last)]) {
            for (suffix, weight) in &self.suffixes {
                if suffix.last() == Some(&last)
                    && (name_len >= suffix.len() + 2 || had_digits)
                    && ends_with_read_as_leet(skeleton, name_len, suffix)
                {
                    let s = if *weight >= 2 {
                        Strength::Plain
                    } else {
                        Strength::Weak
                    };
                    strength = strength.max(Some(s));
                }
            }
        }
        // Looked up last: only a skeleton with a shape can be an exception.
        if strength.is_some() && self.not_brands.contains(skeleton) {
            return None;
        }
        strength
    }
}

/// How sure a brand-like token makes the reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// A word in capitals.
    Capitals,
    /// A weak suffix, capitals in pieces.
    Weak,
    /// Letters then digits, a strong suffix.
    Plain,
    /// Styled or spaced letters in a plainly typed comment.
    Styled,
}

#[derive(Default)]
struct Wording {
    score: u32,
    anti: bool,
    /// The folded range and canonical form of the heaviest word.
    best: Option<(Range<usize>, Box<str>)>,
}

/// A run of letters and digits in the original text, folded to ASCII.
#[derive(Debug, Default, Clone)]
struct Token {
    span: Range<usize>,
    /// Letters and digits, lowercase ASCII; only the first [`MAX_BRAND`] + 1 are kept.
    bytes: Skeleton,
    count: usize,
    letters: usize,
    upper: usize,
    lower_plain: usize,
    lower_styled: usize,
    /// Some letter or digit was styled, or carried combining marks (underline, …).
    styled: bool,
    /// Some letter was plain ASCII.
    plain: bool,
    flags: u16,
    /// What separates it from the token before.
    gap: Gap,
    /// The character right after it, if any.
    after: Option<char>,
    /// How many letter styles it mixes (plain, bold, italic, fullwidth, …), and the last one.
    styles: u8,
    style: u32,
}

/// The characters between two tokens (invisible ones not counted).
#[derive(Debug, Default, Clone, Copy)]
struct Gap {
    /// How many characters; 0 for the first token.
    len: usize,
    /// Whitespace among them; a line break among them.
    space: bool,
    newline: bool,
    /// The first and the last of them.
    first: char,
    last: char,
}

impl Gap {
    /// Whitespace only, up to 3 characters: `P U L A U`.
    fn is_spaces(&self) -> bool {
        self.space && !self.newline && self.len <= 3 && self.first.is_whitespace()
    }

    /// Symbols only, up to 3 characters: `P.R.O`, `【H】【o】`, `J♦I♦N`.
    fn is_symbols(&self) -> bool {
        !self.space && (1..=3).contains(&self.len)
    }

    /// Whitespace or symbols that may separate spelled-out letters.
    fn joins_letters(&self) -> bool {
        self.is_spaces() || self.is_symbols()
    }
}

impl Token {
    fn len(&self) -> usize {
        self.count
    }

    fn skeleton(&self) -> &[u8] {
        self.bytes.as_slice()
    }

    /// A word typed plainly: two or more ASCII letters, nothing styled.
    fn is_plain_word(&self) -> bool {
        !self.styled && self.plain && self.letters >= 2
    }

    fn deleet(&self) -> Skeleton {
        deleet(self.bytes.as_slice())
    }
}

/// Digits inside letters read as letters (`sl0t` → `slot`); a final digit group and `4d` stay.
fn deleet(bytes: &[u8]) -> Skeleton {
    let end = trim_digits(bytes).len();
    let mut out = Skeleton::default();
    for i in 0..bytes.len() {
        out.push(read_as_leet(bytes, i, end));
    }
    out
}

/// [`deleet`]'s reading of `bytes[at]`, where `end` is where the final digit group starts.
fn read_as_leet(bytes: &[u8], at: usize, end: usize) -> u8 {
    match bytes[at] {
        b'0' if at < end => b'o',
        b'1' if at < end => b'i',
        b'3' if at < end => b'e',
        b'4' if at < end && bytes.get(at + 1) != Some(&b'd') => b'a',
        b'5' if at < end => b's',
        b'7' if at < end => b't',
        b => b,
    }
}

/// Whether `deleet(bytes)[..end]` ends with `suffix`, without building it; `end` is where the
/// final digit group of `bytes` starts.
fn ends_with_read_as_leet(bytes: &[u8], end: usize, suffix: &[u8]) -> bool {
    let Some(from) = end.checked_sub(suffix.len()) else {
        return false;
    };
    suffix
        .iter()
        .enumerate()
        .all(|(i, &s)| read_as_leet(bytes, from + i, end) == s)
}

/// The first [`MAX_BRAND`] + 1 letters and digits of a token, kept inline: a text of a
/// million short words allocates nothing per word.
#[derive(Debug, Clone, Copy)]
struct Skeleton {
    bytes: [u8; MAX_BRAND + 1],
    len: u8,
}

impl Default for Skeleton {
    fn default() -> Self {
        Skeleton {
            bytes: [0; MAX_BRAND + 1],
            len: 0,
        }
    }
}

impl Skeleton {
    fn push(&mut self, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(usize::from(self.len)) {
            *slot = byte;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

fn trim_digits(bytes: &[u8]) -> &[u8] {
    let end = bytes.len()
        - bytes
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
    &bytes[..end]
}

/// A brand-like candidate: one token or a run of them.
#[derive(Debug)]
struct Candidate {
    span: Range<usize>,
    skeleton: Vec<u8>,
    letters: usize,
    styled: bool,
    flags: u16,
}

impl Candidate {
    fn join(tokens: &[Token], flags: u16) -> Candidate {
        let mut candidate = Candidate {
            span: tokens[0].span.start..tokens[0].span.start,
            skeleton: Vec::new(),
            letters: 0,
            styled: false,
            flags,
        };
        for token in tokens {
            candidate.extend(token);
        }
        candidate
    }

    fn extend(&mut self, token: &Token) {
        self.span.end = token.span.end;
        if self.skeleton.len() <= MAX_BRAND {
            self.skeleton.extend_from_slice(token.bytes.as_slice());
        }
        self.letters += token.letters;
        self.styled |= token.styled;
        self.flags |= token.flags;
    }

    fn is_brand_sized(&self) -> bool {
        (MIN_BRAND..=MAX_BRAND).contains(&self.skeleton.len())
    }
}

/// How many tokens from the start are single characters separated by whitespace only.
fn spaced_run(tokens: &[Token]) -> usize {
    tokens
        .iter()
        .enumerate()
        .take_while(|(i, t)| t.len() == 1 && (*i == 0 || t.gap.joins_letters()))
        .count()
}

/// How many tokens from the start are short pieces of capitals or digits (two characters, or
/// three when styled) separated by whitespace only.
fn piece_run(tokens: &[Token]) -> usize {
    tokens
        .iter()
        .enumerate()
        .take_while(|(i, t)| {
            let short = t.len() <= 2 || (t.len() == 3 && t.styled);
            short && t.upper == t.letters && (*i == 0 || t.gap.is_spaces())
        })
        .count()
}

/// In one pass over the bytes: a digit and a letter side by side, or a letter, one of
/// `/ . '` and a digit (`PULAU777`, `5UNSUR`, `Pulau7/7/7`, `ALEXIS'17`); or three letters or
/// digits in a row, each standing alone between short runs of spaces or symbols (`P U L A U`,
/// `S.A.B.E.R`; with non-ASCII text also `【H】【o】【k】`, `𝑩 0 𝑺 𝑺`).
fn name_hints(text: &str) -> bool {
    /// 1 for an ASCII letter, 2 for a digit, 0 for anything else: one load a byte.
    const CLASS: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut byte = 0;
        while byte < 256 {
            let c = byte as u8;
            table[byte] = if c.is_ascii_alphabetic() {
                1
            } else if c.is_ascii_digit() {
                2
            } else {
                0
            };
            byte += 1;
        }
        table
    };
    let b = text.as_bytes();
    let class = |byte: u8| CLASS[usize::from(byte)];
    let (mut run, mut gap, mut i) = (0u32, 0u32, 0);
    while i < b.len() {
        let first = class(b[i]);
        if b[i] == b'@' {
            // The brand reader skips an `@handle` up to the next whitespace, so its letters and
            // digits hint nothing. Non-ASCII ends the skip early: reading on is always safe.
            while i < b.len() && b[i] < 0x80 && !matches!(b[i], b' ' | b'\t'..=b'\r') {
                gap += 1;
                i += 1;
            }
            continue;
        }
        if first == 0 {
            gap += 1;
            if b[i] == b'\n' {
                run = 0;
            }
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < b.len() {
            match class(b[i]) {
                0 => break,
                next if next != first => return true,
                _ => i += 1,
            }
        }
        // A run is one class throughout, or it has returned above.
        let glued = i + 1 < b.len() && matches!(b[i], b'/' | b'.' | b'\'') && class(b[i + 1]) == 2;
        if first == 1 && glued {
            return true;
        }
        if i - start == 1 {
            run = if run > 0 && gap <= 3 { run + 1 } else { 1 };
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
        gap = 0;
    }
    !text.is_ascii() && has_spelled_out(text)
}

/// Any letter or digit the brand reader would count as styled, or a combining mark.
fn has_styled_letters(text: &str) -> bool {
    text.chars().filter(|c| !c.is_ascii()).any(|c| {
        normalize::is_generic_mark(c)
            || supplement(c).is_some()
            || normalize::fold_char(c)
                .is_some_and(|(_, flags)| flags & (evasion::STYLED | evasion::HOMOGLYPHS) != 0)
    })
}

/// [`name_hints`]' spelled-out count, char by char, for text with non-ASCII letters or
/// symbols between the letters (`【H】【o】`, `𝑩 0 𝑺 𝑺`).
fn has_spelled_out(text: &str) -> bool {
    let mut run = 0;
    let mut gap = 0;
    let mut alone = false;
    for ch in text.chars() {
        if normalize::is_invisible(ch) || normalize::is_generic_mark(ch) {
            continue;
        }
        if ch.is_alphanumeric() {
            if alone {
                // A second letter in a row: this one is not alone.
                alone = false;
                run = 0;
            } else {
                run = if gap <= 3 { run + 1 } else { 1 };
                alone = true;
            }
            gap = 0;
        } else {
            if alone && run >= 3 {
                return true;
            }
            if ch == '\n' {
                run = 0;
            }
            alone = false;
            gap += 1;
        }
    }
    alone && run >= 3
}

/// Splits the original text into runs of letters and digits, each folded to ASCII, skipping
/// invisible characters, `@handles` and anything inside a detected link or address.
fn tokens(text: &str, detections: &[Detection], tokens: &mut Vec<Token>) {
    tokens.clear();
    // The token being read is the last one in `tokens` while `open`: it is built in place.
    let mut open = false;
    let mut gap = Gap::default();
    let mut handle = false;
    let mut links: Vec<Range<usize>> = detections.iter().map(|d| d.span.clone()).collect();
    links.sort_by_key(|span| span.start);
    let mut detection = links.iter().peekable();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if tokens.len() - usize::from(open) >= MAX_TOKENS {
            break;
        }
        while detection.peek().is_some_and(|d| d.end <= at) {
            detection.next();
        }
        let in_link = detection.peek().is_some_and(|d| d.start <= at);
        let byte = bytes[at];
        if byte.is_ascii_alphanumeric() && !in_link && !handle {
            // The common case, a run of ASCII letters and digits, read byte by byte up to the
            // next link: what the general path below does for each of them, without
            // classifying or styling.
            let stop = detection.peek().map_or(bytes.len(), |d| d.start);
            let token = open_token(tokens, &mut open, &mut gap, at);
            let mut end = at;
            while end < stop && bytes[end].is_ascii_alphanumeric() {
                let byte = bytes[end];
                token.count += 1;
                token.bytes.push(byte.to_ascii_lowercase());
                if byte.is_ascii_alphabetic() {
                    // Plain ASCII is style 0.
                    if token.styles == 0 || token.style != 0 {
                        token.styles = token.styles.saturating_add(1);
                        token.style = 0;
                    }
                    token.letters += 1;
                    token.plain = true;
                    if byte.is_ascii_uppercase() {
                        token.upper += 1;
                    } else {
                        token.lower_plain += 1;
                    }
                }
                end += 1;
            }
            token.span.end = end;
            at = end;
            continue;
        }
        let ch = if byte.is_ascii() {
            char::from(byte)
        } else {
            text[at..].chars().next().unwrap_or_default()
        };
        let next = at + ch.len_utf8();
        if ch.is_whitespace() {
            handle = false;
        } else if ch == '@' {
            handle = true;
        }
        // Any other ASCII character separates: a letter or digit here is in a link or handle.
        let piece = if in_link || handle || ch.is_ascii() {
            None
        } else {
            classify(ch)
        };
        match piece {
            Some(Piece::Skip) => {}
            Some(Piece::Mark) => {
                if open {
                    if let Some(token) = tokens.last_mut() {
                        token.styled = true;
                        token.flags |= evasion::DIACRITICS;
                        token.span.end = next;
                    }
                }
            }
            Some(Piece::Char {
                byte,
                styled,
                flags,
            }) => {
                let token = open_token(tokens, &mut open, &mut gap, at);
                token.span.end = next;
                token.count += 1;
                token.bytes.push(byte);
                token.flags |= flags & !UPPER;
                token.styled |= styled;
                if byte.is_ascii_alphabetic() {
                    let style = style_of(ch);
                    if style.is_some_and(|style| token.styles == 0 || style != token.style) {
                        token.styles = token.styles.saturating_add(1);
                        token.style = style.unwrap_or_default();
                    }
                    token.letters += 1;
                    token.plain |= !styled;
                    if ch.is_uppercase() || flags & UPPER != 0 {
                        token.upper += 1;
                    } else if styled {
                        token.lower_styled += 1;
                    } else {
                        token.lower_plain += 1;
                    }
                }
            }
            None => {
                if open {
                    open = false;
                    if let Some(token) = tokens.last_mut() {
                        token.after = Some(ch);
                    }
                    close(tokens);
                }
                if !tokens.is_empty() {
                    if gap.len == 0 {
                        gap.first = ch;
                    }
                    gap.len += 1;
                    gap.last = ch;
                    gap.space |= ch.is_whitespace();
                    gap.newline |= ch == '\n' || ch == '\r';
                }
            }
        }
        at = next;
    }
    if open {
        if tokens.len() > MAX_TOKENS {
            tokens.pop();
        } else {
            close(tokens);
        }
    }
}

/// The token being read: the last of `tokens`, pushed here if none is open.
fn open_token<'t>(
    tokens: &'t mut Vec<Token>,
    open: &mut bool,
    gap: &mut Gap,
    at: usize,
) -> &'t mut Token {
    if !*open {
        *open = true;
        tokens.push(Token {
            span: at..at,
            gap: std::mem::take(gap),
            ..Token::default()
        });
    }
    let last = tokens.len() - 1;
    &mut tokens[last]
}

/// Closes the last token: a short number glued to a name by `/`, `.` or `'` (`Pulau7/7/7`,
/// `ALEXIS'17`) joins the token before it.
fn close(tokens: &mut Vec<Token>) {
    let [.., last, token] = &mut tokens[..] else {
        return;
    };
    let glued = token.gap.len == 1 && matches!(token.gap.first, '/' | '.' | '\'');
    let digits = token.letters == 0 && token.len() <= 3;
    let name = last.letters >= 3 && (last.letters < last.len() || last.lower_plain == 0);
    if glued && digits && name {
        last.span.end = token.span.end;
        last.count += token.count;
        for &b in token.bytes.as_slice() {
            last.bytes.push(b);
        }
        last.styled |= token.styled;
        last.flags |= token.flags;
        tokens.pop();
    }
}

enum Piece {
    /// A letter or digit, folded.
    Char { byte: u8, styled: bool, flags: u16 },
    /// A combining mark: decorates the letter before it.
    Mark,
    /// Invisible: neither part of a word nor a break.
    Skip,
}

fn classify(ch: char) -> Option<Piece> {
    if ch.is_ascii() {
        return ch.is_ascii_alphanumeric().then(|| Piece::Char {
            byte: ch.to_ascii_lowercase() as u8,
            styled: false,
            flags: 0,
        });
    }
    if normalize::is_invisible(ch) {
        return Some(Piece::Skip);
    }
    if normalize::is_generic_mark(ch) {
        return Some(Piece::Mark);
    }
    // `kata²` is reduplication, not a styled digit.
    if matches!(ch, '²' | '³' | '¹' | '₂') {
        return None;
    }
    if let Some((byte, upper)) = supplement(ch) {
        return Some(Piece::Char {
            byte,
            styled: true,
            flags: evasion::STYLED | if upper { UPPER } else { 0 },
        });
    }
    let (fold, flags) = normalize::fold_char(ch)?;
    let byte = *fold.first()?;
    if fold.len() != 1 || !byte.is_ascii_alphanumeric() {
        return None;
    }
    // Another script's look-alikes alone are a foreign word (`ανία`), not styling.
    let styled = flags & evasion::STYLED != 0;
    Some(Piece::Char {
        byte: byte.to_ascii_lowercase(),
        styled,
        flags: flags & (evasion::STYLED | evasion::HOMOGLYPHS | evasion::DIACRITICS),
    })
}

/// Which style family a letter is drawn from: plain, each alphabet of Mathematical
/// Alphanumeric Symbols, or the Unicode block for anything else (fullwidth, enclosed, …).
/// Small capitals count as plain (they come with plain `s` and `x`); Letterlike Symbols
/// (`ℎ`, `ℝ`) fill the holes of the mathematical alphabets, so they count as any style.
fn style_of(ch: char) -> Option<u32> {
    let cp = ch as u32;
    match cp {
        0..=0x7F => Some(0),
        0x2100..=0x214F => None,
        0x1D400..=0x1D6A3 => Some(1 + (cp - 0x1D400) / 52),
        _ if supplement(ch).is_some_and(|(_, upper)| !upper)
            && !(0x2776..=0x2793).contains(&cp) =>
        {
            Some(0)
        }
        _ => Some(0x100 + (cp >> 7)),
    }
}

/// Marks a supplement letter as a capital (not an evasion flag; cleared before reporting).
const UPPER: u16 = 1 << 13;

/// Letter styles spam uses where the brand reader needs more than the normalizer's fold:
/// squared and negative circled or squared capitals (`🅿🆄🅻`; the fold table reads them as
/// letters but not as capitals, and capitals in pieces are a brand signal), dingbat circled
/// digits (`❶❻❽`) and small capitals (`ɪɴꜱᴛᴀɴᴛ`), which it does not fold. Returns the ASCII
/// letter or digit and whether it is a capital.
fn supplement(ch: char) -> Option<(u8, bool)> {
    let cp = ch as u32;
    let letter = |base: u32| Some((b'a' + (cp - base) as u8, true));
    match cp {
        0x1F110..=0x1F129 => letter(0x1F110),
        0x1F130..=0x1F149 => letter(0x1F130),
        0x1F150..=0x1F169 => letter(0x1F150),
        0x1F170..=0x1F189 => letter(0x1F170),
        0x2776..=0x277E => Some((b'1' + (cp - 0x2776) as u8, false)),
        0x2780..=0x2788 => Some((b'1' + (cp - 0x2780) as u8, false)),
        0x278A..=0x2792 => Some((b'1' + (cp - 0x278A) as u8, false)),
        // Reversed and Greek capitals used as Latin ones: `AEЯO88`, `ΛLEXIS17`.
        0x42F | 0x44F => Some((b'r', cp == 0x42F)),
        0x418 => Some((b'n', true)),
        0x39B => Some((b'a', true)),
        _ => {
            const SMALL_CAPITALS: &[(char, u8)] = &[
                ('ᴀ', b'a'),
                ('ʙ', b'b'),
                ('ᴄ', b'c'),
                ('ᴅ', b'd'),
                ('ᴇ', b'e'),
                ('ꜰ', b'f'),
                ('ɢ', b'g'),
                ('ʜ', b'h'),
                ('ɪ', b'i'),
                ('ᴊ', b'j'),
                ('ᴋ', b'k'),
                ('ʟ', b'l'),
                ('ᴍ', b'm'),
                ('ɴ', b'n'),
                ('ᴏ', b'o'),
                ('ᴘ', b'p'),
                ('ǫ', b'q'),
                ('ʀ', b'r'),
                ('ꜱ', b's'),
                ('ᴛ', b't'),
                ('ᴜ', b'u'),
                ('ᴠ', b'v'),
                ('ᴡ', b'w'),
                ('ʏ', b'y'),
                ('ᴢ', b'z'),
            ];
            SMALL_CAPITALS
                .iter()
                .find(|(c, _)| *c == ch)
                .map(|&(_, b)| (b, false))
        }
    }
}

/// The comment is typed in capitals throughout: a word in capitals stands out from nothing.
fn shouting(tokens: &[Token]) -> bool {
    !tokens.iter().any(|t| t.lower_plain >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Option<Found> {
        let promotion = Promotion::new(&[Language::Indonesian, Language::English]).unwrap();
        let scanner = crate::scan::Scanner::new(&[], promotion.forms(), &[]).unwrap();
        let folded = normalize::normalize(text);
        let (mut candidates, mut places) = (Vec::new(), crate::scan::Places::default());
        scanner.scan(&folded, &mut candidates, &mut places);
        assert!(candidates.is_empty(), "{text}: no lexicon, no candidates");
        let mut detections = Vec::new();
        crate::detect::detect_into(text, &mut detections);
        promotion.find(text, &folded, &places.signals, &detections)
    }

    #[test]
    fn name_hints_open_the_gate() {
        let cases: &[(&str, bool)] = &[
            ("daftar di PULAU777", true),
            ("Pulau7/7/7", true),
            ("P U L A U sekarang", true),
            ("selamat pagi semua", false),
            ("hari ke 2 puasa", false),
            // The brand reader skips handles, so their digits hint nothing…
            ("@budi123 setuju banget", false),
            ("RT @user_99: halo", false),
            // …but only up to the next whitespace.
            ("@budi setuju XUXU4D", true),
            ("@budi\tP U L A U", true),
        ];
        for (text, want) in cases {
            assert_eq!(name_hints(text), *want, "{text}");
        }
    }

    #[test]
    fn brands_and_wording() {
        let cases: &[(&str, Option<&str>)] = &[
            ("rezeki dari 𝐏𝐔𝐋𝐀𝐔𝟕𝟕𝟕 hari ini", Some("𝐏𝐔𝐋𝐀𝐔𝟕𝟕𝟕")),
            ("⭐ A L E X I S 1 7 ⭐ mantap", Some("A L E X I S 1 7")),
            ("modal 5k bisa jepe di XUXU4D", Some("XUXU4D")),
            ("gacor terus di kusumatoto", Some("kusumatoto")),
            ("slot gacor hari ini, wd lancar", Some("wd lancar")),
            ("judol haram, stop judol", None),
            ("dapat jackpot di pasar malam", None),
            ("Zee JKT48 versi gemoy", None),
            ("selamat pagi semua", None),
            ("cek https://example.com/pulau777", None),
        ];
        for (text, want) in cases {
            let got = find(text).map(|f| &text[f.span]);
            assert_eq!(got, *want, "{text}");
        }
    }
}
