//! The gate: decides, in one cheap pass over the words, whether a text can hold a construction
//! at all. Most texts cannot, and stop here.
//!
//! A text passes when a word is an anchor (a group word, a place of worship; with a particle
//! for languages that take them: `cinanya`), when a word starts an anchor phrase that follows
//! (`penista agama`, `death to`), or when a weak group word has its collective marker before or
//! its person noun after (`orang padang`, `black people`). A bitset on each word's first two
//! and last bytes spares the hash lookup for most words.

use rustc_hash::FxHashMap;

/// Flags of a gate word.
const ANCHOR: u8 = 1;
const WEAK: u8 = 2;
const PHRASE: u8 = 4;

/// See the module docs.
#[derive(Debug)]
pub(crate) struct Gate {
    bits: Box<[u64; 512]>,
    words: FxHashMap<Box<[u8]>, u8>,
}

fn key(word: &[u8]) -> usize {
    let first = usize::from(word[0] & 31);
    let second = usize::from(word.get(1).copied().unwrap_or(0) & 31);
    let last = usize::from(word[word.len() - 1] & 31);
    first << 10 | second << 5 | last
}

impl Gate {
    pub fn new() -> Gate {
        Gate {
            bits: Box::new([0; 512]),
            words: FxHashMap::default(),
        }
    }

    fn add(&mut self, word: &[u8], flag: u8) {
        if word.is_empty() {
            return;
        }
        let k = key(word);
        self.bits[k >> 6] |= 1 << (k & 63);
        *self.words.entry(word.into()).or_default() |= flag;
    }

    /// Adds a folded anchor form (one word, or the first word of a phrase), and its forms with
    /// each particle.
    pub fn add_anchor(&mut self, form: &[u8], weak: bool, particles: &[&[u8]]) {
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
        if flag != PHRASE {
            for particle in particles {
                let mut with = first.to_vec();
                with.extend_from_slice(particle);
                self.add(&with, flag);
            }
        }
    }

    /// Whether `text` passes. `is_form` tells whether a span of the text is a form with one of
    /// the asked classes (`collective`, `person`, an anchor phrase).
    pub fn opens(&self, text: &[u8], check: impl Fn(Need, &[u8]) -> bool) -> bool {
        let mut previous: &[u8] = &[];
        let mut previous_weak = false;
        let mut at = 0;
        while at < text.len() {
            let end = text[at..]
                .iter()
                .position(|&b| b == b' ')
                .map_or(text.len(), |p| at + p);
            let word = &text[at..end];
            if previous_weak && check(Need::Person, word) {
                return true;
            }
            previous_weak = false;
            let k = key(word);
            if self.bits[k >> 6] >> (k & 63) & 1 != 0 {
                if let Some(&flags) = self.words.get(word) {
                    if flags & ANCHOR != 0 {
                        return true;
                    }
                    if flags & PHRASE != 0 && check(Need::Phrase, &text[at..]) {
                        return true;
                    }
                    if flags & WEAK != 0 {
                        if !previous.is_empty() && check(Need::Collective, previous) {
                            return true;
                        }
                        previous_weak = true;
                    }
                }
            }
            previous = word;
            at = end + 1;
        }
        false
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
