// The answer: the headline first (what to pay, or the question still
// open), then the figures with their clauses, when and how to enrol,
// 甬宁保, and the notes, folded. The same view gives the one-line brief for
// the bottom bar, the embed's top line and the live region.
import { add, clear, el, setText, show } from './dom.js';
import { asOfLine, parts, plain, span, summaryRest, yuan } from './words.js';

const STATUS = { not_yet: '尚未开始', open: '正在进行', closed: '已结束' };

// What a person pays for the year: "需缴" while one can still enrol; once the
// window has closed, what the notice set ("按文件应缴"), not a bill for now.
export const dueWord = (e, open) => (e.status === 'closed' ? '按文件应缴' : open);

export function source(text, what) {
  if (!text) return null;
  return el('details', { class: 'src' }, [
    el('summary', null, ['依据', what ? el('span', { class: 'vh', text: '：' + what }) : null]),
    el('p', { text: text }),
  ]);
}

export function fig(key, label, value, src, note) {
  return el('div', { class: 'fig' + (key === 'to_pay' || key === 'ynb_total' ? ' fig-strong' : '') }, [
    el('p', { class: 'fig-main' }, [
      el('span', { class: 'fig-k', text: label }),
      el('strong', { class: 'fig-v', 'data-fig': key, text: value }),
      note ? el('span', { class: 'fig-note', text: note }) : null,
    ]),
    source(src, label),
  ]);
}

const badge = (text, kind) => el('span', { class: 'badge badge-' + kind, text: text });
export const sourced = (tag, text, src, cls) => el(tag, { class: 'sourced' + (cls ? ' ' + cls : '') }, [el('span', { text: text }), ' ', source(src)]);

// A part of the answer: a section, or folded (<details>) where folded is true.
export function block(app, id, title, kids, folded) {
  const h = el('h3', { id: id, text: title });
  if (!folded) return el('section', { class: 'block', 'aria-labelledby': id }, [h].concat(kids));
  return fold(app, 'fold-' + id, 'block fold', el('summary', null, h), kids);
}

// A <details> that stays as the reader left it from one answer to the next.
export function fold(app, id, cls, summary, kids) {
  const d = el('details', { class: cls, id: id, open: !!app.open[id] }, [summary].concat(kids));
  d.addEventListener('toggle', () => {
    app.open[id] = d.open;
  });
  return d;
}

export function buildResult(app) {
  const ui = app.ui;
  ui.resultH = el('h2', { id: 'result-h', tabindex: '-1', text: '计算结果' });
  ui.next = el('p', { class: 'next-step', id: 'next-step', hidden: true });
  ui.asOf = el('p', { class: 'as-of', id: 'as-of', hidden: true });
  // The year to enrol for (its figures), then the year in force, each
  // labelled with its year (shown where the two differ: in_force), in the
  // core's order: the figures within 3 phone screens.
  ui.inForceK = el(app.embed ? 'summary' : 'p', { class: 'year-k', id: 'in-force-k', hidden: true });
  ui.inForce = el('p', { class: 'in-force', id: 'in-force', hidden: true });
  // The embed is compact: the year in force folded under its label.
  ui.inForceBox = app.embed ? el('details', { class: 'more', id: 'in-force-box', hidden: true }, [ui.inForceK, ui.inForce]) : null;
  ui.enrolK = el('p', { class: 'year-k', id: 'enrol-k', hidden: true });
  ui.summary = el('p', { class: 'summary', id: 'summary' });
  ui.payLine = el('p', { class: 'pay-line', id: 'pay-line', hidden: true });
  ui.cases = el('ul', { class: 'cases', id: 'cases', hidden: true });
  ui.questions = el('ul', { class: 'questions', id: 'questions', hidden: true });
  ui.headline = el('div', { class: 'headline', id: 'headline' }, [ui.next, ui.asOf, ui.enrolK, ui.summary].concat(ui.inForceBox || [ui.inForceK, ui.inForce], [ui.questions, ui.cases, ui.payLine]));
  ui.policyLine = el('p', { class: 'policy-line', id: 'policy-line' });
  ui.policyNote = el('p', { class: 'note', id: 'policy-note', hidden: true });
  ui.back = el('p', { class: 'back' }, el('a', { href: '#f-region', id: 'to-form', text: '修改填写（回到第一项）', onclick: (e) => {
    e.preventDefault();
    app.toForm();
  } }));
  ui.printInputs = el('div', { class: 'print-only', id: 'print-inputs' });
  ui.out = el('div', { id: 'out' });
  return el('section', { id: 'result', class: 'card col-result', 'aria-labelledby': 'result-h' }, [
    ui.resultH, ui.printInputs, ui.headline, ui.policyLine, ui.policyNote, ui.back, ui.out,
  ]);
}

