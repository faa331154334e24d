//! Hostile input through the `saring` binary: a 10 MB line, invalid UTF-8 among good lines,
//! malformed term files. Every case must finish with a sane answer; none asserts a time (the
//! machines are noisy), but each prints how long it took
//! (`cargo test -p saring-cli --test hostile -- --nocapture`).

use std::time::Instant;

mod support;
use support::{run, temp_file};

const MB: usize = 1 << 20;

/// Repeats `unit` until the text is at least `bytes` long.
fn fill(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

#[test]
fn cli_answers_a_10_mb_line() {
    let line = fill("selamat pagi ", 10 * MB) + "dasar anjing lu";
    let input = format!("{line}\nkontol\n").into_bytes();
    for (command, check) in [("check", true), ("censor", false)] {
        let started = Instant::now();
        let output = run(&[command], &input);
        eprintln!("cli {command}, 10 MB line: {:.2?}", started.elapsed());
        assert!(output.status.success(), "{command}: {:?}", output.status);
        let stdout = String::from_utf8(output.stdout).unwrap();
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), 2, "{command}: one answer per line");
        if check {
            let at = line.len() - "anjing lu".len();
            let expected = format!(
                r#"{{"action":"block","matches":[{{"start":{at},"end":{},"text":"anjing""#,
                at + "anjing".len()
            );
            assert!(lines[0].starts_with(&expected), "{}", &lines[0][..200]);
            assert!(lines[1].starts_with(r#"{"action":"block""#), "{}", lines[1]);
        } else {
            assert_eq!(lines[0].len(), line.len());
            assert!(lines[0].ends_with("dasar ****** lu"));
            assert_eq!(lines[1], "******");
        }
    }
}

/// `(name, bytes of one line)`: each not valid UTF-8.
const INVALID_LINES: &[(&str, &[u8])] = &[
    ("lone continuation byte", b"\x80"),
    ("truncated two-byte sequence", b"kontol \xc3"),
    ("overlong encoding of /", b"\xc0\xaf"),
    ("UTF-16 surrogate encoded", b"\xed\xa0\x80 anjing"),
    ("above U+10FFFF", b"\xf4\x90\x80\x80"),
    ("0xFF", b"dasar \xff anjing lu"),
];

#[test]
fn cli_answers_each_invalid_line_with_an_error_and_carries_on() {
    // Valid and invalid lines alternate; the last invalid line has no newline.
    let mut input = Vec::new();
    for (_, bytes) in INVALID_LINES {
        input.extend_from_slice(b"dasar anjing lu\n");
        input.extend_from_slice(bytes);
        input.push(b'\n');
    }
    input.extend_from_slice(b"selamat pagi\n\xff");
    for command in ["check", "censor"] {
        let output = run(&[command], &input);
        assert!(output.status.success(), "{command}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(
            lines.len(),
            INVALID_LINES.len() * 2 + 2,
            "{command}: {lines:?}"
        );
        for (i, (name, _)) in INVALID_LINES.iter().enumerate() {
            let (good, bad) = (lines[2 * i], lines[2 * i + 1]);
            let number = 2 * i + 2;
            let error = format!(r#"{{"error":"line {number}: not valid UTF-8"#);
            assert!(bad.starts_with(&error), "{command} {name}: {bad}");
            let answer = if command == "check" {
                good.starts_with(r#"{"action":"block""#)
            } else {
                good == "dasar ****** lu"
            };
            assert!(answer, "{command} {name}: line before answered {good}");
        }
        let last = lines[lines.len() - 1];
        assert!(
            last.starts_with(r#"{"error":"line 14:"#),
            "{command}: {last}"
        );
    }
}

/// `(name, terms file contents, what stderr must contain, beyond the file name)`.
const BAD_TERM_FILES: &[(&str, &[u8], &str)] = &[
    (
        "bad severity",
        b"kampungan\tinsult\t5\n",
        ":1: unknown severity \"5\"",
    ),
    (
        "bad mode",
        b"# c\nx\tinsult\t1\tfuzzy\n",
        ":2: unknown mode \"fuzzy\"",
    ),
    (
        "too many columns",
        b"x\tinsult\t1\tword\textra\n",
        ":1: expected at most 4",
    ),
    ("empty term", b"ok\n\n|\tinsult\n", ":3: the term is empty"),
    ("only a tab", b"ok\n\tinsult\n", ":2: the term is empty"),
    ("term too long", &[b'a'; 300], ":1: the form"),
    (
        "no letters at all",
        b"ok\n!!!\tinsult\t1\n",
        ":2: the form \"!!!\" has no letters",
    ),
    ("not UTF-8", b"ok\n\xff\xfe\tinsult\n", "UTF-8"),
];

#[test]
fn cli_rejects_malformed_term_files_naming_file_and_line() {
    for (i, (name, contents, needle)) in BAD_TERM_FILES.iter().enumerate() {
        let file_name = format!("bad-{i}.tsv");
        let path = temp_file(&file_name, contents);
        let output = run(&["check", "--terms", path.to_str().unwrap()], b"x\n");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            stderr.contains(&file_name),
            "{name}: no file name in {stderr}"
        );
        assert!(
            stderr.contains(needle),
            "{name}: {needle:?} not in {stderr}"
        );
        assert!(output.stdout.is_empty(), "{name}: answered anyway");
    }
}
