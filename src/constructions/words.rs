//! Word classes: what a word (or fixed phrase) can do in a construction, read from a
//! language's `groups.tsv` and `predicates.tsv`.
//!
//! Both files have one row per word family: `forms<TAB>class<TAB>extra`, where `forms` are
//! spellings separated by `|` (multi-word phrases allowed), `class` is one of [`CLASSES`] and
//! `extra` (groups only) names the group's family and may add `weak` — a word that names a group
//! only beside a collective marker or a person noun (`black people`, not `black`).

use crate::error::BuildError;
use crate::lexicon;

/// A set of word classes, one bit each.
pub(crate) type Classes = u32;

/// The word classes, one bit each. A word may have several.
pub(crate) mod class {
    use super::Classes;
    /// A protected group: `cina`, `kafir`, `jews`.
    pub const GROUP: Classes = 1 << 0;
    /// A marker that makes a collective of the group after it: `orang`, `kaum`, `semua`, `all`.
    pub const COLLECTIVE: Classes = 1 << 1;
    /// A person noun after a group adjective: `people`, `men`.
    pub const PERSON: Classes = 1 << 2;
    /// A pronoun that can refer back to a group: `mereka`, `they`.
    pub const PRONOUN: Classes = 1 << 3;
    /// A noun the group word modifies, before it: `bahasa (jawa)`, `film (india)`.
    pub const HEAD_BEFORE: Classes = 1 << 4;
    /// A noun the group word modifies, after it: `(chinese) food`.
    pub const HEAD_AFTER: Classes = 1 << 5;
    /// A direction after a region name: `(jawa) barat`. With a collective marker it is part
    /// of the group (`orang jawa barat`); without, the place is meant.
    pub const PLACE: Classes = 1 << 6;
    /// Words that may sit between a group and what is said of it: `itu`, `are`, `just`.
    pub const FILLER: Classes = 1 << 7;
    /// Dehumanizing predicates: `tikus`, `vermin`.
    pub const DEHUMANIZATION: Classes = 1 << 8;
    /// Negative attributes: `malas`, `criminals`.
    pub const ATTRIBUTE: Classes = 1 << 9;
    /// Hateful emotion: `benci`, `despise`.
    pub const EMOTION: Classes = 1 << 10;
    /// Threat verbs, imperative or bare: `bunuh`, `kill`.
    pub const THREAT: Classes = 1 << 11;
    /// Active affixed threat verbs, a threat only after an intent word: `membunuh`.
    pub const THREAT_ACTIVE: Classes = 1 << 12;
    /// Passive threat verbs, a threat only after a modal: `(harus) dibunuh`, `(should be) killed`.
    pub const PASSIVE: Classes = 1 << 13;
    /// Modals and intent words: `harus`, `pantas`, `should`, `gonna`.
    pub const MODAL: Classes = 1 << 14;
    /// Normative death wishes that stand alone: `pantas mati`, `should die`.
    pub const NORMATIVE: Classes = 1 << 15;
    /// Exclusion said of a group: `pulang ke negaramu`, `don't belong`.
    pub const EXCLUSION: Classes = 1 << 16;
    /// Exclusion done to a group: `tolak`, `deport`.
    pub const EXCLUDE_VERB: Classes = 1 << 17;
    /// Incitement before a group: `jihad melawan`, `death to`.
    pub const INCITE: Classes = 1 << 18;
    /// Incitement after a group: `halal darahnya`.
    pub const INCITE_AFTER: Classes = 1 << 19;
    /// Property that refers back to a group: `rumahnya`, `their homes`.
    pub const PROPERTY: Classes = 1 << 20;
    /// Places of worship: `gereja`, `mosque`.
    pub const WORSHIP: Classes = 1 << 21;
    /// Negation and stopping: `tidak`, `jangan`, `not`, `stop`.
    pub const NEGATION: Classes = 1 << 22;
    /// Words that condemn what is reported: `rasis`, `arrested`.
    pub const COUNTER: Classes = 1 << 23;
    /// Reporting verbs: `bilang`, `said`.
    pub const REPORT: Classes = 1 << 24;
    /// Words that make the predicate before them literal: `(babi) hutan`.
    pub const LITERAL: Classes = 1 << 25;
    /// Subjects of news about violence: `polisi`, `troops`.
    pub const NEWS: Classes = 1 << 26;
    /// A marker that turns the group after it into a term of abuse: `dasar`.
    pub const ADDRESS: Classes = 1 << 27;
    /// A conjunction between two predicates: `dan`, `and`.
    pub const CONJ: Classes = 1 << 29;
    /// Words that make what follows a description of someone else's act or feeling:
    /// `yang`, `oleh`, `who`, `by`.
    pub const AGENT: Classes = 1 << 30;
    /// A group word that needs a collective marker or a person noun (set by `weak`).
    pub const WEAK: Classes = 1 << 28;
}

