#!/usr/bin/env node
// `make bench` (issue 5): what the page costs to load and to use, on this
// machine. Prints the tables and writes them to bench/results.md (raw numbers
// in target/bench/results.json).
//
//   node scripts/bench.mjs [--dir dist] [--requests FILE] [--loads N] [--no-browser]
//
//  1. Bytes (raw / gzip -9 / brotli) of every file the first result needs:
//     index.html, what it links (stylesheets, scripts) and what it or its
//     scripts fetch('…') (the .wasm). KB = 1000 bytes; gzip is the gzip
//     command, as in the last line of `make web`; brotli is Node's, quality 11.
//  2. Time from navigation to the first result in headless Chromium (Debian's,
//     via playwright-core): index.html#<share link of a Yuyao 2024 adult> is
//     loaded in a fresh browser context (empty cache) and the time is the
//     page's `yibao-first-result` performance mark (www/app.js sets it when the
//     first result is on the page; its startTime counts from navigation).
//     Median of N loads (default 15), as is, and with 4x CPU throttling plus
//     a slow-4G network (1.6 Mbps down, 750 kbps up, 150 ms RTT); then the
//     throttled profile once more with eager TurboFan (no Liftoff, no lazy
//     compilation: as Chrome 57-68 compiled wasm).
//  3. The same for the floor: the smallest wasm-bindgen page (bench/floor, one
//     exported add()), built here by the steps of scripts/build-web.sh and
//     served from a temp dir by scripts/serve.mjs like dist/. Budget: yibao at
//     most 1.3x the floor.
//  4. quote() per call, in Chromium (in the page, after init), in Node (dist/
//     yibao.js initialised from the bytes) and native (examples/native_bench.rs):
//     batches of calls cycling through the requests in FILE (default
//     scripts/bench-requests.json), the median of the per-batch means (the
//     page's clock is coarse), after warm-up batches whose mean is shown too;
//     in Chromium, the median over 5 fresh pages (CALL_PAGES).
//  5. 100,000 varied requests (seeded, generated inside the page from
//     policies()) through quote() in Chromium: total time, median of the
//     same 5 pages.
//  6. A household (--household FILE, default scripts/bench-household.json,
//     10 members): quoteHousehold() against quote() on each member's own
//     request, one after the other (the same answers: checked first), in
//     batches of each in turn; the median of the pairs' ratios, in Chromium
//     (the same 5 pages), Node and native. Budget: at most 1.2x.
//  7. What a person could feel, in Chromium with 4x CPU throttling (CDP
//     Emulation.setCPUThrottlingRate), in FEEL_PAGES fresh pages after their
//     first result: one quote() call (budget: within a frame, 16 ms), one
//     household of 10 (50 ms), and a key typed into the birth date to the
//     answer painted (100 ms: from the key's event timestamp to the task
//     after the next frame, i.e. after its paint). Each the median of its
//     samples against the budget, the slowest shown beside. These replace the microsecond budgets of issue 5 (15 µs a
//     call, 100,000 requests in 1.5 s), which no person could tell apart
//     (issue 22); those figures are still shown, without a budget.
// Budgets are shown beside the figures (✓/✗); they are not tests: the
// machines are noisy. Not part of `make test`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from './serve.mjs';
import { benchBatch, benchBrowserBatch, benchBrowserXlsx } from './bench-batch.mjs';
import { BUDGET_FIRST_GZIP, sizes } from './first-result.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i === -1 ? def : args[i + 1];
};
const dir = resolve(opt('--dir', join(ROOT, 'dist')));
const requestsFile = resolve(opt('--requests', join(ROOT, 'scripts', 'bench-requests.json')));
const householdFile = resolve(opt('--household', join(ROOT, 'scripts', 'bench-household.json')));
const LOADS = Number(opt('--loads', '15'));
const withBrowser = !args.includes('--no-browser');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const PERSON = 'region=yuyao&year=2024&birth=1980-05-17&hukou=local&school=none';
const MARK = 'yibao-first-result';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const EAGER_TURBOFAN = '--js-flags=--no-liftoff --no-wasm-tier-up --no-wasm-lazy-compilation';
// Chrome DevTools' "Slow 4G": 1.6 Mbps down, 750 kbps up, 150 ms RTT.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 200000, uploadThroughput: 93750 };
const PROFILES = {
  normal: { label: 'as is', cpu: 1, net: null },
  slow: { label: '4× CPU, slow 4G', cpu: 4, net: SLOW_4G },
};
// Warm-up first: in a page that has just shown its first result, Chromium
// is still compiling the module's hot functions with its optimizing tier
// (and collecting the load's garbage); measured, the first ~8 batches of 500
// run 1.2 to 5 times slower than the rest. Their mean is reported beside the
// median, which is of the batches after them.
const QUOTE_BATCHES = { batches: 31, size: 500, warmup: 10 };
// quote() and the 100,000 requests are measured in this many fresh pages, and
// the median page is reported with the range: one page's figure moves by
// 15% from run to run on this machine.
const CALL_PAGES = 5;
const MANY = { count: 100000, seed: 20240517 };
// A household batch against as many rounds of its members' single quotes.
const HOUSEHOLD_BATCHES = { batches: 31, size: 40, warmup: 10 };
// What a person could feel is measured in this many fresh, throttled pages.
const FEEL_PAGES = 3;
const FEEL = { cpu: 4, quotes: 30, households: 20, keys: '1990-06-30' };
const BUDGET = { firstGzip: BUDGET_FIRST_GZIP, ratio: 1.3, batchMs: 250, batchPeakMb: 64, batchPageMs: 2000, taskMs: 50, household: 1.2,
  feelQuoteMs: 16, feelHouseholdMs: 50, feelInputMs: 100 };

