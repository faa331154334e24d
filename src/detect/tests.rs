//! The detectors' cases: one table per detector, and the rules they share.

use super::*;
use Kind::{Domain as D, Email as E, PhoneNumber as P, StreetAddress as A, Url as U};

/// (name, input, expected detections as (exact span text, kind), in order).
type Case = (&'static str, &'static str, &'static [(&'static str, Kind)]);

#[rustfmt::skip]
const PHONES: &[Case] = &[
    ("id mobile dashes", "WA aku di 0812-3456-7890 ya", &[("0812-3456-7890", P)]),
    ("id mobile plain", "hubungi 081234567890", &[("081234567890", P)]),
    ("id mobile 10 digits", "0812345678", &[("0812345678", P)]),
    ("id mobile 13 digits", "0812345678901", &[("0812345678901", P)]),
    ("id mobile spaces", "nomorku 0812 3456 7890.", &[("0812 3456 7890", P)]),
    ("id mobile dots", "0812.3456.7890", &[("0812.3456.7890", P)]),
    ("plus 62", "call +62 812-3456-7890 now", &[("+62 812-3456-7890", P)]),
    ("62 without plus", "62 812 3456 7890", &[("62 812 3456 7890", P)]),
    ("plus 62 glued", "+6281234567890", &[("+6281234567890", P)]),
    ("paren plus 62", "(+62) 812-3456-7890", &[("(+62) 812-3456-7890", P)]),
    ("every digit spaced", "0 8 1 2 3 4 5 6 7 8 9", &[("0 8 1 2 3 4 5 6 7 8 9", P)]),
    ("every digit dashed", "0-8-1-2-3-4-5-6-7-8-9", &[("0-8-1-2-3-4-5-6-7-8-9", P)]),
    ("international uk", "ring +44 20 7946 0958", &[("+44 20 7946 0958", P)]),
    ("us parens", "call (555) 123-4567 today", &[("(555) 123-4567", P)]),
    ("us dashes", "555-123-4567", &[("555-123-4567", P)]),
    ("us with 1", "1-800-555-1234", &[("1-800-555-1234", P)]),
    ("jakarta landline", "kantor (021) 555-1234", &[("(021) 555-1234", P)]),
    ("yogya landline", "telp 0274 123456", &[("0274 123456", P)]),
    ("trailing year not eaten", "08123456789 2024", &[("08123456789", P)]),
    ("after colon", "WA:081234567890", &[("081234567890", P)]),
    ("two phones", "0812-1111-2222 / 0813-3333-4444", &[("0812-1111-2222", P), ("0813-3333-4444", P)]),
    ("emoji around", "📞0812-3456-7890🙏", &[("0812-3456-7890", P)]),
    ("multibyte before", "nomér saya ✨ 0812 3456 7890 ✨", &[("0812 3456 7890", P)]),
    // Not phone numbers.
    ("year", "tahun 2024 ini", &[]),
    ("price rp", "harganya Rp50.000 saja", &[]),
    ("price rp spaced", "Rp 1.500.000", &[]),
    ("price rp big", "Rp 1.500.000.000", &[]),
    ("price dollar", "$1,299.99", &[]),
    ("date slash", "28/11/2026", &[]),
    ("date iso", "2026-11-28", &[]),
    ("date dashed dmy", "28-11-2026", &[]),
    ("time", "jam 19:30", &[]),
    ("short number", "123 456", &[]),
    ("version", "versi 1.2.3", &[]),
    ("ip", "server 192.168.100.200", &[]),
    ("long id", "order 1234567890123", &[]),
    ("too long 08", "08123456789012345678", &[]),
    ("glued to letters", "ID08123456789", &[]),
    ("counting", "1 2 3 4 5 6 7 8 9 10", &[]),
    ("decimal", "3.14159265358979", &[]),
    ("time with dot", "jam 10.30 ya", &[]),
    ("price rp dot", "Rp.50.000", &[]),
    ("nik 16 digits", "NIK 3201234567890123", &[]),
    ("price in thousands", "1.000.000 rupiah", &[]),
];

