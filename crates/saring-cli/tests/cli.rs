//! The command line's contract (docs/cli.md): one JSON object per input line, in order; errors
//! per line for invalid UTF-8; exit status 2 with a one-line message for bad flags.

use std::process::Output;

mod support;
use support::{run, temp_file};

fn stdout_lines(output: &Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn check_writes_the_documented_json() {
    let output = run(
        &["check"],
        "dasar anjing lu\nWA 0812-3456-7890\nd4s4r 4nj1ng\n".as_bytes(),
    );
    assert!(output.status.success());
    assert_eq!(
        stdout_lines(&output),
        [
            r#"{"action":"block","matches":[{"start":6,"end":12,"text":"anjing","category":"insult","severity":2,"term":"anjing","evasions":[]}]}"#,
            r#"{"action":"warn","matches":[{"start":3,"end":17,"text":"0812-3456-7890","category":"personal-info","severity":2,"term":"phone-number","evasions":[],"rule":"phone-number"}]}"#,
            r#"{"action":"block","matches":[{"start":6,"end":12,"text":"4nj1ng","category":"insult","severity":2,"term":"anjing","evasions":["leetspeak"]}]}"#,
        ]
    );
}

#[test]
fn check_answers_every_line_in_order_and_survives_bad_utf8() {
    let input = b"selamat pagi\n\xff\xfe broken\r\nk0nt0l\n\nlast line without newline";
    let output = run(&["check"], input);
    assert!(output.status.success());
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0], r#"{"action":"allow","matches":[]}"#);
    assert!(
        lines[1].starts_with(r#"{"error":"line 2: not valid UTF-8"#),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains(r#""text":"k0nt0l""#), "{}", lines[2]);
    assert_eq!(lines[3], r#"{"action":"allow","matches":[]}"#);
    assert_eq!(lines[4], r#"{"action":"allow","matches":[]}"#);
}

#[test]
fn censor_masks_matches_only() {
    let output = run(&["censor"], "dasar anjing lu\nmain ke pantai\n".as_bytes());
    assert_eq!(stdout_lines(&output), ["dasar ****** lu", "main ke pantai"]);
}

#[test]
fn flags_change_the_verdict() {
    let terms = temp_file("terms.tsv", "# mine\nkampungan\tinsult\t1\n");
    let allow = temp_file("allow.txt", "anjing\n");
    let terms = terms.to_str().unwrap();
    let allow = allow.to_str().unwrap();
    // (flags, input, expected action)
    let table: &[(&[&str], &str, &str)] = &[
        (&["check", "--profile", "adult"], "damn it", "allow"),
        (&["check", "--profile", "child"], "damn it", "block"),
        (&["check", "--lang", "id"], "fuck", "allow"),
        (&["check", "--lang", "en"], "fuck", "block"),
        (&["check", "--terms", terms], "dasar kampungan", "warn"),
        (&["check", "--allow", allow], "dasar anjing", "allow"),
    ];
    for (flags, input, action) in table {
        let output = run(flags, format!("{input}\n").as_bytes());
        let line = &stdout_lines(&output)[0];
        assert!(
            line.starts_with(&format!(r#"{{"action":"{action}""#)),
            "{flags:?} {input:?}: {line}"
        );
    }
}

#[test]
fn bad_flags_exit_2_with_one_line() {
    let bad_terms = temp_file("bad-terms.tsv", "ok\tinsult\t1\nbroken\tinsul\t1\n");
    let bad_terms = bad_terms.to_str().unwrap();
    // (flags, what the message must contain)
    let table: &[(&[&str], &str)] = &[
        (
            &["check", "--profile", "tean"],
            r#"unknown profile "tean": expected "child", "teen" or "adult""#,
        ),
        (&["check", "--lang", "id,fr"], r#"unknown language "fr""#),
        (&["check", "--nope"], "--nope"),
        (&["chek"], "chek"),
        (&[], "missing command"),
        (&["check", "--terms", "/no/such/file"], "/no/such/file"),
        (
            &["check", "--terms", bad_terms],
            "bad-terms.tsv:2: unknown category \"insul\"",
        ),
        (&["eval"], "FILE"),
        (&["eval", "/no/such/set.jsonl"], "/no/such/set.jsonl"),
        (&["check", "--profile"], "--profile"),
        (&["check", "--profile", ""], "profile"),
        (&["check", "--lang", ""], "language"),
        (&["check", "--lang", "id,,en"], "language"),
        (&["censor", "--bogus"], "--bogus"),
        (&["censor", "--profile", "CHILD"], "CHILD"),
        (&["check", "--allow", "/no/such/allow"], "/no/such/allow"),
        (&["check", "--terms", "/"], "/"),
        (&["eval", "--errors", "many", "x.jsonl"], "many"),
        (&["eval", "--category", "gamble", "x.jsonl"], "gamble"),
        (&["check", "extra-argument"], "extra-argument"),
        (&["check", "--max-bytes", "0"], "positive number of bytes"),
        (&["check", "--max-bytes", "-1"], "-1"),
        (&["censor", "--max-bytes", "many"], "\"many\""),
        (&["check", "--max-bytes", "4TB"], "unknown unit \"TB\""),
        (
            &["check", "--max-bytes", "99999999999999999999"],
            "99999999999999999999",
        ),
        (&["eval", "--max-bytes", "10", "x.jsonl"], "--max-bytes"),
    ];
    for (flags, needle) in table {
        let output = run(flags, b"");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{flags:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{flags:?}: {stderr}");
        assert!(stderr.contains(needle), "{flags:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{flags:?}");
    }
}

#[test]
fn eval_reports_precision_recall_f1() {
    let labeled = temp_file(
        "set.jsonl",
        concat!(
            r#"{"text": "dasar anjing lu", "label": 1}"#,
            "\n",
            r#"{"text": "selamat pagi", "label": 0}"#,
            "\n",
            r#"{"text": "kamu jahat sekali", "label": 1}"#,
            "\n",
            r#"{"text": "kontol", "label": 0}"#,
            "\n",
        ),
    );
    let output = run(&["eval", labeled.to_str().unwrap()], b"");
    assert!(output.status.success());
    let report = String::from_utf8(output.stdout).unwrap();
    // 1 true positive, 1 false positive, 1 miss, 1 true negative.
    assert!(
        report.contains("| set.jsonl | 4 | 1 | 1 | 1 | 1 | 0.500 | 0.500 | 0.500 | | |"),
        "{report}"
    );
    let words = temp_file("words.txt", "pantai\nkontol\nsantai\nmasuk\n");
    let output = run(&["eval", words.to_str().unwrap()], b"");
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(
        report.contains("| words.txt | 4 | | | | | | | | 1 (25.00%) | 1 (25.00%) |"),
        "{report}"
    );
    let intended = temp_file("intended.txt", "# on purpose\nKontol\n");
    let (words, intended) = (words.to_str().unwrap(), intended.to_str().unwrap());
    let output = run(&["eval", "--words", words, "--intended", intended], b"");
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(
        report.contains("| words.txt | 4 | | | | | | | | 1 (25.00%) | 0 (0.00%) |"),
        "{report}"
    );
}

#[test]
fn eval_by_category_counts_only_that_category() {
    // A promotion, an insult (flagged by action, not a gambling hit), talk against gambling,
    // and an ordinary comment.
    let labeled = temp_file(
        "judol.jsonl",
        concat!(
            r#"{"text": "rezeki dari \ud835\udc0f\ud835\udc14\ud835\udc0b\ud835\udc00\ud835\udc14\ud835\udfd5\ud835\udfd5 hari ini, wd lancar", "label": 1}"#,
            "\n",
            r#"{"text": "dasar anjing lu", "label": 0}"#,
            "\n",
            r#"{"text": "judol haram, stop judol", "label": 0}"#,
            "\n",
            r#"{"text": "baru pulang kerja", "label": 1}"#,
            "\n",
        ),
    );
    let path = labeled.to_str().unwrap();
    let output = run(&["eval", "--category", "gambling", path], b"");
    assert!(output.status.success());
    let report = String::from_utf8(output.stdout).unwrap();
    // 1 true positive, no false positive (the insult is not gambling), 1 miss, 2 true negatives.
    assert!(
        report.contains("| judol.jsonl | 4 | 1 | 0 | 1 | 2 | 1.000 | 0.500 | 0.667 | | |"),
        "{report}"
    );
    // Without --category the insult counts as flagged.
    let output = run(&["eval", path], b"");
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(
        report.contains("| judol.jsonl | 4 | 1 | 1 | 1 | 1 | 0.500 | 0.500 | 0.500 | | |"),
        "{report}"
    );
}

#[test]
fn max_bytes_answers_longer_lines_with_an_error_and_carries_on() {
    let ten = "dasar an\u{e9}"; // 10 bytes, ending in a two-byte character
    assert_eq!(ten.len(), 10);
    // (lines, in order, each with what its answer must start with)
    let lines: &[(&str, &str)] = &[
        (
            "dasar anjing lu",
            r#"{"error":"line 1: 15 bytes, longer than --max-bytes 10"}"#,
        ),
        ("kontol", r#"{"action":"block""#),
        (ten, r#"{"action":"allow""#),
        ("dasar anji", r#"{"action":"allow""#),
        ("dasar anjin", r#"{"error":"line 5: 11 bytes"#),
        ("", r#"{"action":"allow","matches":[]}"#),
        ("anjing lu\r", r#"{"action":"block""#), // the \r of \r\n is not counted
        ("kontol kontol", r#"{"error":"line 8: 13 bytes"#),
        (
            "\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}",
            r#"{"error":"line 9: 12 bytes"#,
        ),
        ("dasar anjing lu", r#"{"error":"line 10: 15 bytes"#),
    ];
    let mut input: String = lines.iter().map(|(line, _)| format!("{line}\n")).collect();
    input.pop(); // the last line has no newline
    for flags in [
        ["check", "--max-bytes", "10"],
        ["check", "--max-bytes", "10B"],
    ] {
        let output = run(&flags, input.as_bytes());
        assert!(output.status.success(), "{flags:?}");
        let answers = stdout_lines(&output);
        assert_eq!(answers.len(), lines.len(), "{answers:?}");
        for ((line, expected), answer) in lines.iter().zip(&answers) {
            assert!(answer.starts_with(expected), "{line:?}: {answer}");
        }
    }
    // censor answers the same lines the same way: the error object, or the masked text.
    let output = run(&["censor", "--max-bytes", "10"], input.as_bytes());
    let answers = stdout_lines(&output);
    assert_eq!(answers[0], lines[0].1);
    assert_eq!(answers[1], "******");
    assert_eq!(answers[6], "****** lu");
    // A unit: 1 KiB takes the 15-byte line.
    let output = run(&["check", "--max-bytes", "1KiB"], b"dasar anjing lu\n");
    assert!(stdout_lines(&output)[0].starts_with(r#"{"action":"block""#));
}

#[test]
fn max_bytes_defaults_to_16_mib() {
    // One byte over 16 MiB: an error without a check; the next line is answered.
    let mut input = vec![b'a'; (16 << 20) + 1];
    input.extend_from_slice(b"\ndasar anjing lu\n");
    let output = run(&["check"], &input);
    assert!(output.status.success());
    let answers = stdout_lines(&output);
    assert_eq!(
        answers[0],
        r#"{"error":"line 1: 16777217 bytes, longer than --max-bytes 16777216"}"#
    );
    assert!(
        answers[1].starts_with(r#"{"action":"block""#),
        "{}",
        answers[1]
    );
    assert_eq!(answers.len(), 2);
}

/// `--fail-on warn|block`: every line is answered; the exit status is 1 when any line's action
/// reaches the limit, 0 otherwise. (flags, input, expected status, expected stdout lines)
#[test]
fn fail_on_sets_the_exit_status() {
    let clean = "selamat pagi\nhalo semua\n";
    // `anjir` is a mild exclamation: teen warns; `dasar anjing lu` blocks.
    let warns = "selamat pagi\nanjir\n";
    let blocks = "halo\ndasar anjing lu\nselamat pagi\n";
    let table: &[(&[&str], &str, i32, usize)] = &[
        (&["check"], blocks, 0, 3),
        (&["check", "--fail-on", "block"], clean, 0, 2),
        (&["check", "--fail-on", "block"], warns, 0, 2),
        (&["check", "--fail-on", "block"], blocks, 1, 3),
        (&["check", "--fail-on", "warn"], clean, 0, 2),
        (&["check", "--fail-on", "warn"], warns, 1, 2),
        (&["check", "--fail-on", "warn"], blocks, 1, 3),
        (&["censor", "--fail-on", "block"], blocks, 1, 3),
        (&["censor", "--fail-on", "block"], clean, 0, 2),
        (
            &["censor", "--fail-on", "warn", "--profile", "adult"],
            "anjir\n",
            0,
            1,
        ),
    ];
    for (flags, input, status, lines) in table {
        let output = run(flags, input.as_bytes());
        assert_eq!(
            output.status.code(),
            Some(*status),
            "{flags:?} on {input:?}"
        );
        assert_eq!(
            stdout_lines(&output).len(),
            *lines,
            "{flags:?} on {input:?}"
        );
    }
    let output = run(&["check", "--fail-on", "allow"], clean.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(r#"expected "warn" or "block""#), "{stderr}");
}
