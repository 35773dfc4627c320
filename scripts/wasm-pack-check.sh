#!/usr/bin/env bash
# Does `wasm-pack build --target web` give the package that make pkg builds?
# (Not part of make test: wasm-pack takes about 3 minutes to compile from
# crates.io, and the build does not need it.)
#
#   scripts/wasm-pack-check.sh        (make wasm-pack-check)
#
# Installs wasm-pack from crates.io if it is missing (`cargo install`; its own
# downloads of prebuilt wasm-bindgen and wasm-opt binaries cannot work here, so it
# runs with --mode no-install and finds both on PATH: wasm-bindgen 0.2.130
# from cargo, wasm-opt from npm's binaryen, with the arguments in Cargo.toml's
# package.metadata.wasm-pack). Then builds into target/wasm-pack-check/pkg,
# in the same target dir and with the same flags as scripts/build-web.sh, and
# compares with pkg/: the .wasm byte for byte, yibao.d.ts, and package.json's
# fields. wasm-pack's yibao.js is wasm-bindgen's loader as it is, so it
# differs from ours (ours survives a trap and parses as ES2017); that is shown,
# not failed.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$YIBAO_ROOT"

WASM_PACK_VERSION=0.15.1
[ -f pkg/package.json ] || die "pkg/ not built: run make pkg first"
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  note "wasm-pack-check: cargo install wasm-pack $WASM_PACK_VERSION (about 3 minutes on 2 cores)"
  cargo install --locked wasm-pack --version "=$WASM_PACK_VERSION"
fi
[ "$(command -v wasm-opt)" = "$YIBAO_ROOT/node_modules/.bin/wasm-opt" ] || die "wasm-opt on PATH is $(command -v wasm-opt), not node_modules/.bin/wasm-opt"

out=target/wasm-pack-check/pkg
rm -rf "$out"
env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="-C target-cpu=mvp" CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_TARGET_DIR="$YIBAO_ROOT/target/wasm-mvp" \
  wasm-pack build --target web --mode no-install --release --out-dir "$out" --out-name yibao .

fail=0
same() {
  if cmp -s "$out/$1" "pkg/$1"; then echo "wasm-pack-check: $1: the same"; else echo "wasm-pack-check: $1 DIFFERS"; fail=1; fi
}
same yibao_bg.wasm
same yibao.d.ts
same yibao_bg.wasm.d.ts
node - "$out/package.json" pkg/package.json <<'EOF' || fail=1
const fs = require('node:fs');
const [theirs, ours] = process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
let bad = 0;
for (const k of Object.keys(theirs)) {
  if (k === 'files') {
    const missing = theirs.files.filter((f) => !ours.files.includes(f) && f !== 'snippets');
    console.log(`wasm-pack-check: package.json files: wasm-pack's ${JSON.stringify(theirs.files)}; ours has all of them${missing.length ? ' but ' + missing : ''} (its snippets/ are bundled into our yibao.js)`);
    bad += missing.length;
  } else if (k === 'sideEffects') {
    console.log(`wasm-pack-check: package.json sideEffects: wasm-pack's ${JSON.stringify(theirs[k])}, ours ${JSON.stringify(ours[k])} (no snippets/; our classic scripts)`);
  } else if (JSON.stringify(theirs[k]) !== JSON.stringify(ours[k])) {
    console.log(`wasm-pack-check: package.json ${k} DIFFERS: ${JSON.stringify(theirs[k])} / ${JSON.stringify(ours[k])}`);
    bad++;
  } else {
    console.log(`wasm-pack-check: package.json ${k}: the same`);
  }
}
console.log(`wasm-pack-check: only ours: ${Object.keys(ours).filter((k) => !(k in theirs)).join(', ')}`);
process.exit(bad ? 1 : 0);
EOF
echo "wasm-pack-check: yibao.js differs, as it should (wasm-bindgen's loader as it is: import.meta.url, no trap guard):"
echo "  wasm-pack's $(wc -c <"$out/yibao.js") bytes + snippets/, ours $(wc -c <pkg/yibao.js) bytes"
[ "$fail" -eq 0 ] || die "wasm-pack build --target web does not give the same package"
echo "wasm-pack-check: ok"
