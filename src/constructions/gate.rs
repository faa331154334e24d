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

use crate::scan::{Candidate, GateWord};

/// Flags of a gate word.
const ANCHOR: u8 = 1;
const WEAK: u8 = 2;
const PHRASE: u8 = 4;
/// The flags a gate word has with a particle after it are its flags shifted by this much.
const WITH_PARTICLE: u32 = 4;

/// The gate words of the given anchor forms, for the scanner to find: each anchor is
/// `(folded form, weak, takes particles)`, the form one word or a phrase whose first word is
/// the gate word. A word listed twice gets the flags of both.
pub(crate) fn words<'f>(anchors: impl Iterator<Item = (&'f [u8], bool, bool)>) -> Vec<GateWord> {
    let mut flags_of: FxHashMap<&[u8], u8> = FxHashMap::default();
    for (form, weak, takes_particles) in anchors {
        let mut parts = form.split(|&b| b == b' ');
        let first = parts.next().unwrap_or_default();
        if first.is_empty() {
            continue;
        }
        let flag = if parts.next().is_some() {
            PHRASE
        } else if weak {
            WEAK
        } else {
            ANCHOR
        };
        let flags = flags_of.entry(first).or_default();
        *flags |= flag;
        if flag != PHRASE && takes_particles {
            *flags |= flag << WITH_PARTICLE;
        }
    }
    // In hash order: a gate word's place in the automaton changes nothing it reports.
    flags_of
        .into_iter()
        .map(|(word, flags)| GateWord {
            text: word.into(),
            flags,
            // A word that takes particles is found where it starts a word (`cina` in
            // `cinanya`); `opens` reads the particle.
            in_longer_words: flags >> WITH_PARTICLE != 0,
        })
        .collect()
}

/// Whether `text` passes, given where its gate words stand (`gate_words`: each at the start of
/// a word, and either the whole word or a word that takes particles, with its flags as
/// `pattern`) and the `particles` words may carry. `check` tells whether a span of the text is
/// a form with one of the asked classes (`collective`, `person`, an anchor phrase).
pub(crate) fn opens(
    text: &[u8],
    gate_words: &[Candidate],
    particles: &[Box<[u8]>],
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
        } else if particles
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

/// What [`opens`] asks of its check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    /// Is this word a collective marker?
    Collective,
    /// Is this word a person noun?
    Person,
    /// Does an anchor phrase start this text?
    Phrase,
}