if (!existsSync(join(dir, 'yibao_bg.wasm'))) {
  console.error(`bench: ${dir}/yibao_bg.wasm missing: run make web first`);
  process.exit(1);
}
const requests = JSON.parse(readFileSync(requestsFile, 'utf8'));
if (!Array.isArray(requests) || requests.length === 0) {
  console.error(`bench: ${requestsFile} must hold a non-empty JSON array of quote requests`);
  process.exit(1);
}
const household = JSON.parse(readFileSync(householdFile, 'utf8'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const ms = (x) => (x < 0.1 ? `${(x * 1000).toFixed(1)} µs` : x < 1000 ? `${x.toFixed(x < 10 ? 2 : 0)} ms` : `${(x / 1000).toFixed(2)} s`);
const mark = (ok) => (ok ? '✓' : '✗');
const env = { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${join(process.env.CARGO_HOME || join(process.env.HOME, '.cargo'), 'bin')}:${process.env.PATH}` };

function run(cmd, argv, extra = {}) {
  const { capture, ...opts } = extra;
  const r = spawnSync(cmd, argv, { cwd: ROOT, env, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    console.error(`bench: ${cmd} ${argv.join(' ')} failed (${r.error ? r.error.message : `exit ${r.status}`})`);
    process.exit(1);
  }
  return r.stdout;
}

// ------------------------------------------------------------------ bytes

// sizes(site): scripts/first-result.mjs.

// ------------------------------------------------------------------ floor

// wasm-opt's flags, as scripts/build-web.sh reads them (Cargo.toml's
// package.metadata.wasm-pack, scripts/env.sh), so the floor cannot drift.
function wasmOptFlags() {
  const flags = run('bash', ['-c', '. scripts/env.sh && wasm_opt_flags'], { capture: true }).split('\n').filter(Boolean);
  if (!flags.length || flags.some((f) => !f.startsWith('-'))) {
    console.error('bench: cannot read the wasm-opt flags (scripts/env.sh wasm_opt_flags); update scripts/bench.mjs');
    process.exit(1);
  }
  return flags;
}

// bench/floor built as scripts/build-web.sh builds yibao, into a temp dir with its index.html.
function buildFloor(out) {
  const crate = join(ROOT, 'bench', 'floor');
  const targetDir = join(ROOT, 'target', 'bench-floor');
  const stage = join(out, 'stage');
  mkdirSync(stage, { recursive: true });
  console.log('bench: building the floor page (bench/floor)');
  const { CARGO_ENCODED_RUSTFLAGS, ...cargoEnv } = env;
  run('cargo', ['build', '--lib', '--release', '--locked', '--quiet', '--manifest-path', join(crate, 'Cargo.toml'),
    '--target', 'wasm32-unknown-unknown', '--target-dir', targetDir], { env: { ...cargoEnv, RUSTFLAGS: '-C target-cpu=mvp' } });
  run('node', ['scripts/wasm-sections.mjs', 'strip', 'target_features',
    join(targetDir, 'wasm32-unknown-unknown', 'release', 'floor.wasm'), join(stage, 'floor.wasm')]);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', stage, join(stage, 'floor.wasm')]);
  run(join(ROOT, 'node_modules', '.bin', 'wasm-opt'), [join(stage, 'floor_bg.wasm'), ...wasmOptFlags(), '-o', join(out, 'floor_bg.wasm')]);
  const js = readFileSync(join(stage, 'floor.js'), 'utf8').replace(/new URL\((['"])([^'"]+)\1,\s*import\.meta\.url\)/g, '$1$2$1');
  writeFileSync(join(stage, 'floor.noimportmeta.js'), js);
  run(join(ROOT, 'node_modules', '.bin', 'esbuild'), [join(stage, 'floor.noimportmeta.js'), '--target=es2017', '--format=iife', '--minify',
    '--global-name=floor', '--log-level=warning', `--outfile=${join(out, 'floor.iife.js')}`]);
  copyFileSync(join(crate, 'index.html'), join(out, 'index.html'));
  rmSync(stage, { recursive: true });
}

// --------------------------------------------------- run in Node and pages
// These two are also stringified into the page: no outside names.

// quote() timed in batches cycling through the requests; the median of the
// per-batch means (a batch, not a call, because the page's clock is coarse).
function quoteBatches(quote, { requests, batches, size, warmup }) {
  const call = (r) => {
    try {
      quote(r);
    } catch (e) {
      // The error path is timed too; native_bench reports how many requests err.
    }
  };
  let t = performance.now();
  call(requests[0]);
  const first = performance.now() - t;
  const warm = [];
  const means = [];
  for (let b = -warmup; b < batches; b++) {
    t = performance.now();
    for (let i = 0; i < size; i++) call(requests[i % requests.length]);
    (b < 0 ? warm : means).push((performance.now() - t) / size);
  }
  means.sort((x, y) => x - y);
  return { first_ms: first, warmup_ms: warm.reduce((a, x) => a + x, 0) / warm.length, warmup_calls: warmup * size, median_ms: means[(batches - 1) >> 1], calls: batches * size };
}

// `count` requests from a seeded generator over what policies() lists, then
// the time to answer them all.
function manyQuotes(yb, { count, seed }) {
  let s = seed >>> 0;
  const rnd = () => { // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const pad = (n) => (n < 10 ? '0' : '') + n;
  const sets = yb.policies();
  const reqs = [];
  for (let i = 0; i < count; i++) {
    const p = pick(sets);
    const r = {
      region: p.region,
      benefit_year: p.benefit_year,
      date: pick([p.enrollment.start, p.enrollment.end, p.benefit_period.start, p.benefit_period.end]),
      birth_date: `${p.benefit_year - 1 - Math.floor(rnd() * 95)}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`,
      hukou: rnd() < 0.8 ? 'local' : 'nonlocal',
      school: rnd() < 0.85 ? 'none' : pick(['primary_secondary', 'college']),
      employee_insurance: rnd() < 0.05,
      identities: p.identities.filter(() => rnd() < 0.04).map((x) => x.id),
    };
    if (r.hukou === 'nonlocal') r.residence_permit = rnd() < 0.7;
    if (p.districts.length) r.district = pick(p.districts).id;
    if (p.has_qianwan && rnd() < 0.1) r.qianwan = true;
    if (p.yongningbao && rnd() < 0.5) {
      r.bill = {};
      for (const x of p.yongningbao.responsibilities) if (rnd() < 0.5) r.bill[x.id] = Math.floor(rnd() * 20000000) / 100;
      if (rnd() < 0.2) r.bill.counted_before = { in_scope: Math.floor(rnd() * 5000000) / 100 };
    }
    reqs.push(r);
  }
  const codes = {};
  const t = performance.now();
  for (const r of reqs) {
    try {
      yb.quote(r);
    } catch (e) {
      codes[e.code] = (codes[e.code] || 0) + 1;
    }
  }
  return { total_ms: performance.now() - t, count, errors: codes };
}

// quoteHousehold() against quote() on each member's own request: batches of
// each in turn (so that drift hits both alike); the medians of the per-call
// means and the median of the pairs' ratios.
function householdBatches(yb, { household, singles, batches, size, warmup }) {
  const time = (f) => {
    const t = performance.now();
    for (let i = 0; i < size; i++) f();
    return (performance.now() - t) / size;
  };
  const whole = () => yb.quoteHousehold(household);
  const each = () => {
    for (let j = 0; j < singles.length; j++) yb.quote(singles[j]);
  };
  const h = [];
  const s = [];
  const r = [];
  for (let b = -warmup; b < batches; b++) {
    const x = time(whole);
    const y = time(each);
    if (b >= 0) {
      h.push(x);
      s.push(y);
      r.push(x / y);
    }
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[(xs.length - 1) >> 1];
  return { members: singles.length, household_ms: mid(h), singles_ms: mid(s), ratio: mid(r), calls: batches * size };
}

// Each member's own quote request: the shared fields, the member's person
// fields, and a newborn's parent conditions as the household took them (from
// the member its answer names).
function memberRequests(req, answer) {
  const { members, ...shared } = req;
  const own = ['name', 'relation', 'employee_insurance_months', 'insured_normal'];
  const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
  return members.map((m, i) => {
    const one = { ...shared, ...Object.fromEntries(Object.entries(m).filter(([k]) => !own.includes(k))) };
    const via = answer.members[i].newborn_parent;
    if (via && !m.newborn_parent) {
      const p = members[via.member];
      one.newborn_parent = defined({ residence_permit: p.residence_permit || false, employee_insurance_months: p.employee_insurance_months, insured_normal: p.insured_normal });
    }
    return one;
  });
}

// ------------------------------------------------------------------ Chromium

// One load in a fresh context: ms from navigation to the page's mark.
async function firstResult(browser, url, profile) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (profile.cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    if (profile.net) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', profile.net);
    }
    await page.goto(url, { waitUntil: 'commit', timeout: 60000 });
    // Waits without polling (polling would compete with the page for the CPU).
    return await page.evaluate((name) => new Promise((done) => {
      const seen = () => performance.getEntriesByName(name)[0];
      if (seen()) return done(seen().startTime);
      new PerformanceObserver(() => seen() && done(seen().startTime)).observe({ type: 'mark' });
    }), MARK);
  } finally {
    await context.close();
  }
}

const launch = (extra = []) => import('playwright-core').then(({ chromium }) =>
  chromium.launch({ executablePath: chromiumPath, args: [...LAUNCH_ARGS, ...extra] }));

// N loads of each page, alternating, so that drift in the machine hits both.
async function firstResults(browser, pages, profile, loads) {
  const times = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
  for (let i = 0; i < loads; i++) {
    for (const [k, url] of Object.entries(pages)) times[k].push(await firstResult(browser, url, profile));
  }
  return Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, { median_ms: median(xs), min_ms: Math.min(...xs), max_ms: Math.max(...xs) }]));
}

// quote() and the 100,000 requests in CALL_PAGES fresh pages: the median of
// each figure over the pages, with its range.
async function inPages(browser, url) {
  const runs = [];
  for (let i = 0; i < CALL_PAGES; i++) runs.push(await inPage(browser, url));
  const mid = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
  const q = (k) => mid(runs.map((r) => r.quote[k]));
  return {
    pages: CALL_PAGES,
    quote: { median_ms: q('median_ms').median, range_ms: q('median_ms'), warmup_ms: q('warmup_ms').median, first_ms: q('first_ms').median, calls: runs[0].quote.calls },
    many: { ...runs[0].many, total_ms: mid(runs.map((r) => r.many.total_ms)).median, range_ms: mid(runs.map((r) => r.many.total_ms)) },
    household: {
      ...runs[0].household,
      household_ms: mid(runs.map((r) => r.household.household_ms)).median,
      singles_ms: mid(runs.map((r) => r.household.singles_ms)).median,
      ratio: mid(runs.map((r) => r.household.ratio)).median,
      range: mid(runs.map((r) => r.household.ratio)),
    },
  };
}

// quote() and the 100,000 requests in the real page, after its first result.
async function inPage(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, MARK);
    // fn(lib, arg) in the page: lib is the page's own module (yibaoLite),
    // or for households the full one, which the page loads for a family
    // (www/js/core.js loadFull()) and is loaded here the same way.
    const call = (fn, lib, arg) => page.evaluate(`(${fn})(${lib}, ${JSON.stringify(arg)})`);
    const quote = await call(quoteBatches, 'yibaoLite.quote', { requests, ...QUOTE_BATCHES });
    const many = await call(manyQuotes, 'yibaoLite', MANY);
    await loadFull(page);
    return {
      quote,
      many,
      household: await call(householdBatches, 'yibao', { household, singles, ...HOUSEHOLD_BATCHES }),
    };
  } finally {
    await context.close();
  }
}

// The full module (household functions), loaded into a page that shows
// the lite one, as the page itself does for a family (core.js loadFull()).
function loadFull(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = 'yibao.iife.js';
    s.onload = resolve;
    s.onerror = reject;
    document.head.appendChild(s);
  }).then(() => window.yibao.default({ module_or_path: 'yibao_bg.wasm' })));
}

// What a person could feel: FEEL_PAGES fresh pages throttled FEEL.cpu
// times, each: single quote() calls (by the page's first module, or for a
// bill or a change of status by the full one, as the page asks them:
// www/js/ask.js) and households (one call timed at a time, the slowest kept), then keys typed into the birth date, each timed
// from its event to the task after the next frame (the answer painted).
async function feel(browser, url) {
  const runs = [];
  for (let i = 0; i < FEEL_PAGES; i++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: FEEL.cpu });
      await page.goto(url);
      await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, MARK, { timeout: 60000 });
      await loadFull(page);
      const calls = await page.evaluate(`((requests, household, n, h) => {
        const each = (f, count) => { const ms = []; for (let i = 0; i < count; i++) { const t = performance.now(); f(i); ms.push(performance.now() - t); } return ms; };
        return { quote: each((i) => { const r = requests[i % requests.length]; return (r.bill || r.change ? yibao : yibaoLite).quote(r); }, n), household: each(() => yibao.quoteHousehold(household), h) };
      })(${JSON.stringify(requests)}, ${JSON.stringify(household)}, ${FEEL.quotes}, ${FEEL.households})`);
      await page.evaluate(() => {
        window.__feel = [];
        document.addEventListener('keydown', (e) => {
          const start = e.timeStamp;
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => window.__feel.push(performance.now() - start);
            ch.port2.postMessage(0);
          });
        }, true);
      });
      const birth = page.locator('input[name="birth"]');
      await birth.click();
      await birth.fill('');
      await page.keyboard.type(FEEL.keys, { delay: 150 });
      await page.waitForTimeout(300);
      runs.push({ ...calls, input: await page.evaluate(() => window.__feel) });
    } finally {
      await context.close();
    }
  }
  // Each: the median, the slowest and how many.
  const all = (k) => {
    const xs = runs.flatMap((r) => r[k]);
    return { median_ms: median(xs), max_ms: Math.max(...xs), n: xs.length };
  };
  return { pages: FEEL_PAGES, cpu: FEEL.cpu, quote: all('quote'), household: all('household'), input: all('input') };
}

// ------------------------------------------------------------------ main

const t0 = performance.now();
const results = { date: new Date().toISOString(), machine: {}, sizes: {}, first_result: {}, quote: {} };
const floorDir = mkdtempSync(join(ROOT, 'target', 'bench-floor-site.'));
// The household's members' own requests (set once the module is loaded).
let singles = [];
try {
  buildFloor(floorDir);
  results.sizes = { yibao: sizes(dir), floor: sizes(floorDir) };

  console.log('bench: native quote_json (cargo run --release --example native_bench)');
  const native = run('cargo', ['run', '--release', '--quiet', '--example', 'native_bench', '--', requestsFile, householdFile], { capture: true });
  results.quote.native = JSON.parse(native.trim().split('\n').pop());

  console.log('bench: yibao batch (release CLI), 100,000 and 1,000,000 rows');
  results.batch = await benchBatch();

  console.log('bench: Node');
  const wasmBytes = readFileSync(join(dir, 'yibao_bg.wasm'));
  const compile = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await WebAssembly.compile(wasmBytes);
    compile.push(performance.now() - t);
  }
  const yb = await import(pathToFileURL(join(dir, 'yibao.js')).href);
  let t = performance.now();
  await yb.default({ module_or_path: wasmBytes });
  const init = performance.now() - t;
  t = performance.now();
  yb.policies();
  results.quote.node = { compile_ms: median(compile), init_ms: init, policies_ms: performance.now() - t, ...quoteBatches(yb.quote, { requests, ...QUOTE_BATCHES }) };
  const answer = yb.quoteHousehold(household);
  singles = memberRequests(household, answer);
  singles.forEach((r, i) => {
    if (JSON.stringify(yb.quote(r)) !== JSON.stringify(answer.members[i].quote)) {
      console.error(`bench: member ${i} of ${householdFile}: quote() of its own request differs from its household answer`);
      process.exit(1);
    }
  });
  results.household = { node: householdBatches(yb, { household, singles, ...HOUSEHOLD_BATCHES }), native: results.quote.native.household };

  if (withBrowser && !existsSync(chromiumPath)) console.error(`bench: ${chromiumPath} missing (scripts/setup.sh browser): no Chromium figures`);
  if (withBrowser && existsSync(chromiumPath)) {
    const servers = { yibao: await startServer({ dir, port: 0 }), floor: await startServer({ dir: floorDir, port: 0, csp: false }) };
    const pages = { yibao: `${servers.yibao.url}index.html#${PERSON}`, floor: `${servers.floor.url}index.html` };
    try {
      let browser = await launch();
      results.machine.chromium = browser.version();
      try {
        for (const [key, profile] of Object.entries(PROFILES)) {
          console.log(`bench: Chromium, first result, ${profile.label}, ${LOADS} loads of each page`);
          results.first_result[key] = { label: profile.label, ...(await firstResults(browser, pages, profile, LOADS)) };
        }
        console.log(`bench: Chromium, quote() and 100,000 requests in ${CALL_PAGES} pages`);
        results.quote.chromium = await inPages(browser, pages.yibao);
        results.household.chromium = results.quote.chromium.household;
        console.log(`bench: Chromium, what a person could feel (${FEEL.cpu}× CPU), ${FEEL_PAGES} pages`);
        results.feel = await feel(browser, pages.yibao);
        console.log('bench: Chromium, batch.html on 100,000 rows');
        results.batch.browser = await benchBrowserBatch(browser, servers.yibao.url);
        console.log('bench: Chromium, batch.html\'s workbooks (10,000 rows)');
        results.batch.xlsx = await benchBrowserXlsx(browser, servers.yibao.url);
      } finally {
        await browser.close();
      }
      browser = await launch([EAGER_TURBOFAN]);
      try {
        const label = `${PROFILES.slow.label}, eager TurboFan (Chrome 57–68)`;
        console.log(`bench: Chromium, first result, ${label}, ${LOADS} loads of each page`);
        results.first_result.eager = { label, ...(await firstResults(browser, pages, PROFILES.slow, LOADS)) };
      } finally {
        await browser.close();
      }
    } finally {
      await servers.yibao.close();
      await servers.floor.close();
    }
  }
} finally {
  rmSync(floorDir, { recursive: true, force: true });
}

// ------------------------------------------------------------------ report

const cpuModel = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m) || [])[1] || cpus()[0]?.model || 'unknown';
Object.assign(results.machine, {
  cpu: cpuModel.trim(),
  cores: cpus().length,
  memory_gb: Math.round(totalmem() / 1e9),
  node: process.version,
  rustc: run('rustc', ['--version'], { capture: true }).trim(),
});

