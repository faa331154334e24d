//! Language folders and lexicon files.
//!
//! Everything a language knows lives in its folder under the repository's `lang/` and is
//! compiled into the crate with `include_str!`; the registry (`languages!` in `src/lexicon.rs`)
//! lists the folders, one line each. A folder holds:
//!
//! | file | what |
//! |---|---|
//! | `terms.tsv` | the lexicon: forms, category, severity, match mode (format below) |
//! | `affixes.tsv` | prefixes and suffixes a `word` term may carry, and the reduplication joiners |
//! | `markers.tsv` | the words around a dual-use word that make it an insult or a threat |
//! | `dual.tsv` | the literal contexts of the language's dual-use words |
//! | `allow.txt` | innocent words that contain a term |
//!
//! Custom term files (the command line's `--terms`) use the lexicon format:
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
use crate::vocab::{vocabulary, Category, Severity};

/// The files of one language folder, compiled in. Every folder has every file (a file may hold
/// only comments).
#[derive(Debug)]
pub(crate) struct Folder {
    pub terms: &'static str,
    pub affixes: &'static str,
    pub markers: &'static str,
    pub dual: &'static str,
    pub allow: &'static str,
    /// The constructions stage's tables (docs/constructions.md).
    pub groups: &'static str,
    pub predicates: &'static str,
    pub rules: &'static str,
    /// The online-gambling promotion signals (docs/promotion.md).
    pub promotion: &'static str,
}

/// Declares the languages: the [`Language`] enum, its codes and names, and its folder's files.
macro_rules! languages {
    ($($variant:ident = $code:literal, $name:literal, default: $default:literal;)+) => {
        /// A language whose lexicon the filter loads, one folder under `lang/` each.
        ///
        /// ```
        /// use saring::Language;
        /// assert_eq!("jv".parse::<Language>().unwrap(), Language::Javanese);
        /// assert_eq!(Language::Malay.name(), "Malay");
        /// let codes: Vec<&str> = Language::ALL.iter().map(|l| l.as_str()).collect();
        /// assert_eq!(codes, ["id", "en", "jv", "su", "ms"]);
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Language {
            $(
                #[doc = concat!("`", $code, "`: ", $name, ", from `lang/", $code, "/`.")]
                $variant,
            )+
        }

        vocabulary!(Language, "language", { $($variant => $code),+ });

        impl Language {
            /// The language's English name.
            ///
            /// ```
            /// assert_eq!(saring::Language::Sundanese.name(), "Sundanese");
            /// ```
            pub fn name(self) -> &'static str {
                match self { $(Language::$variant => $name),+ }
            }

            /// Whether the language is on when none are chosen (see `docs/languages.md`).
            ///
            /// ```
            /// assert!(saring::Language::Indonesian.is_default());
            /// ```
            pub fn is_default(self) -> bool {
                match self { $(Language::$variant => $default),+ }
            }

            /// The languages on by default, in registry order.
            ///
            /// ```
            /// assert!(saring::Language::defaults().any(|l| l == saring::Language::English));
            /// ```
            pub fn defaults() -> impl Iterator<Item = Language> {
                Language::ALL.iter().copied().filter(|l| l.is_default())
            }

            /// The language's folder, compiled in.
            pub(crate) fn folder(self) -> &'static Folder {
                match self {
                    $(Language::$variant => &Folder {
                        terms: include_str!(concat!("../lang/", $code, "/terms.tsv")),
                        affixes: include_str!(concat!("../lang/", $code, "/affixes.tsv")),
                        markers: include_str!(concat!("../lang/", $code, "/markers.tsv")),
                        dual: include_str!(concat!("../lang/", $code, "/dual.tsv")),
                        allow: include_str!(concat!("../lang/", $code, "/allow.txt")),
                        groups: include_str!(concat!("../lang/", $code, "/groups.tsv")),
                        predicates: include_str!(concat!("../lang/", $code, "/predicates.tsv")),
                        rules: include_str!(concat!("../lang/", $code, "/rules.txt")),
                        promotion: include_str!(concat!("../lang/", $code, "/promotion.tsv")),
                    },)+
                }
            }
        }
    };
}

// The registry: one line per language folder. Adding a language is adding its folder under
// `lang/` and one line here (docs/languages.md).
languages! {
    Indonesian = "id", "Indonesian", default: true;
    English = "en", "English", default: true;
    Javanese = "jv", "Javanese", default: true;
    Sundanese = "su", "Sundanese", default: true;
    Malay = "ms", "Malay", default: true;
}

impl Language {
    /// Where a file of this language's folder lives, for error messages: `lang/jv/terms.tsv`.
    pub(crate) fn path(self, file: &str) -> String {
        format!("lang/{}/{file}", self.as_str())
    }
}

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
    for (number, line) in data_lines(text) {
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

/// The data lines of a table file, with their 1-based line numbers: blank lines and `#` comments
/// are skipped, and a Windows line end is dropped. Every table parser reads its file through
/// this, so all of them agree on what a comment is.
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim_end_matches('\r')))
        .filter(|(_, line)| {
            let line = line.trim_start();
            !line.is_empty() && !line.starts_with('#')
        })
}

