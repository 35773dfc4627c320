#!/usr/bin/env bash
# Installs what the build and the tests need, idempotently: each step is
# skipped when its tool is already there. Quiet on success.
#
#   scripts/setup.sh [rust|wasm|web|browser|all|fuzz]...   (default: all)
#
#   rust     rustup target wasm32-unknown-unknown, clippy, rustfmt
#   wasm     rust + wasm-bindgen-cli at exactly the version Cargo.toml pins
#   web      npm packages from package-lock.json (binaryen's wasm-opt, esbuild,
#            acorn, playwright-core, axe-core) into node_modules/
#   browser  Debian's chromium + chromium-driver (+ a small CJK font) via apt
#   all      all of the above
#   fuzz     (not part of all: only `make fuzz` needs it) nightly Rust (minimal
#            profile) and cargo-fuzz
#
# Works offline once everything is installed. Needs crates.io, the npm
# registry and Debian's apt mirrors the first time; downloads nothing else.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$YIBAO_ROOT"

# Run a command with its output kept aside; show the output only on failure.
quietly() {
  local what="$1"; shift
  local log
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    echo "error: $what failed: $*" >&2
    echo "---- last 60 lines of its output ----" >&2
    tail -n 60 "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
}

setup_rust() {
  command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup (stable, >= rust-version in Cargo.toml)"
  command -v rustup >/dev/null 2>&1 || die "rustup not found: it is needed to add the wasm32-unknown-unknown target"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    note "setup: adding rust target wasm32-unknown-unknown"
    quietly "rustup target add" rustup target add wasm32-unknown-unknown
  fi
  if ! cargo clippy --version >/dev/null 2>&1; then
    note "setup: adding rustup component clippy"
    quietly "rustup component add clippy" rustup component add clippy
  fi
  if ! cargo fmt --version >/dev/null 2>&1; then
    note "setup: adding rustup component rustfmt"
    quietly "rustup component add rustfmt" rustup component add rustfmt
  fi
}

setup_wasm() {
  setup_rust
  local want have
  want="$(wasm_bindgen_version)"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    if [ -n "$have" ]; then
      note "setup: wasm-bindgen on PATH is $have, Cargo.toml pins $want: reinstalling"
    fi
    note "setup: cargo install wasm-bindgen-cli $want (takes about 5 minutes on 2 cores)"
    quietly "cargo install wasm-bindgen-cli" \
      cargo install --force wasm-bindgen-cli --version "=$want"
    have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
    [ "$have" = "$want" ] || die "after install, wasm-bindgen --version says '$have', want $want (is another wasm-bindgen earlier on PATH? $(command -v wasm-bindgen || true))"
  fi
}

# The npm install is redone only when package.json or package-lock.json change.
NPM_STAMP=node_modules/.yibao-setup-stamp
npm_inputs_hash() { cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1; }

setup_web() {
  command -v node >/dev/null 2>&1 || die "node not found: install Node.js >= 20"
  command -v npm >/dev/null 2>&1 || die "npm not found: install npm (comes with Node.js)"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || die "node $(node --version) is too old: need >= 20"
  [ -f package.json ] || die "package.json missing in $YIBAO_ROOT"
  if [ -f package-lock.json ]; then
    # Only the npm registry is reachable: refuse a lock that points elsewhere.
    local bad
    bad="$(grep -oE '"resolved": *"[^"]*"' package-lock.json | grep -vE '"https://registry\.npmjs\.org/' || true)"
    [ -z "$bad" ] || die "package-lock.json resolves packages outside the npm registry: $bad"
  fi
  local hash
  hash="$(npm_inputs_hash)"
  if [ -f "$NPM_STAMP" ] && [ "$(cat "$NPM_STAMP")" = "$hash" ] \
     && [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ] \
     && [ -d node_modules/acorn ] && [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] \
     && [ -x node_modules/.bin/tsc ]; then
    return 0
  fi
  export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
  if [ -f package-lock.json ]; then
    note "setup: npm ci"
    quietly "npm ci" npm ci --no-audit --no-fund
  else
    note "setup: npm install (no package-lock.json yet)"
    quietly "npm install" npm install --no-audit --no-fund
  fi
  "$YIBAO_ROOT/node_modules/.bin/wasm-opt" --version >/dev/null 2>&1 || die "node_modules/.bin/wasm-opt does not run after npm install"
  printf '%s\n' "$(npm_inputs_hash)" >"$NPM_STAMP"
}

APT_UPDATED=0
apt_install() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install $*"
    sudo=(sudo -n)
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand"
  if [ "$APT_UPDATED" -eq 0 ]; then
    quietly "apt-get update" "${sudo[@]}" apt-get update
    APT_UPDATED=1
  fi
  quietly "apt-get install $*" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

setup_browser() {
  local want=()
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || want+=(chromium-driver)
  # A CJK font, so screenshots of the (Chinese) page show text rather than boxes.
  if ! dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q 'ok installed'; then
    want+=(fonts-wqy-microhei)
  fi
  if [ "${#want[@]}" -gt 0 ]; then
    note "setup: apt-get install ${want[*]}"
    apt_install "${want[@]}"
  fi
  command -v chromium >/dev/null 2>&1 || die "chromium still not on PATH after apt-get install"
}

setup_fuzz() {
  setup_rust
  if ! rustup toolchain list | grep -q '^nightly-'; then
    note "setup: rustup toolchain install nightly --profile minimal (for cargo-fuzz)"
    quietly "rustup toolchain install nightly" rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    note "setup: cargo install cargo-fuzz (takes a few minutes)"
    quietly "cargo install cargo-fuzz" cargo install --locked cargo-fuzz
  fi
}

[ "$#" -gt 0 ] || set -- all
for step in "$@"; do
  case "$step" in
    rust) setup_rust ;;
    wasm) setup_wasm ;;
    web) setup_web ;;
    browser) setup_browser ;;
    fuzz) setup_fuzz ;;
    all) setup_wasm; setup_web; setup_browser ;;
    *) die "unknown setup step '$step' (use rust, wasm, web, browser, all or fuzz)" ;;
  esac
done
