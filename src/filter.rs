//! The filter: builds the pipeline once, then runs normalize → scan → judge → constructions →
//! policy per text.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use crate::constructions::{self, Construction, Constructions, Promotion};
use crate::detect::{self, Detection};
use crate::error::BuildError;
use crate::judge::{Affixes, Hit, Judge, AFFIX_KEYS, MARKER_KEYS};
use crate::lexicon::{self, Entry, Language, MatchMode, Term, MAX_FORM_BYTES};
use crate::normalize::{self, Folded};
use crate::policy;
use crate::scan::{Candidate, Places, Scanner};
use crate::vocab::{Action, Category, Evasions, Profile, Severity};

/// One thing found in a text.
///
/// Non-exhaustive: fields may be added, so a `Match` is read, never built, outside this crate.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Match {
    /// The byte range in the checked text: the original characters, disguise included.
    pub span: Range<usize>,
    /// What kind of harm.
    pub category: Category,
    /// How strong.
    pub severity: Severity,
    /// The canonical lexicon term (`anjing` for `4nj1ng`), or the detector's name
    /// (`phone-number`, `e-mail`, `street-address`, `url`, `domain`); for a promotion, the
    /// brand folded to lowercase ASCII (`pulau777`) or the promoting word.
    pub term: String,
    /// What the normalizer undid to find it.
    pub evasions: Evasions,
    /// What the filter's profile does about this match alone.
    pub action: Action,
    /// Which construction or detector fired (`threat-against-group`, `dehumanization`,
    /// `promotion`, `phone-number`, `url`, …; see docs/constructions.md and docs/promotion.md);
    /// `None` for a plain lexicon hit.
    pub rule: Option<String>,
}

/// The outcome of a check: the strongest action of any match, and the matches in text order.
///
/// Non-exhaustive, like [`Match`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verdict {
    /// `Allow` when nothing matched.
    pub action: Action,
    /// Sorted by start, never overlapping.
    pub matches: Vec<Match>,
}

/// A compiled filter. Build it once; check many texts. It holds no mutable state, so one
/// filter can be shared between threads.
///
/// ```
/// use saring::{Action, Filter, Profile};
/// let filter = Filter::builder().profile(Profile::Teen).build()?;
/// let verdict = filter.check("dasar anjing lu");
/// assert_eq!(verdict.action, Action::Block);
/// assert_eq!(verdict.matches[0].span, 6..12);
/// assert_eq!(filter.censor("dasar anjing lu"), "dasar ****** lu");
/// # Ok::<(), saring::BuildError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Filter {
    profile: Profile,
    lexicon: Arc<Lexicon>,
}

/// Everything compiled from the lexicons: the part of a filter that costs time to build. The
/// profile is not in it, so filters that differ only in profile share one.
#[derive(Debug)]
struct Lexicon {
    entries: Vec<Entry>,
    scanner: Scanner,
    judge: Judge,
    constructions: Constructions,
    promotion: Promotion,
}

/// The built-in lexicons compiled so far, one per set of languages (a bit per language in
/// `Language::ALL` order). Builders without custom terms or allowed words take theirs from
/// here, so a second `Filter::new()` — in any language order — compiles nothing.
static BUILTIN: Mutex<Vec<(u32, Arc<Lexicon>)>> = Mutex::new(Vec::new());

/// Configures a [`Filter`]: profile, languages, custom terms and allowed words.
///
/// ```
/// use saring::{Filter, Language, Profile};
/// let filter = Filter::builder()
///     .profile(Profile::Child)
///     .languages([Language::English])
///     .allow_terms(["pantai"])
///     .build()
///     .unwrap();
/// assert_eq!(filter.profile(), Profile::Child);
/// ```
#[derive(Clone, Debug)]
pub struct FilterBuilder {
    profile: Profile,
    languages: Vec<Language>,
    extra_terms: Vec<Term>,
    allow_terms: Vec<String>,
}