/// Class names as written in the data files and in rule patterns.
pub(crate) const CLASSES: &[(&str, Classes)] = &[
    ("group", class::GROUP),
    ("collective", class::COLLECTIVE),
    ("person", class::PERSON),
    ("pronoun", class::PRONOUN),
    ("head-before", class::HEAD_BEFORE),
    ("head-after", class::HEAD_AFTER),
    ("place", class::PLACE),
    ("filler", class::FILLER),
    ("dehumanization", class::DEHUMANIZATION),
    ("attribute", class::ATTRIBUTE),
    ("emotion", class::EMOTION),
    ("threat", class::THREAT),
    ("threat-active", class::THREAT_ACTIVE),
    ("passive", class::PASSIVE),
    ("modal", class::MODAL),
    ("normative", class::NORMATIVE),
    ("exclusion", class::EXCLUSION),
    ("exclude-verb", class::EXCLUDE_VERB),
    ("incite", class::INCITE),
    ("incite-after", class::INCITE_AFTER),
    ("property", class::PROPERTY),
    ("worship", class::WORSHIP),
    ("negation", class::NEGATION),
    ("counter", class::COUNTER),
    ("report", class::REPORT),
    ("literal", class::LITERAL),
    ("news", class::NEWS),
    ("address", class::ADDRESS),
    ("conj", class::CONJ),
    ("agent", class::AGENT),
];

/// Group families, one bit each, as written in `groups.tsv` and in `group:family` patterns.
pub(crate) const FAMILIES: &[&str] = &[
    "ethnicity",
    "religion",
    "othering",
    "race",
    "gender",
    "sexuality",
    "disability",
    "migrant",
];

/// The class bits of a name.
pub(crate) fn class_named(name: &str) -> Option<Classes> {
    CLASSES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

/// The family bit of a name.
pub(crate) fn family_named(name: &str) -> Option<u16> {
    FAMILIES
        .iter()
        .position(|&f| f == name)
        .map(|index| 1 << index)
}

/// One row of a word table, one form at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WordRow<'a> {
    pub form: &'a str,
    pub classes: Classes,
    pub families: u16,
}

/// Reads a word table (`groups.tsv` or `predicates.tsv`).
pub(crate) fn parse_words<'a>(
    source: &str,
    text: &'a str,
    out: &mut Vec<WordRow<'a>>,
) -> Result<(), BuildError> {
    for (line_no, line) in lexicon::data_lines(text) {
        let line = line.trim_end();
        let mut columns = line.split('\t');
        let forms = columns.next().unwrap_or_default();
        let class_name = columns.next().unwrap_or_default().trim();
        let extra = columns.next().unwrap_or_default().trim();
        if columns.next().is_some() {
            return Err(BuildError::lexicon(source, line_no, "more than 3 columns"));
        }
        let mut classes = class_named(class_name).ok_or_else(|| {
            BuildError::lexicon(source, line_no, format!("unknown class {class_name:?}"))
        })?;
        let mut families = 0;
        for word in extra.split_whitespace() {
            if word == "weak" {
                classes |= class::WEAK;
            } else {
                families |= family_named(word).ok_or_else(|| {
                    BuildError::lexicon(source, line_no, format!("unknown family {word:?}"))
                })?;
            }
        }
        if classes & class::GROUP != 0 && families == 0 {
            return Err(BuildError::lexicon(
                source,
                line_no,
                "a group needs its family (ethnicity, religion, …)",
            ));
        }
        for form in forms.split('|').map(str::trim) {
            if form.is_empty() {
                return Err(BuildError::lexicon(source, line_no, "empty form"));
            }
            out.push(WordRow {
                form,
                classes,
                families,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_errors() {
        let mut rows = Vec::new();
        parse_words(
            "t",
            "# c\ncina|tionghoa\tgroup\tethnicity\nblack\tgroup\trace weak\nitu\tfiller\n",
            &mut rows,
        )
        .unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1].form, "tionghoa");
        assert_eq!(rows[2].classes, class::GROUP | class::WEAK);
        assert_eq!(rows[3].classes, class::FILLER);
        for bad in [
            "x\tnoun\n",
            "x\tgroup\n",
            "x\tgroup\tplanet\n",
            "a||b\tfiller\n",
        ] {
            assert!(parse_words("t", bad, &mut Vec::new()).is_err(), "{bad:?}");
        }
    }
}
