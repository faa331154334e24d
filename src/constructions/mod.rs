//! Constructions: who is talked about, and what is said or threatened about them.
//!
//! The word scan finds bad words; most hate has none (`orang X itu tikus`, `usir semua X`).
//! This stage reads the folded text the normalizer made (disguises already undone) as a row of
//! *units* — words and fixed phrases from a language's word tables, with group phrases such as
//! `semua orang cina` or a `mereka` that refers back to one merged into one unit — and runs the
//! language's rules over them. Each hit maps back to the original text through the offset map
//! and says which rule fired.
//!
//! Online-gambling promotion is read by its own module, [`promotion`]: a brand-like name, the
//! trade's vocabulary, testimonials and calls to action, read together (docs/promotion.md,
//! data in `lang/<code>/promotion.tsv`).
//!
//! Per language, three files in `lang/<code>/` (see docs/constructions.md):
//!
//! - `groups.tsv` — group words with their family, collective markers, person nouns,
//!   pronouns, and nouns that make a group word name a thing (`bahasa jawa`, `chinese food`);
//! - `predicates.tsv` — what can be said of a group (dehumanization, attributes, emotion,
//!   threats, exclusion, incitement) and the words the antipatterns look for (negation,
//!   counter-speech, reporting verbs, literal senses);
//! - `rules.txt` — the rules: patterns over word classes, antipatterns, and each rule's own
//!   examples, which the test suite runs (format in [`rules`]).
//!
//! Cost: the words that can start a construction (group words, places of worship, incitement
//! phrases) are patterns of the scanner's automaton, which walks the folded text anyway and
//! reports where they stand as whole words; a text with none stops there, which is what most
//! texts do. Otherwise each word start is looked
//! up in a hash map of forms (longest phrase first), and the rules are tried from each unit
//! that can start one of their patterns, with bounded repetition, so the time stays linear in
//! the text. Building costs two hash maps and parsing the tables.

mod gate;
mod matcher;
mod promotion;
mod rules;
mod units;
mod words;

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::error::BuildError;
use crate::lexicon::Language;
use crate::normalize::{self, Folded};
use crate::scan::{Candidate, GateWord};
use crate::vocab::{Category, Severity};

use matcher::Found;
pub(crate) use promotion::{Found as PromotionFound, Promotion};

/// The rule name on an online-gambling promotion hit (docs/promotion.md).
pub(crate) const PROMOTION: &str = "promotion";
use rules::Rule;
use units::{Unit, WordInfo};
use words::Classes;

