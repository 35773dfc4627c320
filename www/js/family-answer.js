// The household answer in the result card, in place of the one person's
// headline and figures while the form has more than one member: the core's
// summary (its first sentence, the answer, then the table of members with
// the core's totals, then the rest: where each enrols, the employees'
// accounts, the window), each member's full answer on demand (answer.js's,
// drawn when opened); the bottom bar, the live region, 复制结果 and print
// carry it.
import { add, clear, el, setText, show } from './dom.js';
import { asOfMark, block, dueWord, setPeek } from './answer.js';
import { renderBody } from './answer-rest.js';
import { announce, showPeek } from './calc.js';
import { CLOSING, coreLines, inputLines } from './copy-text.js';
import { asOfLine, plain, yuan } from './words.js';
import { focusField } from './form.js';

export function buildFamilyResult(app) {
  const ui = app.ui;
  app.fam.out = el('div', { id: 'family-out', hidden: true });
  ui.headline.parentNode.insertBefore(app.fam.out, ui.headline.nextSibling);
  app.resultText = () => familyText(app);
  // The bottom bar while the family's answer is out of sight (main.js watches
  // the one person's headline, hidden meanwhile; this observer, made after
  // it, is told after it).
  if (typeof IntersectionObserver === 'function') {
    new IntersectionObserver((entries) => {
      if (app.fam.out.hidden) return;
      app.headlineInView = entries[entries.length - 1].isIntersecting;
      showPeek(app);
    }).observe(app.fam.out);
  }
}

const link = (x, cls) => el('li', { class: cls }, el('a', { href: '#', text: x.text, onclick: (e) => {
  e.preventDefault();
  focusField(x.sub, x.key || 'rel');
} }));

// view: { kind: 'single' } (no members), 'first' (the form's own questions
// stand), 'loading', 'failed', 'ask', 'error', 'answer' (family.js).
export function renderFamily(app, view, retry) {
  const ui = app.ui;
  const out = app.fam.out;
  const on = view.kind !== 'single' && view.kind !== 'first';
  show(ui.headline, !on);
  show(ui.out, !on);
  show(out, on);
  if (!on) return;
  clear(out);
  const answer = view.kind === 'answer';
  show(ui.actions, answer);
  clear(ui.printInputs);
  let brief = '';
  if (view.kind === 'loading') {
    brief = '正在加载全家计算……';
    out.appendChild(el('p', { class: 'summary summary-prompt', text: brief }));
  } else if (view.kind === 'failed') {
    brief = '全家计算没有加载';
    add(out, el('div', { class: 'summary summary-error' }, [el('span', { text: view.error.message + ' ' }),
      el('button', { type: 'button', class: 'btn', id: 'family-retry', text: '重试', onclick: retry })]));
  } else if (view.kind === 'error') {
    brief = '有一项需要修改';
    out.appendChild(el('p', { class: 'summary summary-error', text: view.text }));
  } else if (view.kind === 'ask') {
    const n = view.asks.length + view.errs.length;
    brief = view.errs.length ? '有一项需要修改' : '还需要回答' + (n > 1 ? n + '个问题' : '一个问题');
    add(out, [
      el('p', { class: 'summary summary-prompt', text: view.errs.length && !view.asks.length ? '请改正：' : '还需要回答：' }),
      el('ul', { class: 'questions', id: 'family-questions' }, view.errs.map((x) => link(x, 'q-err')).concat(view.asks.map((x) => link(x)))),
    ]);
  } else {
    brief = renderAnswer(app, out, view.h);
    renderPrint(app, view.h);
  }
  const as = answer ? asOfLine(view.h) : '';
  setPeek(app, brief, answer ? asOfMark(view.h) : '');
  app.brief = brief;
  showPeek(app);
  clearTimeout(app.announceTimer);
  const said = [as, out.textContent.slice(0, 400)].join(' ');
  app.announceTimer = setTimeout(() => announce(app, said), 900);
}

// A row of the table; each cell names its column (data-k: the label a
// phone shows before it, where the table is a list of members).
const num = (v) => yuan(v).replace(' 元', ''); // the table's unit is in its caption

