#!/usr/bin/env bash
# Checks that each shipped .wasm uses WebAssembly MVP + mutable-globals only
# (old phones: Chrome 57+, iOS 11).
#
#   scripts/check-mvp.sh [FILE.wasm ...]     (default: dist/*.wasm)
#
# Three independent checks, all must pass:
#   1. no `target_features` custom section: binaryen turns on every feature that
#      section lists before validating, which would hide non-MVP code;
#   2. binaryen validates the module with --mvp-features --enable-mutable-globals;
#   3. the disassembly contains no post-MVP instruction or type (sign-ext,
#      bulk memory, non-trapping float-to-int, reference types, SIMD, threads,
#      tail calls, exceptions, multi-value results, GC).
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$YIBAO_ROOT"

[ -x node_modules/.bin/wasm-opt ] || die "node_modules/.bin/wasm-opt missing: run scripts/setup.sh web"
if [ "$#" -eq 0 ]; then
  shopt -s nullglob
  set -- dist/*.wasm
  shopt -u nullglob
  [ "$#" -gt 0 ] || die "no dist/*.wasm: run make web first"
fi

post_mvp='\((i32|i64)\.extend(8|16|32)_s|\((i32|i64)\.trunc_sat_|\((memory\.(copy|fill|init)|data\.drop)|\((ref\.|table\.(get|set|grow|size|fill|copy|init)|elem\.drop)|externref|\(v128|\(i8x16|\(i16x8|\(i32x4|\(i64x2|\(f32x4|\(f64x2|\.atomic\.|memory\.atomic|atomic\.fence|\(return_call|\((try|try_table|throw|throw_ref|rethrow|delegate)\b|\(call_ref|\((struct|array)\.|\(result [a-z0-9]+ [a-z0-9]+'

fail=0
for f in "$@"; do
  [ -f "$f" ] || die "$f: no such file"
  if node scripts/wasm-sections.mjs list "$f" | grep -qx target_features; then
    echo "check-mvp: FAIL $f has a target_features section (strip it: binaryen would trust it)" >&2
    fail=1
    continue
  fi
  log="$(mktemp)"
  if ! wasm-opt --mvp-features --enable-mutable-globals "$f" -o /dev/null >"$log" 2>&1; then
    echo "check-mvp: FAIL $f does not validate as MVP + mutable-globals; first errors:" >&2
    grep -m 20 -E 'error|require' "$log" >&2 || head -n 20 "$log" >&2
    fail=1
    rm -f "$log"
    continue
  fi
  rm -f "$log"
  wat="$(mktemp)"
  wasm-dis "$f" -o "$wat"
  if grep -qE "$post_mvp" "$wat"; then
    echo "check-mvp: FAIL $f disassembly has post-MVP instructions:" >&2
    grep -oE "$post_mvp" "$wat" | sort | uniq -c | sort -rn | head -n 20 >&2
    fail=1
  else
    bytes="$(wc -c <"$f")"
    gz="$(gzip -9c "$f" | wc -c)"
    echo "check-mvp: ok $f ($bytes bytes, $gz gzip -9): MVP + mutable-globals only"
  fi
  rm -f "$wat"
done
exit "$fail"
