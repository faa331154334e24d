//! From folded text to units: words and fixed phrases with their classes, where clauses and
//! sentences end, what is quoted, and group phrases (`semua orang cina`, `mereka` after a group)
//! merged into one unit.

use rustc_hash::FxHashMap;

use crate::normalize::Folded;

use super::words::{class, Classes};

/// A word, a fixed phrase or a group phrase.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Folded byte range.
    pub start: u32,
    pub end: u32,
    pub classes: Classes,
    pub families: u16,
    /// Which languages' tables list the unit's words (one bit per loaded language).
    pub langs: u16,
    /// Counters that change at each clause break (comma, quotation mark, sentence end) and
    /// each sentence end.
    pub clause: u32,
    pub sentence: u32,
    pub quoted: bool,
}

/// What a folded form is in the word tables.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    pub classes: Classes,
    pub families: u16,
    /// Which languages list the form (one bit per loaded language).
    pub langs: u16,
    /// Whether Indonesian particles may follow (`bunuhlah`, `semuanya`).
    pub suffixes: bool,
}

/// Classes that can start a construction: a text with none of them has nothing to read.
pub(crate) const ANCHORS: Classes = class::GROUP | class::WORSHIP | class::INCITE;

/// The most words a form may have.
pub(crate) const MAX_FORM_WORDS: usize = 8;

/// Classes a group word keeps inside a group unit.
const KEPT_BY_GROUPS: Classes = class::ATTRIBUTE | class::DEHUMANIZATION;

/// The most markers, or group words, one group phrase takes (`semua orang cina`): keeps a
/// text of a thousand `semua` linear.
const MAX_RUN: usize = 4;

/// How far back (in units) a pronoun looks for the group it refers to.
const PRONOUN_REACH: usize = 40;

/// Splits `folded` into units (for a text the gate let through). Returns false (and leaves
/// `out` empty) when no unit is an anchor after all.
///
/// At each word start, the word and the phrases starting with it (`phrases` gives the most
/// words of any) are looked up in `forms`, longest first; failing that, the word's stem before
/// a particle (`bunuh` + `in`).
pub(crate) fn units(
    original: &str,
    folded: &Folded,
    forms: &FxHashMap<Box<[u8]>, usize>,
    phrases: &FxHashMap<Box<[u8]>, u8>,
    words: &[WordInfo],
    particles: &[Box<[u8]>],
    out: &mut Vec<Unit>,
) -> bool {
    out.clear();
    let text = folded.text.as_bytes();
    let mut found_anchor = false;
    let mut at = 0;
    while at < text.len() {
        if text[at] == b' ' {
            at += 1;
            continue;
        }
        let word_end = next_space(text, at);
        // (end with any particle, form index, end of the form itself)
        let mut best: Option<(usize, usize, usize)> = None;
        // The ends of the next words, as many as the longest phrase starting with this word
        // has: the longest phrase that is a form wins.
        let phrase = phrases
            .get(&text[at..word_end])
            .map_or(1, |&n| usize::from(n));
        let mut ends = [0usize; MAX_FORM_WORDS];
        let mut count = 0;
        let mut end = word_end;
        while count < phrase.min(MAX_FORM_WORDS) {
            ends[count] = end;
            count += 1;
            if end >= text.len() {
                break;
            }
            end = next_space(text, end + 1);
        }
        for &end in ends[..count].iter().rev() {
            if let Some(&form) = forms.get(&text[at..end]) {
                best = Some((end, form, end));
                break;
            }
        }
        if best.is_none() {
            // A stem before a particle: `bunuh` + `in`, `semua` + `nya`.
            let word = &text[at..word_end];
            best = particles.iter().find_map(|suffix| {
                let stem = word.strip_suffix(&suffix[..])?;
                let &form = forms.get(stem)?;
                words[form]
                    .suffixes
                    .then_some((word_end, form, at + stem.len()))
            });
        }
        let (end, classes, families, langs) = match best {
            Some((end, pattern, form_end)) => {
                let info = words[pattern];
                let mut classes = info.classes;
                if &text[form_end..end] == b"nya" {
                    // `anjingnya` is "his dog", `rendahnya` "how low it is": a possessed
                    // animal or a nominalized adjective is no predicate.
                    classes &= !(class::DEHUMANIZATION | class::ATTRIBUTE);
                }
                (end, classes, info.families, info.langs)
            }
            None => (word_end, 0, 0, 0),
        };
        found_anchor |= classes & ANCHORS != 0;
        out.push(Unit {
            start: at as u32,
            end: end as u32,
            classes,
            families,
            langs,
            ..Unit::default()
        });
        at = end;
    }
    if !found_anchor {
        out.clear();
        return false;
    }
    mark_breaks(original, folded, out);
    merge_groups(out);
    true
}

