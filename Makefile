# saring — entry points (see README.md, "Set up").
#
#   make demo        install what is missing, build pkg/, serve the demo on 127.0.0.1:$(PORT)
#   make test        every test layer, in order; fails when any layer fails
#   make pkg         the npm package in pkg/ (wasm32 build → wasm-bindgen → wasm-opt)
#   make setup       install what is missing (rustup target, wasm-bindgen-cli, npm ci, chromium)
#   make eval        accuracy on the labeled sets and innocent words flagged in the trap lists
#   make extension   the parents' browser extension in dist/saring-extension/ (+ zip)
#   make bench       the benchmarks beside peer filters, printed as a table (bench/)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PORT ?= 8080
# Labeled {"text","label"} JSON lines for `make eval` (not part of the repository).
# The labeled sets and word lists live beside the repository, never in it.
DATA ?= ../shared/data
# Sets whose label means "an online-gambling promotion": judged by `gambling` hits alone.
GAMBLING_SETS = $(wildcard $(DATA)/eval/*judol*.jsonl)
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

WASM_TARGET := wasm32-unknown-unknown
LOGS := target/test-logs

# wasm-bindgen tests: the runner comes from wasm-bindgen-cli (same version as the crate).
WASM_TEST_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
                 WASM_BINDGEN_TEST_TIMEOUT=120
# Browser mode of wasm-bindgen-test-runner 0.2.130: WASM_BINDGEN_USE_BROWSER selects
# it for tests without `wasm_bindgen_test_configure!`; CHROMEDRIVER pins Debian's
# driver (the runner would otherwise take any geckodriver on PATH first);
# webdriver.json at the repo root adds Chromium's flags (binary, --no-sandbox, …).
WASM_BROWSER_ENV := WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
                    WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/webdriver.json

.PHONY: help setup setup-build demo pkg test eval extension extension-only bench \
        test-fmt test-clippy test-native test-wasm-node test-wasm-browser test-js test-browser

help:
	@sed -n '3,10p' Makefile | sed 's/^# \{0,1\}//'

setup:
	@scripts/setup.sh all

# What `make pkg` / `make demo` need (no browser).
setup-build:
	@scripts/setup.sh rust wasm-bindgen npm

pkg: setup-build
	@node scripts/build-pkg.mjs

demo: pkg
	@echo "saring demo: http://127.0.0.1:$(PORT)/   (Ctrl-C stops it)"
	@PORT=$(PORT) node www/serve.mjs

# Every layer, in order. Each step stops the run when it fails.
test: setup
	@start=$$(date +%s); \
	for step in test-fmt test-clippy test-native test-wasm-node test-wasm-browser pkg extension-only test-js test-browser; do \
	  echo; echo "════ make $$step"; \
	  t=$$(date +%s); \
	  $(MAKE) $$step || { echo "════ make test: FAILED in $$step"; exit 1; }; \
	  echo "════ $$step ok ($$(( $$(date +%s) - t )) s)"; \
	done; \
	echo; echo "════ make test: all layers passed in $$(( $$(date +%s) - start )) s"

test-fmt:
	cargo fmt --all --check

test-clippy:
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p saring-wasm --target $(WASM_TARGET) --all-targets -- -D warnings

test-native:
	cargo test --workspace

# The runner prints "test result: ok. N passed; …"; a run that found nothing to
# execute (wrong mode, skipped suite) still exits 0, so insist on N > 0.
define check_wasm_log
	grep -E '^test result: ok\. [1-9][0-9]* passed; 0 failed' $(1) >/dev/null || \
	  { echo "error: $(2): no passing wasm-bindgen tests in the runner output ($(1))"; exit 1; }
endef

test-wasm-node:
	@mkdir -p $(LOGS)
	$(WASM_TEST_ENV) cargo test -p saring-wasm --target $(WASM_TARGET) --test wasm 2>&1 | tee $(LOGS)/wasm-node.log
	@! grep -q 'Running headless tests' $(LOGS)/wasm-node.log || \
	  { echo "error: crates/saring-wasm/tests/wasm.rs is configured to run in a browser; the Node run must run in Node"; exit 1; }
	@$(call check_wasm_log,$(LOGS)/wasm-node.log,wasm-bindgen tests in Node)

test-wasm-browser:
	@mkdir -p $(LOGS)
	$(WASM_TEST_ENV) $(WASM_BROWSER_ENV) cargo test -p saring-wasm --target $(WASM_TARGET) --test wasm 2>&1 | tee $(LOGS)/wasm-browser.log
	@grep -q 'Running headless tests in Chrome' $(LOGS)/wasm-browser.log || \
	  { echo "error: the wasm-bindgen tests did not run in headless Chromium"; exit 1; }
	@$(call check_wasm_log,$(LOGS)/wasm-browser.log,wasm-bindgen tests in Chromium)

test-js:
	@test -f pkg/saring.js || { echo "error: pkg/ not built: run make pkg"; exit 1; }
	node --test --test-reporter=spec --test-timeout=120000 tests/js/*.test.mjs

test-browser:
	@test -f pkg/saring.js || { echo "error: pkg/ not built: run make pkg"; exit 1; }
	node --test --test-reporter=spec --test-concurrency=1 --test-timeout=600000 tests/browser/*.test.mjs

eval:
	@ls $(DATA)/eval/*.jsonl >/dev/null 2>&1 || \
	  { echo "make eval: no labeled sets in $(DATA)/eval (set DATA=folder)"; exit 1; }
	@cargo run --release --quiet -p saring-cli -- eval --intended tests/words/intended.txt \
	  $(filter-out $(GAMBLING_SETS),$(wildcard $(DATA)/eval/*.jsonl)) $(wildcard $(DATA)/traps/*) \
	  $(DATA)/lexicon-sources/id-kata-kasar/whitelist.json
	@if [ -n "$(GAMBLING_SETS)" ]; then echo; echo "gambling promotion (only \`gambling\` hits count as flagged):"; \
	  cargo run --release --quiet -p saring-cli -- eval --category gambling $(GAMBLING_SETS); fi

extension: pkg
	@node scripts/build-extension.mjs

# The extension from the pkg/ already built (make test builds pkg/ once, just before).
extension-only:
	@node scripts/build-extension.mjs

bench:
	@node bench/run.mjs
