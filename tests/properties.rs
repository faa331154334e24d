//! Properties of the filter on generated text, checked with proptest (a bounded number of cases
//! from a fixed seed, so the file runs in seconds and the same way every time;
//! `PROPTEST_CASES=5000 PROPTEST_RNG_SEED=<n>` for a deeper or different run): the output invariants
//! in `fuzz/invariants.rs` hold on any text, and disguising a text further (zero-width
//! characters, case) or adding clean text after it never loses a hit, and censoring twice equals
//! censoring once (with the texts that once broke it in [`CENSOR_ONCE_BROKE`]).
//!
//! The text generator is biased toward what the normalizer has to undo: lexicon words and their
//! contexts, letters, leet digits and symbols, separators, combining marks, homoglyphs and
//! invisible characters, with arbitrary Unicode mixed in.

use std::ops::Range;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::select;
use saring::__private::normalize;
use saring::{Action, Category, Filter, Match, Profile, Verdict};

#[path = "../fuzz/invariants.rs"]
mod invariants;

/// Cases per property: enough to find the usual slips, few enough for a debug build.
const CASES: u32 = 192;

/// The same cases on every run, so the suite is deterministic; `PROPTEST_RNG_SEED=<n>` explores
/// others (and `PROPTEST_CASES` more of them).
fn seed() -> u64 {
    std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5A71_4E67)
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES)
}

/// Words of the lexicon and of its contexts, plus innocent look-alikes and detector bait.
const WORDS: &[&str] = &[
    "anjing",
    "dasar",
    "lu",
    "kontol",
    "bangsat",
    "babi",
    "monyet",
    "setan",
    "fuck",
    "shit",
    "bitch",
    "ass",
    "tai",
    "kill",
    "you",
    "goblok",
    "ngentot",
    "pantai",
    "masuk",
    "assassin",
    "Scunthorpe",
    "selamat",
    "pagi",
    "the",
    "judol",
    "slot",
    "cum",
    "laude",
    "2024",
    "08123456789",
    "budi@mail.com",
    "https://example.com",
    "#DasarBangsat",
    "@budi",
    "jl. merdeka no. 5",
];

/// Texts the filter must flag, used as seeds inside generated text.
const HITS: &[&str] = &[
    "dasar anjing lu",
    "kontol",
    "bangsat",
    "fuck you",
    "dasar 4nj1ng",
    "k.o.n.t.o.l",
    "ｋｏｎｔｏｌ",
    "sh1t",
    "f*ck",
    "anjiiing lu",
    "Anjing!",
    "a n j i n g lu",
    "b@ngs4t",
];

const LEET: &[&str] = &[
    "4", "1", "0", "3", "5", "7", "2", "@", "$", "!", "|", "+", "*", "#", "•", "€",
];
const SEPARATORS: &[&str] = &[
    " ", ".", "-", "_", ",", "/", "~", "\n", "\t", "  ", ". ", "!",
];
const MARKS: &[&str] = &[
    "\u{301}", "\u{308}", "\u{334}", "\u{35C}", "\u{20DD}", "\u{E48}",
];
const HOMOGLYPHS: &[&str] = &[
    "а", "о", "е", "і", "ј", "к", "Κ", "Α", "ｋ", "𝐛", "ⓐ", "ß", "ﬁ", "ǅ", "²", "İ",
];
const INVISIBLE: &[&str] = &[
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{AD}",
    "\u{202E}",
    "\u{2066}",
    "\u{FEFF}",
    "\u{FE0F}",
    "\u{E0041}",
    "\u{3164}",
];

/// Clean sentences: appended after a newline they must change nothing already found.
const CLEAN: &[&str] = &[
    "selamat pagi semua",
    "have a nice day",
    "terima kasih banyak",
    "sampai jumpa besok",
    "the weather is lovely",
    "makan siang di rumah",
];

