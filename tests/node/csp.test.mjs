// The Content-Security-Policy, statically: every page of www/ (and so of
// dist/) carries the policy scripts/serve.mjs sends, and nothing the policy
// refuses (inline scripts, event-handler or style attributes); and, since the
// policy keeps 'unsafe-eval' for engines older than 'wasm-unsafe-eval', no
// shipped script evaluates text as code. tests/browser/csp.test.mjs runs the
// page under it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = process.env.YIBAO_DIST || join(ROOT, 'dist');
const acorn = createRequire(import.meta.url)('acorn');

const pages = (dir) => readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => join(dir, f));

test('every page carries the policy the server sends, and nothing it refuses', () => {
  const all = [...pages(join(ROOT, 'www')), ...pages(DIST)];
  assert.ok(all.length >= 4, all.join(' '));
  for (const file of all) {
    const html = readFileSync(file, 'utf8');
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/gi)].map((m) => m[1]);
    assert.deepEqual(metas, [CSP], `${file}: one CSP <meta>, the server's`);
    const head = html.slice(0, html.indexOf('</head>'));
    assert.ok(head.indexOf('Content-Security-Policy') < head.search(/<(script|link|style)\b/i), `${file}: the policy comes before anything it governs`);
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      assert.match(m[1], /\bsrc=/, `${file}: an inline script: ${m[0].slice(0, 80)}`);
      assert.equal(m[2].trim(), '', `${file}: a script with both src and text`);
    }
    assert.doesNotMatch(html, /<[^>]+\s(on[a-z]+|style)\s*=/i, `${file}: an event-handler or style attribute`);
    assert.doesNotMatch(html, /<style\b/i, `${file}: an inline <style>`);
  }
});

// Calls that run text as code: eval(…), Function(…), new Function(…), and
// setTimeout/setInterval given anything but a function.
function evalSinks(node, out) {
  if (!node || typeof node.type !== 'string') return out;
  const callee = node.callee;
  const name = callee && (callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : null);
  if ((node.type === 'CallExpression' || node.type === 'NewExpression') && (name === 'eval' || name === 'Function')) out.push(`${name}() at ${node.start}`);
  if (node.type === 'CallExpression' && (name === 'setTimeout' || name === 'setInterval')) {
    const first = node.arguments[0];
    if (first && !['FunctionExpression', 'ArrowFunctionExpression', 'Identifier', 'MemberExpression'].includes(first.type)) out.push(`${name}(${first.type}) at ${node.start}`);
  }
  for (const v of Object.values(node)) {
    if (Array.isArray(v)) v.forEach((n) => evalSinks(n, out));
    else if (v && typeof v === 'object') evalSinks(v, out);
  }
  return out;
}

test('no shipped script evaluates text as code', () => {
  const scripts = readdirSync(DIST).filter((f) => f.endsWith('.js') && !f.endsWith('_bg.wasm.js'));
  assert.ok(scripts.includes('yibao.js') && scripts.includes('yibao.iife.js') && scripts.includes('yibao-lite.iife.js') && scripts.includes('app.js'), scripts.join(' '));
  for (const f of scripts) {
    const src = readFileSync(join(DIST, f), 'utf8');
    let ast;
    try {
      ast = acorn.parse(src, { ecmaVersion: 'latest', sourceType: 'module' });
    } catch {
      ast = acorn.parse(src, { ecmaVersion: 'latest', sourceType: 'script' });
    }
    assert.deepEqual(evalSinks(ast, []), [], f);
  }
  // The check finds what it looks for.
  const probe = acorn.parse('eval(x); new Function("a"); window.setTimeout("go()", 1); setTimeout(f, 1);', { ecmaVersion: 'latest' });
  assert.equal(evalSinks(probe, []).length, 3);
});