#[rustfmt::skip]
const EMAILS: &[Case] = &[
    ("plain", "email nama@gmail.com ya", &[("nama@gmail.com", E)]),
    ("dots plus subdomain", "a.b+c@sub.domain.co.id", &[("a.b+c@sub.domain.co.id", E)]),
    ("sentence end", "kirim ke budi@yahoo.co.id.", &[("budi@yahoo.co.id", E)]),
    ("bracket at dot", "nama [at] gmail [dot] com", &[("nama [at] gmail [dot] com", E)]),
    ("paren at", "nama(at)gmail.com", &[("nama(at)gmail.com", E)]),
    ("word at dot", "nama at gmail dot com", &[("nama at gmail dot com", E)]),
    ("paren at paren dot", "budi (at) yahoo (dot) co (dot) id", &[("budi (at) yahoo (dot) co (dot) id", E)]),
    ("emoji around", "📧nama@gmail.com😀", &[("nama@gmail.com", E)]),
    ("multibyte around", "surel: café_nama@mail.com ✓", &[("café_nama@mail.com", E)]),
    // Not e-mail addresses.
    ("handle", "halo @USER apa kabar", &[]),
    ("no dotted domain", "a@b", &[]),
    ("unknown tld", "nama@server.local", &[]),
    ("word at ordinary", "look at home dot com", &[("home dot com", D)]),
    ("look at domain", "look at situs.com", &[("situs.com", D)]),
    ("at sign alone", "ketemu @ 7 malam", &[]),
];

#[rustfmt::skip]
const ADDRESSES: &[Case] = &[
    ("jl no", "rumahku di Jl. Melati No. 5, Bandung", &[("Jl. Melati No. 5", A)]),
    ("jalan lowercase no", "jalan sudirman no 12", &[("jalan sudirman no 12", A)]),
    ("jln gg no", "Jln Kebon Jeruk Gg. 3 No. 10", &[("Jln Kebon Jeruk Gg. 3 No. 10", A)]),
    ("gang bare number", "Gang Mawar 4", &[("Gang Mawar 4", A)]),
    ("jl glued dot", "Jl.Melati No.5", &[("Jl.Melati No.5", A)]),
    ("jl bare number", "kirim ke Jl. Melati 5 ya", &[("Jl. Melati 5", A)]),
    ("hash marker", "jalan mawar #12", &[("jalan mawar #12", A)]),
    ("jend abbreviation", "Jl. Jend. Sudirman Kav. 52-53", &[("Jl. Jend. Sudirman Kav. 52-53", A)]),
    ("jalan comma no", "Jalan Sudirman, no 12A", &[("Jalan Sudirman, no 12A", A)]),
    ("jl with rt rw", "Jl. Mawar No. 7 RT 03/RW 05", &[("Jl. Mawar No. 7 RT 03/RW 05", A)]),
    ("komplek blok no", "Komplek Griya Asri Blok C2 No 7", &[("Komplek Griya Asri Blok C2 No 7", A)]),
    ("blok without a digit", "Perum Bumi Indah Blok C", &[("Perum Bumi Indah Blok C", A)]),
    ("perum blok", "tinggal di Perum Bumi Indah 2 Blok A-3", &[("Perum Bumi Indah 2 Blok A-3", A)]),
    ("blok no alone", "Blok C2 No 7", &[("Blok C2 No 7", A)]),
    ("rt rw", "RT 03/RW 05 Kelurahan Cempaka", &[("RT 03/RW 05", A)]),
    ("rt rw glued", "rt03/rw05", &[("rt03/rw05", A)]),
    ("rt rw dots", "RT.3 RW.5", &[("RT.3 RW.5", A)]),
    ("english street", "I live at 123 Main Street now", &[("123 Main Street", A)]),
    ("english st", "42 Baker St.", &[("42 Baker St", A)]),
    ("english two words", "1600 Pennsylvania Avenue", &[("1600 Pennsylvania Avenue", A)]),
    ("emoji around", "🏠Jl. Melati No. 5🏠", &[("Jl. Melati No. 5", A)]),
    ("multibyte name", "Jl. Cempaká Putih No. 9", &[("Jl. Cempaká Putih No. 9", A)]),
    // Not addresses.
    ("jalan jalan", "ayo jalan-jalan ke mal", &[]),
    ("jalan kaki", "jalan kaki 5 menit", &[]),
    ("lagi di jalan", "lagi di jalan 5 menit lagi", &[]),
    ("jalan alone", "Jalan Sudirman macet", &[]),
    ("gang lowercase bare", "gang sempit 3 kali", &[]),
    ("rt alone", "RT 5 kali ya", &[]),
    ("english lowercase", "walked 5 blocks down the road", &[]),
    ("english no suffix", "I have 3 Big Dogs", &[]),
];

