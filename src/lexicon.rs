//! Lexicon files: human-edited lists of terms with their category, severity and match mode.
//!
//! The built-in lists live in the repository's `lang/` folder, one folder per language
//! (`lang/id/terms.tsv`, `lang/en/terms.tsv`, and `lang/allow.txt`), and are compiled into the
//! crate with `include_str!`. Custom term files
//! (the command line's `--terms`) use the same format:
//!
//! ```text
//! # comment
//! forms<TAB>category<TAB>severity<TAB>mode
//! kontol|kntl<TAB>sexual<TAB>3<TAB>any
//! kampungan<TAB>insult<TAB>1
//! ```
//!
//! `forms` is the canonical form, then alternative spellings after `|`. In custom files the
//! category (default `insult`), severity (default `2`) and mode (default `word`) may be left out.

use std::fmt;
use std::str::FromStr;

use crate::error::{BuildError, UnknownValue};
use crate::vocab::{Category, Language, Severity};

pub(crate) const INDONESIAN: &str = include_str!("../lang/id/terms.tsv");
pub(crate) const ENGLISH: &str = include_str!("../lang/en/terms.tsv");
pub(crate) const ALLOWED: &str = include_str!("../lang/allow.txt");

/// The longest form accepted, in bytes: longer "terms" are mistakes, not words.
pub(crate) const MAX_FORM_BYTES: usize = 200;

/// Where inside the text a term may match.
///
/// ```
/// assert_eq!("any".parse::<saring::MatchMode>().unwrap(), saring::MatchMode::Anywhere);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MatchMode {
    /// `exact`: the whole word, no affixes (short or ambiguous forms such as `tai`, `ass`).
    Exact,
    /// `word`: the whole word, with the language's common prefixes and suffixes.
    #[default]
    Word,
    /// `any`: anywhere, even inside a longer word (`fuck` in `motherfucker`), except inside an
    /// allowed word.
    Anywhere,
    /// `dual`: an ordinary word with an abusive sense (`anjing` = dog); a hit only in an insult
    /// or threat context.
    DualUse,
}

impl MatchMode {
    const NAMES: &'static [&'static str] = &["exact", "word", "any", "dual"];
}

impl FromStr for MatchMode {
    type Err = UnknownValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "exact" => Ok(MatchMode::Exact),
            "word" => Ok(MatchMode::Word),
            "any" => Ok(MatchMode::Anywhere),
            "dual" => Ok(MatchMode::DualUse),
            _ => Err(UnknownValue::new("mode", text, Self::NAMES)),
        }
    }
}

impl fmt::Display for MatchMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let index = match self {
            MatchMode::Exact => 0,
            MatchMode::Word => 1,
            MatchMode::Anywhere => 2,
            MatchMode::DualUse => 3,
        };
        f.write_str(Self::NAMES[index])
    }
}

/// A custom term added when the filter is built.
///
/// ```
/// use saring::{Category, Filter, Severity, Term};
/// let filter = Filter::builder()
///     .extra_terms([Term::new("kampungan", Category::Insult, Severity::Mild)])
///     .build()
///     .unwrap();
/// assert_eq!(filter.check("dasar kampungan").matches[0].term, "kampungan");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub(crate) forms: Vec<String>,
    pub(crate) category: Category,
    pub(crate) severity: Severity,
    pub(crate) mode: MatchMode,
}

impl Term {
    /// A term matched as a whole word (with common affixes).
    pub fn new(text: impl Into<String>, category: Category, severity: Severity) -> Term {
        Term {
            forms: vec![text.into()],
            category,
            severity,
            mode: MatchMode::Word,
        }
    }

    /// Sets where the term may match.
    pub fn mode(mut self, mode: MatchMode) -> Term {
        self.mode = mode;
        self
    }

    /// Adds an alternative spelling, reported under the canonical form.
    pub fn variant(mut self, text: impl Into<String>) -> Term {
        self.forms.push(text.into());
        self
    }

    /// The canonical form.
    pub fn text(&self) -> &str {
        &self.forms[0]
    }

    /// Parses a custom term file (the format at the top of this module). `source` names the
    /// file in error messages.
    ///
    /// ```
    /// let terms = saring::Term::parse_file("my-terms.txt", "kampungan\tinsult\t1\n").unwrap();
    /// assert_eq!(terms[0].text(), "kampungan");
    /// let error = saring::Term::parse_file("my-terms.txt", "x\tinsul\n").unwrap_err();
    /// assert!(error.to_string().starts_with("my-terms.txt:1: unknown category \"insul\""));
    /// ```
    ///
    /// # Errors
    ///
    /// A line with an unknown category, severity or mode, too many columns, or no term; the
    /// message gives the file and line number.
    pub fn parse_file(source: &str, text: &str) -> Result<Vec<Term>, BuildError> {
        Ok(parse_terms(source, text, None, false)?
            .into_iter()
            .map(|entry| entry.term)
            .collect())
    }
}

/// A term as loaded, with the language whose affixes it takes (`None`: a custom term, which
/// takes the affixes of every language).
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub term: Term,
    pub language: Option<Language>,
}

