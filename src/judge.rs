//! Judge: decides which scan candidates are hits.
//!
//! A candidate is dropped when it sits inside an innocent word (`pantai` holds `tai`), when a
//! stretched form is required but not there (`as` is not `ass`), when its match mode forbids
//! the surrounding letters, or when a dual-use word (`anjing` = dog) is used in its literal
//! sense. Dual-use words hit only in an insult or threat context: after an insult marker
//! (`dasar anjing`), before a second-person pronoun (`anjing lu`, `kill you`), alone as an
//! exclamation (`Anjing!`), joined to a marker in a hashtag (`#dasaranjing`), or disguised
//! (`4nj1ng`), since nobody disguises a word meant literally.

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

use crate::lexicon::{Entry, MatchMode};
use crate::normalize::{evasion, is_invisible, Folded, IN_HASHTAG};
use crate::scan::{Candidate, Scanner, WILDCARD};
use crate::vocab::Category;

/// Context words of the loaded languages (their `markers.tsv`), folded.
#[derive(Debug, Default)]
pub(crate) struct Markers {
    /// A dual-use word after one of these is an insult: `dasar anjing`, `you pig`.
    pub insult_before: WordSet,
    /// A dual-use word before one of these is an insult or a threat: `anjing lu`, `kill you`.
    pub target_after: WordSet,
    /// Before one of these, a threat only: `bunuh kamu` (`anjing kamu` is "your dog").
    pub threat_target_after: WordSet,
    /// Before one of these, an exclamation: `asu tenan`, `anjing banget`.
    pub swear_after: WordSet,
    /// Skipped when looking for the word before: `you are a pig`.
    pub filler: WordSet,
    /// Joined before the word, a target: `kuanjing`.
    pub target_prefix: WordSet,
    /// Joined after the word, a target: `anjinglu`.
    pub target_suffix: WordSet,
}

/// The keys of `markers.tsv`, in the order of [`Markers::set`].
pub(crate) const MARKER_KEYS: &[&str] = &[
    "insult-before",
    "target-after",
    "threat-target-after",
    "swear-after",
    "filler",
    "target-prefix",
    "target-suffix",
];

impl Markers {
    pub fn set(&mut self, key: &str) -> &mut WordSet {
        match key {
            "insult-before" => &mut self.insult_before,
            "target-after" => &mut self.target_after,
            "threat-target-after" => &mut self.threat_target_after,
            "swear-after" => &mut self.swear_after,
            "filler" => &mut self.filler,
            "target-prefix" => &mut self.target_prefix,
            _ => &mut self.target_suffix,
        }
    }
}

/// The prefixes and suffixes a `word` term may carry (a language's `affixes.tsv`), folded.
#[derive(Debug, Default, Clone)]
pub(crate) struct Affixes {
    pub prefixes: WordSet,
    pub suffixes: WordSet,
}

/// The keys of `affixes.tsv`.
pub(crate) const AFFIX_KEYS: &[&str] = &["prefix", "suffix", "reduplication", "particle"];

impl Affixes {
    fn fit(&self, prefix: &[u8], suffix: &[u8]) -> bool {
        (prefix.is_empty() || self.prefixes.contains(prefix))
            && (suffix.is_empty() || self.suffixes.contains(suffix))
    }
}

/// A set of folded words that knows its longest word, so that a lookup of a longer slice (the
/// rest of a 10 MB word glued to a term) costs nothing instead of hashing the slice.
#[derive(Debug, Default, Clone)]
pub(crate) struct WordSet {
    words: FxHashSet<Box<[u8]>>,
    longest: usize,
}

impl WordSet {
    pub fn insert(&mut self, word: Box<[u8]>) {
        self.longest = self.longest.max(word.len());
        self.words.insert(word);
    }

    pub fn contains(&self, word: &[u8]) -> bool {
        word.len() <= self.longest && self.words.contains(word)
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.words.iter().map(|word| &**word)
    }
}

/// The words right before or after a dual-use term that show its literal sense (`dual.tsv`).
#[derive(Debug, Default)]
pub(crate) struct Literal {
    pub before: WordSet,
    pub after: WordSet,
    /// Mostly a swear word (`asu`): a hit unless a literal context is beside it.
    pub insult_by_default: bool,
}

