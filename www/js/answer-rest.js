// The answer after its first result (more.js): the blocks around the
// fees, which answer.js renderFees draws at once: 情况有变化 before them;
// 什么时候、怎么参保, 甬宁保 and the notes after them. calc.js draws them
// with later() (at once when more.js is there, else when it arrives: the
// latest answer's); a family member's full answer (family-answer.js) is
// renderBody's.
import { add, el } from './dom.js';
import { span, yuan } from './words.js';
import { block, dueWord, fig, fold, renderFees, source, sourced } from './answer.js';

const STATUS = { not_yet: '尚未开始', open: '正在进行', closed: '已结束' };

const badge = (text, kind) => el('span', { class: 'badge badge-' + kind, text: text });

// Around the fees block `fees` (in app.ui.out): the rest of the answer q.
export function renderRest(app, q, fees) {
  if (!fees.parentNode) return; // an older answer's
  const folded = app.embed;
  const ch = q.change;
  if (ch) fees.parentNode.insertBefore(block(app, 'h-change', '情况有变化', [el('p', { id: 'change', text: ch.reason }), el('p', { class: 'step-src', text: '依据：' + ch.source })], folded), fees);
  add(fees.parentNode, [
    enrollment(app, q, folded),
    q.yongningbao ? ynb(app, q.yongningbao, folded) : null,
    notes(app, q),
  ]);
}

// The whole answer in app.ui.out.
export const renderBody = (app, q) => renderRest(app, q, renderFees(app, q));

function windowLine(label, e, key) {
  return el('div', { class: 'sourced window', 'data-window': key }, [
    el('span', { text: label + span(e.start, e.end) }),
    e.status ? badge(STATUS[e.status], e.status) : null,
    source(e.source, label),
  ]);
}

// When the window has closed, the notice's steps are what it said for the
// window, folded, never the next thing to do (the core's summary says what holds).
function enrollment(app, q, folded) {
  const e = q.enrollment;
  const closed = e.status === 'closed';
  const kids = [windowLine('集中参保期：', e, 'enrollment')];
  if (e.how.length) {
    const steps = el('ol', { class: 'steps', id: 'how' }, e.how.map((h) => sourced('li', h.text, h.source)));
    kids.push(closed ? fold(app, 'more-how', 'more', el('summary', { text: '文件为集中参保期规定的办理方式（该期已结束）' }), [steps]) : steps);
  }
  return block(app, 'h-enroll', closed ? '参保时间（集中参保期已结束）' : '什么时候、怎么参保', kids, folded);
}

function ynb(app, y, folded) {
  const s = y.sources;
  const kids = [sourced('div', y.reason, s.eligibility, 'reason')];
  if (y.premium !== null) {
    kids.push(
      fig('ynb_premium', '保费', yuan(y.premium), s.premium),
      y.paid_by_government ? fig('ynb_free', '政府资助', '全额资助', s.free) : null,
      fig('ynb_to_pay', dueWord(y.enrollment || {}, '个人需缴'), yuan(y.to_pay), y.paid_by_government ? s.free : s.premium));
  }
  // A plan named without its terms (慈溪) has no window, cover or waiting period.
  if (y.enrollment) kids.push(windowLine('参保时间：', y.enrollment, 'ynb_enrollment'));
  if (y.cover) kids.push(sourced('div', '保障期：' + span(y.cover.start, y.cover.end), y.cover.source));
  if (y.waiting_period) kids.push(sourced('div', y.waiting_period.text, y.waiting_period.source));
  if (y.payout_reason) kids.push(el('p', { class: 'warn', text: y.payout_reason }));
  if (!app.embed && app.toBill) {
    kids.push(el('p', { class: 'to-bill' }, el('a', { href: '#more-bill', id: 'to-bill', text: '估算一张结算单能赔多少', onclick: (e) => {
      e.preventDefault();
      app.toBill();
    } })));
  }
  return block(app, 'h-ynb', y.name + '（' + y.year + '年度）', kids, folded);
}

function notes(app, q) {
  const lines = q.assumptions.map((a) => el('li', null, [el('strong', { text: '假设：' }), a.text]))
    .concat(q.notes.filter((n) => n !== q.policy.region_note).map((n) => el('li', null, [el('strong', { text: '注：' }), n])));
  const kids = [];
  if (q.info.length) {
    kids.push(el('h4', { text: '文件中的其他要点' }), el('ul', { class: 'plain' }, q.info.map((i) => sourced('li', i.text, i.source))));
  }
  if (lines.length) kids.push(el('h4', { text: '本结果用到的假设和说明' }), el('ul', { class: 'plain', id: 'assumptions' }, lines));
  kids.push(el('h4', { text: '计算过程（每一步及其依据）' }), el('ol', { class: 'steps', id: 'steps' }, q.steps.map((st) =>
    el('li', null, [st.text, el('span', { class: 'step-src', text: '依据：' + st.source })]))));
  return block(app, 'h-notes', '说明：假设、依据和计算过程', kids, true);
}
