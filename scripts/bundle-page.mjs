#!/usr/bin/env node
// The page's two scripts, from its ES modules (step 7 of
// scripts/build-web.sh): app.js, what the first result needs (entry
// www/js/main.js), and more.js, what it does not (entry www/js/more.js,
// which app.js loads with the first answer: calc.js later()). Both are
// ES2017 classic scripts (old engines have no ES modules), minified, with
// their Chinese as UTF-8.
//
// A module both scripts use is in app.js only: app.js hands what more.js
// imports of it to more.js through one global (self.yibaoPage, by module
// path and name), and in more.js an import of such a module reads that
// global instead of bundling a second copy. So each module runs once, with
// one state, more.js holds only its own modules, and app.js keeps only the
// names more.js imports beyond its own (the page's modules import by name,
// `import { a, b } from './x.js'`; a namespace import would keep them all,
// and is refused).
//
//   node scripts/bundle-page.mjs WWW_JS_DIR OUT_DIR
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const [dirArg, outArg] = process.argv.slice(2);
if (!dirArg || !outArg) {
  console.error('usage: node scripts/bundle-page.mjs WWW_JS_DIR OUT_DIR');
  process.exit(2);
}
const dir = resolve(dirArg);
const out = resolve(outArg);
const GLOBAL = 'yibaoPage';
const common = { bundle: true, format: 'iife', target: 'es2017', minify: true, charset: 'utf8', logLevel: 'warning' };

// The modules a bundle of `entry` is made of, by path relative to dir.
async function graph(entry) {
  const r = await build({ ...common, entryPoints: [join(dir, entry)], metafile: true, write: false, outfile: join(out, 'graph.js') });
  return new Set(Object.keys(r.metafile.inputs).map((p) => relative(dir, resolve(p))));
}

const appGraph = await graph('main.js');
const moreGraph = await graph('more.js');
const shared = [...moreGraph].filter((m) => m !== 'more.js' && appGraph.has(m)).sort();
const own = [...moreGraph].filter((m) => !shared.includes(m));

// What more.js's own modules import from each shared one, by name.
const wanted = new Map(shared.map((m) => [m, new Set()]));
for (const m of own) {
  const src = readFileSync(join(dir, m), 'utf8');
  if (/^import\s*\*/m.test(src)) {
    console.error(`bundle-page: ${m} imports a namespace; import by name (see scripts/bundle-page.mjs)`);
    process.exit(1);
  }
  for (const [, names, from] of src.matchAll(/^(?:import|export)\s*\{([^}]*)\}\s*from\s*'([^']+)'/gm)) {
    const p = relative(dir, resolve(dir, from));
    if (!wanted.has(p)) continue;
    for (const n of names.split(',').map((x) => x.trim().split(/\s+as\s+/)[0]).filter(Boolean)) wanted.get(p).add(n);
  }
}

// app.js: main.js, then those names under the global, by module.
const list = [...wanted].filter(([, names]) => names.size).map(([m, names], i) => [m, [...names].sort(), i]);
const entry = [
  "import './main.js';",
  ...list.map(([m, names, i]) => `import { ${names.map((n) => `${n} as m${i}_${n}`).join(', ')} } from './${m}';`),
  `self.${GLOBAL} = { ${list.map(([m, names, i]) => `${JSON.stringify(m)}: { ${names.map((n) => `${n}: m${i}_${n}`).join(', ')} }`).join(', ')} };`,
].join('\n');
await build({ ...common, stdin: { contents: entry, resolveDir: dir, sourcefile: 'app-entry.js', loader: 'js' }, outfile: join(out, 'app.js') });

// more.js: an import of a shared module reads the global.
const fromApp = {
  name: 'from-app',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (a) => {
      const p = relative(dir, resolve(a.resolveDir, a.path));
      return shared.includes(p) ? { path: p, namespace: 'from-app' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'from-app' }, (a) => ({ contents: `module.exports = self.${GLOBAL}[${JSON.stringify(a.path)}];`, loader: 'js' }));
  },
};
await build({ ...common, entryPoints: [join(dir, 'more.js')], globalName: 'yibaoMore', plugins: [fromApp], outfile: join(out, 'more.js') });

const size = (f) => readFileSync(join(out, f)).length;
console.log(`web: app.js ${size('app.js')} bytes, more.js ${size('more.js')} bytes (its own modules: ${own.join(', ')}; from app.js: ${list.map(([m, n]) => `${m} ${n.join(' ')}`).join('; ') || 'none'})`);
