//! The rule format (`lang/<code>/rules.txt`): a rule is a name, what it reports, one or more
//! patterns over word classes, the antipatterns that stop it, and its own examples.
//!
//! ```text
//! rule threat-against-group
//!   category  violence
//!   severity  3
//!   pattern   threat filler*3 group
//!   unless    before 3 negation
//!   unless    sentence counter
//!   unless    quoted 12 report
//!   example+  Usir semua Cina dari sini
//!   example-  Jangan usir orang Papua
//! ```
//!
//! A pattern is a row of elements, each matching one or more units (a unit is a word, a fixed
//! phrase from the word tables, or a whole group phrase such as `semua orang cina`):
//!
//! - `class` — one unit of that class; `a|b` — of either class;
//! - `class?` — zero or one; `class*N` — zero to N; `class+N` — one to N;
//! - `group:religion,othering` — a group of one of these families;
//! - `~N` — zero to N units of any kind, and the only element that may cross a comma.
//!
//! A match never crosses a sentence end (`.`, `!`, `?`, `;`, a line break) and, but for `~N`,
//! never a comma or a quotation mark.
//!
//! Antipatterns (`unless`): `before N class` (a unit of the class in the N units before the
//! match, same clause), `after N class` (in the N units after it, same clause), `sentence class`
//! (anywhere in the sentence — except where a negation stands just before it: `not racist`
//! condemns nothing), `quoted N class` (the match is inside quotation marks and a unit of the
//! class stands outside them within N units).
//!
//! A rule must have at least one `example+` (text it flags) and one `example-` (text it leaves
//! alone): a rule without both does not load. The test suite runs every example.

use crate::error::BuildError;
use crate::lexicon;
use crate::vocab::{Category, Severity};

use super::words::{class, class_named, family_named, Classes};

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Element {
    /// Units of any of these classes match; `0` with `any` set matches every unit.
    pub classes: Classes,
    /// For `group`: the families allowed (`0` = any).
    pub families: u16,
    pub min: u8,
    pub max: u8,
    /// `~N`: any unit, across commas.
    pub any: bool,
}

/// Where an antipattern looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    Before(u8),
    After(u8),
    Sentence,
    Quoted(u8),
}

/// An exception that stops a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Antipattern {
    pub scope: Scope,
    pub classes: Classes,
}

/// One construction rule.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub patterns: Vec<Vec<Element>>,
    pub unless: Vec<Antipattern>,
    /// The classes a pattern of this rule can start with.
    pub starts: Classes,
    /// The languages whose words the rule reads (one bit per loaded language; set on load).
    pub langs: u16,
    /// Texts the rule must flag.
    #[cfg_attr(not(test), allow(dead_code))]
    pub positive: Vec<String>,
    /// Texts the rule must leave alone.
    #[cfg_attr(not(test), allow(dead_code))]
    pub negative: Vec<String>,
}

/// The longest repetition an element may ask for: keeps matching linear.
const MAX_REPEAT: u8 = 8;

/// The farthest an antipattern looks, in units.
const MAX_REACH: u8 = 16;

fn parse_element(word: &str) -> Result<Element, String> {
    let (name, min, max) = if let Some(n) = word.strip_prefix('~') {
        ("", 0, parse_count(n)?)
    } else if let Some((name, n)) = word.split_once('*') {
        (name, 0, parse_count(n)?)
    } else if let Some((name, n)) = word.split_once('+') {
        (name, 1, parse_count(n)?)
    } else if let Some(name) = word.strip_suffix('?') {
        (name, 0, 1)
    } else {
        (word, 1, 1)
    };
    if name.is_empty() {
        return Ok(Element {
            classes: 0,
            families: 0,
            min,
            max,
            any: true,
        });
    }
    let (names, families) = match name.split_once(':') {
        Some((names, families)) => (names, Some(families)),
        None => (name, None),
    };
    let mut classes = 0;
    for part in names.split('|') {
        classes |= class_named(part).ok_or_else(|| format!("unknown class {part:?}"))?;
    }
    let mut family_bits = 0;
    if let Some(families) = families {
        if classes != class::GROUP {
            return Err("only `group` takes families".into());
        }
        for family in families.split(',') {
            family_bits |=
                family_named(family).ok_or_else(|| format!("unknown family {family:?}"))?;
        }
    }
    Ok(Element {
        classes,
        families: family_bits,
        min,
        max,
        any: false,
    })
}

fn parse_count(text: &str) -> Result<u8, String> {
    match text.parse::<u8>() {
        Ok(n) if (1..=MAX_REPEAT).contains(&n) => Ok(n),
        _ => Err(format!("a count from 1 to {MAX_REPEAT}, not {text:?}")),
    }
}

fn parse_pattern(text: &str) -> Result<Vec<Element>, String> {
    let elements = text
        .split_whitespace()
        .map(parse_element)
        .collect::<Result<Vec<_>, _>>()?;
    match (elements.first(), elements.last()) {
        (Some(first), Some(last)) if first.min == 1 && last.min == 1 && !first.any => Ok(elements),
        _ => Err("a pattern starts and ends with an element that must match".into()),
    }
}