impl Default for FilterBuilder {
    fn default() -> Self {
        FilterBuilder {
            profile: Profile::default(),
            languages: Language::defaults().collect(),
            extra_terms: Vec::new(),
            allow_terms: Vec::new(),
        }
    }
}

impl FilterBuilder {
    /// Sets the profile (default [`Profile::Teen`]).
    pub fn profile(mut self, profile: Profile) -> Self {
        self.profile = profile;
        self
    }

    /// Sets the languages whose lexicons load (default: [`Language::defaults`], see
    /// `docs/languages.md`).
    pub fn languages(mut self, languages: impl IntoIterator<Item = Language>) -> Self {
        self.languages.clear();
        for language in languages {
            if !self.languages.contains(&language) {
                self.languages.push(language);
            }
        }
        self
    }

    /// Adds custom terms.
    pub fn extra_terms(mut self, terms: impl IntoIterator<Item = Term>) -> Self {
        self.extra_terms.extend(terms);
        self
    }

    /// Adds words that never hit, nor anything inside them.
    pub fn allow_terms<S: AsRef<str>>(mut self, words: impl IntoIterator<Item = S>) -> Self {
        self.allow_terms
            .extend(words.into_iter().map(|w| w.as_ref().to_owned()));
        self
    }

    /// Compiles the filter.
    ///
    /// # Errors
    ///
    /// When no language is chosen, or a custom term is empty or longer than 200 bytes.
    pub fn build(self) -> Result<Filter, BuildError> {
        if self.languages.is_empty() {
            return Err(BuildError::no_language());
        }
        let lexicon = if self.extra_terms.is_empty() && self.allow_terms.is_empty() {
            builtin_lexicon(&self.languages)?
        } else {
            Arc::new(Lexicon::compile(
                &canonical_order(&self.languages),
                self.extra_terms,
                &self.allow_terms,
            )?)
        };
        Ok(Filter {
            profile: self.profile,
            lexicon,
        })
    }
}

/// The languages in `Language::ALL` order, so the order a caller lists them in never changes
/// what is compiled.
fn canonical_order(languages: &[Language]) -> Vec<Language> {
    Language::ALL
        .iter()
        .copied()
        .filter(|l| languages.contains(l))
        .collect()
}

/// The compiled built-in lexicon for these languages, compiled on first use.
fn builtin_lexicon(languages: &[Language]) -> Result<Arc<Lexicon>, BuildError> {
    let key = Language::ALL
        .iter()
        .enumerate()
        .filter(|(_, l)| languages.contains(l))
        .fold(0u32, |acc, (i, _)| acc | 1 << i);
    // A poisoned lock only means another thread panicked while compiling; the list itself is
    // always whole (entries are pushed complete).
    let mut cache = BUILTIN.lock().unwrap_or_else(|poison| poison.into_inner());
    if let Some((_, lexicon)) = cache.iter().find(|(k, _)| *k == key) {
        return Ok(Arc::clone(lexicon));
    }
    let lexicon = Arc::new(Lexicon::compile(
        &canonical_order(languages),
        Vec::new(),
        &[],
    )?);
    cache.push((key, Arc::clone(&lexicon)));
    Ok(lexicon)
}