/// One language's construction data: its word tables and rules, each with the name it is
/// reported under in errors.
#[derive(Clone, Debug)]
pub(crate) struct LanguageData {
    /// `groups.tsv`: (source name, text).
    pub groups: (String, &'static str),
    /// `predicates.tsv`.
    pub predicates: (String, &'static str),
    /// `rules.txt`.
    pub rules: (String, &'static str),
    /// The particles the language's words may carry without a row of their own (`bunuh` +
    /// `lah`, `semua` + `nya`): the `particle` rows of its `affixes.tsv`.
    pub particles: Vec<&'static str>,
}

/// The built-in construction data of a language, from its folder under `lang/`; `particles`
/// are the `particle` rows of its `affixes.tsv`, which the lexicon reads anyway. A folder whose
/// tables hold only comments adds nothing.
pub(crate) fn builtin(language: Language, particles: Vec<&'static str>) -> LanguageData {
    let folder = language.folder();
    LanguageData {
        groups: (language.path("groups.tsv"), folder.groups),
        predicates: (language.path("predicates.tsv"), folder.predicates),
        rules: (language.path("rules.txt"), folder.rules),
        particles,
    }
}

/// A construction found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Construction {
    /// Byte range in the original text: from the group to the predicate.
    pub span: Range<usize>,
    /// The same in the folded text.
    pub folded: Range<usize>,
    pub category: Category,
    pub severity: Severity,
    /// The rule id (`threat-against-group`, …).
    pub rule: String,
    /// The folded words the match covers (`orang cina itu tikus`).
    pub term: String,
}

/// The compiled construction stage of a filter.
#[derive(Debug)]
pub(crate) struct Constructions {
    words: Vec<WordInfo>,
    /// Each folded form's index in `words`.
    index_of: FxHashMap<Box<[u8]>, usize>,
    /// For each first word of a phrase form, the most words of any phrase it starts.
    phrases: FxHashMap<Box<[u8]>, u8>,
    rules: Vec<Rule>,
    /// Every language's particles (see [`LanguageData::particles`]).
    particles: Vec<Box<[u8]>>,
}

/// Buffers reused between checks.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    units: Vec<Unit>,
    sentences: Vec<Classes>,
    found: Vec<Found>,
}

impl Constructions {
    /// Compiles the data of the given languages into the word tables and one rule list.
    pub fn new(languages: &[LanguageData]) -> Result<Constructions, BuildError> {
        debug_assert!(languages.len() <= 16, "one bit per language in a u16");
        let mut forms: Vec<Box<[u8]>> = Vec::new();
        let mut words: Vec<WordInfo> = Vec::new();
        let mut index_of: FxHashMap<Box<[u8]>, usize> = FxHashMap::default();
        let mut rules = Vec::new();
        let mut folded = Folded::default();
        let mut rows = Vec::new();
        for (index, data) in languages.iter().enumerate() {
            let lang: u16 = 1 << index;
            rows.clear();
            words::parse_words(&data.groups.0, data.groups.1, &mut rows)?;
            words::parse_words(&data.predicates.0, data.predicates.1, &mut rows)?;
            for row in &rows {
                normalize::normalize_into(row.form, &mut folded);
                if folded.text.is_empty() {
                    return Err(BuildError::empty_term("constructions"));
                }
                if folded.text.split(' ').count() > units::MAX_FORM_WORDS {
                    return Err(BuildError::lexicon(
                        &data.groups.0,
                        0,
                        format!("{:?}: at most {} words", row.form, units::MAX_FORM_WORDS),
                    ));
                }
                let key: Box<[u8]> = folded.text.as_bytes().into();
                let index = *index_of.entry(key.clone()).or_insert_with(|| {
                    forms.push(key);
                    words.push(WordInfo::default());
                    words.len() - 1
                });
                let info = &mut words[index];
                info.classes |= row.classes;
                info.families |= row.families;
                info.suffixes |= !data.particles.is_empty();
                info.langs |= lang;
            }
            let mut own = rules::parse_rules(&data.rules.0, data.rules.1)?;
            for rule in &mut own {
                rule.langs = lang;
            }
            rules.extend(own);
        }
        let mut particles: Vec<Box<[u8]>> = Vec::new();
        for data in languages {
            for particle in &data.particles {
                let particle: Box<[u8]> = particle.as_bytes().into();
                if !particles.contains(&particle) {
                    particles.push(particle);
                }
            }
        }
        let mut phrases: FxHashMap<Box<[u8]>, u8> = FxHashMap::default();
        for form in &forms {
            let words = form.split(|&b| b == b' ').count();
            if words > 1 {
                let first = form.split(|&b| b == b' ').next().unwrap_or_default();
                let most = phrases.entry(first.into()).or_insert(1);
                *most = (*most).max(words as u8);
            }
        }
        Ok(Constructions {
            words,
            index_of,
            phrases,
            rules,
            particles,
        })
    }

    /// The words that open the gate, with their flags, for the scanner to find
    /// ([`crate::scan::Places::gate_words`]): the first words of the anchor forms.
    pub fn gate_words(&self) -> Vec<GateWord> {
        let anchors = self.index_of.iter().filter_map(|(form, &index)| {
            let info = &self.words[index];
            (info.classes & (units::ANCHORS | words::class::WEAK) != 0).then(|| {
                let weak = info.classes & words::class::WEAK != 0;
                let takes_particles = info.suffixes && !self.particles.is_empty();
                (&form[..], weak, takes_particles)
            })
        });
        gate::words(anchors)
    }

