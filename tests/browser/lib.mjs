// Shared by the browser tests (not a test file itself): the server, one
// Chromium per test file, a watcher for requests and console errors, the CLI
// for expected figures, and small page helpers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = process.env.YIBAO_DIST || join(ROOT, 'dist');
export const SHOTS = join(ROOT, 'tests', 'browser', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BIN = join(ROOT, 'target', 'debug', 'yibao');

if (!existsSync(join(DIST, 'yibao_bg.wasm')) || !existsSync(join(DIST, 'app.js'))) {
  throw new Error(`${DIST} has no built page: run make web first`);
}

function serve(opts = {}) {
  return startServer({ dir: DIST, port: 0, ...opts });
}

function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// Records every request URL and every console error / page error of a page.
function watch(page, log) {
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  return log;
}

// Requests that are not to the test server (data: URLs never leave the page).
function foreign(log, server) {
  return log.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'));
}

// One server and one Chromium for a test file (call inside describe()).
// s.page(viewport, init) opens a page that is watched; s.clean() adds the
// last test: no request left the server, no console or page error.
export function session(serverOpts = {}) {
  const s = { log: { requests: [], errors: [] } };
  before(async () => {
    s.server = await serve(serverOpts);
    s.url = s.server.url;
    s.browser = await launch();
    s.context = await s.browser.newContext();
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url.slice(0, -1) });
  });
  after(async () => {
    await s.browser?.close();
    await s.server?.close();
  });
  s.page = async (viewport, init) => {
    const p = await s.context.newPage();
    if (viewport) await p.setViewportSize(viewport);
    if (init) await p.addInitScript(init);
    watch(p, s.log);
    return p;
  };
  // A page in a context of its own whose clock says it is `day` (YYYY-MM-DD,
  // 10:00 in China): Playwright's clock belongs to the whole context.
  s.pageOn = async (day, viewport, init) => {
    const ctx = await s.browser.newContext();
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url.slice(0, -1) });
    await ctx.clock.setFixedTime(new Date(`${day}T10:00:00+08:00`));
    const p = await ctx.newPage();
    if (viewport) await p.setViewportSize(viewport);
    if (init) await p.addInitScript(init);
    watch(p, s.log);
    return p;
  };
  s.clean = () => test('no request left 127.0.0.1, no console or page errors', () => {
    assert.ok(s.log.requests.length > 3, 'requests were recorded');
    assert.deepEqual(foreign(s.log, s.server), []);
    assert.deepEqual(s.log.errors, []);
  });
  return s;
}

// An init script: every Content-Security-Policy violation of the page, as
// the browser reports it, in window.violations.
export function recordViolations() {
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
  });
}

// The local date, as the page computes it.
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

