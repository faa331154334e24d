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

impl Profile {
    /// What this profile does with a match of this category and severity (the table in
    /// `docs/api.md`).
    ///
    /// ```
    /// use saring::{Action, Category, Profile, Severity};
    /// assert_eq!(Profile::Teen.action(Category::Insult, Severity::Mild), Action::Warn);
    /// assert_eq!(Profile::Teen.action(Category::Insult, Severity::Strong), Action::Block);
    /// assert_eq!(Profile::Adult.action(Category::Profanity, Severity::Mild), Action::Allow);
    /// assert_eq!(Profile::Child.action(Category::Link, Severity::Mild), Action::Warn);
    /// ```
    pub fn action(self, category: Category, severity: Severity) -> Action {
        crate::policy::action(self, category, severity)
    }
}

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

/// A language whose lexicon the filter loads.
///
/// ```
/// assert_eq!("id".parse::<saring::Language>().unwrap(), saring::Language::Indonesian);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// `id`: Indonesian, with informal (alay) spelling and regional swearing.
    Indonesian,
    /// `en`: English.
    English,
}

vocabulary!(Language, "language", { Indonesian => "id", English => "en" });

/// One disguise the normalizer undid (or an informal spelling the lexicon lists).
///
/// ```
/// use saring::Evasion;
/// assert_eq!("leetspeak".parse::<Evasion>().unwrap(), Evasion::Leetspeak);
/// assert_eq!(Evasion::InvisibleCharacters.to_string(), "invisible-characters");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Evasion {
    /// Accents and combining marks: `ánjíng`.
    Diacritics,
    /// Fullwidth, mathematical, circled letters and digits: `ｋｏｎｔｏｌ`, `𝐛𝐚𝐧𝐠𝐬𝐚𝐭`.
    StyledLetters,
    /// Look-alikes from other scripts: Cyrillic `а` for Latin `a`.
    Homoglyphs,
    /// Digits and symbols read as letters: `4nj1ng`, `b@ngs4t`.
    Leetspeak,
    /// Zero-width characters, soft hyphens, bidi controls, variation selectors.
    InvisibleCharacters,
    /// Letters split by separators: `a n j i n g`, `k.o.n.t.o.l`.
    Separators,
    /// A letter stretched 3 or more times: `anjiiing`.
    Repetition,
    /// Letters masked by symbols: `f*ck`.
    Masking,
    /// Indonesian `2` reduplication: `anjing2`.
    Reduplication,
    /// An alternative spelling listed in the lexicon: `kntl`, `anjenk`.
    InformalSpelling,
}

vocabulary!(Evasion, "evasion", {
    Diacritics => "diacritics",
    StyledLetters => "styled-letters",
    Homoglyphs => "homoglyphs",
    Leetspeak => "leetspeak",
    InvisibleCharacters => "invisible-characters",
    Separators => "separators",
    Repetition => "repetition",
    Masking => "masking",
    Reduplication => "reduplication",
    InformalSpelling => "informal-spelling",
});

impl Evasion {
    /// This evasion's bit in [`Evasions`]: the normalizer's flag, or its own bit for
    /// `informal-spelling`, which is not a normalizer flag.
    fn bit(self) -> u16 {
        match self {
            Evasion::Diacritics => evasion::DIACRITICS,
            Evasion::StyledLetters => evasion::STYLED,
            Evasion::Homoglyphs => evasion::HOMOGLYPHS,
            Evasion::Leetspeak => evasion::LEETSPEAK,
            Evasion::InvisibleCharacters => evasion::INVISIBLE,
            Evasion::Separators => evasion::SEPARATORS,
            Evasion::Repetition => evasion::REPETITION,
            Evasion::Masking => evasion::MASKING,
            Evasion::Reduplication => evasion::REDUPLICATION,
            Evasion::InformalSpelling => Evasions::INFORMAL_SPELLING,
        }
    }
}

/// The disguises that were undone to find a match: a set of [`Evasion`]s.
///
/// ```
/// use saring::Evasion;
/// let filter = saring::Filter::new();
/// let verdict = filter.check("dasar 4nj1ng lu");
/// let evasions = verdict.matches[0].evasions;
/// assert!(evasions.contains(Evasion::Leetspeak));
/// assert!(!evasions.contains(Evasion::Masking));
/// assert_eq!(evasions.iter().collect::<Vec<_>>(), [Evasion::Leetspeak]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Evasions(u16);

impl Evasions {
    /// An alternative spelling listed in the lexicon (`kntl`, `anjenk`) — not a normalizer flag.
    pub(crate) const INFORMAL_SPELLING: u16 = 1 << 14;

    /// Keeps the bits that are evasions (drops `IN_HASHTAG` and any other per-byte flag).
    pub(crate) fn from_bits(bits: u16) -> Evasions {
        let known = Evasion::ALL.iter().fold(0, |acc, e| acc | e.bit());
        Evasions(bits & known)
    }

    /// True when nothing was undone.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether this disguise was undone.
    pub fn contains(self, evasion: Evasion) -> bool {
        self.0 & evasion.bit() != 0
    }

    /// The disguises, in the order of [`Evasion::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Evasion> {
        Evasion::ALL
            .iter()
            .copied()
            .filter(move |e| self.contains(*e))
    }

    /// Their names, in the same order: `diacritics`, `styled-letters`, `homoglyphs`,
    /// `leetspeak`, `invisible-characters`, `separators`, `repetition`, `masking`,
    /// `reduplication`, `informal-spelling`.
    ///
    /// ```
    /// let verdict = saring::Filter::new().check("dasar 4nj1ng lu");
    /// assert_eq!(verdict.matches[0].evasions.names().collect::<Vec<_>>(), ["leetspeak"]);
    /// ```
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        self.iter().map(Evasion::as_str)
    }
}

impl FromIterator<Evasion> for Evasions {
    /// ```
    /// use saring::{Evasion, Evasions};
    /// let set: Evasions = [Evasion::Masking, Evasion::Leetspeak].into_iter().collect();
    /// assert_eq!(set.names().collect::<Vec<_>>(), ["leetspeak", "masking"]);
    /// ```
    fn from_iter<I: IntoIterator<Item = Evasion>>(iter: I) -> Self {
        Evasions(iter.into_iter().fold(0, |acc, e| acc | e.bit()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every flag the normalizer reports has an `Evasion` of the same name and bit, and no two
    /// evasions share a bit: a flag added to the normalizer without a public name fails here.
    #[test]
    fn every_normalizer_flag_is_a_public_evasion() {
        for &(bit, name) in evasion::ALL {
            let public: Evasion = name.parse().unwrap();
            assert_eq!(public.bit(), bit, "{name}");
        }
        let all = Evasion::ALL.iter().fold(0u16, |acc, e| {
            assert_eq!(acc & e.bit(), 0, "{e} shares a bit");
            acc | e.bit()
        });
        assert_eq!(all.count_ones() as usize, Evasion::ALL.len());
        assert_eq!(Evasion::ALL.len(), evasion::ALL.len() + 1);
    }
}