fn parse_unless(text: &str) -> Result<Antipattern, String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // Antipatterns look a little further than patterns reach.
    let count = |w: &str| match w.parse::<u8>() {
        Ok(n) if (1..=MAX_REACH).contains(&n) => Ok(n),
        _ => Err(format!("a count from 1 to {MAX_REACH}, not {w:?}")),
    };
    let (scope, name) = match words.as_slice() {
        ["before", n, name] => (Scope::Before(count(n)?), *name),
        ["after", n, name] => (Scope::After(count(n)?), *name),
        ["sentence", name] => (Scope::Sentence, *name),
        ["quoted", n, name] => (Scope::Quoted(count(n)?), *name),
        _ => return Err(format!("unknown antipattern {text:?}")),
    };
    let mut classes = 0;
    for part in name.split('|') {
        classes |= class_named(part).ok_or_else(|| format!("unknown class {part:?}"))?;
    }
    Ok(Antipattern { scope, classes })
}

/// Reads a rules file. Every rule needs a category, a severity, a pattern and examples of both
/// kinds.
pub(crate) fn parse_rules(source: &str, text: &str) -> Result<Vec<Rule>, BuildError> {
    let mut rules: Vec<(usize, Rule)> = Vec::new();
    for (line_no, raw) in lexicon::data_lines(text) {
        let line = raw.trim();
        let (key, value) = match line.split_once(char::is_whitespace) {
            Some((key, value)) => (key, value.trim()),
            None => (line, ""),
        };
        let error = |message: String| BuildError::lexicon(source, line_no, message);
        if key == "rule" {
            if value.is_empty() || value.contains(char::is_whitespace) {
                return Err(error("`rule` takes one id".into()));
            }
            rules.push((
                line_no,
                Rule {
                    id: value.to_owned(),
                    category: Category::Hate,
                    severity: Severity::Strong,
                    patterns: Vec::new(),
                    unless: Vec::new(),
                    langs: 0,
                    starts: 0,
                    positive: Vec::new(),
                    negative: Vec::new(),
                },
            ));
            continue;
        }
        let Some((_, rule)) = rules.last_mut() else {
            return Err(error(format!("{key:?} before any `rule`")));
        };
        match key {
            "category" => rule.category = value.parse().map_err(|e| error(format!("{e}")))?,
            "severity" => rule.severity = value.parse().map_err(|e| error(format!("{e}")))?,
            "pattern" => {
                let pattern = parse_pattern(value).map_err(error)?;
                rule.starts |= pattern[0].classes;
                rule.patterns.push(pattern);
            }
            "unless" => rule.unless.push(parse_unless(value).map_err(error)?),
            "example+" if !value.is_empty() => rule.positive.push(value.to_owned()),
            "example-" if !value.is_empty() => rule.negative.push(value.to_owned()),
            _ => return Err(error(format!("unknown line {line:?}"))),
        }
    }
    rules
        .into_iter()
        .map(|(line_no, rule)| {
            if rule.patterns.is_empty() {
                Err(BuildError::lexicon(
                    source,
                    line_no,
                    format!("rule {} has no pattern", rule.id),
                ))
            } else if rule.positive.is_empty() || rule.negative.is_empty() {
                Err(BuildError::lexicon(
                    source,
                    line_no,
                    format!(
                        "rule {} needs examples it flags (example+) and leaves alone (example-)",
                        rule.id
                    ),
                ))
            } else {
                Ok(rule)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "rule r\n category violence\n severity 3\n pattern threat filler*3 group:religion,othering\n unless before 3 negation\n unless quoted 12 report|counter\n example+ a\n example- b\n";

    #[test]
    fn a_rule_reads() {
        let rules = parse_rules("t", GOOD).unwrap();
        assert_eq!(rules.len(), 1);
        let rule = &rules[0];
        assert_eq!(
            (rule.id.as_str(), rule.category, rule.severity),
            ("r", Category::Violence, Severity::Severe)
        );
        assert_eq!(rule.patterns[0].len(), 3);
        assert_eq!((rule.patterns[0][1].min, rule.patterns[0][1].max), (0, 3));
        assert_eq!(rule.patterns[0][2].families, 0b110);
        assert_eq!(rule.unless[1].scope, Scope::Quoted(12));
    }

    #[test]
    fn bad_rules_do_not_load() {
        for bad in [
            GOOD.replace(" example+ a\n", ""),
            GOOD.replace(" example- b\n", ""),
            GOOD.replace("pattern threat", "pattern ~3 threat"),
            GOOD.replace("filler*3", "filler*30"),
            GOOD.replace("filler*3", "fillers"),
            GOOD.replace("before 3", "around 3"),
            GOOD.replace("rule r\n", ""),
            GOOD.replace("severity 3", "severity 9"),
        ] {
            assert!(parse_rules("t", &bad).is_err(), "{bad}");
        }
    }
}
