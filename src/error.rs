//! Errors: an unknown vocabulary string, and what can go wrong building a filter.

use std::fmt;

/// A string that is not one of a vocabulary's values, such as profile `"tean"`.
///
/// Its message names the field and every accepted value:
///
/// ```
/// let error = "violent".parse::<saring::Category>().unwrap_err();
/// assert!(error.to_string().starts_with(r#"unknown category "violent": expected "profanity", "#));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownValue {
    what: &'static str,
    got: String,
    accepted: &'static [&'static str],
}

impl UnknownValue {
    pub(crate) fn new(what: &'static str, got: &str, accepted: &'static [&'static str]) -> Self {
        UnknownValue {
            what,
            got: got.to_owned(),
            accepted,
        }
    }

    /// The accepted values, in order.
    pub fn accepted(&self) -> &'static [&'static str] {
        self.accepted
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?}: expected ", self.what, self.got)?;
        let last = self.accepted.len().saturating_sub(1);
        for (i, value) in self.accepted.iter().enumerate() {
            match i {
                0 => {}
                _ if i == last => f.write_str(" or ")?,
                _ => f.write_str(", ")?,
            }
            write!(f, "{value:?}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownValue {}

/// Why a [`Filter`](crate::Filter) could not be built.
///
/// ```
/// let error = saring::Filter::builder().languages([]).build().unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     r#"no language chosen: expected at least one of "id", "en", "jv", "su", "ms""#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    kind: BuildErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum BuildErrorKind {
    NoLanguage,
    EmptyTerm {
        field: &'static str,
    },
    TermTooLong {
        field: &'static str,
        term: String,
    },
    Lexicon {
        source: String,
        line: usize,
        message: String,
    },
    TooManyTerms {
        mebibytes: usize,
    },
}

impl BuildError {
    pub(crate) fn no_language() -> Self {
        BuildError {
            kind: BuildErrorKind::NoLanguage,
        }
    }

    pub(crate) fn empty_term(field: &'static str) -> Self {
        BuildError {
            kind: BuildErrorKind::EmptyTerm { field },
        }
    }

    pub(crate) fn term_too_long(field: &'static str, term: &str) -> Self {
        let mut shown: String = term.chars().take(40).collect();
        if shown.len() < term.len() {
            shown.push('…');
        }
        BuildError {
            kind: BuildErrorKind::TermTooLong { field, term: shown },
        }
    }

    /// The terms would compile to an automaton of more than [`crate::scan::MAX_AUTOMATON_BYTES`].
    pub(crate) fn too_many_terms(bytes: usize) -> Self {
        BuildError {
            kind: BuildErrorKind::TooManyTerms {
                mebibytes: bytes.div_ceil(1 << 20),
            },
        }
    }

    /// A line of a lexicon file (built in, or a custom terms file) that could not be read.
    pub(crate) fn lexicon(source: &str, line: usize, message: impl Into<String>) -> Self {
        BuildError {
            kind: BuildErrorKind::Lexicon {
                source: source.to_owned(),
                line,
                message: message.into(),
            },
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            BuildErrorKind::NoLanguage => {
                f.write_str("no language chosen: expected at least one of ")?;
                for (i, language) in crate::Language::ALL.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{:?}", language.as_str())?;
                }
                Ok(())
            }
            BuildErrorKind::EmptyTerm { field } => {
                write!(f, "{field}: a term is empty or has no letters")
            }
            BuildErrorKind::TermTooLong { field, term } => {
                write!(f, "{field}: term {term:?} is longer than 200 bytes")
            }
            BuildErrorKind::Lexicon {
                source,
                line,
                message,
            } => write!(f, "{source}:{line}: {message}"),
            BuildErrorKind::TooManyTerms { mebibytes } => write!(
                f,
                "too many custom terms: compiling them would take {mebibytes} MiB, over the \
                 limit of {} MiB",
                crate::scan::MAX_AUTOMATON_BYTES >> 20
            ),
        }
    }
}

impl std::error::Error for BuildError {}
