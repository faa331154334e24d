//! Argument parsing and the three commands. Output formats are contracts: see docs/cli.md.

use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use saring::{Action, Category, Filter, Language, Profile, Term};
use serde_json::{json, Value};

#[derive(Parser)]
#[command(
    name = "saring",
    version,
    about = "Screens text for abuse in Indonesian and English, through the usual disguises."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads one text per line on stdin; writes one JSON verdict per line on stdout.
    Check(LineArgs),
    /// Reads one text per line on stdin; writes it back with matched characters masked.
    Censor(LineArgs),
    /// Measures precision, recall and F1 on labeled JSON Lines files ({"text", "label"}).
    Eval(EvalArgs),
}

#[derive(Args)]
struct FilterArgs {
    /// child, teen or adult.
    #[arg(long, default_value = "teen", value_parser = parse_profile)]
    profile: Profile,
    /// Comma-separated language codes (an unknown code's error lists the accepted ones;
    /// docs/languages.md). Default: the languages on by default.
    #[arg(long = "lang", value_parser = parse_languages)]
    languages: Option<Languages>,
    /// Extra terms, one per line: term<TAB>category<TAB>severity<TAB>mode (all but the term optional).
    #[arg(long = "terms", value_name = "FILE")]
    terms: Option<PathBuf>,
    /// Allowed words, one per line.
    #[arg(long = "allow", value_name = "FILE")]
    allow: Option<PathBuf>,
}

/// The flags of `check` and `censor`.
#[derive(Args)]
struct LineArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// The longest line checked, in bytes (a number, or with KiB, MiB or GiB); a longer line
    /// is answered with {"error": …} and never held in memory whole.
    #[arg(long, value_name = "N", default_value = "16MiB", value_parser = parse_bytes)]
    max_bytes: usize,
    /// Exit with status 1 when any line's verdict is this action or stronger (warn or block);
    /// every line is still answered. For scripts and pre-commit hooks.
    #[arg(long, value_name = "ACTION", value_parser = parse_fail_on)]
    fail_on: Option<Action>,
}

fn parse_fail_on(text: &str) -> Result<Action, String> {
    match text.parse::<Action>() {
        Ok(Action::Allow) | Err(_) => Err(format!(
            "unknown action {text:?} for --fail-on: expected \"warn\" or \"block\""
        )),
        Ok(action) => Ok(action),
    }
}

#[derive(Args)]
struct EvalArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// List this many misses and false flags per file.
    #[arg(long, value_name = "N", default_value_t = 0)]
    errors: usize,
    /// Treat every file as a word list. Without it, `.jsonl` files are labeled sets and any
    /// other file is a word list: every line (JSON array item; `.tsv`: the `word` or `term`
    /// column) checked alone, reporting the share flagged.
    #[arg(long)]
    words: bool,
    /// Count a text as flagged only when it has a match of this category (whatever the
    /// action), for sets whose label means one kind of harm (`--category gambling`).
    #[arg(long, value_name = "C", value_parser = parse_category)]
    category: Option<Category>,
    /// Words flagged on purpose (one per line): word-list rows also report the share flagged
    /// that is not listed here.
    #[arg(long, value_name = "FILE")]
    intended: Option<PathBuf>,
    /// Labeled .jsonl files, or word lists with --words.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Clone)]
struct Languages(Vec<Language>);

fn parse_profile(text: &str) -> Result<Profile, String> {
    text.parse()
        .map_err(|e: saring::UnknownValue| e.to_string())
}

fn parse_category(text: &str) -> Result<Category, String> {
    text.parse()
        .map_err(|e: saring::UnknownValue| e.to_string())
}

/// A positive number of bytes: `4096`, `64KiB`, `16MiB`, `1GiB`.
fn parse_bytes(text: &str) -> Result<usize, String> {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit: usize = match &text[digits.len()..] {
        "" | "B" => 1,
        "KiB" => 1 << 10,
        "MiB" => 1 << 20,
        "GiB" => 1 << 30,
        other => return Err(format!("unknown unit {other:?}: expected KiB, MiB or GiB")),
    };
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("expected a positive number of bytes, got {text:?}"))
}

