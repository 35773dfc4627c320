#!/usr/bin/env bash
# Builds the WebAssembly modules, their loaders and the <yibao-calculator>
# element into pkg/, the npm package (wasm-pack's layout), then assembles
# dist/ (www/* + the pkg files + the page's lean module). Each module is
# WebAssembly MVP + mutable-globals only, for old phones (Chrome 57+, iOS 11),
# and its JS loader parses as ES2017.
#
# The modules (build_module below: steps 1-5 for each), one per set of Cargo
# features, since what a module exports is what it weighs:
#   yibao       default features: everything (quote, quoteText, policies,
#               quoteHousehold, quoteHouseholdText); pkg/, and dist/ for the
#               element and for the page once a family, a bill or a change
#               of status is asked about;
#   yibao-lite  no household functions, no quoteText, and no bill or
#               change of status in quote() (features household, text,
#               bill, change): dist/yibao-lite.iife.js (global yibaoLite)
#               and yibao-lite_bg.wasm, what index.html and embed.html load
#               for their first result; the page asks the full module for
#               a request with a bill or a change (www/js/ask.js).
#   yibao-batch the lists of village staff (feature `batch`: src/batch.rs
#               and the csv crate): dist/yibao-batch_bg.wasm (and its base64
#               copy), which batch.html's worker (batch-worker.js, the loader
#               bundled in) loads; nothing of it is in the other modules.
#   yibao-xlsx  the same with Excel workbooks in and out (feature `xlsx`:
#               calamine, zip and rust_xlsxwriter, in memory):
#               dist/yibao-xlsx_bg.wasm (and its base64 copy), which
#               batch.html's second worker (xlsx-worker.js) loads, started
#               only when a workbook is read or asked for.
#
# Pipeline (stable Rust; rustc's prebuilt std still uses post-MVP instructions):
#   1. cargo build --lib --release --target wasm32-unknown-unknown
#      --no-default-features --features F, with RUSTFLAGS=-Ctarget-cpu=mvp, in
#      target/wasm-mvp (own cache, so the native build is not invalidated);
#   2. drop any `target_features` custom section, so that wasm-bindgen does not
#      switch on reference types (scripts/wasm-sections.mjs);
#   3. wasm-bindgen --target web (with TypeScript .d.ts);
#   4. binaryen wasm-opt (npm `binaryen`, never Debian's) with the arguments
#      listed in Cargo.toml (package.metadata.wasm-pack, so that `wasm-pack
#      build` runs the same): lower sign-ext, memory.copy/fill and
#      non-trapping float-to-int to MVP code, then -Oz;
#   5. the JS loader: the default wasm URL `new URL('X_bg.wasm', import.meta.url)`
#      becomes the relative URL 'X_bg.wasm' (import.meta is ES2020; dist/ is flat,
#      so the wasm sits next to the page); src/glue-restart.js is appended to it
#      (a fresh instance after a call that trapped); then esbuild bundles it
#      under the library's own entry, src/yibao.js (quote, quoteText, policies
#      that survive any trap), and lowers it to ES2017 (scripts/glue.mjs). A
#      classic-script copy, X.iife.js (global `yibao`), is made for browsers
#      without ES modules (Chrome 57-60), and a base64 copy of the .wasm.
#   6. the element: www/js/element.js bundled with the library (imported as
#      'yibao') into yibao-calculator.js, an ES2017 classic script, its
#      stylesheet made from the page's (www/css/*.css, embed.css, more.css) (scripts/element-css.mjs), its types
#      (www/js/element.d.ts); then package.json and README.md
#      (scripts/pkg-meta.mjs; the README lists the release's policy sets).
#   7. dist/: www/ as it is, but its ES modules (www/js/) bundled by esbuild
#      into app.js, one ES2017 classic script (the page's first result needs
#      no module loading, and the old engines no module support), and what
#      the first result does not need (www/js/more.js) into more.js.
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
mkdir -p "$YIBAO_ROOT/target"
stage="$(mktemp -d "$YIBAO_ROOT/target/web-stage.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/pkg" "$stage/mods"