/// A row of a rules file: line number, key, words.
pub(crate) type KeyedRow<'t> = (usize, &'static str, Vec<&'t str>);

/// A rules file (`affixes.tsv`, `markers.tsv`): lines of `key<TAB>word|word|…`, a key may repeat.
/// Returns `(line number, key, words)`; a key not in `keys` is an error naming the line.
pub(crate) fn parse_keyed<'t>(
    source: &str,
    text: &'t str,
    keys: &'static [&'static str],
) -> Result<Vec<KeyedRow<'t>>, BuildError> {
    let mut rows = Vec::new();
    for (number, line) in data_lines(text) {
        let Some((key, words)) = line.split_once('\t') else {
            return Err(BuildError::lexicon(
                source,
                number,
                "expected a key, a tab and words separated by |",
            ));
        };
        let key = key.trim();
        let Some(&key) = keys.iter().find(|k| **k == key) else {
            return Err(BuildError::lexicon(
                source,
                number,
                UnknownValue::new("key", key, keys).to_string(),
            ));
        };
        let words: Vec<&str> = words
            .split('|')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        rows.push((number, key, words));
    }
    Ok(rows)
}

/// A row of `dual.tsv`: a dual-use term and the words that, right before or right after it,
/// show its literal sense.
#[derive(Debug)]
pub(crate) struct LiteralContext<'t> {
    pub term: &'t str,
    pub before: Vec<&'t str>,
    pub after: Vec<&'t str>,
    /// The optional fourth column is `insult`: the word is mostly a swear word (`asu`), so it
    /// hits unless a literal context is beside it. Without it (or `literal`), it hits only in an
    /// insult context.
    pub insult_by_default: bool,
}

/// Parses `dual.tsv`: `term<TAB>before|before…<TAB>after|after…[<TAB>literal|insult]`, `-` for
/// none.
pub(crate) fn parse_dual<'t>(
    source: &str,
    text: &'t str,
) -> Result<Vec<(usize, LiteralContext<'t>)>, BuildError> {
    let mut rows = Vec::new();
    for (number, line) in data_lines(text) {
        let columns: Vec<&str> = line.split('\t').map(str::trim).collect();
        if !(3..=4).contains(&columns.len()) || columns[0].is_empty() {
            return Err(BuildError::lexicon(
                source,
                number,
                "expected 3 or 4 tab-separated columns: term, words before, words after, sense",
            ));
        }
        let insult_by_default = match columns.get(3).copied() {
            None | Some("literal") => false,
            Some("insult") => true,
            Some(other) => {
                return Err(BuildError::lexicon(
                    source,
                    number,
                    UnknownValue::new("sense", other, &["literal", "insult"]).to_string(),
                ))
            }
        };
        let words = |column: &'t str| -> Vec<&'t str> {
            column
                .split('|')
                .map(str::trim)
                .filter(|w| !w.is_empty() && *w != "-")
                .collect()
        };
        rows.push((
            number,
            LiteralContext {
                term: columns[0],
                before: words(columns[1]),
                after: words(columns[2]),
                insult_by_default,
            },
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_parse() {
        for &language in Language::ALL {
            let source = language.path("terms.tsv");
            let text = language.folder().terms;
            let entries = parse_terms(&source, text, Some(language), true).unwrap();
            assert!(!entries.is_empty(), "{source} is empty");
        }
    }

    #[test]
    fn rules_files_parse_or_name_the_line() {
        const KEYS: &[&str] = &["prefix", "suffix"];
        let rows = parse_keyed("a.tsv", "# c\nprefix\tdi|ke\n\nsuffix\tnya\n", KEYS).unwrap();
        assert_eq!(
            rows,
            [(2, "prefix", vec!["di", "ke"]), (4, "suffix", vec!["nya"])]
        );
        let error = parse_keyed("a.tsv", "prefix\tdi\nprefx\tke\n", KEYS).unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"a.tsv:2: unknown key "prefx": expected "prefix" or "suffix""#
        );
        let error = parse_keyed("a.tsv", "prefix di\n", KEYS).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("a.tsv:1: expected a key, a tab"));

        let rows = parse_dual("d.tsv", "asu\tngingu\tku|gede\tinsult\nceleng\t-\talas\n").unwrap();
        assert_eq!(rows[0].1.term, "asu");
        assert_eq!(
            (rows[0].1.before.clone(), rows[0].1.after.clone()),
            (vec!["ngingu"], vec!["ku", "gede"])
        );
        assert!(rows[0].1.insult_by_default && !rows[1].1.insult_by_default);
        assert!(rows[1].1.before.is_empty());
        let error = parse_dual("d.tsv", "asu\tngingu\n").unwrap_err();
        assert!(error
            .to_string()
            .starts_with("d.tsv:1: expected 3 or 4 tab-separated columns"));
        let error = parse_dual("d.tsv", "asu\t-\t-\tswear\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"d.tsv:1: unknown sense "swear": expected "literal" or "insult""#
        );
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