// Figures right-aligned, the first column and any `notes` column left.
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i && h !== 'notes' ? ' ---: ' : ' --- ')).join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const within = (x, max) => `${mark(x <= max)}`;

const S = results.sizes;
const sizeRows = S.yibao.files.map((f) => [f.name, kb(f.raw), kb(f.gzip), kb(f.brotli)]);
sizeRows.push(['**total**', `**${kb(S.yibao.total.raw)}**`, `**${kb(S.yibao.total.gzip)}**`, `**${kb(S.yibao.total.brotli)}**`]);
sizeRows.push([`floor page total (${S.floor.files.map((f) => f.name).join(', ')})`, kb(S.floor.total.raw), kb(S.floor.total.gzip), kb(S.floor.total.brotli)]);
const wasm = S.yibao.files.find((f) => f.name.endsWith('.wasm'));

const budgetRows = [
  ['everything for the first result, gzip -9', kb(S.yibao.total.gzip), `≤ ${kb(BUDGET.firstGzip)}`, within(S.yibao.total.gzip, BUDGET.firstGzip)],
];
if (results.feel) {
  const f = results.feel;
  const where = (x) => `Chromium, ${f.cpu}× CPU, median of ${x.n} in ${f.pages} pages`;
  const figure = (x) => `${ms(x.median_ms)} (slowest ${ms(x.max_ms)})`;
  budgetRows.push([`quote(), one call (${where(f.quote)})`, figure(f.quote), `≤ ${ms(BUDGET.feelQuoteMs)}`, within(f.quote.median_ms, BUDGET.feelQuoteMs)]);
  budgetRows.push([`quoteHousehold(), a household of ${household.members.length} (${where(f.household)})`, figure(f.household), `≤ ${ms(BUDGET.feelHouseholdMs)}`, within(f.household.median_ms, BUDGET.feelHouseholdMs)]);
  budgetRows.push([`a key typed into the birth date to the answer painted (${where(f.input)})`, figure(f.input), `≤ ${ms(BUDGET.feelInputMs)}`, within(f.input.median_ms, BUDGET.feelInputMs)]);
}
const firstRows = [];
for (const r of Object.values(results.first_result)) {
  const ratio = r.yibao.median_ms / r.floor.median_ms;
  const budgeted = r !== results.first_result.eager;
  const span = (x) => `${ms(x.median_ms)} (${ms(x.min_ms)}–${ms(x.max_ms)})`;
  firstRows.push([r.label, span(r.yibao), span(r.floor), `${ratio.toFixed(2)}×`, budgeted ? `≤ ${BUDGET.ratio}× ${within(ratio, BUDGET.ratio)}` : 'none']);
  if (budgeted) budgetRows.push([`first result / floor, ${r.label}`, `${ratio.toFixed(2)}× (${ms(r.yibao.median_ms)} / ${ms(r.floor.median_ms)})`, `≤ ${BUDGET.ratio}×`, within(ratio, BUDGET.ratio)]);
}
const Q = results.quote;
const quoteRows = [['native (release, opt-level 3)', `${Q.native.median_us.toFixed(1)} µs`, '—', '—',
  `quote_json on JSON text (${Q.native.with_json_out_us.toFixed(1)} µs with the result also turned into JSON text, as the CLI prints it; as the WASM quote() also does, src/wasm.rs); ${Q.native.calls} calls`],
  [`Node ${process.version}`, ms(Q.node.median_ms), ms(Q.node.warmup_ms), ms(Q.node.first_ms), `compile ${ms(Q.node.compile_ms)}, init from bytes ${ms(Q.node.init_ms)}, first policies() ${ms(Q.node.policies_ms)}`]];
