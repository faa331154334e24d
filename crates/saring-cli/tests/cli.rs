//! The command line's contract (DESIGN.md): one JSON object per input line, in order; errors
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