impl Lexicon {
    fn compile(
        languages: &[Language],
        extra_terms: Vec<Term>,
        allow_terms: &[String],
    ) -> Result<Lexicon, BuildError> {
        let mut folded = Folded::default();
        let mut fold = |word: &str| -> Box<[u8]> {
            normalize::normalize_into(word, &mut folded);
            folded.text.as_bytes().into()
        };
        let mut entries = Vec::new();
        let mut judge = Judge::default();
        judge.affixes = vec![Affixes::default(); Language::ALL.len()];
        let mut construction_data = Vec::with_capacity(languages.len());
        for &language in languages {
            let folder = language.folder();
            let source = language.path("terms.tsv");
            let first = entries.len();
            entries.extend(lexicon::parse_terms(
                &source,
                folder.terms,
                Some(language),
                true,
            )?);
            let source = language.path("affixes.tsv");
            let mut particles = Vec::new();
            for (_, key, words) in lexicon::parse_keyed(&source, folder.affixes, AFFIX_KEYS)? {
                for word in words {
                    let affixes = &mut judge.affixes[language as usize];
                    match key {
                        "prefix" => {
                            affixes.prefixes.insert(fold(word));
                            judge.custom_affixes.prefixes.insert(fold(word));
                        }
                        "suffix" => {
                            affixes.suffixes.insert(fold(word));
                            judge.custom_affixes.suffixes.insert(fold(word));
                        }
                        // For the constructions stage (`bunuh` + `lah`).
                        "particle" => particles.push(word),
                        _ => judge.joiners.push_str(word),
                    }
                }
            }
            construction_data.push(constructions::builtin(language, particles));
            let source = language.path("markers.tsv");
            for (_, key, words) in lexicon::parse_keyed(&source, folder.markers, MARKER_KEYS)? {
                for word in words {
                    judge.markers.set(key).insert(fold(word));
                }
            }
            let source = language.path("dual.tsv");
            for (line, row) in lexicon::parse_dual(&source, folder.dual)? {
                let Some(index) = (first..entries.len()).find(|&i| {
                    entries[i].term.mode == MatchMode::DualUse && entries[i].term.text() == row.term
                }) else {
                    return Err(BuildError::lexicon(
                        &source,
                        line,
                        format!(
                            "{:?} is not a dual-use term of {}",
                            row.term,
                            language.path("terms.tsv")
                        ),
                    ));
                };
                let literal = judge.literal.entry(index as u32).or_default();
                for word in &row.before {
                    literal.before.insert(fold(word));
                }
                for word in &row.after {
                    literal.after.insert(fold(word));
                }
                literal.insult_by_default |= row.insult_by_default;
            }
        }
        for term in extra_terms {
            for form in &term.forms {
                if form.len() > MAX_FORM_BYTES {
                    return Err(BuildError::term_too_long("extraTerms", form));
                }
                if !form.chars().any(char::is_alphanumeric) {
                    return Err(BuildError::empty_term("extraTerms"));
                }
            }
            entries.push(Entry {
                term,
                language: None,
            });
        }
        let promotion = Promotion::new(languages)?;
        let constructions = Constructions::new(&construction_data)?;
        let scanner = Scanner::new(&entries, promotion.forms(), &constructions.gate_words())?;
        // Innocent words stay innocent in mixed text: every folder's allow-words load.
        let builtin = Language::ALL
            .iter()
            .flat_map(|language| lexicon::word_list(language.folder().allow));
        let custom = allow_terms.iter().map(String::as_str);
        for word in builtin.chain(custom) {
            if word.len() > MAX_FORM_BYTES {
                return Err(BuildError::term_too_long("allowTerms", word));
            }
            normalize::normalize_into(word, &mut folded);
            judge.allow(&folded.text);
        }
        Ok(Lexicon {
            promotion,
            entries,
            scanner,
            judge,
            constructions,
        })
    }
}

impl Default for Filter {
    fn default() -> Self {
        Filter::new()
    }
}

impl Filter {
    /// The default filter: profile `teen`, the default languages ([`Language::defaults`]).
    ///
    /// ```
    /// assert_eq!(saring::Filter::new().check("selamat pagi").action, saring::Action::Allow);
    /// ```
    pub fn new() -> Filter {
        FilterBuilder::default()
            .build()
            .expect("the built-in lexicons are checked by the test suite")
    }

    /// A builder for a configured filter.
    pub fn builder() -> FilterBuilder {
        FilterBuilder::default()
    }

    /// The profile this filter applies.
    pub fn profile(&self) -> Profile {
        self.profile
    }