if (Q.chromium) {
  const c = Q.chromium;
  const range = (r) => `${ms(r.min)}–${ms(r.max)}`;
  quoteRows.push([`Chromium ${results.machine.chromium}`, `${ms(c.quote.median_ms)} (pages: ${range(c.quote.range_ms)})`, ms(c.quote.warmup_ms), ms(c.quote.first_ms),
    `in the page, after its first result; ${c.quote.calls} calls in each of ${c.pages} fresh pages, the median page`]);
  const errs = Object.entries(c.many.errors).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
  c.many.note = `errors (answered, but with an error): ${errs}`;
}
const HH = results.household;
// The ratio beside its goal (issue 14: at most 10 single quotes plus 20 %), for each of native, Node and Chromium.
const goal = (r) => `≤ ${BUDGET.household}× ${within(r, BUDGET.household)}`;
const householdRows = [
  ['native (release, opt-level 3)', `${HH.native.household_us.toFixed(1)} µs`, `${HH.native.singles_us.toFixed(1)} µs`, `${HH.native.ratio.toFixed(2)}×`, goal(HH.native.ratio), 'household_json against quote_json, JSON text in'],
  [`Node ${process.version}`, ms(HH.node.household_ms), ms(HH.node.singles_ms), `${HH.node.ratio.toFixed(2)}×`, goal(HH.node.ratio), `${HH.node.calls} calls of each`],
];
budgetRows.push([`household of ${HH.native.members} / its ${HH.native.members} single quotes, native`, `${HH.native.ratio.toFixed(2)}× (${HH.native.household_us.toFixed(1)} µs / ${HH.native.singles_us.toFixed(1)} µs)`, `≤ ${BUDGET.household}×`, within(HH.native.ratio, BUDGET.household)]);
budgetRows.push([`household of ${HH.node.members} / its ${HH.node.members} single quotes, Node`, `${HH.node.ratio.toFixed(2)}× (${ms(HH.node.household_ms)} / ${ms(HH.node.singles_ms)})`, `≤ ${BUDGET.household}×`, within(HH.node.ratio, BUDGET.household)]);
if (HH.chromium) {
  const c = HH.chromium;
  householdRows.push([`Chromium ${results.machine.chromium}`, ms(c.household_ms), ms(c.singles_ms), `${c.ratio.toFixed(2)}× (pages: ${c.range.min.toFixed(2)}–${c.range.max.toFixed(2)}×)`, goal(c.ratio),
    `in the page, after its first result; median of ${Q.chromium.pages} fresh pages`]);
  budgetRows.push([`household of ${c.members} / its ${c.members} single quotes, Chromium (median of ${Q.chromium.pages} pages)`, `${c.ratio.toFixed(2)}× (${ms(c.household_ms)} / ${ms(c.singles_ms)})`, `≤ ${BUDGET.household}×`, within(c.ratio, BUDGET.household)]);
}