/// Decides hits; holds the allowed words.
#[derive(Debug, Default)]
pub(crate) struct Judge {
    /// Affixes per language, indexed by `Language as usize`.
    pub affixes: Vec<Affixes>,
    /// Affixes of custom terms: those of every loaded language.
    pub custom_affixes: Affixes,
    /// Context words for dual-use terms, of every loaded language.
    pub markers: Markers,
    /// Characters that join a reduplicated word (`anjing-anjing`, a plural).
    pub joiners: String,
    /// Literal contexts, by lexicon entry index.
    pub literal: FxHashMap<u32, Literal>,
    /// Folded innocent words and phrases (and custom allow-terms): nothing inside them hits.
    allowed: FxHashSet<Box<[u8]>>,
    /// Whether any allowed entry is a two-word phrase (`cum laude`).
    allowed_phrases: bool,
    /// The longest allowed entry, in bytes: a longer word (or phrase) is never looked up.
    longest_allowed: usize,
}

/// A lexicon hit in the folded text (offsets `u32`, as in the normalizer's map: 16 bytes a hit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    start: u32,
    end: u32,
    pub entry: u32,
    pub form: u16,
    /// Evasions the judge undid (a doubled last letter), beyond the normalizer's.
    pub evasions: u16,
}

/// The shortest term, in folded bytes, whose last letter may be doubled (`goblokk`): shorter
/// ones make ordinary words that way. A final `s` is never taken as doubled: `-ss` is ordinary
/// English spelling (`asses` → `assess`).
const MIN_DOUBLED_TERM: usize = 4;

