// The answer's first result: the headline first (what to pay, or the
// question still open), the policy line, then the figures with their
// clauses; when and how to enrol, 甬宁保 and the notes follow with more.js
// (answer-rest.js). The same view gives the one-line brief for the bottom
// bar, the embed's top line and the live region.
import { add, clear, el, setText, show } from './dom.js';
import { asOfLine, parts, plain, span, summaryRest, yuan } from './words.js';

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
  // Where the blocks after the fees would be, when more.js cannot be loaded (calc.js later()).
  ui.moreMsg = el('div', { id: 'more-msg' });
  return el('section', { id: 'result', class: 'card col-result', 'aria-labelledby': 'result-h' }, [
    ui.resultH, ui.printInputs, ui.headline, ui.policyLine, ui.policyNote, ui.back, ui.out, ui.moreMsg,
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

// The figures of the year (what the first result needs); the blocks
// around them (a change, when and how to enrol, 甬宁保, the notes) are
// more.js's (answer-rest.js renderRest), in this order: change, fees,
// enrolment, 甬宁保, notes. Its payout is in the bill's card.
export function renderFees(app, q) {
  const f = fees(app, q, app.embed);
  add(clear(app.ui.out), f);
  return f;
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
