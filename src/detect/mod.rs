//! Detectors that run beside the lexicon, on the **original** text: phone numbers, e-mail
//! addresses, street addresses, URLs and bare domains.
//!
//! Everything here is a hand-written scanner over bytes (no `regex`, to keep the WebAssembly
//! small). Every scanner moves forward through the text and looks ahead or back by a bounded
//! number of bytes only, so the whole pass is linear in the input, whatever the input is
//! (`a@a@a@…`, `0.0.0.0…`, `http://http://…`, a 10 MB line). Nothing is allocated per character.
//!
//!
//! One module per detector ([`phone`], [`email`], [`address`], [`url`], [`domain`]), each with
//! its rules; [`shared`] holds the one pass over the text that finds where each detector can
//! match, the window loop every detector runs, and the byte helpers they share.
//!
//! **Overlaps** are resolved by priority, URL > e-mail > phone > street address > domain: an
//! e-mail contains its domain, a URL may contain a phone-like number, and only the outer,
//! higher-priority detection is reported.

mod address;
mod domain;
mod email;
mod phone;
mod shared;
#[cfg(test)]
mod tests;
mod url;

use core::ops::Range;

use shared::Seen;

/// What a detector found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    /// Byte range in the input, on char boundaries (`&text[span]` is the original text).
    pub span: Range<usize>,
    /// Which detector found it.
    pub kind: Kind,
}

/// The kinds of things the detectors look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// A phone number (Indonesian mobile or landline, international, North American).
    PhoneNumber,
    /// An e-mail address, possibly lightly disguised (`nama [at] gmail [dot] com`).
    Email,
    /// A street address (`Jl. Melati No. 5`, `RT 03/RW 05`, `42 Baker St`).
    StreetAddress,
    /// A URL with a scheme or a `www.` prefix.
    Url,
    /// A bare domain (`situs.com`, `bit.ly/abc`) or a spelled-out one (`situs dot com`).
    Domain,
}

impl Kind {
    /// Canonical term string reported to users: `"phone-number"`, `"e-mail"`,
    /// `"street-address"`, `"url"`, `"domain"`.
    pub fn term(self) -> &'static str {
        match self {
            Kind::PhoneNumber => "phone-number",
            Kind::Email => "e-mail",
            Kind::StreetAddress => "street-address",
            Kind::Url => "url",
            Kind::Domain => "domain",
        }
    }

    /// `true` for `PhoneNumber`, `Email`, `StreetAddress` (category `personal-info`); `false`
    /// for `Url`, `Domain` (category `link`).
    pub fn is_personal_info(self) -> bool {
        matches!(self, Kind::PhoneNumber | Kind::Email | Kind::StreetAddress)
    }
}

/// Appends every detection in `text` to `out`, sorted by start, non-overlapping.
///
/// Runs on the original (not normalized) text; spans are byte offsets into `text`.
pub fn detect_into(text: &str, out: &mut Vec<Detection>) {
    let b = text.as_bytes();
    let seen = Seen::of(b);
    // Detections are accepted scanner by scanner in priority order; each scanner pushes its
    // candidates in ascending order of start, and `keep` drops those that overlap anything
    // accepted before. A scanner runs only when its trigger occurs in the text, and only from
    // where the first one can start a match to where the last one can.
    let base = out.len();
    let mut cands = Vec::new();
    if seen.url.any() {
        url::scan_urls(text, &seen.url, &mut cands);
        keep(out, base, &mut cands);
    }
    if seen.separator.any() && seen.at.any() {
        email::scan_emails(text, &seen.at, &mut cands);
        keep(out, base, &mut cands);
    }
    // A phone number has at least 8 digits.
    if seen.digits >= 8 {
        phone::scan_phones(text, &seen.anchor, &mut cands);
        keep(out, base, &mut cands);
    }
    // Every address has a number after its start, except `Komplek … Blok C`.
    if seen.anchor.any() {
        address::scan_addresses(text, &seen.anchor, &mut cands);
        keep(out, base, &mut cands);
    }
    if seen.separator.any() {
        domain::scan_domains(text, &seen.separator, &mut cands);
        keep(out, base, &mut cands);
    }
}

/// Moves the candidates of one scanner (ascending starts, non-empty spans) into `out[base..]`
/// (sorted, disjoint), dropping every candidate that overlaps one accepted before it.
fn keep(out: &mut Vec<Detection>, base: usize, cands: &mut Vec<Detection>) {
    if cands.is_empty() {
        return;
    }
    if out.len() == base {
        // Only earlier candidates of the same scanner can overlap (e-mails can).
        for d in cands.drain(..) {
            if out.len() == base || out[out.len() - 1].span.end <= d.span.start {
                out.push(d);
            }
        }
        return;
    }
    let mut merged = Vec::with_capacity(out.len() - base + cands.len());
    // `p`: the first kept detection that ends after the candidate's start.
    let mut p = base;
    let mut last_end = 0;
    for d in cands.drain(..) {
        while p < out.len() && out[p].span.end <= d.span.start {
            merged.push(out[p].clone());
            p += 1;
        }
        let hits_kept = p < out.len() && out[p].span.start < d.span.end;
        if hits_kept || last_end > d.span.start {
            continue;
        }
        last_end = d.span.end;
        merged.push(d);
    }
    merged.extend(out.drain(p..));
    out.truncate(base);
    out.append(&mut merged);
}

// What the first pass over the text looks for: a trigger that each scanner needs before it can
// find anything, and where the triggers are, so each scanner runs only over the stretch of
// text that can hold what it looks for.