const B = results.batch;
// OpenFisca reading such a CSV of 100,000 余姚 2024 residents with pandas, computing
// the same figures vectorised and writing a CSV: about 1.2-1.9 s on this machine
// (issue 15); the goal is at least 5 times faster, exact to the fen.
budgetRows.push([`yibao batch, ${B.rows.toLocaleString('en')} rows, whole process (median of 5)`, `${ms(B.ms)} (${ms(B.range_ms.min)}–${ms(B.range_ms.max)})`, `≤ ${ms(BUDGET.batchMs)}`, within(B.ms, BUDGET.batchMs)]);
budgetRows.push([`yibao batch ÷ the floor (the same 100,000 rows read and written with the csv crate alone: ${ms(B.floor.ms)}), same run`, `${B.ratio.toFixed(2)}×`, '≤ 7.8× (before issue 25: 6.3–7.8×, 2026-12-06, a loaded machine)', within(B.ratio, 7.8)]);
for (const h of B.hostile) budgetRows.push([`yibao batch, hostile: ${h.name}`, `${ms(h.ms)}, ${h.peak_mb.toFixed(1)} MB peak, exit ${h.code}`, '≤ 256 MB', within(h.peak_mb, 256)]);
budgetRows.push([`yibao batch, 1,000,000 rows, peak memory`, `${B.million.peak_mb.toFixed(1)} MB (${ms(B.million.ms)})`, `≤ ${BUDGET.batchPeakMb} MB`, within(B.million.peak_mb, BUDGET.batchPeakMb)]);
if (B.browser) {
  budgetRows.push([`batch.html, ${B.browser.rows.toLocaleString('en')} rows in Chromium, file chosen to answers shown (median of ${B.browser.runs} pages)`, `${ms(B.browser.ms)} (${ms(B.browser.range_ms.min)}–${ms(B.browser.range_ms.max)})`, `≤ ${ms(BUDGET.batchPageMs)}`, within(B.browser.ms, BUDGET.batchPageMs)]);
  budgetRows.push(['batch.html meanwhile, longest main-thread task', B.browser.longest_task_ms ? ms(B.browser.longest_task_ms) : 'none over 50 ms', `≤ ${ms(BUDGET.taskMs)}`, within(B.browser.longest_task_ms, BUDGET.taskMs)]);
}
if (B.xlsx) {
  const X = B.xlsx;
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  budgetRows.push(['batch.html, the workbooks\' module yibao-xlsx_bg.wasm (loaded only when a workbook is read or asked for)', `${kb(X.raw)} raw, ${kb(X.gzip)} gzip -9`, '—', '—']);
  budgetRows.push([`batch.html, a ${X.rows.toLocaleString('en')}-row .xlsx list: the module loaded, the workbook read, answered, its workbook written (median of ${X.runs} fresh pages)`, `${ms(X.read_ms)} (${ms(X.read_range_ms.min)}–${ms(X.read_range_ms.max)})`, `≤ ${ms(BUDGET.batchPageMs)}`, within(X.read_ms, BUDGET.batchPageMs)]);
  budgetRows.push([`batch.html, a ${X.rows.toLocaleString('en')}-row CSV list: 下载结果（Excel） to the download, the module's load included (median of ${X.runs})`, `${ms(X.asked_ms)} (${ms(X.asked_range_ms.min)}–${ms(X.asked_range_ms.max)})`, `≤ ${ms(BUDGET.batchPageMs)}`, within(X.asked_ms, BUDGET.batchPageMs)]);
}
const batchRow = ['yibao batch per row (release CLI)', `${B.per_row_us.toFixed(2)} µs`, '—', '—',
  `${(B.per_row_us / Q.native.median_us).toFixed(2)}× a single native quote_json: reading the CSV, the figures alone (no steps or sentences), writing the CSV`];