    /// Appends the constructions found in `folded` (the folded form of `original`), where the
    /// scanner found the gate words at `gate_words`.
    pub fn find(
        &self,
        original: &str,
        folded: &Folded,
        gate_words: &[Candidate],
        scratch: &mut Scratch,
        out: &mut Vec<Construction>,
    ) {
        let text = folded.text.as_bytes();
        let opens = gate::opens(text, gate_words, &self.particles, |need, span| {
            self.gate_check(need, span)
        });
        if !opens {
            return;
        }
        let Scratch {
            units,
            sentences,
            found,
        } = scratch;
        if !units::units(
            original,
            folded,
            &self.index_of,
            &self.phrases,
            &self.words,
            &self.particles,
            units,
        ) {
            return;
        }
        matcher::sentence_classes(units, sentences);
        found.clear();
        matcher::find(units, sentences, &self.rules, found);
        for f in found.iter() {
            let rule = &self.rules[f.rule];
            let (first, last) = (units[f.start], units[f.end - 1]);
            let span = folded.origin[first.start as usize].start as usize
                ..folded.origin[last.end as usize - 1].end as usize;
            out.push(Construction {
                span,
                folded: first.start as usize..last.end as usize,
                category: rule.category,
                severity: rule.severity,
                rule: rule.id.clone(),
                term: folded.text[first.start as usize..last.end as usize].to_owned(),
            });
        }
    }

    /// Answers the gate's questions with the word tables.
    fn gate_check(&self, need: gate::Need, span: &[u8]) -> bool {
        let class_of = |form: &[u8]| {
            self.index_of
                .get(form)
                .map_or(0, |&index| self.words[index].classes)
        };
        match need {
            gate::Need::Collective => class_of(span) & words::class::COLLECTIVE != 0,
            gate::Need::Person => class_of(span) & words::class::PERSON != 0,
            gate::Need::Phrase => {
                // The longest anchor phrase has at most `MAX_FORM_WORDS` words.
                let mut end = 0;
                for _ in 0..units::MAX_FORM_WORDS {
                    end = match span[end..].iter().position(|&b| b == b' ') {
                        Some(p) => end + p,
                        None => span.len(),
                    };
                    if class_of(&span[..end]) & units::ANCHORS != 0 {
                        return true;
                    }
                    if end == span.len() {
                        break;
                    }
                    end += 1;
                }
                false
            }
        }
    }

    /// Every rule, for the tests that run each rule's examples.
    #[cfg(test)]
    pub(crate) fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Filter;

    /// Every language's rules (the tests read the rules only, so no particles are needed).
    fn all() -> Constructions {
        let data: Vec<LanguageData> = Language::ALL
            .iter()
            .map(|&l| builtin(l, Vec::new()))
            .collect();
        Constructions::new(&data).unwrap()
    }

    /// Every rule's own examples: each `example+` is flagged by that rule, no `example-` is.
    #[test]
    fn each_rule_runs_its_examples() {
        let filter = Filter::new();
        let constructions = all();
        let mut failures = Vec::new();
        for rule in constructions.rules() {
            for text in &rule.positive {
                let verdict = filter.check(text);
                if !verdict
                    .matches
                    .iter()
                    .any(|m| m.rule.as_deref() == Some(&rule.id))
                {
                    failures.push(format!("{}: should flag {text:?}: {verdict:?}", rule.id));
                }
            }
            for text in &rule.negative {
                let verdict = filter.check(text);
                if verdict.matches.iter().any(|m| m.rule.is_some()) {
                    failures.push(format!("{}: should allow {text:?}: {verdict:?}", rule.id));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The ids docs/constructions.md documents (and the demo explains).
    #[test]
    fn every_builtin_rule_id_is_documented() {
        const DOCUMENTED: &[&str] = &[
            "threat-against-group",
            "incitement",
            "dehumanization",
            "negative-attribute",
            "hateful-emotion",
            "exclusion",
        ];
        for rule in all().rules() {
            assert!(DOCUMENTED.contains(&rule.id.as_str()), "{}", rule.id);
        }
    }
}