// The short form of the answer: [figure line, as_of line or ''].
export function brief(view, range) {
  if (view.kind === 'ask') return ['还需要回答' + (view.questions.length > 1 ? view.questions.length + '个问题' : '一个问题'), ''];
  if (view.kind === 'error') return ['有一项需要修改', ''];
  if (view.kind !== 'answer') return ['', ''];
  const q = view.main.q;
  if (view.cases.length > 1) return ['结果要看“不清楚”的那一项', asOfMark(q)];
  let line = q.benefit_year + '年度 ' + (q.to_pay !== null ? dueWord(q.enrollment, '需缴') + plain(q.to_pay) + '元' : q.eligible ? q.tier ? q.tier.name : '可以参保' : '不能参加居民医保');
  const pay = q.yongningbao && q.yongningbao.payout;
  // The payout's plan year where it is not the year enrolled for (a bill held today).
  if (pay) line += '，' + (pay.plan_year && pay.plan_year !== q.benefit_year ? pay.plan_year + '年度' : '') + '甬宁保赔付 ' + payWords(pay, range);
  return [line, asOfMark(q)];
}

// The bottom bar (the embed's top line): the short form, e.g.
// "2027年度 需缴780元 · 估算 · 查看结果"; it jumps to the answer.
export function setPeek(app, line, mark) {
  const ui = app.ui;
  setText(ui.peekLine, line ? line + (mark ? ' · ' : '') : '');
  setText(ui.peekAsOf, line ? mark : '');
  setText(ui.peekGo, line ? ' · 查看结果' : '');
}

// The bar's short mark of as_of (its text is in the headline): the figures
// are projected from the newest notice.
export const asOfMark = (q) => (asOfLine(q) ? '估算' : '');

function payWords(pay, range) {
  if (range) return yuan(range.low).replace(' 元', '') + '–' + yuan(range.high);
  return yuan(pay.total) + (pay.upper_bound ? '（上限）' : '');
}


export function setPolicyLine(app, p, year) {
  const ui = app.ui;
  const title = p.document_title && !app.embed ? '《' + p.document_title + '》' : '';
  setText(ui.policyLine, p.region_name + ' · ' + year + '年度 · 依据' + title + p.document);
  setText(ui.policyNote, p.region_note ? '注意：' + p.region_note : '');
  show(ui.policyNote, !!p.region_note);
}

// The headline for every kind of view.
export function renderHeadline(app, view, range) {
  const ui = app.ui;
  const kind = view.kind;
  show(ui.policyLine, true);
  clear(ui.questions);
  clear(ui.cases);
  show(ui.questions, false);
  show(ui.cases, false);
  show(ui.payLine, false);
  show(ui.asOf, false);
  const years = [ui.inForceK, ui.inForce, ui.enrolK, ui.inForceBox].filter((n) => n);
  years.concat(ui.next).forEach((n) => show(n, false));
  let text = view.text || '';
  let cls = 'prompt';
  if (kind === 'ask') {
    const qs = view.questions.map((x) => el('li', null, el('a', { href: '#f-' + x.key, text: x.text, onclick: (e) => {
      e.preventDefault();
      app.focusField(x.key);
    } })));
    const errs = Object.keys(view.errors).map((k) => el('li', { class: 'q-err' }, el('a', { href: '#f-' + k, text: view.errors[k], onclick: (e) => {
      e.preventDefault();
      app.focusField(k);
    } })));
    text = qs.length === 1 && !errs.length ? '还需要回答一个问题：' : errs.length && !qs.length ? '请改正这一项：' : '还需要回答：';
    add(ui.questions, errs.concat(qs));
    show(ui.questions, true);
  } else if (kind === 'error') {
    cls = 'error';
  } else if (kind === 'answer') {
    const q = view.main.q;
    const as = asOfLine(q);
    const one = view.cases.length < 2;
    const pt = parts(q);
    // The next step first (one line of its own), then as_of's note.
    setText(ui.next, one ? pt.next : '');
    show(ui.next, one && !!pt.next);
    setText(ui.asOf, as);
    show(ui.asOf, !!as);
    // The embed is compact: as_of names the notice, the policy line would again.
    show(ui.policyLine, !(app.embed && as));
    cls = q.eligible ? '' : 'no';
    if (view.cases.length > 1) {
      text = '“不清楚”的一项决定结果：';
      add(ui.cases, view.cases.map((k) => el('li', null, [el('strong', { text: k.when.join('，') + '：' }), caseText(k.r)])));
      show(ui.cases, true);
    } else {
      text = pt.rest;
      const f = pt.inForce && q.in_force;
      if (f) {
        setText(ui.inForceK, f.benefit_year + '年度（今天所在的年度）');
        setText(ui.inForce, f.text);
        setText(ui.enrolK, q.benefit_year + (q.benefit_year > f.benefit_year ? '年度（要参保的年度）' : '年度（所选的年度）') + (as ? ' · 估算' : ''));
        years.forEach((n) => show(n, true));
      }
      const pay = q.yongningbao && q.yongningbao.payout;
      if (pay) {
        setText(ui.payLine, '这张结算单，' + q.yongningbao.name + '估算赔付 ' + payWords(pay, range) +
          (range ? '：' + app.c.p.yongningbao.outside_name + '的费用按0计是下限，全额计是上限。' : '。'));
        show(ui.payLine, true);
      }
      if (view.unsure) text += '（“不清楚”的一项不影响这个结果。）';
    }
  }
  setText(ui.summary, text);
  ui.summary.className = 'summary' + (cls ? ' summary-' + cls : '');
  ui.headline.className = 'headline' + (cls ? ' headline-' + cls : '');
}

