# 医保算 (yibao): build, serve and test. Every target installs what it needs
# first (scripts/setup.sh, idempotent), so a fresh Debian 12 machine with
# rustup, node >= 20 and npm only needs `make test` or `make run`.
#
#   make run      build the page and serve dist/ at http://127.0.0.1:$(PORT)/
#   make web      build pkg/ (wasm + JS loader + .d.ts) and dist/ (www/ + pkg/)
#   make pkg      the same; pkg/ is the npm package (`npm pack` in pkg/)
#   make wasm-pack-check  (not in make test) wasm-pack build --target web vs pkg/
#   make test     everything CI checks (see the recipe for the order)
#   make bench    load and call timings of the built module (Node and Chromium)
#   make fuzz     each fuzz target for FUZZ_SECONDS (default 300) with nightly
#                 Rust and cargo-fuzz, installed first; not part of make test
#   make clean    remove build outputs (keeps node_modules; distclean removes it)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PORT ?= 8080
CARGO_BIN := $(if $(CARGO_HOME),$(CARGO_HOME),$(HOME)/.cargo)/bin
# node_modules/.bin first: its wasm-opt (npm binaryen) must win over any other.
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
# For the Node and browser tests.
export YIBAO_DIST := $(CURDIR)/dist
export CHROMIUM_PATH ?= /usr/bin/chromium

SETUP := scripts/setup.sh
# Node's test runner, on the files named like tests (*.test.mjs, *.test.js,
# test-*.mjs, *_test.mjs, *-test.mjs ...) in a folder.
NODE_TEST_FILES = $(shell [ -d $(1) ] && find $(1) -type f \( -name '*.test.*js' -o -name 'test-*.*js' -o -name '*_test.*js' -o -name '*-test.*js' \) | sort)
banner = @printf '\n==> %s\n' $(1)

.PHONY: help setup run serve web pkg wasm-pack-check test fmt-check clippy cargo-test check-mvp check-es2017 \
        check-loader test-node test-browser test-new-region bench fuzz clean distclean fuzz-lock

help:
	@sed -n '1,/^$$/p' $(firstword $(MAKEFILE_LIST)) | sed -n 's/^# \{0,1\}//p'

setup:
	@$(SETUP) all

run: web
	@echo "open http://127.0.0.1:$(PORT)/ (Ctrl-C stops the server)"
	@node scripts/serve.mjs --port $(PORT)

# Serve what is already in dist/ without rebuilding.
serve:
	@node scripts/serve.mjs --port $(PORT)

web:
	@$(SETUP) wasm web
	@scripts/build-web.sh

# The npm package: built with dist/ (the same files), checked by
# tests/node/package.test.mjs; pkg/README.md is for integrators.
pkg: web
	@cd pkg && npm pack --dry-run --json --offline 2>/dev/null | node -e \
	  'const p = JSON.parse(require("fs").readFileSync(0, "utf8"))[0]; console.log(`pkg/: $${p.name}@$${p.version}, $${p.entryCount} files, $${p.size} bytes packed; npm pack in pkg/ makes $${p.filename}`)'

# Whether wasm-pack build --target web gives the same package (installs
# wasm-pack from crates.io first; not part of make test).
wasm-pack-check: pkg
	@scripts/wasm-pack-check.sh

test:
	$(call banner,"setup (rust, wasm-bindgen, npm packages, chromium)")
	@$(SETUP) all
	@$(MAKE) fmt-check
	@$(MAKE) clippy
	@$(MAKE) cargo-test
	@$(MAKE) fuzz-lock
	$(call banner,"make web")
	@$(MAKE) web
	@$(MAKE) check-mvp
	@$(MAKE) check-es2017
	@$(MAKE) check-loader
	@$(MAKE) test-node
	@$(MAKE) test-browser
	@$(MAKE) test-new-region
	$(call banner,"make test: all steps passed")

fmt-check:
	$(call banner,"cargo fmt --check")
	@if cargo fmt --version >/dev/null 2>&1; then \
	  cargo fmt --all -- --check $(if $(CI),--color=never,); \
	else \
	  echo "WARNING: rustfmt is not installed: formatting NOT checked"; \
	fi