const row = (heads, cells) => el('tr', null, cells.map((c, i) => el(i ? 'td' : 'th', Object.assign({ scope: i ? null : 'row', class: i > 1 ? 'num' : null, 'data-k': i ? heads[i] : null }, c))));

function renderAnswer(app, out, h) {
  const t = h.totals;
  const q0 = h.members[0].quote;
  const due = dueWord(q0.enrollment, '实际需缴');
  const as = asOfLine(h);
  // The core's summary: each member's next step ("下一步：" + who：step, the
  // members with the same step together), as_of's note, the family's
  // figures, the year in force. Each on a line of its own, once.
  const steps = [];
  h.members.forEach((m) => {
    const n = m.quote.next_step;
    if (!n) return;
    const g = steps.filter((x) => x.text === n.text)[0];
    if (g) g.who.push(m.label);
    else steps.push({ who: [m.label], text: n.text });
  });
  const lead = steps.length ? '下一步：' + steps.map((g) => g.who.join('、') + '：' + g.text).join('') : '';
  let text = h.summary;
  const shown = lead && text.indexOf(lead) === 0;
  if (shown) text = text.slice(lead.length);
  if (as && text.indexOf(as) === 0) text = text.slice(as.length);
  const f = h.in_force && h.in_force.text;
  const inForce = f && text.slice(-f.length) === f;
  if (inForce) text = text.slice(0, -f.length);
  const end = text.indexOf('。') + 1 || text.length;
  const left = t.not_included.map((n) => n.member);
  const plan = h.members.map((m) => m.quote.yongningbao).filter((y) => y)[0];
  // A plan named without its terms (慈溪's 天一甬宁保) has no column: nothing to add up.
  const ynb = plan && t.yongningbao_to_pay !== null ? plan.name : '';
  const heads = ['成员', '档次', '个人缴费', '资助', due].concat(ynb ? [ynb + '需缴'] : []);
  const money = (i, v) => (t.resident.indexOf(i) < 0 ? '—' : left.indexOf(i) >= 0 && v === null ? '未计入合计' : num(v));
  const body = h.members.map((m, i) => {
    const q = m.quote;
    const y = q.yongningbao;
    return row(heads, [
      { text: m.label },
      { text: q.tier ? q.tier.name : m.employee_insurance ? '职工医保' : q.eligible ? '—' : '不参加居民医保' },
      { text: money(i, q.personal_fee) },
      { text: money(i, q.assistance) },
      { text: money(i, q.to_pay), 'data-member': String(i) },
      ynb ? { text: y && y.eligible && y.to_pay !== null ? num(y.to_pay) + (y.paid_by_government ? '（政府资助）' : '') : '—' } : null,
    ].filter((c) => c));
  });
  const foot = row(heads, [
    { text: '合计' },
    { text: '' },
    { text: num(t.personal_fee), 'data-total': 'personal_fee' },
    { text: num(t.assistance), 'data-total': 'assistance' },
    { text: num(t.to_pay), 'data-total': 'to_pay' },
    ynb ? { text: num(t.yongningbao_to_pay), 'data-total': 'yongningbao_to_pay' } : null,
  ].filter((c) => c));
  const pay = t.yongningbao_payout;
  add(out, [
    shown ? el('div', { class: 'next-step', id: 'family-next' }, [el('p', { class: 'year-k', text: '下一步' }),
      el('ul', { class: 'plain' }, steps.map((g) => el('li', { text: g.who.join('、') + '：' + g.text })))]) : null,
    as ? el('p', { class: 'as-of', id: 'family-as-of', text: as }) : null,
    el('p', { class: 'year-k', text: h.benefit_year + '年度（要参保的年度）' + (as ? ' · 估算' : '') }),
    el('p', { class: 'summary', id: 'family-summary', text: text.slice(0, end) }),
    el('div', { class: 'fam-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'family-cap' }, el('table', { class: 'split fam-table', id: 'family-table' }, [
      el('caption', { id: 'family-cap', text: '全家每人和合计（单位：元）' }),
      el('thead', null, el('tr', null, heads.map((x, i) => el('th', { scope: 'col', class: i > 1 ? 'num' : null, text: x })))),
      el('tbody', null, body),
      el('tfoot', null, foot),
    ])),
    t.not_included.length ? el('ul', { class: 'plain warn', id: 'family-left' }, t.not_included.map((n) => el('li', { text: '未计入合计：' + h.members[n.member].label + '。' + n.reason }))) : null,
    pay !== null ? el('p', { class: 'pay-line', text: (ynb || '甬宁保') + '估算赔付合计 ' + (t.yongningbao_payout_low !== null && t.yongningbao_payout_low !== pay ? yuan(t.yongningbao_payout_low).replace(' 元', '') + '–' : '') + yuan(pay) }) : null,
    text.slice(end) ? el('p', { id: 'family-rest', text: text.slice(end) }) : null,
    inForce ? el('p', { class: 'year-k', text: h.in_force.benefit_year + '年度（今天所在的年度）' }) : null,
    inForce ? el('p', { class: 'in-force', id: 'family-in-force', text: f }) : null,
    block(app, 'h-family-each', '每人的完整结果', h.members.map((m, i) => full(app, m, i))),
    block(app, 'h-family-notes', '说明：假设', [el('ul', { class: 'plain' }, h.assumptions.map((a) => el('li', null, [el('strong', { text: '假设：' }), a.text]))
      .concat(h.notes.map((n) => el('li', null, [el('strong', { text: '注：' }), n]))))], true),
  ]);
  return h.benefit_year + '年度 全家' + due.replace('实际', '') + plain(t.to_pay) + '元' + (ynb ? '，' + ynb + plain(t.yongningbao_to_pay) + '元' : '');
}