let built = false;
// `yibao quote` on a request: { status, out } with out the parsed JSON.
export function cli(req) {
  if (!built) {
    const b = spawnSync('cargo', ['build', '-q', '--bin', 'yibao'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`cargo build failed: ${b.stderr}`);
    built = true;
  }
  const r = spawnSync(BIN, ['quote'], { input: JSON.stringify(req), encoding: 'utf8' });
  return { status: r.status, out: JSON.parse(r.stdout) };
}

/** The CLI's plain-text answer (`yibao quote --format text`). */
export function cliText(req) {
  cli({});
  return spawnSync(BIN, ['quote', '--format', 'text'], { input: JSON.stringify(req), encoding: 'utf8' }).stdout.replace(/\n$/, '');
}

/** What `yibao batch --date DATE` writes for a list's bytes (a Buffer, its `summary` the one on stderr); `--template` when input is null. */
export function cliBatch(input, date) {
  cli({});
  const args = input === null ? ['batch', '--template'] : ['batch', '--date', date];
  const r = spawnSync(BIN, args, { input: input || '', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`yibao batch exited ${r.status}: ${r.stderr}`);
  // Its summary (stderr) beside the bytes.
  return Object.assign(r.stdout, { summary: String(r.stderr) });
}

export function policies() {
  cli({});
  return JSON.parse(spawnSync(BIN, ['policies'], { encoding: 'utf8' }).stdout);
}

export function axeSource() {
  return readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
}

// Sizes of every visible text and target, in the page (an SVG text's size
// as drawn: its font size times the SVG's scale).
export function measure() {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent || el.value || '').trim().slice(0, 20)}"`;
  const sizes = [];
  const chart = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.vh') || !visible(el)) continue;
    const own = Array.prototype.some.call(el.childNodes, (n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const svg = el.closest('svg');
    const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
    const size = parseFloat(getComputedStyle(el).fontSize) * scale;
    sizes.push({ what: name(el), size });
    if (svg) chart.push(size);
  }
  const smallText = sizes.filter((t) => t.size < 18).map((t) => `${t.what} ${t.size}px`);
  const targets = [];
  for (const el of document.querySelectorAll('a[href], button, select, textarea, summary, input')) {
    const t = el.type === 'checkbox' || el.type === 'radio' ? document.querySelector(`label[for="${el.id}"]`) : el;
    if (!t || !visible(el)) continue;
    targets.push({ what: name(t), h: t.getBoundingClientRect().height });
  }
  return { body: parseFloat(getComputedStyle(document.body).fontSize), smallText, targets, chart, min: Math.min.apply(null, sizes.map((t) => t.size)) };
}

/** axe-core finds no serious or critical violation in the page (the others are diagnostics of test t). */
export async function axe(page, t) {
  // Evaluated, not added as an inline <script>: the page's CSP refuses those.
  await page.evaluate(axeSource());
  const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  for (const v of r.violations) t.diagnostic(`axe ${v.impact}: ${v.id} (${v.nodes.length}) ${v.help}`);
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`), []);
}

export function shotPath(name) {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, name);
}

// "2,090.00 元" -> "2090.00"
export const plain = (s) => (s || '').replace(/[,\s元−-]/g, '');

export async function figure(page, key) {
  return plain(await page.locator(`[data-fig="${key}"]`).textContent());
}

// The headline says `text` (a result's summary). The core writes a summary
// as next_step.text, as_of.text (after the newest notice), the year enrolled
// for, and in_force.text (when the year in force differs); the page shows
// each on a line of its own, once: #next-step, #as-of, #summary, #in-force.
const HEADLINE_PARTS = ['next-step', 'as-of', 'summary', 'in-force'];
export async function waitSummary(page, text) {
  await page.waitForFunction(([t, ids]) => ids.map((id) => {
    const n = document.getElementById(id);
    return n && !n.hidden ? n.textContent : '';
  }).join('') === t, [text, HEADLINE_PARTS], { timeout: 10000 });
}

// A summary without its lead (next_step.text, then as_of.text after the
// newest notice) and without in_force.text: what the page's #summary (and
// each "不清楚" case) shows.
export function afterAsOf(q) {
  let s = q.summary;
  if (q.next_step && s.startsWith(q.next_step.text)) s = s.slice(q.next_step.text.length);
  if (q.as_of && q.as_of.beyond_newest && s.startsWith(q.as_of.text)) s = s.slice(q.as_of.text.length);
  if (q.in_force && s.endsWith(q.in_force.text)) s = s.slice(0, -q.in_force.text.length);
  return s;
}

// The headline's summary as the core wrote it (its shown parts in the core's order).
export function headlineSummary(page) {
  return page.evaluate((ids) => ids.map((id) => {
    const n = document.getElementById(id);
    return n && !n.hidden ? n.textContent : '';
  }).join(''), HEADLINE_PARTS);
}

export async function waitReady(page) {
  await page.waitForSelector('#f-birth', { timeout: 15000 });
}

// Fills the form with clicks and typing (the keyboard test does without).
export async function fill(page, p) {
  await page.selectOption('#f-region', p.region);
  if (p.benefit_year || await page.locator('#more-year').evaluate((d) => d.open)) {
    await openFold(page, '#more-year');
    await page.selectOption('#f-year', p.benefit_year ? String(p.benefit_year) : '');
  }
  if (p.district) await page.selectOption('#f-district', p.district);
  if (p.qianwan) await page.check('#f-qianwan');
  await page.check(`#f-hukou-${p.hukou}`);
  if (p.hukou === 'nonlocal' && p.residence_permit !== undefined) await page.check(`#f-permit-${p.residence_permit ? 'yes' : 'no'}`);
  await page.check(`#f-school-${p.school || 'none'}`);
  await page.setChecked('#f-employee', !!p.employee_insurance);
  for (const id of p.identities || []) await page.check(`#f-id-${id}`);
  if (p.bill) await openFold(page, '#more-bill');
  for (const [k, v] of Object.entries(p.bill || {})) {
    if (typeof v !== 'object') await page.fill(`#f-bill_${k}`, String(v));
  }
  for (const [part, key] of [['outside_ningbo', 'out'], ['counted_before', 'before']]) {
    const amounts = (p.bill || {})[part];
    if (!amounts) continue;
    await openFold(page, `#more-${key}`);
    for (const [k, v] of Object.entries(amounts)) await page.fill(`#f-bill_${key}_${k}`, String(v));
  }
  await page.fill('#f-birth', p.birth_date);
  await page.locator('#f-birth').blur();
}

/** Opens a <details> (a fold) by its summary, if it is closed. */
export async function openFold(page, sel) {
  if (!(await page.locator(sel).evaluate((d) => d.open))) await page.click(`${sel} > summary`);
}

/** Whether this build of the core has issue 11's `as_of` (the lead's change). */
export function hasAsOf() {
  return 'as_of' in cli({ region: 'yuyao', birth_date: '1980-05-17', hukou: 'local', date: '2026-12-01' }).out;
}

/** Every visible text of the page (or of a part of it). */
export async function visibleText(page, sel = 'body') {
  return page.locator(sel).first().evaluate((root) => {
    const out = [];
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || el.closest('.vh, script, style')) continue;
      const r = el.getBoundingClientRect();
      // checkVisibility: not inside a closed <details> (content-visibility: hidden), display: none or visibility: hidden.
      if (r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true })) out.push(n.textContent.trim());
    }
    return out;
  });
}