fn piece() -> impl Strategy<Value = String> {
    let letter = (0u8..52)
        .prop_map(|i| char::from(if i < 26 { b'a' + i } else { b'A' + i - 26 }).to_string());
    prop_oneof![
        4 => select(WORDS).prop_map(str::to_owned),
        2 => select(HITS).prop_map(str::to_owned),
        4 => letter,
        2 => select(LEET).prop_map(str::to_owned),
        3 => select(SEPARATORS).prop_map(str::to_owned),
        1 => select(MARKS).prop_map(str::to_owned),
        2 => select(HOMOGLYPHS).prop_map(str::to_owned),
        2 => select(INVISIBLE).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|pieces| pieces.concat())
}

fn profile() -> impl Strategy<Value = Profile> {
    select(&[Profile::Child, Profile::Teen, Profile::Adult][..])
}

fn filter(profile: Profile) -> &'static Filter {
    static FILTERS: OnceLock<[Filter; 3]> = OnceLock::new();
    let filters = FILTERS.get_or_init(|| {
        [Profile::Child, Profile::Teen, Profile::Adult]
            .map(|p| Filter::builder().profile(p).build().unwrap())
    });
    match profile {
        Profile::Child => &filters[0],
        Profile::Teen => &filters[1],
        Profile::Adult => &filters[2],
    }
}

/// A lexicon match, not one of the detectors' (phone, e-mail, address, link), which read the
/// original text and are not built to see through disguises.
fn is_lexicon(m: &Match) -> bool {
    // Constructions (`rule: promotion`) read the whole comment: more text may rightly change
    // their reading, so only plain lexicon hits are held to these properties.
    m.rule.is_none() && !matches!(m.category, Category::Link | Category::PersonalInfo)
}

/// Every lexicon match of `before` (its span moved by `map`) is still covered in `after` by a
/// match at least as strong, and the verdict's action is at least the strongest of them.
/// Returns a description of the first lost hit.
fn lost_hit(before: &Verdict, after: &Verdict, map: impl Fn(usize) -> usize) -> Option<String> {
    // The lexicon's strongest action before, against the verdict after: a detector match may
    // replace an equally strong lexicon match it overlaps (`bitchbudi@mail.co<U+200B>m`).
    let lexicon = before.matches.iter().filter(|m| is_lexicon(m));
    let strongest = lexicon.map(|m| m.action).max().unwrap_or(Action::Allow);
    if after.action < strongest {
        return Some(format!("action {strongest} -> {}", after.action));
    }
    for m in before.matches.iter().filter(|m| is_lexicon(m)) {
        let moved: Range<usize> = map(m.span.start)..map(m.span.end - 1) + 1;
        let covered = after
            .matches
            .iter()
            .any(|n| n.span.start < moved.end && moved.start < n.span.end && n.action >= m.action);
        if !covered {
            return Some(format!("{} at {:?} ({:?})", m.term, m.span, m.action));
        }
    }
    None
}