function caseText(r) {
  if (r.q) return summaryRest(r.q);
  if (r.questions) return '还需要回答：' + r.questions.map((x) => x.text).join('');
  return r.error ? r.error.message : '';
}

// The figures, the enrolment and 甬宁保 (its payout is in the bill's card).
export function renderBody(app, q) {
  const folded = app.embed;
  clear(app.ui.out);
  const ch = q.change;
  add(app.ui.out, [
    ch ? block(app, 'h-change', '情况有变化', [el('p', { id: 'change', text: ch.reason }), el('p', { class: 'step-src', text: '依据：' + ch.source })], folded) : null,
    fees(app, q, folded),
    enrollment(app, q, folded),
    q.yongningbao ? ynb(app, q.yongningbao, folded) : null,
    notes(app, q),
  ]);
}

function fees(app, q, folded) {
  const s = q.sources;
  const kids = [sourced('div', q.reason, s.eligibility, 'reason')];
  // Each figure with its year (the year in force may be another).
  const y = q.benefit_year + '年度';
  if (q.eligible && q.tier) kids.push(fig('tier', '档次', q.tier.name, q.tier.source));
  if (q.eligible && q.personal_fee !== null) {
    const aid = q.assistance !== null && Number(q.assistance) > 0;
    kids.push(
      fig('personal_fee', y + '个人缴费', yuan(q.personal_fee), s.personal_fee),
      q.ltc_fee !== null ? fig('ltc_fee', '其中长护险', yuan(q.ltc_fee), s.ltc_fee, '已含在个人缴费中，不另外收') : null,
      fig('assistance', y + '资助', (aid ? '− ' : '') + yuan(q.assistance), s.assistance),
      fig('to_pay', y + dueWord(q.enrollment, '实际需缴'), yuan(q.to_pay), null, '＝ 个人缴费 − 资助'),
      fig('subsidy', y + '财政补助', yuan(q.subsidy), s.subsidy, '政府为每位参保人出的钱'),
      fig('total_funding', y + '人均筹资合计', yuan(q.total_funding), null, '＝ 个人缴费 ＋ 财政补助'),
      splits(app, '财政补助由谁出', q.subsidy_split, 'subsidy-split'),
      splits(app, '资助由谁出', q.assistance_split, 'assistance-split'));
  }
  kids.push(sourced('div', '待遇期（参保后可以报销的时间）：' + span(q.benefit_period.start, q.benefit_period.end), q.benefit_period.source));
  return block(app, 'h-fees', q.eligible && q.personal_fee !== null ? '缴多少钱' : '能否参保', kids, folded);
}

function splits(app, caption, rows, id) {
  if (!rows.length) return null;
  const table = el('table', { class: 'split', id: id }, [
    el('thead', null, el('tr', null, [el('th', { scope: 'col', text: '出资方' }), el('th', { scope: 'col', class: 'num', text: '金额' })])),
    rows.map((r) => el('tbody', { 'data-payer': r.payer }, [
      el('tr', null, [el('th', { scope: 'row', text: r.name }), el('td', { class: 'num', text: r.amount === null ? '文件未列金额' : yuan(r.amount) })]),
      el('tr', { class: 'rule' }, el('td', { colspan: '2' }, [el('span', { text: r.rule }), ' ', source(r.source, r.name)])),
    ])),
  ]);
  return fold(app, 'more-' + id, 'more', el('summary', { text: caption }), [table]);
}

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