impl Hit {
    /// The byte range in the folded text.
    pub fn folded(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl Judge {
    /// Adds a folded allowed word or phrase.
    pub fn allow(&mut self, folded: &str) {
        if !folded.is_empty() {
            self.allowed_phrases |= folded.contains(' ');
            self.longest_allowed = self.longest_allowed.max(folded.len());
            self.allowed.insert(folded.as_bytes().into());
        }
    }

    /// Appends the candidates that are hits to `out`.
    pub fn judge(
        &self,
        original: &str,
        folded: &Folded,
        candidates: &[Candidate],
        scanner: &Scanner,
        entries: &[Entry],
        out: &mut Vec<Hit>,
    ) {
        let text = folded.text.as_bytes();
        let mut words = WordFinder::new(text);
        // Words holding a dual-use term: a row of them (`monyet babi anjing`) is name-calling.
        let mut dual_words: Vec<Range<usize>> = candidates
            .iter()
            .filter(|c| {
                scanner
                    .pattern(c.pattern)
                    .owners
                    .iter()
                    .any(|o| entries[o.entry as usize].term.mode == MatchMode::DualUse)
            })
            .map(|c| (c.folded(), words.around(c.folded())))
            // Only a word that is the dual-use term itself: `masuk` holds `asu` but is no dog.
            .filter(|(span, w)| !w.is_empty() && span == w)
            .map(|(_, w)| w)
            .collect();
        // Sorted by start, then end, with no repeats: `next_to_another_dual_use_word` finds a
        // word here by binary search.
        dual_words.sort_unstable_by_key(|w| (w.start, w.end));
        dual_words.dedup();
        for candidate in candidates {
            let Range { start, end } = candidate.folded();
            let word = words.around(start..end);
            let prefix = &text[word.start..start];
            let suffix = &text[end..word.end];
            let in_hashtag = folded.origin[start].flags & IN_HASHTAG != 0;
            if in_hashtag && is_handle(original, folded, word.start) {
                // `@ItsFoodPorn` names an account; the person typing did not choose it.
                continue;
            }
            let pattern = scanner.pattern(candidate.pattern);
            let context = Context {
                original,
                folded,
                word: word.clone(),
                span: start..end,
                dual_words: &dual_words,
                judge: self,
            };
            // Cheap tests first: most candidates are short forms inside longer words, which the
            // match mode rejects before any lookup of allowed words.
            // A doubled last letter at the end of the word is a disguise (`goblokk`, `anjingg`),
            // not spelling, once the term is long enough that no ordinary word is made that way.
            let mut doubled = false;
            let owner = pattern.owners.iter().find(|owner| {
                let last = end - start - 1;
                doubled = false;
                let runs_fit = folded.origin[start..end]
                    .iter()
                    .zip(owner.runs.iter())
                    .zip(&text[start..end])
                    .enumerate()
                    .all(|(i, ((origin, &needed), &byte))| {
                        if byte == WILDCARD || runs_fit(origin.run, needed) {
                            return true;
                        }
                        doubled = i == last
                            && end == word.end
                            && end - start >= MIN_DOUBLED_TERM
                            && byte != b's'
                            && (origin.run, needed) == (2, 1);
                        doubled
                    });
                let term = &entries[owner.entry as usize].term;
                runs_fit
                    && match term.mode {
                        MatchMode::Exact => prefix.is_empty() && suffix.is_empty(),
                        MatchMode::Word => {
                            let affixes = match entries[owner.entry as usize].language {
                                Some(language) => &self.affixes[language as usize],
                                None => &self.custom_affixes,
                            };
                            affixes.fit(prefix, suffix) || (in_hashtag && end - start >= 4)
                        }
                        MatchMode::Anywhere => true,
                        MatchMode::DualUse => dual_use_hit(
                            &context,
                            prefix,
                            suffix,
                            in_hashtag,
                            term.category,
                            self.literal.get(&owner.entry),
                        ),
                    }
            });
            if let Some(owner) = owner {
                if !self.is_allowed(text, word.clone()) {
                    // An affixed word (`mendungukan`) is highlighted whole; a term inside a
                    // longer word or hashtag (`motherfucker`, `#dasarbangsat`) just the term.
                    let affixed = entries[owner.entry as usize].term.mode != MatchMode::Anywhere
                        && !in_hashtag;
                    let folded = if affixed { word } else { start..end };
                    out.push(Hit {
                        start: folded.start as u32,
                        end: folded.end as u32,
                        entry: owner.entry,
                        form: owner.form,
                        evasions: if doubled { evasion::REPETITION } else { 0 },
                    });
                }
            }
        }
    }
}

impl Judge {
    /// True when the word, or the word with its neighbour on either side, is allowed.
    ///
    /// Looks no further than the longest allowed entry, so that many candidates inside or
    /// beside one very long word (`kontolkontol…`, a pasted 10 MB line) stay linear.
    fn is_allowed(&self, text: &[u8], word: Range<usize>) -> bool {
        let longest = self.longest_allowed;
        if word.len() > longest {
            return false;
        }
        if self.allowed.contains(&text[word.clone()]) {
            return true;
        }
        if !self.allowed_phrases {
            return false;
        }
        // The word with its neighbour, when the pair is short enough to be allowed.
        let room = longest - word.len();
        let with_previous = (word.start >= 2).then(|| {
            let space = word.start - 1;
            let from = space.saturating_sub(room);
            let start = text[from..space].iter().rposition(|&b| b == b' ');
            start.map(|i| from + i + 1).or((from == 0).then_some(0))
        });
        let with_next = (word.end + 1 < text.len()).then(|| {
            let from = word.end + 1;
            let to = (from + room).min(text.len());
            let end = text[from..to].iter().position(|&b| b == b' ');
            end.map(|i| from + i).or((to == text.len()).then_some(to))
        });
        with_previous
            .flatten()
            .is_some_and(|start| self.allowed.contains(&text[start..word.end]))
            || with_next
                .flatten()
                .is_some_and(|end| self.allowed.contains(&text[word.start..end]))
    }
}

/// Where a candidate sits.
struct Context<'a> {
    original: &'a str,
    folded: &'a Folded,
    /// The whole word(s) around the candidate, in folded bytes.
    word: Range<usize>,
    /// The candidate, in folded bytes.
    span: Range<usize>,
    /// Every word holding a dual-use term, sorted.
    dual_words: &'a [Range<usize>],
    judge: &'a Judge,
}

impl Context<'_> {
    /// True when the word before or after this one also holds a dual-use term (`monyet babi
    /// anjing`). The same word repeated counts only when chanted three times or more
    /// (`babi babi babi`): twice is a call (`here monkey monkey`), and a hyphen makes the
    /// Indonesian plural (`anjing-anjing`, dogs).
    fn next_to_another_dual_use_word(&self) -> bool {
        let text = self.folded.text.as_bytes();
        let this = &text[self.word.clone()];
        // A binary search, and runs followed at most two words each way: a chant of one word
        // (`anjing anjing …`, 280 KB) makes every word a dual-use word, and a linear search or a
        // walk over the whole run for each of them was quadratic.
        let key = (self.word.start, self.word.end);
        let Ok(index) = self
            .dual_words
            .binary_search_by_key(&key, |w| (w.start, w.end))
        else {
            return false;
        };
        let adjacent = |a: &Range<usize>, b: &Range<usize>| a.end + 1 == b.start;
        let neighbour = |i: usize| self.dual_words.get(i);
        let before = index
            .checked_sub(1)
            .and_then(neighbour)
            .filter(|w| adjacent(w, &self.word));
        let after = neighbour(index + 1).filter(|w| adjacent(&self.word, w));
        if [before, after]
            .into_iter()
            .flatten()
            .any(|w| &text[w.clone()] != this)
        {
            return true;
        }
        // A run of this same word, joined by spaces rather than hyphens: three in a row.
        const CHANT: usize = 3;
        let same = |a: &Range<usize>, b: &Range<usize>| {
            adjacent(a, b) && text[a.clone()] == text[b.clone()] && !self.is_hyphenated(a.end)
        };
        let mut first = index;
        while index - first < CHANT - 1
            && first > 0
            && same(&self.dual_words[first - 1], &self.dual_words[first])
        {
            first -= 1;
        }
        let mut last = index;
        while last - first < CHANT - 1
            && last + 1 < self.dual_words.len()
            && same(&self.dual_words[last], &self.dual_words[last + 1])
        {
            last += 1;
        }
        last - first + 1 >= CHANT
    }