/// The char boundaries of `text` picked by `picks` (indices taken modulo the count), sorted.
fn boundaries(text: &str, picks: &[usize]) -> Vec<usize> {
    let all: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut chosen: Vec<usize> = picks.iter().map(|p| all[p % all.len()]).collect();
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed()),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Spans in bounds, on char boundaries, sorted, disjoint; actions from the policy; the
    /// verdict's action the strongest; censor keeps the UTF-16 length and masks only spans.
    #[test]
    fn verdict_and_censor_invariants(text in text(), profile in profile()) {
        invariants::check_all(filter(profile), &text);
    }

    /// Any Unicode at all, not just the biased alphabet.
    #[test]
    fn invariants_on_any_unicode(text in any::<String>(), profile in profile()) {
        invariants::check_all(filter(profile), &text);
        invariants::check_folded(&text, &normalize(&text));
    }

    /// One origin per folded byte, each a non-empty in-bounds char-boundary range, never going
    /// back.
    #[test]
    fn normalizer_origins(text in text()) {
        invariants::check_folded(&text, &normalize(&text));
    }

    /// Censoring the censored text changes nothing.
    #[test]
    fn censor_is_idempotent(text in text(), profile in profile()) {
        let once = filter(profile).censor(&text);
        prop_assert_eq!(filter(profile).censor(&once), once, "{:?}", text);
    }

    /// Zero-width characters inserted anywhere never lose a hit.
    #[test]
    fn zero_width_keeps_hits(
        text in text(),
        picks in prop::collection::vec(any::<usize>(), 1..6),
        invisible in select(INVISIBLE),
        profile in profile(),
    ) {
        let at = boundaries(&text, &picks);
        let mut disguised = String::with_capacity(text.len() + at.len() * 4);
        let mut done = 0;
        for &i in &at {
            disguised.push_str(&text[done..i]);
            disguised.push_str(invisible);
            done = i;
        }
        disguised.push_str(&text[done..]);
        let filter = filter(profile);
        let (before, after) = (filter.check(&text), filter.check(&disguised));
        let map = |byte: usize| byte + invisible.len() * at.iter().filter(|&&i| i <= byte).count();
        let lost = lost_hit(&before, &after, map);
        prop_assert!(lost.is_none(), "{:?} -> {:?}: lost {}", text, disguised, lost.unwrap());
    }

    /// Changing the case of ASCII letters never loses a hit (offsets stay the same).
    #[test]
    fn case_keeps_hits(
        text in text(),
        flips in prop::collection::vec(any::<bool>(), 64),
        profile in profile(),
    ) {
        let changed: String = text
            .chars()
            .enumerate()
            .map(|(i, c)| match flips[i % flips.len()] {
                true if c.is_ascii_lowercase() => c.to_ascii_uppercase(),
                true => c.to_ascii_lowercase(),
                false => c,
            })
            .collect();
        let filter = filter(profile);
        let (before, after) = (filter.check(&text), filter.check(&changed));
        let lost = lost_hit(&before, &after, |b| b);
        prop_assert!(lost.is_none(), "{:?} -> {:?}: lost {}", text, changed, lost.unwrap());
    }

    /// Clean text appended on a new line never loses a hit.
    #[test]
    fn appended_clean_text_keeps_hits(
        text in text(),
        clean in select(CLEAN),
        profile in profile(),
    ) {
        let longer = format!("{text}\n{clean}");
        let filter = filter(profile);
        let (before, after) = (filter.check(&text), filter.check(&longer));
        let lost = lost_hit(&before, &after, |b| b);
        prop_assert!(lost.is_none(), "{:?} -> {:?}: lost {}", text, longer, lost.unwrap());
    }
}

/// `(why, text)`: texts whose censored form once censored further, found by
/// `censor_is_idempotent`. Masked characters fold to nothing at a word's edge, so what a censor
/// masks vanishes from the next check: a fragment it cut off stands alone, and words it
/// separated become neighbours. `censor` now re-checks what it masked.
const CENSOR_ONCE_BROKE: &[(&str, &str)] = &[
    ("a cut-off fragment stands alone", "b@ngs4tass"),
    ("dual-use words become a row", "babi k.o.n.t.o.l anjing"),
    (
        "an address fragment reads as a word",
        "jl. merdeka no. 5kontol",
    ),
    // `fucc` (a listed spelling) matches, so the `k` stays: `fuuuu*******k`, read as `fu**…*k`.
    (
        "letters left beside a mask read as a masked word",
        "fuuuufuuuucck",
    ),
];

