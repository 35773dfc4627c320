// `make bench`, lists: `yibao batch` (the release CLI) on 100,000 and
// 1,000,000 generated 余姚 2024 residents, as a whole process each time; and
// batch.html (its worker and the lists' WASM module) on the 100,000 in
// Chromium.
// Used by scripts/bench.mjs; also runs alone: node scripts/bench-batch.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvRows, xlsx } from './zip.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

// A small deterministic generator (the same list every run).
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A list of `n` 余姚 residents: ages, hukou, permits, pupils, 低保/特困, some bills. */
export function list(n, seed = 7) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const lines = ['姓名,地区,出生日期,户籍,居住证,在读情况,特殊身份,bill_in_scope,bill_self_paid'];
  for (let i = 0; i < n; i++) {
    const y = 1930 + Math.floor(r() * 94);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const bill = r() < 0.1 ? String(Math.floor(r() * 80000)) : '';
    lines.push([`居民${i}`, '余姚市', `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      pick(['本市户籍', '本市户籍', '本市户籍', '非本市户籍']), pick(['是', '否']), pick(['不在读', '不在读', '中小学']),
      pick(['', '', '', '', '低保对象', '特困供养对象']), bill, bill && r() < 0.5 ? '9000' : ''].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Wall time of one run and its peak resident memory (Linux: VmHWM). */
function timed(bin, args) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const poll = setInterval(() => {
      try {
        const m = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch { /* the process has ended */ }
    }, 5);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`${bin} exited ${code}: ${stderr}`));
      else resolve({ ms: performance.now() - t, peak_kb: peak, summary: stderr });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The batch figures: 100,000 rows (median of `runs`) beside the floor —
 * the same file read and written record by record with the csv crate alone
 * (examples/csv_floor.rs), timed in the same run, alternately — and their
 * ratio, which does not flip with the machine's speed that day as absolute
 * times do; 1,000,000 rows' peak memory; hostile files' times and peaks.
 * YIBAO_BATCH_BIN runs another build of yibao (an older one, to compare). */
export async function benchBatch({ runs = 5 } = {}) {
  const b = spawnSync('cargo', ['build', '--release', '--quiet', '--bin', 'yibao', '--example', 'csv_floor'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('cargo build --release failed');
  const bin = process.env.YIBAO_BATCH_BIN || join(ROOT, 'target', 'release', 'yibao');
  const floorBin = join(ROOT, 'target', 'release', 'examples', 'csv_floor');
  const dir = mkdtempSync(join(ROOT, 'target', 'bench-batch.'));
  try {
    const small = join(dir, '100k.csv');
    const large = join(dir, '1m.csv');
    writeFileSync(small, list(100_000));
    writeFileSync(large, list(1_000_000, 11));
    const args = (f) => ['batch', '--input', f, '--output', '/dev/null', '--date', '2023-11-01'];
    const times = [];
    const floors = [];
    let peak100k = 0;
    for (let i = 0; i < runs; i++) {
      const r = await timed(bin, args(small));
      times.push(r.ms);
      peak100k = Math.max(peak100k, r.peak_kb);
      floors.push((await timed(floorBin, [small, '/dev/null'])).ms);
    }
    const big = await timed(bin, args(large));
    const ms = median(times);
    const floorMs = median(floors);
    return {
      rows: 100_000,
      ms,
      range_ms: { min: Math.min(...times), max: Math.max(...times) },
      per_row_us: (ms * 1000) / 100_000,
      peak_100k_mb: peak100k / 1024,
      floor: { ms: floorMs, range_ms: { min: Math.min(...floors), max: Math.max(...floors) } },
      ratio: ms / floorMs,
      million: { ms: big.ms, peak_mb: big.peak_kb / 1024 },
      // Not on another build: an older one grows without bound on some.
      hostile: process.env.YIBAO_BATCH_BIN ? [] : await hostile(bin, dir),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Files made to hurt (issue 25), each refused or answered within the
 * bounds: the wall time and peak memory of `yibao batch` on each. */
async function hostile(bin, dir) {
  const cases = [
    ['/dev/zero (a row without end)', '/dev/zero'],
    ['a 特殊身份 cell of 64 KiB of names', join(dir, 'ids.csv'), `地区,出生日期,户籍,特殊身份\n余姚市,1980-05-17,本市户籍,${'低保对象；'.repeat(4369)}\n`],
    ['a 2 MB 特殊身份 cell', join(dir, 'ids2m.csv'), `地区,出生日期,户籍,特殊身份\n余姚市,1980-05-17,本市户籍,${'低保对象；'.repeat(139810)}\n`],
    ['an ASCII header of 60,000 characters', join(dir, 'header.csv'), `${'b'.repeat(60000)},region,birth_date,hukou\nx,yuyao,1980-05-17,local\n`],
    ['a header of 40 MB', join(dir, 'header40.csv'), `${'a'.repeat(40 << 20)},地区,出生日期,户籍\n`],
  ];
  const out = [];
  for (const [name, file, text] of cases) {
    if (text !== undefined) writeFileSync(file, text);
    const r = await timedAny(bin, ['batch', '--input', file, '--output', '/dev/null', '--date', '2023-11-01']);
    // GNU time exits with the command's code, or says it was signalled.
    out.push({ name, ms: r.ms, peak_mb: r.peak_kb / 1024, code: r.code });
  }
  return out;
}

/** As timed(), whatever the exit code; the peak memory from GNU time
 * (exact, where polling misses a process of a few milliseconds). */
function timedAny(bin, args) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M', bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    // Past a minute, stopped: the time says so.
    const stop = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(stop);
      const kb = Number(stderr.trim().split('\n').pop());
      resolve({ ms: performance.now() - t, peak_kb: Number.isFinite(kb) ? kb : 0, code });
    });
  });
}

/** batch.html (served at `url`) on 100,000 rows in a Chromium `browser`:
 * from the file chosen to the answers shown (the page's own count), and the
 * longest main-thread task meanwhile; the median of `runs` fresh pages. */
export async function benchBrowserBatch(browser, url, { runs = 3 } = {}) {
  const dir = mkdtempSync(join(ROOT, 'target', 'bench-batch-page.'));
  try {
    const file = join(dir, '100k.csv');
    writeFileSync(file, list(100_000));
    const times = [];
    let longest = 0;
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.longest = 0;
        new PerformanceObserver((l) => l.getEntries().forEach((e) => { window.longest = Math.max(window.longest, e.duration); }))
          .observe({ entryTypes: ['longtask'] });
      });
      await page.goto(`${url}batch.html`);
      await page.waitForSelector('#pick');
      await page.waitForTimeout(300);
      await page.evaluate(() => { window.longest = 0; });
      await page.setInputFiles('#file', file);
      await page.waitForSelector('#result:not([hidden])', { timeout: 60000 });
      const r = await page.evaluate(() => ({ ms: +document.getElementById('result').getAttribute('data-ms'), longest: window.longest }));
      times.push(r.ms);
      longest = Math.max(longest, r.longest);
      await context.close();
    }
    return { rows: 100_000, ms: median(times), range_ms: { min: Math.min(...times), max: Math.max(...times) }, longest_task_ms: longest, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** batch.html's workbooks (its workbooks' module, loaded on demand) in a
 * Chromium `browser`, fresh pages, so the module's load is in each time:
 * a 10,000-row .xlsx list from the file chosen to the answers shown (the
 * module fetched and compiled, the workbook read, every row answered, the
 * answers' workbook written); and a 10,000-row CSV list's
 * 下载结果（Excel）, from the press to the download. Medians of `runs`;
 * the module's bytes beside them. */
export async function benchBrowserXlsx(browser, url, { runs = 3, rows = 10_000 } = {}) {
  const dir = mkdtempSync(join(ROOT, 'target', 'bench-xlsx-page.'));
  try {
    const text = list(rows);
    const book = join(dir, 'list.xlsx');
    writeFileSync(book, xlsx(csvRows(text)));
    const csv = join(dir, 'list.csv');
    writeFileSync(csv, text);
    const read = [];
    const asked = [];
    for (let i = 0; i < runs; i++) {
      for (const [file, times] of [[book, read], [csv, asked]]) {
        const context = await browser.newContext({ acceptDownloads: true });
        const page = await context.newPage();
        await page.goto(`${url}batch.html`);
        await page.waitForSelector('#pick');
        await page.setInputFiles('#file', file);
        await page.waitForSelector('#result:not([hidden])', { timeout: 120000 });
        if (file === book) {
          times.push(+(await page.getAttribute('#result', 'data-ms')));
        } else {
          const t = performance.now();
          await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.click('#download-xlsx')]);
          times.push(performance.now() - t);
        }
        await context.close();
      }
    }
    const wasm = readFileSync(join(ROOT, 'dist', 'yibao-xlsx_bg.wasm'));
    const gzip = spawnSync('gzip', ['-9c'], { input: wasm, maxBuffer: 1 << 26 }).stdout.length;
    return {
      rows,
      raw: wasm.length,
      gzip,
      read_ms: median(read),
      read_range_ms: { min: Math.min(...read), max: Math.max(...read) },
      asked_ms: median(asked),
      asked_range_ms: { min: Math.min(...asked), max: Math.max(...asked) },
      runs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await benchBatch(), null, 2));
}