# Native targets of every crate of the workspace (yibao and the policy
# model, crates/yibao-policy), then the wasm32 library (src/wasm.rs only
# compiles there; clippy checks the policy crate's wasm32 code with it).
clippy:
	@$(SETUP) rust
	$(call banner,"cargo clippy --workspace --all-targets -- -D warnings")
	@cargo clippy --workspace --all-targets -- -D warnings
	$(call banner,"cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings")
	@env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="-C target-cpu=mvp" CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
	  cargo clippy --lib --release --target wasm32-unknown-unknown --target-dir target/wasm-mvp -- -D warnings
	$(call banner,"cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings")
	@env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="-C target-cpu=mvp" CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
	  cargo clippy --lib --release --target wasm32-unknown-unknown --target-dir target/wasm-mvp --no-default-features -- -D warnings
	$(call banner,"cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features batch -- -D warnings")
	@env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="-C target-cpu=mvp" CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
	  cargo clippy --lib --release --target wasm32-unknown-unknown --target-dir target/wasm-mvp --no-default-features --features batch -- -D warnings
	$(call banner,"cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features xlsx -- -D warnings")
	@env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="-C target-cpu=mvp" CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
	  cargo clippy --lib --release --target wasm32-unknown-unknown --target-dir target/wasm-mvp --no-default-features --features xlsx -- -D warnings

# Both crates of the workspace (the policy model's own tests: money, dates).
cargo-test:
	$(call banner,"cargo test --workspace")
	@cargo test --workspace

# fuzz/Cargo.lock is current: the fuzz crate resolves without changing it
# (make fuzz would otherwise rewrite the tracked file). The corpus itself is
# replayed by cargo test (tests/fuzz_corpus.rs).
fuzz-lock:
	$(call banner,"fuzz-lock: fuzz/Cargo.lock is current (cargo metadata --locked)")
	@cargo metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null || \
	  { echo "error: fuzz/Cargo.lock is stale: run cargo update --workspace --manifest-path fuzz/Cargo.toml and commit it"; exit 1; }

check-mvp:
	$(call banner,"check-mvp: shipped wasm is MVP + mutable-globals only")
	@[ -f dist/yibao_bg.wasm ] || $(MAKE) web
	@scripts/check-mvp.sh

check-es2017:
	$(call banner,"check-es2017: shipped JS parses as ES2017")
	@[ -f dist/yibao_bg.wasm ] || $(MAKE) web
	@node scripts/check-es2017.mjs dist

check-loader:
	$(call banner,"check-loader: dist/'s modules load in Node (bytes, HTTP, wrong MIME, classic script)")
	@[ -f dist/yibao_bg.wasm ] || $(MAKE) web
	@node scripts/check-loader.mjs dist yibao
	@node scripts/check-loader.mjs dist yibao-lite

# $(call node_tests,DIR,EXTRA FLAGS): run the test files of DIR with Node's
# runner; a missing folder or one without test files fails (a suite that
# vanished must not pass quietly).
node_tests = files="$(strip $(call NODE_TEST_FILES,$(1)))"; \
  if [ -z "$$files" ]; then echo "error: $(1)/ has no test files (name them *.test.mjs)"; exit 1; fi; \
  node --test --test-reporter=spec $(2) $$files

test-node:
	$(call banner,"node --test tests/node/")
	@[ -f dist/yibao_bg.wasm ] || $(MAKE) web
	@$(call node_tests,tests/node)

test-browser:
	$(call banner,"node --test tests/browser/ (Chromium $(CHROMIUM_PATH))")
	@$(SETUP) browser
	@[ -f dist/yibao_bg.wasm ] || $(MAKE) web
	@$(call node_tests,tests/browser,--test-concurrency=1)

# A new region is a new policy file and nothing else (a temporary copy).
test-new-region:
	$(call banner,"test-new-region: a policy file for a new region and no code change")
	@$(SETUP) browser
	@scripts/test-new-region.sh

bench:
	@$(SETUP) browser
	@$(MAKE) web
	$(call banner,"bench: sizes and timings (this machine, not a phone)")
	@node scripts/bench.mjs

# libFuzzer on fuzz/ (scripts/fuzz.sh); the corpus is replayed by cargo test.
FUZZ_SECONDS ?= 300
fuzz:
	@$(SETUP) fuzz
	$(call banner,"fuzz: each target for $(FUZZ_SECONDS) s")
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

clean:
	rm -rf pkg dist target/wasm-mvp target/web-stage.* fuzz/target
	cargo clean

distclean: clean
	rm -rf node_modules