#[test]
fn censor_twice_equals_once() {
    let filter = filter(Profile::Child);
    let failures: Vec<String> = CENSOR_ONCE_BROKE
        .iter()
        .filter_map(|(why, text)| {
            let once = filter.censor(text);
            let twice = filter.censor(&once);
            (twice != once).then(|| format!("{why}: {text:?} -> {once:?} -> {twice:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `(bug, text, disguised text)`: disguises that once lost a hit, found by the properties
/// above. Each pair must give the same terms.
const FOUND: &[(&str, &str, &str)] = &[
    (
        "zero-width in the gap of split letters",
        "k.o.n.t.o.l",
        "k\u{200B}.o.n.t.o.l",
    ),
    (
        "zero-width before a shouted dual-use word",
        "Anjing!",
        "\u{200B}Anjing!",
    ),
    (
        "zero-width between a dual-use word and its !",
        "Anjing!",
        "Anjing\u{200B}!",
    ),
    (
        "zero-width between # and the hashtag",
        "#DasarGoblok",
        "#\u{200B}DasarGoblok",
    ),
    (
        "bidi control and zero-width around the !",
        "Anjing !",
        "\u{202E}Anjing \u{200B}!",
    ),
    (
        "zero-width after the @ of a handle: a term in the name hit",
        "lihat @ItsFoodPorn dasar bangsat",
        "lihat @\u{200B}ItsFoodPorn dasar bangsat",
    ),
    (
        "zero-width after the @ of a handle: the dual-use word after it lost its reading",
        "abangsatngentotaaaaa\u{301}aaaa @budi\u{301}fuckaa babi",
        "abangsatngentotaaaaa\u{301}aaaa @\u{200B}budi\u{301}fuckaa babi",
    ),
    (
        "zero-width after the dot of an e-mail-like chunk: its @ read as a letter",
        "aa   ass@budihttps://example.comaaaaa",
        "aa   ass@budihttps://example.\u{200B}comaaaaa",
    ),
    (
        "zero-width after the dot of an e-mail-like chunk, leetspeak around it",
        "2024ab@ngs4tsh1tkontolhttps://example.comakontolaaanjing",
        "2024ab@ngs4tsh1tkontolhttps://example.\u{200B}comakontolaaanjing",
    ),
];

/// The cases whose text has no hit, or whose disguised text gives other terms, under `profile`.
fn lost_hits(profile: Profile, cases: &[(&str, &str, &str)]) -> Vec<String> {
    let filter = filter(profile);
    let terms = |text: &str| -> Vec<String> {
        let verdict = filter.check(text);
        verdict.matches.into_iter().map(|m| m.term).collect()
    };
    cases
        .iter()
        .filter(|(_, text, disguised)| terms(text).is_empty() || terms(text) != terms(disguised))
        .map(|(what, text, disguised)| {
            format!(
                "{what}: {text:?} {:?} vs {disguised:?} {:?}",
                terms(text),
                terms(disguised)
            )
        })
        .collect()
}

#[test]
fn found_disguises_keep_their_hits() {
    let failures = lost_hits(Profile::Teen, FOUND);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `(what, text, disguised text)`: the detectors (phone, e-mail, links) once stopped at the
/// first invisible character, so one zero-width space hid a phone number from the `child`
/// profile. Found by `zero_width_keeps_hits`; they now read the text without invisibles.
const DETECTOR_EVASIONS: &[(&str, &str, &str)] = &[
    ("phone number", "08123456789", "0812\u{200B}3456789"),
    ("e-mail address", "budi@mail.com", "budi\u{200B}@mail.com"),
    ("domain", "example.com", "example\u{200B}.com"),
];

#[test]
fn detectors_see_through_invisibles() {
    let failures = lost_hits(Profile::Child, DETECTOR_EVASIONS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The generator really produces hits: properties about keeping hits would pass vacuously
/// otherwise.
#[test]
fn seeds_are_hits() {
    let filter = filter(Profile::Teen);
    let missed: Vec<&str> = HITS
        .iter()
        .copied()
        .filter(|t| filter.check(t).action == Action::Allow)
        .collect();
    assert!(missed.is_empty(), "seed texts not flagged: {missed:?}");
}