#[rustfmt::skip]
const LINKS: &[Case] = &[
    ("https", "buka https://example.com/path?q=1 sekarang", &[("https://example.com/path?q=1", U)]),
    ("http trailing dot", "lihat http://judi88.net.", &[("http://judi88.net", U)]),
    ("www", "www.situs.co.id/promo", &[("www.situs.co.id/promo", U)]),
    ("url in parens", "(https://x.id/a)", &[("https://x.id/a", U)]),
    ("url balanced paren", "https://en.wikipedia.org/wiki/Foo_(bar)", &[("https://en.wikipedia.org/wiki/Foo_(bar)", U)]),
    ("url before emoji", "https://x.com🔥", &[("https://x.com", U)]),
    ("url with phone inside", "https://wa.me/6281234567890", &[("https://wa.me/6281234567890", U)]),
    ("bare domain", "main di judi88.net sekarang", &[("judi88.net", D)]),
    ("bare co.id", "example.co.id", &[("example.co.id", D)]),
    ("bare with path", "klik bit.ly/abc123!", &[("bit.ly/abc123", D)]),
    ("bare caps", "SITUS.COM", &[("SITUS.COM", D)]),
    ("capitalised sld", "Tokopedia.com", &[("Tokopedia.com", D)]),
    ("spelled dot", "cek situs dot com", &[("situs dot com", D)]),
    ("spelled paren dot", "situs (dot) com", &[("situs (dot) com", D)]),
    ("spelled titik", "situs titik com", &[("situs titik com", D)]),
    ("spelled upper tab", "SITUS\tDOT\tCOM", &[("SITUS\tDOT\tCOM", D)]),
    ("spelled only in bracket", "situs{dot}com", &[("situs{dot}com", D)]),
    ("spelled bracket dot", "situs [.] com", &[("situs [.] com", D)]),
    ("spaced dot", "judi88 . vip", &[("judi88 . vip", D)]),
    ("spelled co id", "toko dot co dot id", &[("toko dot co dot id", D)]),
    ("emoji around", "👉judi88.net👈", &[("judi88.net", D)]),
    ("multibyte before", "kunjungi ✨situs.xyz✨", &[("situs.xyz", D)]),
    // Not links.
    ("sentence end", "selesai.Kemudian dia pulang", &[]),
    ("sentence end tld word", "selesai.Me", &[]),
    ("decimal", "nilai 3.14", &[]),
    ("file name", "foto.jpg dan doc.pdf", &[]),
    ("abbreviations", "e.g. dll. dsb. a.m.", &[]),
    ("glued to non-ascii letter", "éxample.com", &[]),
    ("dot word", "polka dot dress", &[]),
    ("titik word", "titik temu", &[]),
    ("http alone", "http:// saja", &[]),
    ("www alone", "www.localhost", &[]),
];

#[rustfmt::skip]
const MIXED: &[Case] = &[
    ("email not domain", "mail nama@situs.com", &[("nama@situs.com", E)]),
    ("everything", "WA 0812-3456-7890, email budi@gmail.com, alamat Jl. Melati No. 5, web situs.com", &[("0812-3456-7890", P), ("budi@gmail.com", E), ("Jl. Melati No. 5", A), ("situs.com", D)]),
    ("phone inside email", "08123456789@gmail.com", &[("08123456789@gmail.com", E)]),
    ("email inside url", "https://a.com/?e=x@y.com", &[("https://a.com/?e=x@y.com", U)]),
    ("www host in email", "nama@www.situs.com", &[("nama@www.situs.com", E)]),
    ("url upper case", "HTTPS://X.COM/A", &[("HTTPS://X.COM/A", U)]),
    ("www upper case", "WWW.SITUS.COM", &[("WWW.SITUS.COM", U)]),
    ("bracket at, no @", "budi[AT]gmail[DOT]com", &[("budi[AT]gmail[DOT]com", E)]),
    ("domain not in address", "Jl. Melati No. 5 situs.com", &[("Jl. Melati No. 5", A), ("situs.com", D)]),
    ("plain text", "Terima kasih, sampai jumpa besok pagi!", &[]),
    ("empty", "", &[]),
];