    /// True when the separator at folded byte `gap` was typed as a hyphen.
    fn is_hyphenated(&self, gap: usize) -> bool {
        let origin = self.folded.origin[gap];
        let typed = self.original[origin.start as usize..origin.end as usize].trim();
        let mut chars = typed.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if self.judge.joiners.contains(c))
    }

    /// The folded word before `word_start`, if any.
    fn word_before(&self, word_start: usize) -> Option<Range<usize>> {
        let text = self.folded.text.as_bytes();
        if word_start < 2 {
            return None;
        }
        let end = word_start - 1;
        let start = text[..end]
            .iter()
            .rposition(|&b| b == b' ')
            .map_or(0, |i| i + 1);
        Some(start..end)
    }

    /// The word before this one, skipping up to three fillers (`you are a pig`).
    fn previous_word(&self) -> &[u8] {
        let text = self.folded.text.as_bytes();
        let mut at = self.word.start;
        for _ in 0..4 {
            let Some(word) = self.word_before(at) else {
                return &[];
            };
            if !self.judge.markers.filler.contains(&text[word.clone()]) {
                return &text[word];
            }
            at = word.start;
        }
        &[]
    }

    /// True when the word right before this one is an `@handle`: `@budi babi` calls Budi a pig.
    fn follows_a_handle(&self) -> bool {
        self.word_before(self.word.start)
            .is_some_and(|word| is_handle(self.original, self.folded, word.start))
    }

    /// The word right before this one, fillers included.
    fn word_right_before(&self) -> &[u8] {
        let text = self.folded.text.as_bytes();
        self.word_before(self.word.start)
            .map_or(&[][..], |word| &text[word])
    }

    fn next_word(&self) -> &[u8] {
        let text = self.folded.text.as_bytes();
        if self.word.end + 1 >= text.len() {
            return &[];
        }
        let start = self.word.end + 1;
        let end = text[start..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(text.len(), |i| start + i);
        &text[start..end]
    }

    /// True when the word was disguised (`4nj1ng`, `a n j i n g`, `b*bi`): nobody disguises the
    /// literal sense, so the disguise itself shows the intent.
    fn is_disguised(&self) -> bool {
        const DELIBERATE: u16 = evasion::STYLED
            | evasion::HOMOGLYPHS
            | evasion::LEETSPEAK
            | evasion::INVISIBLE
            | evasion::SEPARATORS
            | evasion::REPETITION
            | evasion::MASKING;
        self.folded.origin[self.span.clone()]
            .iter()
            .any(|o| o.flags & DELIBERATE != 0)
    }

    /// True when the word is shouted on its own: nothing but sentence punctuation before it,
    /// and an exclamation mark after it (`Anjing!`). A bare word with nothing around it is
    /// left alone: `anjing` may caption a photo of a dog.
    fn is_exclamation(&self) -> bool {
        let origin = &self.folded.origin;
        let before = &self.original[..origin[self.span.start].start as usize];
        let after = &self.original[origin[self.span.end - 1].end as usize..];
        // Invisible characters count as nothing (`\u{200B}Anjing\u{200B}!` still shouts).
        let blank = |c: char| c.is_whitespace() || is_invisible(c);
        let opens_sentence = before
            .trim_end_matches(blank)
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | '"' | '“' | ':' | '(' | '-'));
        opens_sentence && after.trim_start_matches(blank).starts_with('!')
    }
}

