//! Scan: one Aho-Corasick automaton over the folded text finds every place a lexicon form
//! could match; masked words (`f*ck`) are compared against the forms of the same first letter.
//! The automaton is a dense DFA ([`dfa`]): a byte of text costs one table look-up.
//!
//! The same automaton also holds the words later stages look for — the promotion stage's
//! signal words (`slot gacor`, `wd`) and the words that open the construction stage's gate
//! (`cina`, `orang`) — so the folded text is walked once for all of them: their places are
//! reported apart, in [`Places`].
//!
//! Scanning only proposes candidates. Whether a candidate is a hit (word boundaries, letter
//! runs, allowed words, context) is the judge's call.

use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;

use crate::error::BuildError;
use crate::lexicon::{Entry, MatchMode};
use crate::normalize::{self, Folded, Origin};

mod dfa;
use dfa::Dfa;

/// The most memory the scanner's automaton may take. Every built-in language together needs
/// under 3 MiB; only a very long list of custom terms comes near it.
pub(crate) const MAX_AUTOMATON_BYTES: usize = 128 << 20;

/// The byte the normalizer writes for a masking symbol.
pub(crate) const WILDCARD: u8 = b'*';

/// One distinct folded form, shared by every entry that folds to it.
#[derive(Debug)]
pub(crate) struct Pattern {
    /// The folded form.
    pub text: Box<[u8]>,
    /// The lexicon forms that fold to it; empty for a pattern that is only a signal word.
    pub owners: Vec<Owner>,
    /// Its index among the signal words, or [`NO_SIGNAL`].
    signal: u32,
    /// Its flags as a gate word, or 0.
    gate: u8,
    /// As a gate word, it is also reported where it only starts a word.
    gate_in_longer_words: bool,
    /// Bit `i` is clear when no owner takes a letter typed once at byte `i` (`kkk` folds to
    /// `k` with a run of 3): a candidate with a single letter there is not proposed. All ones
    /// for a pattern with a dual-use owner, whose every candidate the judge reads.
    single_letters: u64,
}

impl Pattern {
    /// Whether some owner could take the letter runs at a candidate (`origins`, one per byte):
    /// false when a letter typed once sits where every owner needs it doubled or stretched,
    /// which the judge would refuse (`runs_fit`). Checks the first 64 bytes.
    fn runs_can_fit(&self, origins: &[Origin]) -> bool {
        self.single_letters == u64::MAX
            || origins
                .iter()
                .take(64)
                .enumerate()
                .all(|(i, origin)| origin.run != 1 || self.single_letters & (1 << i) != 0)
    }
}

/// A word the construction stage's gate looks for (see [`Places::gate_words`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GateWord {
    /// The folded word.
    pub text: Box<[u8]>,
    /// What it says to the gate; never 0. Reported as the place's `pattern`.
    pub flags: u8,
    /// Reported also where it only starts a word (`cina` in `cinanya`), not only as a whole word.
    pub in_longer_words: bool,
}

/// What a scan finds for the stages after the judge.
#[derive(Debug, Default)]
pub(crate) struct Places {
    /// Every place of a signal word, in order of their ends; `pattern` is the signal's index.
    pub signals: Vec<Candidate>,
    /// Every gate word that is a whole word, or that starts a word when it is to be found
    /// [in longer words](GateWord::in_longer_words), in order of their ends; `pattern` is its
    /// flags.
    pub gate_words: Vec<Candidate>,
}

impl Places {
    pub fn clear(&mut self) {
        self.signals.clear();
        self.gate_words.clear();
    }
}

/// [`Pattern`]'s `signal` when the pattern is not a signal word.
const NO_SIGNAL: u32 = u32::MAX;

/// One lexicon form behind a pattern.
#[derive(Debug)]
pub(crate) struct Owner {
    pub entry: u32,
    /// 0 is the canonical form; others are listed alternative spellings.
    pub form: u16,
    /// The minimum letter run at each byte: `ass` and `as` both fold to `as`, with runs
    /// `[1, 2]` and `[1, 1]`.
    pub runs: Box<[u16]>,
}

/// A place where a pattern occurs in the folded text. Offsets are `u32`, as in the normalizer's
/// map: a text full of candidates (`f*ck f*ck …` is six per word) costs 12 bytes for each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    start: u32,
    end: u32,
    pub pattern: u32,
}

impl Candidate {
    fn new(folded: Range<usize>, pattern: u32) -> Candidate {
        Candidate {
            start: folded.start as u32,
            end: folded.end as u32,
            pattern,
        }
    }