fn parse_languages(text: &str) -> Result<Languages, String> {
    text.split(',')
        .map(|part| part.trim().parse::<Language>().map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()
        .map(Languages)
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            // clap's message spans several lines before its usage block; keep it on one.
            let rendered = error.render().to_string();
            let message = match error.kind() {
                clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    "missing command: expected check, censor or eval".to_owned()
                }
                _ => rendered
                    .lines()
                    .take_while(|line| !line.trim().is_empty() && !line.starts_with("Usage:"))
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            eprintln!(
                "saring: {} (see saring --help)",
                message.trim_start_matches("error: ")
            );
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Check(args) => build(&args.filter).and_then(|f| each_line(&f, &args, check_line)),
        Command::Censor(args) => {
            build(&args.filter).and_then(|f| each_line(&f, &args, censor_line))
        }
        Command::Eval(args) => build(&args.filter).and_then(|f| eval(&f, &args).map(|()| false)),
    };
    match result {
        Ok(false) => ExitCode::SUCCESS,
        // A line reached --fail-on.
        Ok(true) => ExitCode::FAILURE,
        Err(Failure::Usage(message)) => {
            eprintln!("saring: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        // Not 1, which says that a line reached --fail-on.
        Err(Failure::Io(error)) => {
            eprintln!("saring: {error}");
            ExitCode::from(3)
        }
    }
}

enum Failure {
    /// Bad flags or files named by flags: exit status 2.
    Usage(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Io(error)
    }
}

fn read_file(path: &Path) -> Result<String, Failure> {
    fs::read_to_string(path).map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))
}

fn build(args: &FilterArgs) -> Result<Filter, Failure> {
    let mut builder = Filter::builder()
        .profile(args.profile)
        .languages(match &args.languages {
            Some(languages) => languages.0.clone(),
            None => Language::defaults().collect(),
        });
    if let Some(path) = &args.terms {
        let text = read_file(path)?;
        let terms = parse_term_file(&path.display().to_string(), &text)?;
        builder = builder.extra_terms(terms);
    }
    if let Some(path) = &args.allow {
        let text = read_file(path)?;
        builder = builder.allow_terms(saring::word_list(&text));
    }
    builder.build().map_err(|e| Failure::Usage(e.to_string()))
}

fn parse_term_file(source: &str, text: &str) -> Result<Vec<Term>, Failure> {
    saring::Term::parse_file(source, text).map_err(|e| Failure::Usage(e.to_string()))
}

/// Runs `answer` on every line of stdin, in order; a line that is not UTF-8, or longer than
/// `--max-bytes`, gets an error object instead. True when a line's action reached `--fail-on`.
fn each_line(filter: &Filter, args: &LineArgs, answer: Answer) -> Result<bool, Failure> {
    let max_bytes = args.max_bytes;
    let mut failed = false;
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut output = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut line = Vec::new();
    let mut number = 0usize;
    while let Some(length) = read_line(&mut input, &mut line, max_bytes)? {
        number += 1;
        if length > max_bytes {
            let message =
                format!("line {number}: {length} bytes, longer than --max-bytes {max_bytes}");
            writeln!(output, "{}", json!({ "error": message }))?;
            output.flush()?;
            continue;
        }
        match std::str::from_utf8(&line) {
            Ok(text) => {
                let action = answer(filter, text, &mut output)?;
                failed |= args.fail_on.is_some_and(|limit| action >= limit);
            }
            Err(error) => {
                let message = format!(
                    "line {number}: not valid UTF-8 (invalid byte at offset {})",
                    error.valid_up_to()
                );
                writeln!(output, "{}", json!({ "error": message }))?;
            }
        }
        // Each answer goes out at once: a server may wait for it before sending the next line.
        output.flush()?;
        if line.capacity() > LINE_KEEP_BYTES {
            // One huge line should not keep its buffer alive for the rest of the run.
            line = Vec::new();
        }
    }
    Ok(failed)
}

/// Line buffers larger than this are freed once their line is answered.
const LINE_KEEP_BYTES: usize = 1 << 20;

