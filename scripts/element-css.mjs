#!/usr/bin/env node
// The <yibao-calculator> element's stylesheet, made from the page's own
// stylesheets, www/css/*.css (style.css), embed.css and more.css (the same rules for both;
// nothing is copied by hand):
//
//   node scripts/element-css.mjs www/css/*.css www/embed.css www/more.css > yibao-calculator.css
//
// Inside the element's shadow root there is no <html> or <body>, and `rem`
// is the host page's, so:
//   - `:root`, `html…` and `body` become the element's root box `.yb` (its
//     classes and attributes kept: `html.elder` -> `.yb.elder`,
//     `html[data-embed] body` -> `.yb[data-embed]`);
//   - `N rem` becomes `calc(N * var(--yb-rem))`, and a font-size set on
//     `html` also sets --yb-rem, so sizes follow the element's own mode
//     (17 px, 22 px in elder mode, 16 px compact) whatever the host's <html>;
//   - `@media (min-width: Npx)` / `(max-width: Npx)` become the classes
//     yb-min-N / yb-max-N, which element.js sets from the element's own width
//     (www/js/widths.js lists them; another width fails here);
//   - `@page` is the host's business and is left out.
// In front come the few rules of the element alone (HOST below): the root
// box starts from `all: initial`, so nothing the host sets on the element
// (font, colour, line height, letter spacing…) is inherited inside it.
import { readFileSync } from 'node:fs';
import { WIDTHS } from '../www/js/widths.js';

const HOST = `/* <yibao-calculator>: made by scripts/element-css.mjs from style.css */
:host {
  display: block;
}

:host([hidden]) {
  display: none;
}

.yb {
  all: initial;
  display: block;
}
`;

function fail(msg) {
  throw new Error(`element-css: ${msg}`);
}

// The text up to the matching close brace of the block opened before `i`.
function blockEnd(css, i) {
  let depth = 1;
  for (let j = i; j < css.length; j++) {
    const ch = css[j];
    if (ch === '"' || ch === "'") {
      const k = css.indexOf(ch, j + 1);
      if (k < 0) fail('an unterminated string');
      j = k;
    } else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return j;
  }
  return fail('an unclosed block');
}

// [{ prelude, body }] for the blocks of a stylesheet (comments removed).
export function parse(css) {
  const out = [];
  let i = 0;
  for (;;) {
    const open = css.indexOf('{', i);
    if (open < 0) {
      if (css.slice(i).trim()) fail(`text outside a rule: ${css.slice(i).trim().slice(0, 40)}`);
      return out;
    }
    const end = blockEnd(css, open + 1);
    out.push({ prelude: css.slice(i, open).trim(), body: css.slice(open + 1, end) });
    i = end + 1;
  }
}

const stripComments = (css) => css.replace(/\/\*[\s\S]*?\*\//g, '');

// One selector of the page as the element's: see the header.
export function mapSelector(sel) {
  const parts = sel.trim().split(/\s+/);
  const out = [];
  let afterRoot = false;
  parts.forEach((part, i) => {
    const html = /^html(?=$|[.[:])/.exec(part);
    if (html || part === ':root') {
      if (i !== 0) fail(`html or :root not first in "${sel}"`);
      out.push('.yb' + (html ? part.slice(4) : ''));
      afterRoot = true;
      return;
    }
    if (/^body(?=$|[.[:])/.test(part)) {
      if (afterRoot && i === 1) return; // html… body: the root box itself
      if (i !== 0) fail(`body inside a selector: "${sel}"`);
      out.push('.yb' + part.slice(4));
      return;
    }
    if (/(^|[\s>+~(,])(html|body)\b/.test(part)) fail(`html or body in "${sel}"`);
    out.push(part);
  });
  return out.join(' ');
}

const isRootSelector = (sel) => /^(html(?=$|[.[:])|:root$)/.test(sel.trim());

function mapDeclarations(body, root) {
  const decls = body.split(';').map((d) => d.trim()).filter(Boolean);
  const out = [];
  decls.forEach((d) => {
    const colon = d.indexOf(':');
    if (colon < 0) fail(`a declaration without a colon: ${d}`);
    const prop = d.slice(0, colon).trim();
    const value = d.slice(colon + 1).trim().replace(/(^|[^\w.-])(\d*\.?\d+)rem\b/g, (_, pre, n) => `${pre}calc(${n} * var(--yb-rem))`);
    if (root && prop === 'font-size') out.push(`--yb-rem: ${value}`);
    out.push(`${prop}: ${value}`);
  });
  return out.map((d) => `  ${d};`).join('\n');
}

function mapRule(prelude, body, prefix) {
  const sels = prelude.split(',').map((s) => s.trim()).filter(Boolean);
  if (!sels.length) fail(`a rule without a selector: {${body.slice(0, 40)}}`);
  const root = sels.every(isRootSelector);
  if (!root && sels.some(isRootSelector) && /font-size/.test(body)) fail(`html mixed with other selectors where a font-size is set: ${prelude}`);
  return `${sels.map((s) => prefix + mapSelector(s)).join(',\n')} {\n${mapDeclarations(body, root)}\n}`;
}

function mapBlocks(blocks, prefix, inMedia) {
  const out = [];
  blocks.forEach(({ prelude, body }) => {
    if (prelude.startsWith('@page')) return;
    if (prelude.startsWith('@media')) {
      if (inMedia) fail(`a @media inside a @media: ${prelude}`);
      const query = prelude.slice(6).trim();
      const width = /^\((min|max)-width:\s*(\d+)px\)$/.exec(query);
      if (width) {
        if (!WIDTHS[width[1]].includes(Number(width[2]))) fail(`@media ${query}: add ${width[2]} to WIDTHS.${width[1]} in www/js/widths.js`);
        out.push(...mapBlocks(parse(body), `.yb-${width[1]}-${width[2]} `, true));
      } else if (/width|height/.test(query)) {
        fail(`@media ${query}: only (min-width: Npx) or (max-width: Npx) can be the element's own width`);
      } else {
        out.push(`@media ${query} {\n${mapBlocks(parse(body), prefix, true).join('\n\n').replace(/^(?=.)/gm, '  ')}\n}`);
      }
      return;
    }
    if (prelude.startsWith('@')) fail(`an at-rule the element does not know: ${prelude}`);
    out.push(mapRule(prelude, body, prefix));
  });
  return out;
}

export function elementCss(css) {
  return HOST + '\n' + mapBlocks(parse(stripComments(css)), '', false).join('\n\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: node scripts/element-css.mjs www/css/*.css [www/more.css ...] > yibao-calculator.css');
    process.exit(2);
  }
  try {
    process.stdout.write(elementCss(files.map((f) => readFileSync(f, 'utf8')).join('\n')));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
