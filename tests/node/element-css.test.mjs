// scripts/element-css.mjs: the element's stylesheet made from style.css
// keeps nothing that means the document (html, body, :root, rem, the
// window's width), and refuses what it cannot carry over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { elementCss, mapSelector, parse } from '../../scripts/element-css.mjs';
import { WIDTHS, widthClasses } from '../../www/js/widths.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STYLE = [...readdirSync(join(ROOT, 'www', 'css')).sort().map((f) => join('css', f)), 'embed.css', 'more.css']
  .map((f) => readFileSync(join(ROOT, 'www', f), 'utf8')).join('\n');

test('selectors of the document become the element\'s root box', () => {
  assert.equal(mapSelector(':root'), '.yb');
  assert.equal(mapSelector('html'), '.yb');
  assert.equal(mapSelector('html.elder'), '.yb.elder');
  assert.equal(mapSelector('html[data-embed] body'), '.yb[data-embed]');
  assert.equal(mapSelector('html[data-embed] .part-person > .group'), '.yb[data-embed] .part-person > .group');
  assert.equal(mapSelector('body'), '.yb');
  assert.equal(mapSelector('.elder .opt label'), '.elder .opt label');
  assert.throws(() => mapSelector('.x html'), /html or :root not first/);
  assert.throws(() => mapSelector('.x body'), /body inside a selector/);
});

test('style.css made for the element: no html, body, :root, rem or window width left', () => {
  const css = elementCss(STYLE);
  const rules = parse(css.replace(/\/\*[\s\S]*?\*\//g, ''));
  const selectors = rules.flatMap((r) => (r.prelude.startsWith('@media') ? parse(r.body).map((x) => x.prelude) : [r.prelude]));
  assert.ok(selectors.length > 150, `${selectors.length} rules`);
  for (const sel of selectors) assert.doesNotMatch(sel, /(^|[\s,])(html|body)\b|:root/, sel);
  assert.doesNotMatch(css, /\d(\.\d+)?rem\b/, 'no rem: it is the host\'s');
  assert.doesNotMatch(css, /@media[^{]*width/, 'no window width');
  assert.doesNotMatch(css, /@page/);
  // Each mode sets its own rem (style.css's html font sizes).
  assert.match(css, /\.yb \{\n {2}--yb-rem: 17px;\n {2}font-size: 17px;/);
  assert.match(css, /\.yb\.elder \{\n {2}--yb-rem: 22px;/);
  assert.match(css, /\.yb\[data-embed\] \{\n {2}--yb-rem: 16px;/);
  assert.match(css, /font-size: calc\(1\.25 \* var\(--yb-rem\)\)/, 'the summary\'s 1.25rem');
  // The width queries as classes, for the widths element.js knows.
  for (const w of WIDTHS.min) assert.ok(css.includes(`.yb-min-${w} `), `yb-min-${w}`);
  for (const w of WIDTHS.max) assert.ok(css.includes(`.yb-max-${w} `), `yb-max-${w}`);
  // Nothing the host sets on the element is inherited inside it.
  assert.match(css, /^\.yb \{\n {2}all: initial;/m);
  assert.ok(css.indexOf('all: initial') < css.indexOf('--yb-rem: 17px'), 'the reset comes first');
});

test('what the element cannot carry over stops the build', () => {
  assert.throws(() => elementCss('@media (min-width: 700px) { .x { color: red } }'), /add 700 to WIDTHS\.min/);
  assert.throws(() => elementCss('@media screen and (min-width: 900px) { .x { color: red } }'), /only \(min-width: Npx\)/);
  assert.throws(() => elementCss('@supports (display: grid) { .x { color: red } }'), /an at-rule the element does not know/);
  assert.throws(() => elementCss('html, .x { font-size: 10px }'), /html mixed with other selectors/);
  assert.equal(elementCss('@media print { html { font-size: 9pt } }').includes('--yb-rem: 9pt'), true);
});

test('width classes', () => {
  assert.deepEqual(widthClasses(360), ['yb-max-480']);
  assert.deepEqual(widthClasses(700), []);
  assert.deepEqual(widthClasses(1200), ['yb-min-900']);
});