fn dual_use_hit(
    context: &Context<'_>,
    prefix: &[u8],
    suffix: &[u8],
    in_hashtag: bool,
    category: Category,
    literal: Option<&Literal>,
) -> bool {
    let markers = &context.judge.markers;
    if in_hashtag {
        return markers.insult_before.iter().any(|m| prefix.ends_with(m))
            || markers.target_after.iter().any(|t| suffix.starts_with(t));
    }
    if !prefix.is_empty() && !markers.target_prefix.contains(prefix) {
        return false;
    }
    if !suffix.is_empty() && !markers.target_suffix.contains(suffix) {
        return false;
    }
    let threat = matches!(category, Category::Violence);
    if !threat && context.is_disguised() {
        return true;
    }
    let next = context.next_word();
    if let Some(literal) = literal {
        if literal.after.contains(next) || literal.before.contains(context.word_right_before()) {
            return false;
        }
        if literal.insult_by_default && !threat {
            return true;
        }
    }
    let targeted = markers.target_after.contains(next)
        || (threat && markers.threat_target_after.contains(next))
        || (!suffix.is_empty());
    if targeted {
        return true;
    }
    if threat {
        return false;
    }
    markers.insult_before.contains(context.previous_word())
        || markers.swear_after.contains(next)
        || context.follows_a_handle()
        || context.is_exclamation()
        || context.next_to_another_dual_use_word()
}

/// True when the folded word starting at `word_start` was typed as an `@handle`.
fn is_handle(original: &str, folded: &Folded, word_start: usize) -> bool {
    let start = folded.origin[word_start].start as usize;
    // Invisible characters after the `@` (`@\u{200B}budi`) do not unmake the handle. A few
    // are looked through, not a run of any length: this runs for every candidate in the word.
    original[..start]
        .chars()
        .rev()
        .take(MAX_INVISIBLES_AFTER_AT + 1)
        .find(|&c| !is_invisible(c))
        == Some('@')
}

/// How many invisible characters [`is_handle`] looks through.
const MAX_INVISIBLES_AFTER_AT: usize = 8;

/// Whether a letter typed `typed` times fits a term letter written `needed` times. A double
/// letter is spelling, not stretching (`cook` is not `cok`, `assess` is not `asses`), so it must
/// match exactly; three or more is stretching (`anjiiing`) and fits any shorter run.
fn runs_fit(typed: u16, needed: u16) -> bool {
    typed == needed || (typed >= 3 && typed >= needed)
}

/// Finds the whole words touched by a candidate, remembering the last word found: the
/// candidates come in text order, so many of them inside one long word (`kontolkontol…`) cost
/// one scan of it, not one each (which was quadratic).
struct WordFinder<'t> {
    text: &'t [u8],
    last: Range<usize>,
}

impl<'t> WordFinder<'t> {
    fn new(text: &'t [u8]) -> Self {
        WordFinder { text, last: 0..0 }
    }

    /// The word holding the (non-space) byte at `i`.
    fn word_at(&mut self, i: usize) -> Range<usize> {
        if !(self.last.start <= i && i < self.last.end) {
            self.last = word_around(self.text, i, i + 1);
        }
        self.last.clone()
    }

    /// The whole words touched by `span` (never empty, never starting or ending on a space).
    fn around(&mut self, span: Range<usize>) -> Range<usize> {
        let start = self.word_at(span.start).start;
        start..self.word_at(span.end - 1).end
    }
}

/// The whole words touched by `start..end` in the folded text.
fn word_around(text: &[u8], start: usize, end: usize) -> Range<usize> {
    let word_start = text[..start]
        .iter()
        .rposition(|&b| b == b' ')
        .map_or(0, |i| i + 1);
    let word_end = text[end..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(text.len(), |i| end + i);
    word_start..word_end
}
