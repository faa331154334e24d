//! The shared vocabulary: categories, severities, profiles, actions, languages and evasions.
//!
//! Every value has one exact string form, used alike by the Rust API, the JavaScript package
//! and the command line. `FromStr` accepts exactly those strings and its error names the
//! accepted values, so a typo in an option reads as a sentence.

use std::fmt;
use std::str::FromStr;

use crate::error::UnknownValue;
use crate::normalize::evasion;

/// Implements `as_str`, `Display`, `FromStr` and the list of accepted strings for a plain enum.
macro_rules! vocabulary {
    ($ty:ident, $what:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The exact string form of this value.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),+ }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = UnknownValue;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok($ty::$variant),)+
                    _ => Err(UnknownValue::new($what, text, &[$($text),+])),
                }
            }
        }
    };
}

pub(crate) use vocabulary;

/// What kind of harm a match is.
///
/// ```
/// use saring::Category;
/// assert_eq!("self-harm".parse::<Category>().unwrap(), Category::SelfHarm);
/// assert_eq!(Category::PersonalInfo.to_string(), "personal-info");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Category {
    /// Swearing that is not aimed at anyone.
    Profanity,
    /// Words that demean a person.
    Insult,
    /// Sexual content and solicitation.
    Sexual,
    /// SARA: ethnic, religious, racial, gender and sexuality slurs.
    Hate,
    /// Threats of violence.
    Violence,
    /// Talk of hurting or killing oneself.
    SelfHarm,
    /// Drugs.
    Drugs,
    /// Gambling, including online-gambling promotion.
    Gambling,
    /// Phone numbers, e-mail and street addresses.
    PersonalInfo,
    /// URLs and domains.
    Link,
}

vocabulary!(Category, "category", {
    Profanity => "profanity",
    Insult => "insult",
    Sexual => "sexual",
    Hate => "hate",
    Violence => "violence",
    SelfHarm => "self-harm",
    Drugs => "drugs",
    Gambling => "gambling",
    PersonalInfo => "personal-info",
    Link => "link",
});

/// How strong a match is: mild, strong or severe (`1`, `2`, `3`).
///
/// ```
/// use saring::Severity;
/// assert_eq!("2".parse::<Severity>().unwrap(), Severity::Strong);
/// assert_eq!(Severity::Severe.level(), 3);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// `1`: mild.
    Mild,
    /// `2`: strong.
    Strong,
    /// `3`: severe.
    Severe,
}

vocabulary!(Severity, "severity", { Mild => "1", Strong => "2", Severe => "3" });

impl Severity {
    /// The number `1`, `2` or `3`.
    pub fn level(self) -> u8 {
        self as u8 + 1
    }

    /// The severity for a level `1..=3`.
    ///
    /// ```
    /// assert_eq!(saring::Severity::from_level(1), Some(saring::Severity::Mild));
    /// assert_eq!(saring::Severity::from_level(4), None);
    /// ```
    pub fn from_level(level: u8) -> Option<Severity> {
        Severity::ALL
            .get(usize::from(level).checked_sub(1)?)
            .copied()
    }
}

/// Who the filter protects, which decides how strict it is.
///
/// ```
/// assert_eq!(saring::Profile::default(), saring::Profile::Teen);
/// let error = "tean".parse::<saring::Profile>().unwrap_err();
/// assert_eq!(error.to_string(), r#"unknown profile "tean": expected "child", "teen" or "adult""#);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Profile {
    /// The strictest: blocks everything but self-harm and links, which warn.
    Child,
    /// The default.
    #[default]
    Teen,
    /// Allows mild profanity and links; still blocks hate, threats and severe sexual content.
    Adult,
}

vocabulary!(Profile, "profile", { Child => "child", Teen => "teen", Adult => "adult" });

/// What to do with a text.
///
/// Ordered: `Allow < Warn < Block`, so the verdict is the maximum over its matches.
///
/// ```
/// use saring::Action;
/// assert!(Action::Warn < Action::Block);
/// assert_eq!(Action::Allow.to_string(), "allow");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Nothing to say.
    #[default]
    Allow,
    /// Show the reason and let the user decide.
    Warn,
    /// Refuse to submit.
    Block,
}

vocabulary!(Action, "action", { Allow => "allow", Warn => "warn", Block => "block" });

/// The disguises that were undone to find a match.
///
/// ```
/// let filter = saring::Filter::new();
/// let verdict = filter.check("dasar 4nj1ng lu");
/// let names: Vec<&str> = verdict.matches[0].evasions.names().collect();
/// assert_eq!(names, ["leetspeak"]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Evasions(u16);

impl Evasions {
    /// An alternative spelling listed in the lexicon (`kntl`, `anjenk`) — not a normalizer flag.
    pub(crate) const INFORMAL_SPELLING: u16 = 1 << 14;

    pub(crate) fn from_bits(bits: u16) -> Evasions {
        Evasions(bits & (Self::all_bits()))
    }

    fn all_bits() -> u16 {
        evasion::ALL
            .iter()
            .fold(Self::INFORMAL_SPELLING, |acc, (bit, _)| acc | bit)
    }

    /// True when nothing was undone.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the disguises, in a fixed order: `diacritics`, `styled-letters`,
    /// `homoglyphs`, `leetspeak`, `invisible-characters`, `separators`, `repetition`,
    /// `masking`, `reduplication`, `informal-spelling`.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        evasion::ALL
            .iter()
            .copied()
            .chain(std::iter::once((
                Self::INFORMAL_SPELLING,
                "informal-spelling",
            )))
            .filter(move |(bit, _)| self.0 & bit != 0)
            .map(|(_, name)| name)
    }
}