fn next_space(text: &[u8], from: usize) -> usize {
    text[from..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(text.len(), |p| from + p)
}

/// Sets each unit's clause, sentence and quotation state from the original characters
/// between units.
fn mark_breaks(original: &str, folded: &Folded, units: &mut [Unit]) {
    let (mut clause, mut sentence) = (0u32, 0u32);
    let mut double_open = false;
    let mut single_open = false;
    let mut previous_end = 0usize;
    for unit in units.iter_mut() {
        let here = folded.origin[unit.start as usize].start as usize;
        if here > previous_end {
            let gap = &original[previous_end..here];
            let mut previous: Option<char> = original[..previous_end].chars().next_back();
            let mut chars = gap.chars().peekable();
            while let Some(ch) = chars.next() {
                let next = chars
                    .peek()
                    .copied()
                    .or_else(|| original[here..].chars().next());
                match ch {
                    '.' | '!' | '?' | ';' | '\n' | '。' | '…' => {
                        sentence += 1;
                        clause += 1;
                    }
                    ',' | ':' | '(' | ')' | '–' | '—' => clause += 1,
                    '"' | '“' | '”' | '«' | '»' | '„' => {
                        clause += 1;
                        double_open = match ch {
                            '“' | '«' | '„' => true,
                            '”' | '»' => false,
                            _ => !double_open,
                        };
                    }
                    '\'' | '‘' | '’' => {
                        let before_space = previous.is_none_or(|c| !c.is_alphanumeric());
                        let after_word = next.is_some_and(char::is_alphanumeric);
                        if before_space && after_word && !single_open {
                            single_open = true;
                            clause += 1;
                        } else if single_open && !after_word {
                            single_open = false;
                            clause += 1;
                        }
                    }
                    _ => {}
                }
                previous = Some(ch);
            }
        }
        unit.clause = clause;
        unit.sentence = sentence;
        unit.quoted = double_open || single_open;
        previous_end = folded.origin[unit.end as usize - 1].end as usize;
    }
}

/// Merges collective markers, group words and person nouns into group units, drops group words
/// that name a thing (`bahasa jawa`, `chinese food`) or need a marker they lack, and turns
/// pronouns that follow a group into group units.
fn merge_groups(units: &mut Vec<Unit>) {
    let mut kept = 0;
    let mut i = 0;
    let mut last_group: Option<(usize, u16)> = None; // (index in kept units, families)
    let n = units.len();
    while i < n {
        let unit = units[i];
        let same_clause = |j: usize| j < n && units[j].clause == unit.clause;
        // Collective markers, then a group word: `semua orang cina`, `all those`.
        let mut j = i;
        while j - i < MAX_RUN && same_clause(j) && units[j].classes & class::COLLECTIVE != 0 {
            j += 1;
        }
        let collective = j > i;
        let head_before = kept > 0
            && units[kept - 1].classes & class::HEAD_BEFORE != 0
            && units[kept - 1].clause == unit.clause;
        if same_clause(j) && units[j].classes & class::GROUP != 0 && !head_before {
            let mut end = j + 1;
            let mut families = units[j].families;
            let mut langs = units[i..=j].iter().fold(0, |acc, u| acc | u.langs);
            // A group word that is also a predicate keeps it: `(orang kristen itu) kafir`.
            let mut keep = units[j].classes & KEPT_BY_GROUPS;
            let mut strong = collective || units[j].classes & class::WEAK == 0;
            while end - j < MAX_RUN && same_clause(end) && units[end].classes & class::GROUP != 0 {
                families |= units[end].families;
                langs |= units[end].langs;
                keep |= units[end].classes & KEPT_BY_GROUPS;
                strong |= units[end].classes & class::WEAK == 0;
                end += 1;
            }
            if same_clause(end) && units[end].classes & class::PERSON != 0 {
                strong = true;
                langs |= units[end].langs;
                end += 1;
            }
            if collective {
                while same_clause(end)
                    && units[end].classes & class::PLACE != 0
                    && end - j < 2 * MAX_RUN
                {
                    end += 1;
                }
            }
            let names_a_thing = same_clause(end)
                && (units[end].classes & class::HEAD_AFTER != 0
                    || (!collective && units[end].classes & class::PLACE != 0));
            if strong && !names_a_thing {
                units[kept] = Unit {
                    start: unit.start,
                    end: units[end - 1].end,
                    classes: class::GROUP | keep,
                    families,
                    langs,
                    ..unit
                };
                last_group = Some((kept, families));
                kept += 1;
                i = end;
                continue;
            }
        }
        let mut unit = unit;
        if unit.classes & class::GROUP != 0 {
            // A group word that names a thing, or a weak one alone, is just a word.
            unit.classes &= !(class::GROUP | class::WEAK);
        }
        if unit.classes & class::PRONOUN != 0 {
            if let Some((at, families)) = last_group {
                if kept - at <= PRONOUN_REACH {
                    unit.classes = class::GROUP;
                    unit.families = families;
                }
            }
        }
        units[kept] = unit;
        kept += 1;
        i += 1;
    }
    units.truncate(kept);
}
