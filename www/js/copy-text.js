// The words of 复制结果 and of print: the caller's answers first, then the
// answer (the core's plain text, with the notice it uses), the rule behind
// each figure, and one disclaimer. In more.js (the first result does not
// need them); copy.js copies and prints.
import { add, clear, el } from './dom.js';
import { dateWords, summaryRest, today } from './words.js';
import { label } from './fields.js';

const DISCLAIMER = '按公开文件的估算，以医保经办机构核定为准。';

const optionText = (f, c, raw) => (f.options(c).filter((o) => o[0] === raw)[0] || [raw, raw])[1];

// A field's raw value (fields.js) as people read it, or '' for no answer.
export function words(f, c, raw) {
  if (!raw) return f.kind === 'check' ? '否' : f.kind === 'checks' ? '无' : '';
  if (f.words) return f.words(raw);
  if (f.kind === 'check') return '是';
  if (f.kind === 'checks') return raw.split(',').map((id) => optionText(f, c, id)).join('、');
  return f.options ? optionText(f, c, raw) : raw;
}

// "地区：余姚市" ... for each question shown and answered (of the fields
// `keep` keeps), after the date asked.
export function inputLines(app, c, keep) {
  const lines = ['查询日期：' + dateWords(today())];
  app.fields.forEach((f) => {
    if (!f.shown(c) || (keep && !keep(f))) return;
    const w = words(f, c, c.v[f.key]);
    if (w) lines.push(label(f, c) + '：' + w);
  });
  return lines;
}

// The rule that decided each figure: the core's steps with their clauses.
const ruleLines = (q) => q.steps.map((s, i) => i + 1 + '. ' + s.text + '（' + s.source + '）');

// The core's plain text without its disclaimer (one ends the copy), the
// notice it uses (as_of) first where the text does not say it.
export function coreLines(text, as) {
  const lines = text.split('\n').filter((l) => !/核定为准/.test(l));
  if (as && as.text && lines.join('\n').indexOf(as.text) < 0) lines.unshift(as.text);
  return lines;
}

export const CLOSING = '以上为' + DISCLAIMER;

// lib: a module with quoteText (the page's own has none: calc.js copyResult).
export function resultText(app, c, view, lib) {
  const r = view.main;
  const text = coreLines(lib.quoteText(r.req), r.q.as_of);
  const out = ['【填写的情况】'].concat(inputLines(app, c));
  if (view.cases.length > 1) {
    out.push('【结果要看“不清楚”的一项】');
    view.cases.forEach((k) => out.push(k.when.join('，') + '：' + (k.r.q ? summaryRest(k.r.q) : '还需要回答孩子父母的情况')));
    out.push('以下按第一种情况：');
  }
  return out.concat(['【结果】'], text, ['【计算依据】'], ruleLines(r.q), [CLOSING]).join('\n');
}

// The print-only block at the top of the result: the answers and the rules.
export function renderPrintBlock(app, c, view) {
  const box = clear(app.ui.printInputs);
  if (view.kind !== 'answer') return;
  const list = (lines) => el('ul', { class: 'plain' }, lines.map((l) => el('li', { text: l })));
  // The notice the answer uses, always on paper (the headline has it when
  // the date is after the newest notice).
  const as = view.main.q.as_of;
  add(box, [el('h3', { text: '填写的情况' }), list(inputLines(app, c)), as && !as.beyond_newest ? el('p', { id: 'print-as-of', text: as.text }) : null]);
}
