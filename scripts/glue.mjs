#!/usr/bin/env node
// Step 5 of scripts/build-web.sh: wasm-bindgen's loader made fit for the
// page. Its default wasm URL `new URL('X_bg.wasm', import.meta.url)` becomes
// the relative URL 'X_bg.wasm' (import.meta is ES2020; dist/ is flat, so the
// wasm sits next to the page), and src/glue-restart.js is appended (a fresh
// instance after a call that trapped), after checking that the loader still
// has what it uses.
//
//   node scripts/glue.mjs LOADER.js OUT.js X_bg.wasm src/glue-restart.js
import fs from 'node:fs';

const [input, output, wasmFile, restart] = process.argv.slice(2);
let src = fs.readFileSync(input, 'utf8');
const re = /new URL\((['"])([^'"]+)\1,\s*import\.meta\.url\)/g;
const hits = [...src.matchAll(re)];
if (hits.length !== 1 || hits[0][2] !== wasmFile) {
  console.error(`error: expected one "new URL('${wasmFile}', import.meta.url)" in the wasm-bindgen loader, found ${hits.length}; the loader changed, update scripts/glue.mjs`);
  process.exit(1);
}
src = src.replace(re, (_, q, file) => `${q}${file}${q}`);
if (/import\.meta/.test(src)) {
  console.error('error: the wasm-bindgen loader still uses import.meta; update scripts/glue.mjs');
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