/// Reads the next line into `line`, without its `\n` (or `\r\n`), keeping at most `max + 1`
/// bytes of it: the rest of a longer line is read and dropped, so a line of any length costs
/// no more memory than the limit. Returns the line's whole length, or `None` at the end of
/// the input.
fn read_line(
    input: &mut impl BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<usize>> {
    line.clear();
    let mut length = 0usize;
    let mut started = false;
    loop {
        let buffer = match input.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buffer.is_empty() {
            // The last line has no newline: it keeps a final `\r`, as it was typed.
            return Ok(started.then_some(length));
        }
        started = true;
        let newline = buffer.iter().position(|&b| b == b'\n');
        let chunk = &buffer[..newline.unwrap_or(buffer.len())];
        let room = (max + 1).saturating_sub(line.len());
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        length += chunk.len();
        let used = newline.map_or(chunk.len(), |i| i + 1);
        input.consume(used);
        if newline.is_some() {
            if length <= max + 1 && line.last() == Some(&b'\r') {
                line.pop();
                length -= 1;
            }
            return Ok(Some(length));
        }
    }
}

/// Writes the verdict as one JSON line, match by match: a line with a million matches never
/// holds them all as JSON values.
/// Answers one line and returns the line's action.
type Answer = fn(&Filter, &str, &mut dyn Write) -> io::Result<Action>;

fn check_line(filter: &Filter, text: &str, out: &mut dyn Write) -> io::Result<Action> {
    let verdict = filter.check(text);
    write!(
        out,
        r#"{{"action":"{}","matches":["#,
        verdict.action.as_str()
    )?;
    for (i, m) in verdict.matches.iter().enumerate() {
        let comma = if i == 0 { "" } else { "," };
        write!(
            out,
            r#"{comma}{{"start":{},"end":{},"text":"#,
            m.span.start, m.span.end
        )?;
        serde_json::to_writer(&mut *out, &text[m.span.clone()])?;
        write!(
            out,
            r#","category":"{}","severity":{},"term":"#,
            m.category.as_str(),
            m.severity.level()
        )?;
        serde_json::to_writer(&mut *out, &m.term)?;
        out.write_all(br#","evasions":["#)?;
        for (k, name) in m.evasions.names().enumerate() {
            let comma = if k == 0 { "" } else { "," };
            write!(out, r#"{comma}"{name}""#)?;
        }
        out.write_all(b"]")?;
        if let Some(rule) = &m.rule {
            out.write_all(br#","rule":"#)?;
            serde_json::to_writer(&mut *out, rule)?;
        }
        out.write_all(b"}")?;
    }
    out.write_all(b"]}\n")?;
    Ok(verdict.action)
}

fn censor_line(filter: &Filter, text: &str, out: &mut dyn Write) -> io::Result<Action> {
    writeln!(out, "{}", filter.censor(text))?;
    // The action of the text as given, not of the censored text.
    Ok(filter.check(text).action)
}

#[derive(Default)]
struct Confusion {
    true_positive: usize,
    false_positive: usize,
    false_negative: usize,
    true_negative: usize,
}

impl Confusion {
    fn precision(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_positive)
    }
    fn recall(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_negative)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn eval(filter: &Filter, args: &EvalArgs) -> Result<(), Failure> {
    let intended: std::collections::HashSet<String> = match &args.intended {
        Some(path) => saring::word_list(&read_file(path)?)
            .map(str::to_lowercase)
            .collect(),
        None => Default::default(),
    };
    // Read every file first: a missing one stops the run before half a table is printed.
    let texts = args
        .files
        .iter()
        .map(|path| read_file(path))
        .collect::<Result<Vec<String>, Failure>>()?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "| set | texts | TP | FP | FN | TN | precision | recall | F1 | flagged | not intended |"
    )?;
    writeln!(
        out,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )?;
    let mut listings = String::new();
    for (path, text) in args.files.iter().zip(&texts) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let labeled = !args.words && path.extension().is_some_and(|e| e == "jsonl");
        if !labeled {
            let words = word_list(path, text)?;
            let flagged: Vec<&str> = words
                .iter()
                .map(String::as_str)
                .filter(|w| flags(filter, w, args.category))
                .collect();
            let unintended: Vec<&str> = flagged
                .iter()
                .copied()
                .filter(|w| !intended.contains(&w.to_lowercase()))
                .collect();
            let share = |count: usize| 100.0 * ratio(count, words.len());
            writeln!(
                out,
                "| {name} | {} | | | | | | | | {} ({:.2}%) | {} ({:.2}%) |",
                words.len(),
                flagged.len(),
                share(flagged.len()),
                unintended.len(),
                share(unintended.len()),
            )?;
            if args.errors > 0 && !unintended.is_empty() {
                listings.push_str(&format!("\n{name}: flagged, not intended\n"));
                for word in unintended.iter().take(args.errors) {
                    listings.push_str(&format!("  {word}\t{}\n", explain(filter, word)));
                }
            }
            continue;
        }
        let mut confusion = Confusion::default();
        let mut misses = Vec::new();
        let mut false_flags = Vec::new();
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let row: Value = serde_json::from_str(line)
                .map_err(|e| Failure::Usage(format!("{}:{}: {e}", path.display(), index + 1)))?;
            let (Some(sample), Some(label)) = (row["text"].as_str(), row["label"].as_i64()) else {
                return Err(Failure::Usage(format!(
                    "{}:{}: expected {{\"text\": string, \"label\": 0 or 1}}",
                    path.display(),
                    index + 1
                )));
            };
            let flagged = flags(filter, sample, args.category);
            match (label != 0, flagged) {
                (true, true) => confusion.true_positive += 1,
                (false, true) => {
                    confusion.false_positive += 1;
                    false_flags.push(sample.to_owned());
                }
                (true, false) => {
                    confusion.false_negative += 1;
                    misses.push(sample.to_owned());
                }
                (false, false) => confusion.true_negative += 1,
            }
        }
        let total = confusion.true_positive
            + confusion.false_positive
            + confusion.false_negative
            + confusion.true_negative;
        writeln!(
            out,
            "| {name} | {total} | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} | | |",
            confusion.true_positive,
            confusion.false_positive,
            confusion.false_negative,
            confusion.true_negative,
            confusion.precision(),
            confusion.recall(),
            confusion.f1()
        )?;
        if args.errors > 0 {
            listings.push_str(&format!("\n{name}: misses\n"));
            for sample in spread(&misses, args.errors) {
                listings.push_str(&format!("  {sample}\n"));
            }
            listings.push_str(&format!("\n{name}: false flags\n"));
            for sample in spread(&false_flags, args.errors) {
                listings.push_str(&format!("  {sample}\t{}\n", explain(filter, sample)));
            }
        }
    }
    out.write_all(listings.as_bytes())?;
    Ok(())
}

/// Whether a text counts as flagged: any action but `allow`, or with `--category C`, any
/// match of that category.
fn flags(filter: &Filter, text: &str, category: Option<Category>) -> bool {
    let verdict = filter.check(text);
    match category {
        None => verdict.action != Action::Allow,
        Some(category) => verdict.matches.iter().any(|m| m.category == category),
    }
}

/// `count` items spread evenly over the list, so the listing is not just the file's first rows.
fn spread(items: &[String], count: usize) -> impl Iterator<Item = &String> {
    let step = (items.len() / count.max(1)).max(1);
    items.iter().step_by(step).take(count)
}

fn explain(filter: &Filter, text: &str) -> String {
    filter
        .check(text)
        .matches
        .iter()
        .filter(|m| m.action != Action::Allow)
        .map(|m| format!("[{} {} {:?}]", m.term, m.category, &text[m.span.clone()]))
        .collect::<Vec<_>>()
        .join(" ")
}

fn word_list(path: &Path, text: &str) -> Result<Vec<String>, Failure> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match extension {
        "json" => {
            let value: Value = serde_json::from_str(text)
                .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
            let mut words = Vec::new();
            collect_strings(&value, &mut words);
            if words.is_empty() {
                return Err(Failure::Usage(format!(
                    "{}: expected a JSON array of strings (or an object of such arrays)",
                    path.display()
                )));
            }
            Ok(words)
        }
        "tsv" => {
            // The column named `word` (or `term`), else the first one.
            let mut rows = text.lines();
            let header: Vec<&str> = rows.next().unwrap_or("").split('\t').collect();
            let column = ["word", "term"]
                .iter()
                .find_map(|name| header.iter().position(|h| h.trim() == *name))
                .unwrap_or(0);
            Ok(rows
                .filter_map(|row| row.split('\t').nth(column))
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect())
        }
        _ => Ok(saring::word_list(text).map(str::to_owned).collect()),
    }
}

/// Every string in a JSON array, or in the arrays that are an object's values.
fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| collect_strings(item, out)),
        Value::Object(fields) => fields.values().for_each(|item| collect_strings(item, out)),
        _ => {}
    }
}
