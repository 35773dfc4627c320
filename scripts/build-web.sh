#!/usr/bin/env bash
# Builds the WebAssembly module for the web page into pkg/, then assembles dist/
# (www/* + the pkg files). The module is WebAssembly MVP + mutable-globals only,
# for old phones (Chrome 57+, iOS 11), and its JS loader parses as ES2017.
#
# Pipeline (stable Rust; rustc's prebuilt std still uses post-MVP instructions):
#   1. cargo build --lib --release --target wasm32-unknown-unknown
#      with RUSTFLAGS=-Ctarget-cpu=mvp, in target/wasm-mvp (own cache, so the
#      native build is not invalidated);
#   2. drop any `target_features` custom section, so that wasm-bindgen does not
#      switch on reference types (scripts/wasm-sections.mjs);
#   3. wasm-bindgen --target web (with TypeScript .d.ts);
#   4. binaryen wasm-opt (npm `binaryen`, never Debian's): lower sign-ext,
#      memory.copy/fill and non-trapping float-to-int to MVP code, then -Oz;
#   5. the JS loader: the default wasm URL `new URL('X_bg.wasm', import.meta.url)`
#      becomes the relative URL 'X_bg.wasm' (import.meta is ES2020; dist/ is flat,
#      so the wasm sits next to the page); src/glue-restart.js is appended to it
#      (a fresh instance after a call that trapped); then esbuild bundles it
#      under the library's own entry, src/yibao.js (quote, quoteText, policies
#      that survive any trap), and lowers it to ES2017. A classic-script copy,
#      X.iife.js (global `yibao`), is made for browsers without ES modules
#      (Chrome 57-60).
#   6. dist/: www/ as it is, but its ES modules (www/js/) bundled by esbuild
#      into app.js, one ES2017 classic script (the page's first result needs
#      no module loading, and the old engines no module support).
#   make check-mvp and make check-es2017 verify the results.
#
# pkg/ and dist/ are replaced as a whole. Needs: scripts/setup.sh wasm web.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$YIBAO_ROOT"

t0=$SECONDS
name="$(crate_lib_name)"
want="$(wasm_bindgen_version)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
[ "$have" = "$want" ] || die "wasm-bindgen is '${have:-missing}', Cargo.toml pins $want: run scripts/setup.sh wasm"
[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ] || die "node_modules/.bin/{wasm-opt,esbuild} missing: run scripts/setup.sh web"
[ "$(command -v wasm-opt)" = "$YIBAO_ROOT/node_modules/.bin/wasm-opt" ] || die "wasm-opt on PATH is $(command -v wasm-opt), not node_modules/.bin/wasm-opt"

wasm_target_dir="$YIBAO_ROOT/target/wasm-mvp"
echo "web: cargo build (wasm32-unknown-unknown, target-cpu=mvp, release)"
# opt-level "z" for size (the native release build is opt-level 3).
env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="-C target-cpu=mvp" CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
  cargo build --lib --release --target wasm32-unknown-unknown --target-dir "$wasm_target_dir"
raw="$wasm_target_dir/wasm32-unknown-unknown/release/$name.wasm"
[ -f "$raw" ] || die "cargo did not produce $raw (is crate-type cdylib in Cargo.toml?)"

mkdir -p "$YIBAO_ROOT/target"
stage="$(mktemp -d "$YIBAO_ROOT/target/web-stage.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/in" "$stage/bindgen" "$stage/pkg"

node scripts/wasm-sections.mjs strip target_features "$raw" "$stage/in/$name.wasm"

wasm-bindgen --target web --out-dir "$stage/bindgen" "$stage/in/$name.wasm"
for f in "$name.js" "${name}_bg.wasm" "$name.d.ts" "${name}_bg.wasm.d.ts"; do
  [ -f "$stage/bindgen/$f" ] || die "wasm-bindgen did not write $f"
done

echo "web: wasm-opt (lower to MVP, -Oz)"
wasm-opt "$stage/bindgen/${name}_bg.wasm" \
  --mvp-features --enable-mutable-globals \
  --enable-sign-ext --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int \
  --signext-lowering --llvm-memory-copy-fill-lowering --llvm-nontrapping-fptoint-lowering \
  -Oz --converge --strip-debug --strip-producers --strip-target-features \
  -o "$stage/pkg/${name}_bg.wasm"

