#!/usr/bin/env bash
# Runs each cargo-fuzz target of fuzz/ (nightly Rust, libFuzzer) for
# FUZZ_SECONDS (default 300) and prints how many inputs each ran.
#
#   FUZZ_SECONDS=600 scripts/fuzz.sh [TARGET...]   (default: every target)
#
# A target starts from its seed corpus, fuzz/corpus/TARGET/ (only read), and
# grows a working corpus in fuzz/work/TARGET/ (kept between runs, not in
# git), with the request's keys as a dictionary (fuzz/request.dict). A crash
# stops the run: the input is copied into fuzz/corpus/TARGET/, so that once
# the defect is fixed `cargo test` (tests/fuzz_corpus.rs) replays it for
# good, and the script fails. Needs: scripts/setup.sh fuzz (make fuzz does it).
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$YIBAO_ROOT"

seconds="${FUZZ_SECONDS:-300}"
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || die "FUZZ_SECONDS must be a whole number of seconds, not '$seconds'"
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for f in fuzz/fuzz_targets/*.rs; do targets+=("$(basename "$f" .rs)"); done
fi

fuzz="$YIBAO_ROOT/fuzz"
summary=()
for t in "${targets[@]}"; do
  [ -f "fuzz/fuzz_targets/$t.rs" ] || die "no fuzz target '$t' (fuzz/fuzz_targets/$t.rs)"
  mkdir -p "fuzz/work/$t"
  log="fuzz/work/$t.log"
  echo "fuzz: $t for ${seconds} s (log: $log)"
  if ! cargo +nightly fuzz run --fuzz-dir "$fuzz" "$t" "$fuzz/work/$t" "$fuzz/corpus/$t" -- \
      -max_total_time="$seconds" -dict="$fuzz/request.dict" -timeout=10 -rss_limit_mb=4096 \
      -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    found=0
    for f in "fuzz/artifacts/$t"/*; do
      [ -f "$f" ] || continue
      cp "$f" "fuzz/corpus/$t/"
      note "fuzz: $t: $(basename "$f") copied into fuzz/corpus/$t/: fix the defect, then cargo test replays it"
      found=1
    done
    [ "$found" -eq 1 ] || note "fuzz: $t failed without a crash input (build error?)"
    die "fuzz: $t failed"
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  summary+=("$t: ${runs:-?} executions in ${seconds} s, no crash")
done
echo "fuzz: done"
printf '  %s\n' "${summary[@]}"