    /// The same filter with another profile. Cheap: the compiled lexicon is shared, not
    /// rebuilt.
    ///
    /// ```
    /// use saring::{Action, Filter, Profile};
    /// let teen = Filter::new();
    /// let adult = teen.with_profile(Profile::Adult);
    /// assert_eq!(teen.check("shit").action, Action::Block);
    /// assert_eq!(adult.check("shit").action, Action::Warn);
    /// ```
    pub fn with_profile(&self, profile: Profile) -> Filter {
        Filter {
            profile,
            lexicon: Arc::clone(&self.lexicon),
        }
    }

    /// Changes the profile in place (what JavaScript's `filter.setProfile()` calls); the
    /// compiled lexicon is kept.
    ///
    /// ```
    /// let mut filter = saring::Filter::new();
    /// filter.set_profile(saring::Profile::Child);
    /// assert_eq!(filter.profile(), saring::Profile::Child);
    /// ```
    pub fn set_profile(&mut self, profile: Profile) {
        self.profile = profile;
    }

    /// Checks one text.
    ///
    /// ```
    /// let verdict = saring::Filter::new().check("ｋｏｎｔｏｌ");
    /// assert_eq!(verdict.action, saring::Action::Block);
    /// assert_eq!(verdict.matches[0].term, "kontol");
    /// assert_eq!(verdict.matches[0].span, 0.."ｋｏｎｔｏｌ".len());
    /// ```
    pub fn check(&self, text: &str) -> Verdict {
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => self.check_with(text, &mut scratch),
            // Only reachable if a check ran inside a check; give it its own buffers.
            Err(_) => self.check_with(text, &mut Scratch::default()),
        })
    }

    fn check_with(&self, text: &str, scratch: &mut Scratch) -> Verdict {
        let Scratch {
            folded,
            candidates,
            places,
            hits,
            detections,
            reader,
            constructions,
            ..
        } = scratch;
        normalize::normalize_into(text, folded);
        candidates.clear();
        places.clear();
        let lexicon = &*self.lexicon;
        lexicon.scanner.scan(folded, candidates, places);
        hits.clear();
        lexicon.judge.judge(
            text,
            folded,
            candidates,
            &lexicon.scanner,
            &lexicon.entries,
            hits,
        );
        if candidates.capacity() * std::mem::size_of::<Candidate>() > SCRATCH_KEEP_BYTES {
            // Judged: a text full of candidates should not hold them while its matches are made.
            *candidates = Vec::new();
        }
        constructions.clear();
        lexicon
            .constructions
            .find(text, folded, &places.gate_words, reader, constructions);
        detections.clear();
        detect_visible(text, detections);
        // Overlaps are settled on small records first, and only the matches kept are made:
        // `f*ck` is four terms at once, and a line of a million of them would otherwise build
        // four million matches (with their strings) to keep one million.
        // Words kept as numbers that are a listed word when read as leetspeak (`cun7`, `b390`).
        let mut numbers: Vec<Match> = Vec::new();
        for range in &folded.numbers {
            let word = &text[range.clone()];
            normalize::normalize_leet_into(word, &mut scratch.word);
            scratch.word_candidates.clear();
            scratch.word_places.clear();
            lexicon.scanner.scan(
                &scratch.word,
                &mut scratch.word_candidates,
                &mut scratch.word_places,
            );
            scratch.word_hits.clear();
            lexicon.judge.judge(
                word,
                &scratch.word,
                &scratch.word_candidates,
                &lexicon.scanner,
                &lexicon.entries,
                &mut scratch.word_hits,
            );
            let whole = scratch.word.text.len();
            numbers.extend(
                scratch
                    .word_hits
                    .iter()
                    .filter(|hit| hit.folded() == (0..whole))
                    .map(|hit| self.lexicon_match(&scratch.word, hit, range.start)),
            );
        }
        let mut found: Vec<Found> =
            Vec::with_capacity(hits.len() + detections.len() + constructions.len() + numbers.len());
        found.extend(hits.iter().enumerate().map(|(i, hit)| {
            let term = &lexicon.entries[hit.entry as usize].term;
            let origins = &folded.origin[hit.folded()];
            let span = origins[0].start as usize..origins[origins.len() - 1].end as usize;
            self.found(span, term.category, term.severity, Source::Hit(i))
        }));
        found.extend(detections.iter().enumerate().map(|(i, detection)| {
            let (category, severity) = detector_class(detection);
            self.found(
                detection.span.clone(),
                category,
                severity,
                Source::Detection(i),
            )
        }));
        found.extend(constructions.iter().enumerate().map(|(i, c)| {
            self.found(
                c.span.clone(),
                c.category,
                c.severity,
                Source::Construction(i),
            )
        }));
        found.extend(numbers.iter().enumerate().map(|(i, m)| Found {
            span: m.span.clone(),
            action: m.action,
            severity: m.severity,
            source: Source::Number(i),
        }));
        // A lexicon word spelled out (`A N J I N G`) is that word, not a brand.
        let promotion = lexicon
            .promotion
            .find(text, folded, &scratch.places.signals, detections)
            .filter(|p| !found.iter().any(|f| overlap(&f.span, &p.span)));
        if let Some(promotion) = &promotion {
            let (category, severity) = (Category::Gambling, Severity::Severe);
            let span = promotion.span.clone();
            found.push(self.found(span, category, severity, Source::Promotion));
        }
        without_overlaps(&mut found);
        let matches: Vec<Match> = found
            .iter()
            .map(|f| match f.source {
                Source::Hit(i) => self.lexicon_match(folded, &hits[i], 0),
                Source::Detection(i) => self.detector_match(&detections[i]),
                Source::Construction(i) => self.construction_match(folded, &constructions[i]),
                Source::Number(i) => numbers[i].clone(),
                Source::Promotion => self.promotion_match(promotion.as_ref()),
            })
            .collect();
        drop(found);
        // A pasted novel should not keep megabytes of buffers alive after its check.
        if folded.text.capacity() > SCRATCH_KEEP_BYTES {
            *scratch = Scratch::default();
        }
        let action = matches.iter().map(|m| m.action).max().unwrap_or_default();
        Verdict { action, matches }
    }

    fn found(
        &self,
        span: Range<usize>,
        category: Category,
        severity: Severity,
        source: Source,
    ) -> Found {
        Found {
            span,
            action: policy::action(self.profile, category, severity),
            severity,
            source,
        }
    }

    /// The text with every matched character replaced by `*` — one `*` per UTF-16 code unit,
    /// so the text keeps its length in a browser; whitespace inside a match is kept.
    ///
    /// Masking can leave a fragment that is a term of its own (`*******ass`) or bring two
    /// dual-use words together; those are masked too, so censoring a censored text changes
    /// nothing.
    ///
    /// ```
    /// let filter = saring::Filter::new();
    /// assert_eq!(filter.censor("a n j i n g lu"), "* * * * * * lu");
    /// let once = filter.censor("b@ngs4tass");
    /// assert_eq!(filter.censor(&once), once);
    /// ```
    pub fn censor(&self, text: &str) -> String {
        let mut censored = censor_spans(
            text,
            self.check(text).matches.iter().map(|m| m.span.clone()),
        );
        // Each round masks at least one more character, so this ends; the bound keeps a
        // pathological text linear.
        for _ in 0..CENSOR_ROUNDS {
            let verdict = self.check(&censored);
            if verdict.matches.is_empty() {
                break;
            }
            let again = censor_spans(&censored, verdict.matches.iter().map(|m| m.span.clone()));
            if again == censored {
                break;
            }
            censored = again;
        }
        censored
    }

    fn promotion_match(&self, found: Option<&constructions::PromotionFound>) -> Match {
        let found = found.expect("a promotion source has its promotion");
        self.make_match(
            found.span.clone(),
            Category::Gambling,
            Severity::Severe,
            found.term.clone(),
            found.evasions,
            Some(constructions::PROMOTION.to_owned()),
        )
    }

    /// The match of a hit; `offset` is where the folded text's input starts in the checked text.
    fn lexicon_match(&self, folded: &Folded, hit: &Hit, offset: usize) -> Match {
        let entry = &self.lexicon.entries[hit.entry as usize];
        let origins = &folded.origin[hit.folded()];
        let flags = origins.iter().fold(0, |acc, o| acc | o.flags);
        let informal = if hit.form > 0 {
            Evasions::INFORMAL_SPELLING
        } else {
            0
        };
        let span =
            offset + origins[0].start as usize..offset + origins[origins.len() - 1].end as usize;
        self.make_match(
            span,
            entry.term.category,
            entry.term.severity,
            entry.term.text().to_owned(),
            Evasions::from_bits(flags | informal | hit.evasions),
            None,
        )
    }

    fn construction_match(&self, folded: &Folded, found: &Construction) -> Match {
        // What was undone anywhere under the span (`b*nuh 0rang c1na`).
        let flags = folded.origin[found.folded.clone()]
            .iter()
            .fold(0, |acc, o| acc | o.flags);
        self.make_match(
            found.span.clone(),
            found.category,
            found.severity,
            found.term.clone(),
            Evasions::from_bits(flags),
            Some(found.rule.clone()),
        )
    }

    fn detector_match(&self, detection: &Detection) -> Match {
        let (category, severity) = detector_class(detection);
        self.make_match(
            detection.span.clone(),
            category,
            severity,
            detection.kind.term().to_owned(),
            Evasions::default(),
            Some(detection.kind.term().to_owned()),
        )
    }

    fn make_match(
        &self,
        span: Range<usize>,
        category: Category,
        severity: Severity,
        term: String,
        evasions: Evasions,
        rule: Option<String>,
    ) -> Match {
        Match {
            action: policy::action(self.profile, category, severity),
            span,
            category,
            severity,
            term,
            evasions,
            rule,
        }
    }
}

