#!/usr/bin/env python3
"""Runs the fuzz targets for a bounded time and prints what they did.

    python3 fuzz/run.py [SECONDS_PER_TARGET] [TARGET...]     (default: 300 s, every target)

Seeds each target's corpus from the shared case tables (tests/cases/) and writes a libFuzzer
dictionary of lexicon forms and disguise characters (fuzz/corpus/saring.dict), both under the
ignored fuzz/corpus/. Runs two targets at a time (the machine has two cores). A crash lands in
fuzz/artifacts/<target>/; copy it to tests/regressions/<target>/<what-it-broke> so that
tests/hostile.rs replays it in `cargo test`.

Needs cargo-fuzz and the nightly toolchain. Build output goes to $CARGO_TARGET_DIR (default
/work/target-fuzz/fuzz) rather than fuzz/target.
"""
import concurrent.futures
import glob
import hashlib
import os
import re
import subprocess
import sys

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
TARGETS = ["check", "censor", "normalize", "terms"]
TARGET_DIR = os.environ.get("CARGO_TARGET_DIR", "/work/target-fuzz/fuzz")

# Characters the normalizer undoes or trips on.
SPECIAL = [
    "dasar ", " lu", " you", "\u200b", "\u200d", "\u00ad", "\u202e", "\u2066", "\ufeff",
    "\ufe0f", "\U000e0041", "\u0301", "\u0334", "\u20dd", "\u0e48", "@", "#", "*", "$", "!",
    "|", "+", "\u20ac", "\u2022", "4", "1", "0", "3", "5", "7", "2", "\u00b2", ". ", "-", "_",
    ",", "/", "~", "\n", "\u0430", "\u043e", "\u0435", "\u0456", "\u0458", "\u043a", "\u039a",
    "\uff4b", "\U0001d41b", "\u24d0", "\u00df", "\ufb01", "\u0130", "http://", "https://",
    "www.", ".com", ".id", "@gmail.com", " dot ", "[at]", "08", "+62", "Jl. ", "No. ",
    "RT 01/RW 02", "\u0000", "\ufffd", "\t", "insult", "sexual", "exact", "word", "any", "dual",
]


def dictionary_entry(token):
    out = ""
    for b in token.encode():
        c = chr(b)
        out += c if 32 <= b < 127 and c not in '"\\' else "\\x%02X" % b
    return '"' + out + '"'


def lexicon_forms():
    forms = set()
    for path in glob.glob(os.path.join(ROOT, "lang/*/terms.tsv")):
        for line in open(path, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                forms.update(f.strip() for f in line.split("\t")[0].split("|") if f.strip())
    return sorted(f for f in forms if len(f.encode()) <= 16)


def case_texts():
    texts = []
    for path in glob.glob(os.path.join(ROOT, "tests/cases/*")):
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            columns = line.split("\t")
            texts.append(columns[1] if path.endswith(".tsv") and len(columns) > 1 else columns[0])
    return texts


def seed(target):
    directory = os.path.join(FUZZ, "corpus", target)
    os.makedirs(directory, exist_ok=True)
    samples = []
    for text in case_texts():
        data = text.encode()
        if target == "check":
            samples += [bytes([p]) + data for p in range(3)]
        elif target == "terms":
            samples.append(b"kampungan\tinsult\t1\nanj1ng|4nj\tinsult\t2\tdual\x00pantai\x00" + data)
        else:
            samples.append(data)
    for data in samples:
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)
    return directory


def run(target, seconds):
    corpus = seed(target)
    command = [
        "cargo", "+nightly", "fuzz", "run", "--target-dir", TARGET_DIR, target, corpus, "--",
        f"-max_total_time={seconds}", "-max_len=4096", "-timeout=10",
        f"-dict={os.path.join(FUZZ, 'corpus', 'saring.dict')}", "-print_final_stats=1",
    ]
    log_path = os.path.join(FUZZ, "corpus", f"{target}.log")
    with open(log_path, "w") as log:
        code = subprocess.call(command, cwd=FUZZ, stdout=log, stderr=subprocess.STDOUT)
    text = open(log_path, encoding="utf-8", errors="replace").read()
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text)
    cov = re.findall(r"cov: (\d+) ft: (\d+)", text)
    crashes = re.findall(r"Test unit written to (\S+)", text)
    return target, code, runs[-1] if runs else "?", cov[-1] if cov else ("?", "?"), crashes, log_path


def main():
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    targets = sys.argv[2:] or TARGETS
    os.makedirs(os.path.join(FUZZ, "corpus"), exist_ok=True)
    with open(os.path.join(FUZZ, "corpus", "saring.dict"), "w") as f:
        f.write("\n".join(dictionary_entry(t) for t in SPECIAL + lexicon_forms()) + "\n")
    subprocess.check_call(
        ["cargo", "+nightly", "fuzz", "build", "--target-dir", TARGET_DIR], cwd=FUZZ
    )
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for target, code, runs, (cov, ft), crashes, log in pool.map(
            lambda t: run(t, seconds), targets
        ):
            status = "ok" if code == 0 and not crashes else f"exit {code}"
            print(f"{target}: {seconds} s, {runs} runs, cov {cov} ft {ft}, {status}; log {log}")
            for crash in crashes:
                print(f"  crash input: {crash}")


if __name__ == "__main__":
    main()