/// Parses a lexicon file. `strict` files (the built-in ones) must give every column.
pub(crate) fn parse_terms(
    source: &str,
    text: &str,
    language: Option<Language>,
    strict: bool,
) -> Result<Vec<Entry>, BuildError> {
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').map(str::trim).collect();
        if columns.len() > 4 {
            return Err(BuildError::lexicon(
                source,
                number,
                format!(
                    "expected at most 4 tab-separated columns (forms, category, severity, mode), found {}",
                    columns.len()
                ),
            ));
        }
        if strict && columns.len() != 4 {
            return Err(BuildError::lexicon(
                source,
                number,
                "expected 4 tab-separated columns: forms, category, severity, mode",
            ));
        }
        let forms: Vec<String> = columns[0]
            .split('|')
            .map(str::trim)
            .filter(|form| !form.is_empty())
            .map(str::to_owned)
            .collect();
        if forms.is_empty() {
            return Err(BuildError::lexicon(source, number, "the term is empty"));
        }
        if let Some(long) = forms.iter().find(|form| form.len() > MAX_FORM_BYTES) {
            return Err(BuildError::lexicon(
                source,
                number,
                format!("the form {long:?} is longer than {MAX_FORM_BYTES} bytes"),
            ));
        }
        // Caught here, not only when the filter is built, so the message names the line.
        if let Some(bare) = forms
            .iter()
            .find(|form| !form.chars().any(char::is_alphanumeric))
        {
            return Err(BuildError::lexicon(
                source,
                number,
                format!("the form {bare:?} has no letters or digits"),
            ));
        }
        let column = |i: usize| columns.get(i).copied().filter(|c| !c.is_empty());
        let wrap = |error: UnknownValue| BuildError::lexicon(source, number, error.to_string());
        let category = column(1)
            .map_or(Ok(Category::Insult), str::parse)
            .map_err(wrap)?;
        let severity = column(2)
            .map_or(Ok(Severity::Strong), str::parse)
            .map_err(wrap)?;
        let mode = column(3)
            .map_or(Ok(MatchMode::Word), str::parse)
            .map_err(wrap)?;
        entries.push(Entry {
            term: Term {
                forms,
                category,
                severity,
                mode,
            },
            language,
        });
    }
    Ok(entries)
}

/// The entries of a word list: one word or phrase per line, trimmed; blank lines and `#`
/// comments skipped. The format of allow-word files and of `allow.txt`.
///
/// ```
/// let words: Vec<&str> = saring::word_list("# mine\n pantai \n\ncum laude\n").collect();
/// assert_eq!(words, ["pantai", "cum laude"]);
/// ```
pub fn word_list(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The built-in lexicon of a language.
pub(crate) fn builtin(language: Language) -> (&'static str, &'static str) {
    match language {
        Language::Indonesian => ("lang/id/terms.tsv", INDONESIAN),
        Language::English => ("lang/en/terms.tsv", ENGLISH),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_parse() {
        for &language in Language::ALL {
            let (source, text) = builtin(language);
            let entries = parse_terms(source, text, Some(language), true).unwrap();
            assert!(!entries.is_empty(), "{source} is empty");
        }
    }

    /// (name, file text, expected error or None)
    const CUSTOM_FILES: &[(&str, &str, Option<&str>)] = &[
        ("defaults", "kampungan\n", None),
        ("all columns", "kontol|kntl\tsexual\t3\tany\n", None),
        ("comments and blanks", "# x\n\n  \nbego\tinsult\n", None),
        (
            "bad category",
            "a\tinsult\nkampungan\tinsul\t1\n",
            Some("terms.txt:2: unknown category \"insul\": expected"),
        ),
        (
            "bad severity",
            "kampungan\tinsult\t5\n",
            Some("terms.txt:1: unknown severity \"5\""),
        ),
        (
            "bad mode",
            "x\tinsult\t1\tfuzzy\n",
            Some("terms.txt:1: unknown mode \"fuzzy\""),
        ),
        (
            "too many columns",
            "x\tinsult\t1\tword\textra\n",
            Some("terms.txt:1: expected at most 4"),
        ),
        (
            "empty forms",
            "|\tinsult\n",
            Some("terms.txt:1: the term is empty"),
        ),
        (
            "no letters",
            "ok\nkata|!!!\tinsult\n",
            Some("terms.txt:2: the form \"!!!\" has no letters or digits"),
        ),
    ];

    #[test]
    fn custom_term_files() {
        for (name, text, expected) in CUSTOM_FILES {
            let result = parse_terms("terms.txt", text, None, false);
            match (result, expected) {
                (Ok(_), None) => {}
                (Err(error), Some(prefix)) => assert!(
                    error.to_string().starts_with(prefix),
                    "{name}: got {error}, expected {prefix}…"
                ),
                (Ok(_), Some(prefix)) => panic!("{name}: parsed, expected error {prefix}"),
                (Err(error), None) => panic!("{name}: unexpected error {error}"),
            }
        }
    }
}