const m = results.machine;
const md = [
  '# `make bench` results',
  '',
  `${results.date.slice(0, 10)} · ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB memory · Chromium ${m.chromium || '(not run)'} (headless) · Node ${m.node} · ${m.rustc}`,
  '',
  "These are this machine's timings, not a phone's. Budgets are guides (✓/✗), not tests: the machines are noisy.",
  '',
  '## Budgets',
  '',
  table(['figure', 'measured', 'budget', ''], budgetRows),
  '',
  'Retired (issue 22): quote() within 15 µs a call and 100,000 requests within 1.5 s. No person can tell 25 µs from 150 µs on a click; ' +
    'what a person can feel is a frame (16 ms) for an answer, 50 ms for a family, 100 ms from a key to its answer on the screen, on a slow phone ' +
    `(here: ${results.feel ? results.feel.cpu : 4}× CPU throttling). The old figures are still below, without a budget; the separate .wasm budget is gone too, the first result's total is what a person waits for.`,
  '',
  '## Bytes for the first result (KB = 1000 bytes; scripts/serve.mjs sends the gzip -9 bytes)',
  '',
  table(['file', 'raw', 'gzip -9', 'brotli'], sizeRows),
  '',
  `## Navigation to first result, Chromium (median of ${LOADS} fresh loads, min–max)`,
  '',
  `yibao: \`index.html#${PERSON}\` (a share link: the page computes at once), to the \`${MARK}\` mark. ` +
    'floor: bench/floor, one wasm-bindgen `add()`, same build steps and server. Slow 4G: 1.6 Mbps down, 750 kbps up, 150 ms RTT.',
  '',
  firstRows.length ? table(['profile', 'yibao', 'floor', 'yibao / floor', 'budget'], firstRows) : '(Chromium not run)',
  '',
  `scripts/serve.mjs sends HTML, CSS, JS and .wasm gzip-compressed (level 9), as a real host or CDN does, to both pages alike, so slow 4G carries ` +
    `${kb(S.yibao.total.gzip)} for yibao and ${kb(S.floor.total.gzip)} for the floor (\`--no-gzip\` serves them raw). The mark is set when the result is in the DOM, before its layout and paint.`,
  '',
  `## quote() per call (median of ${QUOTE_BATCHES.batches} batch means, ${QUOTE_BATCHES.size} calls a batch, cycling through ${requests.length} requests of ${requestsFile.replace(ROOT, '')}, after ${QUOTE_BATCHES.warmup} warm-up batches)`,
  '',
  table(['where', 'per call', `first ${(QUOTE_BATCHES.warmup * QUOTE_BATCHES.size).toLocaleString('en')} calls (warm-up), mean`, 'first call', 'notes'], [...quoteRows, batchRow]),
  '',
  'First call: Node right after init (cold); Chromium in a page that has already shown a result. ' +
    "Warm-up: during those calls the engine is still compiling the module's hot functions with its optimizing tier (and collecting the load's garbage), so they run slower; the per-call median is of the batches after them.",
  ...(Q.chromium ? ['', `${MANY.count.toLocaleString('en')} varied requests (seed ${MANY.seed}): ${ms(Q.chromium.many.total_ms)} in Chromium (median of ${Q.chromium.pages} fresh pages, ${ms(Q.chromium.many.range_ms.min)}–${ms(Q.chromium.many.range_ms.max)}); ${Q.chromium.many.note}.`] : []),
  '',
  `## A household of ${HH.node.members} (${householdFile.replace(ROOT, '')}) against its members' single quotes`,
  '',
  `quoteHousehold() against quote() on each member's own request (the same answers, checked first), one after the other: ${HOUSEHOLD_BATCHES.batches} batches of ${HOUSEHOLD_BATCHES.size} of each in turn after ${HOUSEHOLD_BATCHES.warmup} warm-up pairs; per call, the median batch; the ratio is the median of the pairs' ratios.`,
  '',
  table(['where', 'household', `its ${HH.node.members} quotes`, 'ratio', 'goal', 'notes'], householdRows),
  '',
].join('\n');

console.log(`\n${md}`);
mkdirSync(join(ROOT, 'bench'), { recursive: true });
// The measurements of earlier runs (from the line '## History' on) are kept:
// bench/results.md is the one place for the project's measurement history.
const resultsPath = join(ROOT, 'bench', 'results.md');
const before = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '';
const history = before.indexOf('\n## History');
writeFileSync(resultsPath, history < 0 ? md : `${md}${before.slice(history)}`);
mkdirSync(join(ROOT, 'target', 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'target', 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`bench: written to bench/results.md (raw numbers in target/bench/results.json), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
