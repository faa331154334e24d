//! # saring
//!
//! *saring* (Indonesian: "to sieve") screens captions and comments for abuse **as people
//! type**, in Indonesian, English, Javanese, Sundanese and Malay (one data folder each under
//! `lang/`), and sees through the disguises people use to slip past
//! filters: `4nj1ng`, `ｋｏｎｔｏｌ`, `a n j i n g`, `f*ck`, Cyrillic look-alikes, `anjiiiing`,
//! informal spellings such as `kntl` and `bgst`. The same core runs natively (library and CLI,
//! for the server-side re-check) and as WebAssembly in the browser.
//!
//! Text flows one way: **normalize** (undo disguises, keep a map to the original) → **scan**
//! (one Aho-Corasick automaton over the lexicon) → **judge** (word boundaries, innocent words,
//! literal versus insulting sense) → **constructions** (who is talked about and what is said
//! or threatened about them: `orang X itu tikus`, `usir semua X`, `kill all X`) → **policy**
//! (category × severity → action for a profile).
//!
//! ```
//! use saring::{Action, Category, Filter, Profile};
//!
//! let filter = Filter::builder().profile(Profile::Teen).build()?;
//! let verdict = filter.check("dasar anjing lu");
//! assert_eq!(verdict.action, Action::Block);
//! let m = &verdict.matches[0];
//! assert_eq!((m.span.clone(), m.category, m.term.as_str()), (6..12, Category::Insult, "anjing"));
//!
//! // The literal sense passes: "my dog is cute".
//! assert_eq!(filter.check("anjing saya lucu").action, Action::Allow);
//! // Innocent words that contain a term pass.
//! assert_eq!(filter.check("main ke pantai, santai saja").action, Action::Allow);
//! # Ok::<(), saring::BuildError>(())
//! ```
//!
//! A filter in the browser can be bypassed by a determined user: re-check on the server with
//! this crate (or the `saring` command line) and the same lexicon.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod constructions;
mod detect;
mod error;
mod filter;
mod judge;
mod lexicon;
mod normalize;
mod policy;
mod scan;
mod vocab;

/// The normalizer's internals, for this repository's own property tests, hostile-input tests
/// and fuzz targets, which check its output byte by byte. Not part of the API: anything here
/// may change in any release.
///
/// Why a hidden module rather than a cargo feature: a feature enabled for the tests is unified
/// into every build of the workspace (the binding and the command line would see it too), and a
/// test that needs a feature is skipped without a word when the feature is off. A hidden module
/// is always compiled, so those tests always run.
#[doc(hidden)]
pub mod __private {
    pub use crate::normalize::{evasion, normalize, normalize_into, Folded, Origin, IN_HASHTAG};
}

pub use error::{BuildError, UnknownValue};
pub use filter::{Filter, FilterBuilder, Match, Verdict};
pub use lexicon::{word_list, Language, MatchMode, Term};
pub use normalize::UNICODE_VERSION;
pub use vocab::{Action, Category, Evasion, Evasions, Profile, Severity};