# build_module NAME FEATURES ENTRY GLOBAL [OPT_LEVEL]
#   One WebAssembly module of the crate, built with the Cargo features
#   FEATURES only ("" for none; the default features are off), steps 1-5
#   above, into $stage/mods/NAME/: NAME_bg.wasm, NAME.js (the ES module:
#   ENTRY, which imports wasm-bindgen's loader as './yibao_glue.js', bundled
#   with it), NAME.iife.js (the same as a classic script, global GLOBAL),
#   NAME_bg.wasm.js (the .wasm as base64), NAME.d.ts, NAME_bg.wasm.d.ts.
#   OPT_LEVEL is rustc's (default z, for size).
#   The modules: yibao (default features: the npm package, pkg/), yibao-lite
#   (no household functions: what the page's first result loads).
build_module() {
  local mod="$1" features="$2" entry="$3" global="$4" opt="${5:-z}"
  local out="$stage/mods/$mod" work="$stage/work-$mod"
  mkdir -p "$out" "$work/in" "$work/bindgen"
  echo "web: $mod: cargo build (wasm32-unknown-unknown, target-cpu=mvp, release, opt-level $opt, features '${features}')"
  env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="-C target-cpu=mvp" CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" \
    cargo build --lib --release --target wasm32-unknown-unknown --target-dir "$wasm_target_dir" \
    --no-default-features ${features:+--features "$features"}
  local raw="$wasm_target_dir/wasm32-unknown-unknown/release/$name.wasm"
  [ -f "$raw" ] || die "cargo did not produce $raw (is crate-type cdylib in Cargo.toml?)"

  node scripts/wasm-sections.mjs strip target_features "$raw" "$work/in/$mod.wasm"

  wasm-bindgen --target web --out-dir "$work/bindgen" "$work/in/$mod.wasm"
  local f
  for f in "$mod.js" "${mod}_bg.wasm" "$mod.d.ts" "${mod}_bg.wasm.d.ts"; do
    [ -f "$work/bindgen/$f" ] || die "wasm-bindgen did not write $f"
  done

  echo "web: $mod: wasm-opt (lower to MVP, -Oz)"
  wasm-opt "$work/bindgen/${mod}_bg.wasm" "${opt_flags[@]}" -o "$out/${mod}_bg.wasm"

  # The loader: drop import.meta (ES2020), append the restart, bundle it
  # under ENTRY and lower to ES2017.
  node scripts/glue.mjs "$work/bindgen/$mod.js" "$work/bindgen/yibao_glue.js" "${mod}_bg.wasm" src/glue-restart.js
  cp "$entry" "$work/bindgen/$mod.entry.js"
  # The entry names every export of the full module; one built without some
  # of them has those undefined (src/yibao.js says what they are then).
  esbuild "$work/bindgen/$mod.entry.js" --bundle --target=es2017 --format=esm \
    --define:YIBAO_VERSION="\"$(crate_version)\"" --log-level=warning --log-override:import-is-undefined=silent \
    --outfile="$out/$mod.js"
  # The classic script is what the page loads, so it ships minified; the ES
  # module stays readable for those who import it.
  esbuild "$out/$mod.js" --target=es2017 --format=iife --global-name="$global" --minify \
    --log-level=warning --outfile="$out/$mod.iife.js"
  cp "$work/bindgen/$mod.d.ts" "$work/bindgen/${mod}_bg.wasm.d.ts" "$out/"

  # The same .wasm as a classic script (base64), for hosts whose fetch of
  # the .wasm cannot work: an <iframe sandbox="allow-scripts"> has an opaque
  # origin, so fetching the .wasm needs an Access-Control-Allow-Origin
  # header, while a <script src> needs none; some portals also refuse
  # unknown file types. (www/js/core.js reads its global.)
  node -e '
const fs = require("node:fs");
const [wasm, out, mod] = process.argv.slice(1);
const b64 = fs.readFileSync(wasm).toString("base64");
fs.writeFileSync(out, "/* " + mod + "_bg.wasm as base64: see scripts/build-web.sh */\nvar yibao_wasm_base64 = \"" + b64 + "\";\n");
' "$out/${mod}_bg.wasm" "$out/${mod}_bg.wasm.js" "$mod"
}

