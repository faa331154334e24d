//! Runs the rules over the units: patterns with bounded repetition (so each start costs a
//! constant), then the antipatterns that guard each rule.

use super::rules::{Antipattern, Element, Rule, Scope};
use super::units::Unit;
use super::words::{class, Classes};

/// A pattern match: units `start..end`, by rule index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

/// Per-sentence summary: the classes present, not counting a unit right after a negation.
pub(crate) fn sentence_classes(units: &[Unit], out: &mut Vec<Classes>) {
    out.clear();
    for (i, unit) in units.iter().enumerate() {
        let sentence = unit.sentence as usize;
        if out.len() <= sentence {
            out.resize(sentence + 1, 0);
        }
        let negated = (1..=2).any(|back| {
            i >= back
                && units[i - back].classes & class::NEGATION != 0
                && units[i - back].clause == unit.clause
        });
        if !negated {
            out[sentence] |= unit.classes;
        }
    }
}

/// Appends every match of every rule, in rule order, then text order.
pub(crate) fn find(units: &[Unit], sentences: &[Classes], rules: &[Rule], out: &mut Vec<Found>) {
    for (index, rule) in rules.iter().enumerate() {
        let mut next_free = 0;
        for start in 0..units.len() {
            if start < next_free
                || units[start].classes & rule.starts == 0
                || units[start].langs & rule.langs == 0
            {
                continue;
            }
            let matched = rule
                .patterns
                .iter()
                .filter_map(|pattern| match_here(units, pattern, rule.langs, start))
                .max();
            if let Some(end) = matched {
                if !rule
                    .unless
                    .iter()
                    .any(|a| stops(units, sentences, a, start, end))
                {
                    out.push(Found {
                        rule: index,
                        start,
                        end,
                    });
                    next_free = end;
                }
            }
        }
    }
}

fn element_takes(element: &Element, unit: &Unit, langs: u16) -> bool {
    element.any
        || (unit.classes & element.classes != 0
            && unit.langs & langs != 0
            && (element.families == 0 || unit.families & element.families != 0))
}

/// The end (exclusive) of the longest match of `pattern` starting at unit `start`.
fn match_here(units: &[Unit], pattern: &[Element], langs: u16, start: usize) -> Option<usize> {
    if !element_takes(&pattern[0], &units[start], langs) {
        return None;
    }
    let walk = Walk {
        units,
        pattern,
        langs,
        sentence: units[start].sentence,
        start,
    };
    walk.extend(0, start, false)
}

/// One attempt to match a pattern from a start.
struct Walk<'a> {
    units: &'a [Unit],
    pattern: &'a [Element],
    langs: u16,
    sentence: u32,
    start: usize,
}

impl Walk<'_> {
    /// Matches `pattern[e..]` from unit `at`; `crossing` tells whether the previous unit was taken
    /// by a `~N` element.
    fn extend(&self, e: usize, at: usize, crossing: bool) -> Option<usize> {
        let (units, pattern, sentence) = (self.units, self.pattern, self.sentence);
        let Some(element) = pattern.get(e) else {
            return Some(at);
        };
        // How many units this element can take from `at`.
        let mut taken = 0usize;
        let mut prev_crossing = crossing;
        while taken < element.max as usize {
            let i = at + taken;
            let Some(unit) = units.get(i) else { break };
            if unit.sentence != sentence || !element_takes(element, unit, self.langs) {
                break;
            }
            if i > self.start
                && units[i - 1].clause != unit.clause
                && !(element.any || prev_crossing)
            {
                break;
            }
            prev_crossing = element.any;
            taken += 1;
        }
        let mut best = None;
        for count in (element.min as usize..=taken).rev() {
            let next = at + count;
            // Whether the next element may start across a comma: after a `~N` (even one that took
            // nothing), or as before when this element took nothing.
            let crossed = element.any || (count == 0 && crossing);
            if let Some(end) = self.extend(e + 1, next, crossed) {
                best = best.max(Some(end));
                break;
            }
        }
        best
    }
}

/// Whether an antipattern stops the match `start..end`.
fn stops(
    units: &[Unit],
    sentences: &[Classes],
    anti: &Antipattern,
    start: usize,
    end: usize,
) -> bool {
    let first = &units[start];
    let last = &units[end - 1];
    match anti.scope {
        Scope::Before(n) => (1..=n as usize)
            .take_while(|&back| back <= start)
            .map(|back| &units[start - back])
            .take_while(|u| u.clause == first.clause)
            .any(|u| u.classes & anti.classes != 0),
        Scope::After(n) => units[end..]
            .iter()
            .take(n as usize)
            .take_while(|u| u.clause == last.clause)
            .any(|u| u.classes & anti.classes != 0),
        Scope::Sentence => {
            sentences[first.sentence as usize] & anti.classes != 0
                || sentences[last.sentence as usize] & anti.classes != 0
        }
        Scope::Quoted(n) => {
            first.quoted && {
                let from = start.saturating_sub(n as usize);
                let to = (end + n as usize).min(units.len());
                units[from..to]
                    .iter()
                    .any(|u| !u.quoted && u.classes & anti.classes != 0)
            }
        }
    }
}