/// Buffers reused from one check to the next, so a check allocates only for what it returns.
#[derive(Default)]
struct Scratch {
    folded: Folded,
    candidates: Vec<Candidate>,
    /// Where the later stages' words are (see [`Scanner::scan`]).
    places: Places,
    hits: Vec<Hit>,
    detections: Vec<Detection>,
    reader: constructions::Scratch,
    constructions: Vec<Construction>,
    /// One word read again as leetspeak, its candidates and hits.
    word: Folded,
    word_candidates: Vec<Candidate>,
    word_places: Places,
    word_hits: Vec<Hit>,
}

/// How many times `censor` re-checks what it masked.
const CENSOR_ROUNDS: usize = 4;

/// Buffers larger than this (in folded bytes) are freed after the check.
const SCRATCH_KEEP_BYTES: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Runs the detectors on the text with invisible characters removed (`0812\u{200B}3456…` is
/// still a phone number), with spans mapped back to the original.
fn detect_visible(text: &str, out: &mut Vec<Detection>) {
    // Every invisible character is non-ASCII: most texts skip the char-by-char scan.
    if text.is_ascii() || !text.chars().any(normalize::is_invisible) {
        detect::detect_into(text, out);
        return;
    }
    let mut visible = String::with_capacity(text.len());
    // For each byte of `visible`, where it starts in `text`; one more entry for the end.
    let mut at: Vec<usize> = Vec::with_capacity(text.len() + 1);
    for (index, ch) in text.char_indices() {
        if !normalize::is_invisible(ch) {
            visible.push(ch);
            at.extend((0..ch.len_utf8()).map(|k| index + k));
        }
    }
    at.push(text.len());
    let first = out.len();
    detect::detect_into(&visible, out);
    for detection in &mut out[first..] {
        let end = detection.span.end;
        // The span ends after its last visible character, before any invisible one after it.
        let last = at[end - 1];
        let last_len = text[last..].chars().next().map_or(0, char::len_utf8);
        detection.span = at[detection.span.start]..last + last_len;
    }
}

/// The category and severity of a detector's find.
fn detector_class(detection: &Detection) -> (Category, Severity) {
    if detection.kind.is_personal_info() {
        (Category::PersonalInfo, Severity::Strong)
    } else {
        (Category::Link, Severity::Mild)
    }
}

/// A match before it is made: what settling overlaps needs, and where it came from.
struct Found {
    /// The byte range in the checked text.
    span: Range<usize>,
    action: Action,
    severity: Severity,
    source: Source,
}

/// Where a [`Found`] came from, by index: lexicon hits first, then detections, then
/// constructions, then words read again as numbers, then the promotion construction (at most
/// one per text).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Hit(usize),
    Detection(usize),
    Construction(usize),
    /// A word kept as a number, read again as leetspeak.
    Number(usize),
    Promotion,
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

impl Source {
    /// Whether a rule (a construction or a detector) found it: such a match says more than the
    /// bare word under it (`usir semua cina` over `cina`).
    fn is_rule(self) -> bool {
        !matches!(self, Source::Hit(_))
    }
}

/// Sorts by start and keeps, of any overlapping ones, the most serious (action, then a rule's
/// match over a bare word, then severity, then length; the first found on a tie). In place: no
/// second list.
fn without_overlaps(found: &mut Vec<Found>) {
    found.sort_unstable_by(|a, b| {
        (a.span.start, b.span.end, a.source).cmp(&(b.span.start, a.span.end, b.source))
    });
    let rank = |f: &Found| (f.action, f.source.is_rule(), f.severity, f.span.len());
    let mut kept = 0;
    for i in 0..found.len() {
        if kept > 0 && found[i].span.start < found[kept - 1].span.end {
            if rank(&found[i]) > rank(&found[kept - 1]) {
                found.swap(kept - 1, i);
            }
        } else {
            found.swap(kept, i);
            kept += 1;
        }
    }
    // A replacement starts at or after the one it replaces, so it cannot reach back over
    // the match before it.
    found.truncate(kept);
}

/// Masks the non-whitespace characters of each span with one `*` per UTF-16 code unit.
fn censor_spans(text: &str, spans: impl Iterator<Item = Range<usize>>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for span in spans {
        out.push_str(&text[done..span.start]);
        for ch in text[span.clone()].chars() {
            if ch.is_whitespace() {
                out.push(ch);
            } else {
                out.extend(std::iter::repeat_n('*', ch.len_utf16()));
            }
        }
        done = span.end;
    }
    out.push_str(&text[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Filters that differ in profile or in the order of their languages share one compiled
    /// lexicon; a custom term gets its own.
    #[test]
    fn lexicon_is_compiled_once_and_shared() {
        let mut reversed: Vec<Language> = Language::defaults().collect();
        reversed.reverse();
        let first = Filter::builder().languages(reversed).build().unwrap();
        let same = [
            Filter::new(),
            Filter::builder().profile(Profile::Adult).build().unwrap(),
            Filter::builder()
                .languages(Language::defaults())
                .profile(Profile::Child)
                .build()
                .unwrap(),
            first.with_profile(Profile::Child),
        ];
        for (i, other) in same.iter().enumerate() {
            assert!(Arc::ptr_eq(&first.lexicon, &other.lexicon), "filter {i}");
        }
        let mut changed = first.clone();
        changed.set_profile(Profile::Adult);
        assert!(Arc::ptr_eq(&first.lexicon, &changed.lexicon));
        let custom = Filter::builder().allow_terms(["pantai"]).build().unwrap();
        assert!(!Arc::ptr_eq(&first.lexicon, &custom.lexicon));
        let english = Filter::builder()
            .languages([Language::English])
            .build()
            .unwrap();
        assert!(!Arc::ptr_eq(&first.lexicon, &english.lexicon));
    }
}
