//! Stage 4 of the pipeline: constructions read clause-level patterns over the whole text,
//! beyond single words. Each hit names the construction that fired (`Match::rule`).
//!
//! - `promotion`: online-gambling (judol) promotion — a brand-like name, the trade's
//!   vocabulary, testimonial wording and calls to action, read together
//!   (`docs/promotion.md`, data in `lang/<code>/promotion.tsv`).

mod promotion;

pub(crate) use promotion::{Found, Promotion};

/// The rule name on a promotion hit.
pub(crate) const PROMOTION: &str = "promotion";
