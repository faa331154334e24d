//! The gate: decides, in one cheap pass over the words, whether a text can hold a construction
//! at all. Most texts cannot, and stop here.
//!
//! A text passes when a word is an anchor (a group word, a place of worship; with a particle
//! for languages that take them: `cinanya`), when a word starts an anchor phrase that follows
//! (`penista agama`, `death to`), or when a weak group word has its collective marker before or
//! its person noun after (`orang padang`, `black people`).
//!
//! The gate words are patterns of the scanner's automaton, which reports where they start a
//! word ([`crate::scan::Places::gate_words`]); the gate looks only there. A word that takes
//! particles is one pattern, not one per particle: the gate reads the rest of the word.

use rustc_hash::FxHashMap;

use crate::scan::Candidate;

/// Flags of a gate word.
const ANCHOR: u8 = 1;
const WEAK: u8 = 2;
const PHRASE: u8 = 4;
/// The flags a gate word has with a particle after it are its flags shifted by this much.
const WITH_PARTICLE: u32 = 4;

/// Whether a gate word with these flags is worth reporting where it only starts a word: it
/// takes particles (`cina` in `cinanya`).
pub(crate) fn takes_particles(flags: u8) -> bool {
    flags >> WITH_PARTICLE != 0
}

/// See the module docs.
#[derive(Debug)]
pub(crate) struct Gate {
    words: FxHashMap<Box<[u8]>, u8>,
    particles: Vec<Box<[u8]>>,
}

impl Gate {
    /// A gate whose words may carry `particles`.
    pub fn new(particles: &[Box<[u8]>]) -> Gate {
        Gate {
            words: FxHashMap::default(),
            particles: particles.to_vec(),
        }
    }

    fn add(&mut self, word: &[u8], flag: u8) {
        if word.is_empty() {
            return;
        }
        *self.words.entry(word.into()).or_default() |= flag;
    }

    /// The gate words with their flags, for the scanner to find.
    pub fn words(&self) -> Vec<(Box<[u8]>, u8)> {
        // In hash order: a gate word's place in the automaton changes nothing it reports.
        self.words
            .iter()
            .map(|(word, &flags)| (word.clone(), flags))
            .collect()
    }

    /// Adds a folded anchor form (one word, or the first word of a phrase); a one-word form
    /// that `takes_particles` also counts with each particle after it.
    pub fn add_anchor(&mut self, form: &[u8], weak: bool, takes_particles: bool) {
        let mut parts = form.split(|&b| b == b' ');
        let first = parts.next().unwrap_or_default();
        let flag = if parts.next().is_some() {
            PHRASE
        } else if weak {
            WEAK
        } else {
            ANCHOR
        };
        self.add(first, flag);
        if flag != PHRASE && takes_particles {
            self.add(first, flag << WITH_PARTICLE);
        }
    }

    /// Whether `text` passes, given where its gate words stand (`gate_words`: each at the start
    /// of a word, and either the whole word or a word that takes particles, with its flags as
    /// `pattern`). `check` tells whether a span of the text is a form with one of the asked
    /// classes (`collective`, `person`, an anchor phrase).
    pub fn opens(
        &self,
        text: &[u8],
        gate_words: &[Candidate],
        check: impl Fn(Need, &[u8]) -> bool,
    ) -> bool {
        gate_words.iter().any(|place| {
            let found = place.folded();
            let word_end = text[found.end..]
                .iter()
                .position(|&b| b == b' ')
                .map_or(text.len(), |space| found.end + space);
            let flags = if word_end == found.end {
                place.pattern as u8 & (ANCHOR | WEAK | PHRASE)
            } else if self
                .particles
                .iter()
                .any(|particle| **particle == text[found.end..word_end])
            {
                (place.pattern >> WITH_PARTICLE) as u8
            } else {
                0
            };
            let span = found.start..word_end;
            if flags & ANCHOR != 0 {
                return true;
            }
            if flags & PHRASE != 0 && check(Need::Phrase, &text[span.start..]) {
                return true;
            }
            if flags & WEAK == 0 {
                return false;
            }
            // A weak group word needs its collective marker just before it or its person noun
            // just after it.
            if span.start > 0 {
                let before = &text[..span.start - 1];
                let word = before
                    .iter()
                    .rposition(|&b| b == b' ')
                    .map_or(before, |space| &before[space + 1..]);
                if !word.is_empty() && check(Need::Collective, word) {
                    return true;
                }
            }
            if span.end < text.len() {
                let after = &text[span.end + 1..];
                let word = after
                    .iter()
                    .position(|&b| b == b' ')
                    .map_or(after, |space| &after[..space]);
                if check(Need::Person, word) {
                    return true;
                }
            }
            false
        })
    }
}

/// What [`Gate::opens`] asks of its check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    /// Is this word a collective marker?
    Collective,
    /// Is this word a person noun?
    Person,
    /// Does an anchor phrase start this text?
    Phrase,
}