    /// The byte range in the folded text.
    pub fn folded(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The compiled lexicon.
#[derive(Debug)]
pub(crate) struct Scanner {
    automaton: Dfa,
    patterns: Vec<Pattern>,
    /// Single-word patterns by first byte, for matching masked words.
    by_first_byte: HashMap<u8, Vec<u32>>,
}

impl Scanner {
    /// Folds every form of every entry and compiles them, with the already folded `signals`
    /// and `gate_words` (each with its flags, never 0), into one automaton.
    pub fn new(
        entries: &[Entry],
        signals: &[Box<[u8]>],
        gate_words: &[GateWord],
    ) -> Result<Scanner, BuildError> {
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut index_of: HashMap<Box<[u8]>, u32> = HashMap::default();
        let mut folded = Folded::default();
        for (entry_index, entry) in entries.iter().enumerate() {
            for (form_index, form) in entry.term.forms.iter().enumerate() {
                normalize::normalize_into(form, &mut folded);
                if !folded
                    .text
                    .bytes()
                    .any(|b| b.is_ascii_alphanumeric() || b >= 0x80)
                {
                    return Err(BuildError::empty_term("term"));
                }
                let text: Box<[u8]> = folded.text.as_bytes().into();
                let owner = Owner {
                    entry: entry_index as u32,
                    form: form_index as u16,
                    runs: folded.origin.iter().map(|o| o.run).collect(),
                };
                if let Some(&existing) = index_of.get(&text) {
                    patterns[existing as usize].owners.push(owner);
                    continue;
                }
                index_of.insert(text.clone(), patterns.len() as u32);
                patterns.push(Pattern {
                    text,
                    owners: vec![owner],
                    signal: NO_SIGNAL,
                    gate: 0,
                    gate_in_longer_words: false,
                    single_letters: 0,
                });
            }
        }
        for (signal, text) in signals.iter().enumerate() {
            if let Some(&existing) = index_of.get(text) {
                patterns[existing as usize].signal = signal as u32;
                continue;
            }
            index_of.insert(text.clone(), patterns.len() as u32);
            patterns.push(Pattern {
                text: text.clone(),
                owners: Vec::new(),
                signal: signal as u32,
                gate: 0,
                gate_in_longer_words: false,
                single_letters: u64::MAX,
            });
        }
        for word in gate_words {
            debug_assert!(word.flags != 0 && !word.text.is_empty());
            let index = match index_of.get(&word.text) {
                Some(&existing) => existing as usize,
                None => {
                    index_of.insert(word.text.clone(), patterns.len() as u32);
                    patterns.push(Pattern {
                        text: word.text.clone(),
                        owners: Vec::new(),
                        signal: NO_SIGNAL,
                        gate: 0,
                        gate_in_longer_words: false,
                        single_letters: u64::MAX,
                    });
                    patterns.len() - 1
                }
            };
            patterns[index].gate |= word.flags;
            patterns[index].gate_in_longer_words |= word.in_longer_words;
        }
        for pattern in &mut patterns {
            let dual_use = pattern
                .owners
                .iter()
                .any(|o| entries[o.entry as usize].term.mode == MatchMode::DualUse);
            pattern.single_letters = if dual_use || pattern.owners.is_empty() {
                u64::MAX
            } else {
                // Bits past the pattern's end are set: they are never looked at.
                let len = u32::try_from(pattern.text.len()).unwrap_or(u32::MAX);
                let mut bits = u64::MAX.checked_shl(len).unwrap_or(0);
                for owner in &pattern.owners {
                    for (i, &run) in owner.runs.iter().take(64).enumerate() {
                        if run == 1 {
                            bits |= 1 << i;
                        }
                    }
                }
                // A wildcard byte stands for any letter.
                for (i, &byte) in pattern.text.iter().take(64).enumerate() {
                    if byte == WILDCARD {
                        bits |= 1 << i;
                    }
                }
                bits
            };
        }
        let texts: Vec<&[u8]> = patterns.iter().map(|p| &p.text[..]).collect();
        let automaton =
            Dfa::new(&texts, MAX_AUTOMATON_BYTES).map_err(BuildError::too_many_terms)?;
        let mut by_first_byte: HashMap<u8, Vec<u32>> = HashMap::default();
        for (index, pattern) in patterns.iter().enumerate() {
            // Signal and gate words are read only where the automaton finds them.
            if !pattern.owners.is_empty()
                && !pattern.text.contains(&b' ')
                && pattern.text.len() >= 3
            {
                by_first_byte
                    .entry(pattern.text[0])
                    .or_default()
                    .push(index as u32);
            }
        }
        Ok(Scanner {
            automaton,
            patterns,
            by_first_byte,
        })
    }

    /// The pattern with this index.
    pub fn pattern(&self, index: u32) -> &Pattern {
        &self.patterns[index as usize]
    }

    /// Appends every lexicon candidate in `folded` to `out`, in no particular order, and the
    /// places of signal and gate words to `places` (see [`Places`]).
    pub fn scan(&self, folded: &Folded, out: &mut Vec<Candidate>, places: &mut Places) {
        let text = folded.text.as_bytes();
        self.automaton.for_each_match(text, |start, end, index| {
            let pattern = &self.patterns[index as usize];
            if !pattern.owners.is_empty() && pattern.runs_can_fit(&folded.origin[start..end]) {
                out.push(Candidate::new(start..end, index));
            }
            if pattern.signal != NO_SIGNAL {
                places
                    .signals
                    .push(Candidate::new(start..end, pattern.signal));
            }
            if pattern.gate != 0 && (start == 0 || text[start - 1] == b' ') {
                let whole_word = end == text.len() || text[end] == b' ';
                if whole_word || pattern.gate_in_longer_words {
                    places
                        .gate_words
                        .push(Candidate::new(start..end, u32::from(pattern.gate)));
                }
            }
        });
        if text.contains(&WILDCARD) {
            self.scan_masked(text, out);
        }
    }

    /// Matches words with masking symbols (`f*ck`, `k*nt*l`) against single-word patterns that
    /// start with the same letter, each symbol standing for one letter.
    fn scan_masked(&self, text: &[u8], out: &mut Vec<Candidate>) {
        let mut word_start = 0;
        for word in text.split(|&b| b == b' ') {
            let start = word_start;
            word_start += word.len() + 1;
            if !word.contains(&WILDCARD) || word[0] == WILDCARD {
                continue;
            }
            let Some(patterns) = self.by_first_byte.get(&word[0]) else {
                continue;
            };
            for &index in patterns {
                let pattern = &self.patterns[index as usize].text;
                if pattern.len() > word.len() {
                    continue;
                }
                let prefix = &word[..pattern.len()];
                let masked = prefix.iter().filter(|&&b| b == WILDCARD).count();
                let fits = prefix
                    .iter()
                    .zip(pattern.iter())
                    .all(|(&w, &p)| w == WILDCARD || w == p);
                // Enough real letters that the mask hides a word rather than invents one.
                if fits && masked > 0 && masked * 2 <= pattern.len() {
                    out.push(Candidate::new(start..start + pattern.len(), index));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Term;
    use crate::vocab::{Category, Severity};

    /// Terms with their match modes.
    type Terms<'a> = &'a [(&'a str, MatchMode)];

    /// Where a scanner of `terms` proposes candidates in `text`.
    fn candidates(terms: Terms, text: &str) -> Vec<String> {
        let entries: Vec<Entry> = terms
            .iter()
            .map(|&(term, mode)| Entry {
                term: Term::new(term, Category::Insult, Severity::Mild).mode(mode),
                language: None,
            })
            .collect();
        let scanner = Scanner::new(&entries, &[], &[]).unwrap();
        let folded = normalize::normalize(text);
        let (mut out, mut places) = (Vec::new(), Places::default());
        scanner.scan(&folded, &mut out, &mut places);
        out.iter()
            .map(|c| folded.text[c.folded()].to_owned())
            .collect()
    }

    #[test]
    fn letters_typed_once_where_every_owner_needs_more_are_not_proposed() {
        let word = MatchMode::Word;
        let cases: &[(Terms, &str, &[&str])] = &[
            // `kkk` folds to `k` with a run of 3: only a stretched k is proposed.
            (&[("kkk", word)], "kakak kkk", &["k"]),
            (&[("kkk", word)], "kkkkk", &["k"]),
            // `oon` needs its double o; `on` in `dont` has one.
            (&[("oon", word)], "dont be oon", &["on"]),
            // Another owner that takes a single letter keeps every candidate.
            (&[("kkk", word), ("k", word)], "kakak", &["k", "k", "k"]),
            // Dual-use patterns are all proposed: the judge reads their neighbours.
            (&[("kkk", MatchMode::DualUse)], "kakak", &["k", "k", "k"]),
        ];
        for (terms, text, want) in cases {
            assert_eq!(candidates(terms, text), *want, "{terms:?} in {text:?}");
        }
    }
}