opt_text="$(wasm_opt_flags)"
mapfile -t opt_flags <<<"$opt_text"
build_module "$name" "household text bill change" src/yibao.js "$name"
build_module "$name-lite" "" src/yibao.js "${name}Lite"
build_module "$name-batch" batch src/yibao-batch.js "${name}Batch" 3
build_module "$name-xlsx" xlsx src/yibao-xlsx.js "${name}Xlsx" "${YIBAO_XLSX_OPT:-z}"
cp "$stage/mods/$name"/* "$stage/pkg/"

# The element: its own classic script, with the library in it (the page's
# app.js does not load it); its CSS and types; then package.json and README.
echo "web: the <yibao-calculator> element, package.json, README.md"
esbuild www/js/element.js --bundle --format=iife --target=es2017 --minify --log-level=warning \
  --alias:yibao="$stage/pkg/$name.js" --outfile="$stage/pkg/yibao-calculator.js"
node scripts/element-css.mjs www/css/*.css www/embed.css www/more.css >"$stage/yibao-calculator.css"
esbuild "$stage/yibao-calculator.css" --minify --target=es2017 --log-level=warning --outfile="$stage/pkg/yibao-calculator.css"
cp www/js/element.d.ts "$stage/pkg/yibao-calculator.d.ts"
node scripts/pkg-meta.mjs "$stage/pkg"

rm -rf pkg
mv "$stage/pkg" pkg

# dist/: everything in www/ (whatever the page author put there) but its ES
# modules (www/js/), which esbuild bundles into one ES2017 classic script,
# app.js, the one the pages load; then pkg's files (not its package.json
# and README.md).
mkdir -p "$stage/dist"
if [ -d www ] && [ -n "$(ls -A www)" ]; then
  cp -R www/. "$stage/dist/"
  rm -rf "$stage/dist/.gitkeep" "$stage/dist/js" "$stage/dist/css"
  # style.css: www/css/*.css, one concern a file, joined in name order.
  if [ -d www/css ]; then
    cat www/css/*.css >"$stage/dist/style.css"
  fi
  # app.js and more.js (scripts/bundle-page.mjs: a module both use is in
  # app.js only).
  if [ -f www/js/main.js ]; then
    node scripts/bundle-page.mjs www/js "$stage/dist"
  fi
  # batch.html's own scripts, which index.html never loads: the page's
  # (batch.js) and its worker's, with the lists' module's loader in it.
  if [ -f www/js/batch.js ]; then
    esbuild www/js/batch.js --bundle --format=iife --target=es2017 --minify --charset=utf8 --log-level=warning \
      --outfile="$stage/dist/batch.js"
    esbuild www/js/batch-worker.js --bundle --format=iife --target=es2017 --minify --charset=utf8 --log-level=warning \
      --alias:yibao-batch="$stage/mods/$name-batch/$name-batch.js" --outfile="$stage/dist/batch-worker.js"
    esbuild www/js/xlsx-worker.js --bundle --format=iife --target=es2017 --minify --charset=utf8 --log-level=warning \
      --alias:yibao-xlsx="$stage/mods/$name-xlsx/$name-xlsx.js" --outfile="$stage/dist/xlsx-worker.js"
  fi
  # The page's scripts and styles ship minified (ES2017, as they are written);
  # the scripts' Chinese as UTF-8 (3 bytes a character, not a 6-byte \uXXXX:
  # app.js is 6 KB smaller, 0.2 KB gzip), since the pages that load them are
  # UTF-8 and a script without a charset of its own is read in its page's
  # encoding. (The element's files, which a host page in GBK may load, keep
  # ASCII escapes; so does CSS, where they compress better.)
  for f in "$stage"/dist/*.js "$stage"/dist/*.css; do
    [ -e "$f" ] || continue
    case "$f" in *.css) opts=(--loader:.css=css) ;; *) opts=(--loader:.js=js --charset=utf8) ;; esac
    esbuild "$f" --minify --target=es2017 "${opts[@]}" --log-level=warning \
      --outfile="$f.min" && mv "$f.min" "$f"
  done
else
  note "web: warning: www/ is empty or missing; dist/ holds only the pkg files"
fi
for f in pkg/*; do
  case "$(basename "$f")" in package.json | README.md) continue ;; esac
  [ ! -e "$stage/dist/$(basename "$f")" ] || note "web: warning: www/$(basename "$f") is overwritten by pkg/$(basename "$f")"
  cp "$f" "$stage/dist/"
done
# The page's own module (index.html and embed.html load it; www/js/core.js
# loadFull() loads the full one, pkg's, when a family, a bill or a change
# of status is asked about).
for f in "$stage/mods/$name-lite"/*; do
  case "$f" in *.d.ts) continue ;; esac
  cp "$f" "$stage/dist/"
done
# The lists' module: its .wasm and base64 copy (its loader is in batch-worker.js).
cp "$stage/mods/$name-batch/${name}-batch_bg.wasm" "$stage/mods/$name-batch/${name}-batch_bg.wasm.js" "$stage/dist/"
# The workbooks' module: the same (its loader is in xlsx-worker.js).
cp "$stage/mods/$name-xlsx/${name}-xlsx_bg.wasm" "$stage/mods/$name-xlsx/${name}-xlsx_bg.wasm.js" "$stage/dist/"
rm -rf dist
mv "$stage/dist" dist

bytes="$(wc -c <"pkg/${name}_bg.wasm")"
gz="$(gzip -9c "pkg/${name}_bg.wasm" | wc -c)"
js="$(wc -c <"pkg/$name.js")"
lite="$(gzip -9c "dist/${name}-lite_bg.wasm" | wc -c)"
batch="$(gzip -9c "dist/${name}-batch_bg.wasm" | wc -c)"
xlsx="$(gzip -9c "dist/${name}-xlsx_bg.wasm" | wc -c)"
echo "web: pkg/${name}_bg.wasm $bytes bytes ($gz gzip -9), dist/${name}-lite_bg.wasm $(wc -c <"dist/${name}-lite_bg.wasm") bytes ($lite gzip -9), dist/${name}-batch_bg.wasm $(wc -c <"dist/${name}-batch_bg.wasm") bytes ($batch gzip -9), dist/${name}-xlsx_bg.wasm $(wc -c <"dist/${name}-xlsx_bg.wasm") bytes ($xlsx gzip -9), pkg/$name.js $js bytes; dist/ has $(find dist -type f | wc -l) files; $((SECONDS - t0)) s"