fn run(cases: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    for &(name, input, expected) in cases {
        let mut found = Vec::new();
        detect_into(input, &mut found);
        let got: Vec<(&str, Kind)> = found
            .iter()
            .map(|d| {
                (
                    input.get(d.span.clone()).expect("span on char boundaries"),
                    d.kind,
                )
            })
            .collect();
        if got != expected {
            failures.push(format!(
                "{name}: {input:?}\n   expected {expected:?}\n   got      {got:?}"
            ));
        }
    }
    failures
}

#[test]
fn tables() {
    let mut failures = Vec::new();
    for table in [PHONES, EMAILS, ADDRESSES, LINKS, MIXED] {
        failures.extend(run(table));
    }
    assert!(
        failures.is_empty(),
        "{} failing case(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn appends_sorted_and_disjoint() {
    let text = "x@y.com 0812-3456-7890 www.a.com situs dot com";
    let mut out = vec![Detection {
        span: 0..0,
        kind: U,
    }];
    detect_into(text, &mut out);
    assert_eq!(out.len(), 5);
    let disjoint = out[1..]
        .windows(2)
        .all(|w| w[0].span.end <= w[1].span.start);
    assert!(disjoint);
}

#[test]
fn kinds() {
    let all = [
        (P, "phone-number", true),
        (E, "e-mail", true),
        (A, "street-address", true),
        (U, "url", false),
        (D, "domain", false),
    ];
    for (kind, term, personal) in all {
        assert_eq!(kind.term(), term);
        assert_eq!(kind.is_personal_info(), personal);
    }
}

#[test]
fn pathological_inputs() {
    const MB: usize = 1 << 20;
    let units = [
        "0.", "@.", "a@", "http://", "www.", "a.", "0 ", "08", "Jl ", "Jl. A ", "no ", "RT 1 ",
        "a [at] ", " dot ", "1 A ", "+6", "(", "(.)", "é.", "😀@",
    ];
    for unit in units {
        let text = unit.repeat(MB / unit.len());
        let mut out = Vec::new();
        detect_into(&text, &mut out);
        assert!(
            out.windows(2).all(|w| w[0].span.end <= w[1].span.start),
            "{unit:?}"
        );
        assert!(
            out.iter().all(|d| text.get(d.span.clone()).is_some()),
            "{unit:?}"
        );
    }
    let long_word = "a".repeat(MB) + ".com";
    let mut out = Vec::new();
    detect_into(&long_word, &mut out);
    assert!(
        out.is_empty(),
        "a label longer than 63 bytes is not a domain"
    );
    let digits = "9".repeat(MB);
    out.clear();
    detect_into(&digits, &mut out);
    assert!(out.is_empty());
}

/// The names users see, and which detections are personal information.
#[test]
fn kinds_name_themselves() {
    let kinds = [
        (P, "phone-number", true),
        (E, "e-mail", true),
        (A, "street-address", true),
        (U, "url", false),
        (D, "domain", false),
    ];
    for (kind, term, personal) in kinds {
        assert_eq!(kind.term(), term);
        assert_eq!(kind.is_personal_info(), personal, "{term}");
    }
}

/// Where the first pass notes a possible e-mail marker (`@`, ` at `, `(at)`, `[at]`, `{at}`),
/// as `(text, positions noted)`: the marker's start, one byte early for `@`.
#[rustfmt::skip]
const MARKERS: &[(&str, &[usize])] = &[
    ("nama at gmail", &[5]),
    ("nama AT gmail", &[5]),
    ("nama (at) gmail", &[5]),
    ("nama [at] gmail", &[5]),
    ("nama {at} gmail", &[5]),
    ("nama@gmail", &[3]),
    // Not markers: `ak`, `kat`, `at` without a space on both sides.
    ("Assalamualaikum ak dede", &[]),
    ("kat kat", &[]),
    ("at the start", &[]),
    ("ends with at", &[]),
    ("cat at", &[]),
];

#[test]
fn first_pass_notes_email_markers() {
    for &(text, expected) in MARKERS {
        let seen = shared::Seen::of(text.as_bytes());
        let noted: Vec<usize> = seen.at.windows().iter().map(|&(lo, _)| lo).collect();
        assert_eq!(noted, expected, "{text:?}");
    }
}
