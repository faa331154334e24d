#!/usr/bin/env bash
# Installs what the build and the tests need, and only what is missing.
#
#   scripts/setup.sh [rust] [wasm-bindgen] [npm] [chromium] [all]
#
#   rust          the wasm32-unknown-unknown target, rustfmt and clippy (rustup)
#   wasm-bindgen  wasm-bindgen-cli at exactly the version crates/saring-wasm/Cargo.toml pins (cargo install)
#   npm           the dev tooling in package-lock.json (npm ci --ignore-scripts): binaryen's
#                 wasm-opt, playwright-core, smol-toml; esbuild and the rich-text editors the
#                 browser tests bundle into composer pages (none needs an install script)
#   chromium      Debian's chromium and chromium-driver (apt-get; through sudo when
#                 not root). Never a browser downloaded by a test tool.
#
# Each step checks the installed version first, so a second run takes about a second.
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install these by hand: $*"
  if [ "$APT_UPDATED" -eq 0 ]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# The exact wasm-bindgen version crates/saring-wasm/Cargo.toml pins ("=x.y.z").
pinned_wasm_bindgen() {
  local v
  v=$(sed -nE 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[[:space:]]*(\{[^}]*version[[:space:]]*=[[:space:]]*)?"=?([0-9][^"]*)".*/\2/p' crates/saring-wasm/Cargo.toml | head -n1)
  [ -n "$v" ] || die "no wasm-bindgen version found in crates/saring-wasm/Cargo.toml"
  printf '%s\n' "$v"
}

setup_rust() {
  command -v rustup >/dev/null 2>&1 || die "rustup not found: install Rust with rustup first (https://rustup.rs)"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  local installed
  installed=$(rustup component list --installed 2>/dev/null || true)
  for c in rustfmt clippy; do
    if ! grep -q "^$c" <<<"$installed"; then
      say "rustup component add $c"
      rustup component add "$c"
    fi
  done
}

setup_wasm_bindgen() {
  local want have_cli have_runner
  want=$(pinned_wasm_bindgen)
  have_cli=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  have_runner=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have_cli" != "$want" ] || [ "$have_runner" != "$want" ]; then
    say "cargo install wasm-bindgen-cli --version $want --locked (have: ${have_cli:-none})"
    # The version is pinned exactly (the crate's "=x.y.z"), and --locked builds the CLI with the
    # dependency versions its authors shipped. That fails when the shipped lockfile names a
    # version crates.io no longer serves: 0.2.130's pins webpki-roots 1.0.11, which the index
    # does not list ("failed to select a version for the requirement `webpki-roots = \"^1.0.10\"`
    # (locked to 1.0.11)", cargo 1.95). Only then is the CLI built with freshly resolved
    # dependencies, still at the pinned version, and setup says so.
    if ! cargo install wasm-bindgen-cli --version "$want" --locked --force; then
      say "--locked cannot resolve wasm-bindgen-cli $want's lockfile: building it without --locked"
      cargo install wasm-bindgen-cli --version "$want" --force
    fi
  fi
}

setup_npm() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js >= 20 needed (have $(node --version))"
  # npm ci when node_modules is missing or older than the lockfile. No install scripts: the
  # only dependency with one is esbuild (under vite), whose postinstall merely checks and
  # speeds up its binary — it runs from its platform package without it.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci --ignore-scripts"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
  [ -x node_modules/.bin/wasm-opt ] || die "node_modules/.bin/wasm-opt missing after npm ci"
}

setup_chromium() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  # The browser tests measure text layout: they need real fonts.
  if [ ! -d /usr/share/fonts/truetype/dejavu ] && [ ! -d /usr/share/fonts/truetype/liberation ]; then
    missing+=(fonts-dejavu-core fonts-liberation)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
  # chromium-driver must match chromium (both come from the same Debian source).
  local b d
  b=$(/usr/bin/chromium --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+' | head -n1)
  d=$(/usr/bin/chromedriver --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+' | head -n1)
  if [ "$b" != "$d" ]; then
    say "chromium $b and chromedriver $d differ: upgrading both"
    apt_install chromium chromium-driver
  fi
}

[ "$#" -gt 0 ] || set -- all
for what in "$@"; do
  case "$what" in
    rust) setup_rust ;;
    wasm-bindgen) setup_wasm_bindgen ;;
    npm) setup_npm ;;
    chromium) setup_chromium ;;
    all) setup_rust; setup_wasm_bindgen; setup_npm; setup_chromium ;;
    *) die "unknown component '$what' (expected rust, wasm-bindgen, npm, chromium or all)" ;;
  esac
done