// A member's full answer, drawn when first opened, its ids made its own.
function full(app, m, i) {
  const body = el('div');
  const d = el('details', { class: 'more fam-full', id: 'family-full-' + i }, [el('summary', { text: m.label }), body]);
  d.addEventListener('toggle', () => {
    if (!d.open || body.firstChild) return;
    renderBody({ ui: { out: body }, embed: false, open: {} }, m.quote);
    const pre = 'm' + i + '-';
    Array.prototype.forEach.call(body.querySelectorAll('[id], [aria-labelledby], [href^="#"]'), (n) => {
      if (n.id) n.id = pre + n.id;
      if (n.hasAttribute('aria-labelledby')) n.setAttribute('aria-labelledby', pre + n.getAttribute('aria-labelledby'));
      if (n.getAttribute('href')) n.setAttribute('href', '#' + pre + n.getAttribute('href').slice(1));
    });
  });
  return d;
}

// ------------------------------------------------- 复制结果 and print

// [title, lines] for the answers everyone shares, then for each member.
function inputs(app) {
  const F = app.fam;
  const own = (f) => !f.shared;
  return [['', inputLines(app, app.c, (f) => f.shared)]].concat(F.rows.map((sub, i) => [sub.who,
    inputLines(sub, sub.c).slice(1).concat(i ? [] : inputLines(app, app.c, own).slice(1))]));
}

function familyText(app) {
  const v = app.fam.view;
  if (!v || v.kind !== 'answer') return '';
  const lines = ['【填写的情况】'];
  inputs(app).forEach((x) => lines.push(x[0] ? x[0] + '：' + x[1].join('；') : x[1].join('\n')));
  return lines.concat(['【结果】'], coreLines(app.fam.lib.quoteHouseholdText(v.req), v.h.as_of), [CLOSING]).join('\n');
}

function renderPrint(app, h) {
  const list = (lines) => el('ul', { class: 'plain' }, lines.map((l) => el('li', { text: l })));
  add(app.ui.printInputs, [el('h3', { text: '填写的情况' })].concat(inputs(app).map((x) => (x[0] ? [el('h4', { text: x[0] }), list(x[1])] : list(x[1]))),
    [h.as_of && !h.as_of.beyond_newest ? el('p', { id: 'print-as-of', text: h.as_of.text }) : null]));
}