# The loader: drop import.meta (ES2020), append the restart, bundle it under
# src/yibao.js and lower to ES2017.
node - "$stage/bindgen/$name.js" "$stage/bindgen/${name}_glue.js" "${name}_bg.wasm" src/glue-restart.js <<'EOF'
const fs = require('node:fs');
const [input, output, wasmFile, restart] = process.argv.slice(2);
let src = fs.readFileSync(input, 'utf8');
const re = /new URL\((['"])([^'"]+)\1,\s*import\.meta\.url\)/g;
const hits = [...src.matchAll(re)];
if (hits.length !== 1 || hits[0][2] !== wasmFile) {
  console.error(`error: expected one "new URL('${wasmFile}', import.meta.url)" in the wasm-bindgen loader, found ${hits.length}; the loader changed, update scripts/build-web.sh`);
  process.exit(1);
}
src = src.replace(re, (_, q, file) => `${q}${file}${q}`);
if (/import\.meta/.test(src)) {
  console.error('error: the wasm-bindgen loader still uses import.meta; update scripts/build-web.sh');
  process.exit(1);
}
// What src/glue-restart.js uses of the loader.
for (const re of [/^let [^;]*\bwasmModule\b/m, /^let [^;]*\bwasm[,;]/m, /^let heap = /m, /^let heap_next = /m,
  /^function initSync\(/m, /^function __wbg_finalize_init\(instance, module\)/m, /^function __wbg_get_imports\(\)/m]) {
  if (!re.test(src)) {
    console.error(`error: the wasm-bindgen loader has no ${re}, which src/glue-restart.js uses; update it`);
    process.exit(1);
  }
}
fs.writeFileSync(output, src + fs.readFileSync(restart, 'utf8'));
EOF
cp src/yibao.js "$stage/bindgen/$name.entry.js"
esbuild "$stage/bindgen/$name.entry.js" --bundle --target=es2017 --format=esm \
  --log-level=warning --outfile="$stage/pkg/$name.js"
# The classic script is what the page loads, so it ships minified; the ES
# module stays readable for those who import it.
esbuild "$stage/pkg/$name.js" --target=es2017 --format=iife --global-name="$name" --minify \
  --log-level=warning --outfile="$stage/pkg/$name.iife.js"
cp "$stage/bindgen/$name.d.ts" "$stage/bindgen/${name}_bg.wasm.d.ts" "$stage/pkg/"

# The same .wasm as a classic script (base64), for hosts whose fetch of the
# .wasm cannot work: an <iframe sandbox="allow-scripts"> has an opaque origin,
# so fetching the .wasm needs an Access-Control-Allow-Origin header, while a
# <script src> needs none; some portals also refuse unknown file types.
node -e '
const fs = require("node:fs");
const [wasm, out] = process.argv.slice(1);
const b64 = fs.readFileSync(wasm).toString("base64");
fs.writeFileSync(out, "/* yibao_bg.wasm as base64: see scripts/build-web.sh */\nvar yibao_wasm_base64 = \"" + b64 + "\";\n");
' "$stage/pkg/${name}_bg.wasm" "$stage/pkg/${name}_bg.wasm.js"

rm -rf pkg
mv "$stage/pkg" pkg

# dist/: everything in www/ (whatever the page author put there) but its ES
# modules (www/js/), which esbuild bundles into one ES2017 classic script,
# app.js, the one the pages load; then pkg's files.
mkdir -p "$stage/dist"
if [ -d www ] && [ -n "$(ls -A www)" ]; then
  cp -R www/. "$stage/dist/"
  rm -rf "$stage/dist/.gitkeep" "$stage/dist/js"
  if [ -f www/js/main.js ]; then
    esbuild www/js/main.js --bundle --format=iife --target=es2017 --minify --log-level=warning \
      --outfile="$stage/dist/app.js"
  fi
  # The page's scripts and styles ship minified (ES2017, as they are written).
  for f in "$stage"/dist/*.js "$stage"/dist/*.css; do
    [ -e "$f" ] || continue
    case "$f" in *.css) loader=css ;; *) loader=js ;; esac
    esbuild "$f" --minify --target=es2017 --loader:."${f##*.}"="$loader" --log-level=warning \
      --outfile="$f.min" && mv "$f.min" "$f"
  done
else
  note "web: warning: www/ is empty or missing; dist/ holds only the pkg files"
fi
for f in pkg/*; do
  [ ! -e "$stage/dist/$(basename "$f")" ] || note "web: warning: www/$(basename "$f") is overwritten by pkg/$(basename "$f")"
  cp "$f" "$stage/dist/"
done
rm -rf dist
mv "$stage/dist" dist

bytes="$(wc -c <"pkg/${name}_bg.wasm")"
gz="$(gzip -9c "pkg/${name}_bg.wasm" | wc -c)"
js="$(wc -c <"pkg/$name.js")"
echo "web: pkg/${name}_bg.wasm $bytes bytes ($gz gzip -9), pkg/$name.js $js bytes; dist/ has $(find dist -type f | wc -l) files; $((SECONDS - t0)) s"
