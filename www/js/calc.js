// The calculator itself: the form, the answer and the 甬宁保 bill, built into
// app.ui.main, and the loop answers -> request -> answer. The page (main.js:
// index.html and embed.html) and the <yibao-calculator> element (element.js)
// each make one `app` and call buildCalculator(app, extra); what is theirs
// alone (the page's header, share link and hotline keys; the element's event)
// stays with them. app.embed is the compact layout (the embed, or the element
// with `compact`); app.rendered(view) is called after each answer is shown.
import { add, clear, doc, el, root, setText, show } from './dom.js';
import { fieldTable, regions } from './fields.js';
import { buildForm, clearMarks, focusField, markAsked, markError, readAll, shown, update, write } from './form.js';
import { NEEDS_FULL, evaluate, isBaby, policyFor, say } from './ask.js';
import { brief, buildResult, renderFees, renderHeadline, setPeek, setPolicyLine } from './answer.js';
import { loadFull } from './core.js';

export const DISCLAIMER = '按公开文件估算，以医保经办机构核定为准。';

// The form's folds (closed again by 新来电; opened by a link with an answer in them).
export const FOLDS = ['more-id', 'more-change', 'more-year', 'more-bill', 'more-out', 'more-before'];

// Builds the calculator for app into app.ui.main, with extra: { head: a node
// beside the form's title, actions: buttons after 复制结果 }.
export function buildCalculator(app, extra) {
  const ui = app.ui;
  app.fields = fieldTable(app.policies);
  const parts = buildForm(app, app.embed);
  ui.newborn = el('fieldset', { class: 'group', id: 'box-newborn', hidden: true }, [
    el('legend', { text: '孩子父母的情况' }),
    el('p', { class: 'hint', text: '非本市户籍的婴儿能否参保，要看爸爸或妈妈的情况。“不清楚”也可以选：结果会分别说明。' }),
    parts.newborn,
  ]);
  if (app.embed) {
    const ids = app.controls.id.box;
    ui.ids = el('details', { class: 'more', id: 'more-id' }, [el('summary', { text: '特殊身份（低保、特困等，可不填）' })]);
    parts.person.replaceChild(ui.ids, ids);
    ui.ids.appendChild(ids);
  }
  const submit = el('p', { class: 'submit' }, el('button', { type: 'button', class: 'btn btn-primary', id: 'calc', text: '计算', onclick: () => calculate(app) }));
  ui.form = el('form', { id: 'form', class: 'card col-form', novalidate: true, 'aria-labelledby': 'h-person' }, [
    el('div', { class: 'form-head' }, [el('h2', { id: 'h-person', class: app.embed ? 'vh' : null, text: '填写情况' }), extra.head]),
    el('p', { class: 'hint', text: '结果随填写自动更新。' }),
    parts.person,
    ui.newborn,
    el('details', { class: 'more', id: 'more-change', hidden: app.embed }, [el('summary', { text: '情况有变化？（登记后身份变了，可不填）' }), parts.change]),
    el('details', { class: 'more', id: 'more-year', hidden: app.embed }, [el('summary', { text: '按其他年度的文件计算（一般不用选）' }), parts.more]),
    submit,
  ]);
  ui.billTitle = el('span');
  ui.payout = el('div', { id: 'payout-out', 'aria-live': 'off' });
  ui.billForm = el('form', { id: 'bill-form', novalidate: true, 'aria-label': '结算单金额' }, [
    el('p', { class: 'hint', text: '有一张住院或特殊病种门诊的结算单，想知道能赔多少？按单上的金额填写（单位：元），没有的项目不填。' }),
    parts.bill,
    el('details', { class: 'more', id: 'more-out' }, [
      ui.outTitle = el('summary'),
      ui.outHint = el('p', { class: 'hint' }),
      parts.bill_out,
    ]),
    el('details', { class: 'more', id: 'more-before' }, [
      el('summary', { text: '本保障年度此前已累计的金额' }),
      el('p', { class: 'hint', text: '本年度之前的结算单已经计入甬宁保的同类金额（起付线和分段按全年累计计算）。' }),
      parts.bill_before,
    ]),
  ]);
  ui.billMore = el('details', { class: 'more', id: 'more-bill' }, [el('summary', null, el('h2', { id: 'h-bill' }, ui.billTitle)), ui.billForm]);
  ui.bill = el('section', { class: 'card', id: 'bill', 'aria-labelledby': 'h-bill', hidden: true }, [ui.billMore, ui.payout]);
  ui.copyMsg = el('p', { class: 'copy-msg', role: 'status' });
  ui.copyBox = el('div', { class: 'copy-box', hidden: true });
  ui.actions = el('div', { class: 'actions', hidden: true }, [
    el('button', { type: 'button', class: 'btn', id: 'copy', text: '复制结果', onclick: () => later(app, 'copy', (m) => m.copyResult(app)),
      onfocus: () => later(app, 'ready', (m) => m.readyToCopy(app)), onpointerdown: () => later(app, 'ready', (m) => m.readyToCopy(app)) }),
  ].concat(extra.actions));
  const result = buildResult(app);
  add(result, [ui.actions, ui.copyMsg, ui.copyBox, el('p', { class: 'disclaimer', text: DISCLAIMER })]);
  ui.peek = el('a', { class: 'peek', href: '#result-h', hidden: true, onclick: (e) => toResult(app, e) }, [ui.peekLine = el('span'), ui.peekAsOf = el('span', { class: 'peek-as-of' }), ui.peekGo = el('span')]);
  if (app.embed) {
    ui.peek.className = 'topline';
    ui.main.insertBefore(ui.peek, ui.main.firstChild);
  } else {
    ui.main.appendChild(ui.peek);
  }
  ui.main.appendChild(el('div', { class: 'layout' }, [ui.form, result, ui.bill]));
  // Enter and the 计算 button answer without submitting anything (a
  // sandboxed frame without allow-forms refuses a form's submission).
  [ui.form, ui.billForm].forEach((f) => {
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      calculate(app);
    });
    f.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.target.tagName === 'INPUT') {
        e.preventDefault();
        calculate(app);
      }
    });
    f.addEventListener('input', (e) => {
      if (e.target.name === 'birth') app.birthCommitted = false;
      compute(app);
    });
    f.addEventListener('change', (e) => {
      if (e.target.name === 'birth') app.birthCommitted = true;
      compute(app);
    });
  });
  app.focusField = (key) => focusField(app, key);
  app.toForm = () => focusField(app, 'region');
  app.toBill = () => {
    ui.billMore.open = true;
    const first = app.fields.filter((f) => f.group === 'bill' && shown(app, f.key))[0];
    if (first) focusField(app, first.key);
  };
  const preset = app.query.region && app.policies.some((p) => p.region === app.query.region) ? app.query.region : regions(app.policies)[0][0];
  app.defaults = { region: preset, year: app.query.year || '' };
  reset(app);
}

// Every answer to its default (the region and year the page was opened with).
export function reset(app) {
  app.fields.forEach((f) => write(app, f.key, app.defaults[f.key] || f.def || ''));
  app.birthCommitted = false;
  app.need = null;
}

// ------------------------------------------------------------ the loop

function context(app) {
  const v = readAll(app);
  const c = { p: policyFor(app, v), all: app.policies, v: v, need: app.need };
  c.baby = isBaby(app, c);
  return c;
}

export function compute(app) {
  if (!app.core) return;
  const ui = app.ui;
  let c = context(app);
  update(app, c);
  c = context(app);
  clearMarks(app);
  let view;
  try {
    view = evaluate(app, c);
  } catch (e) {
    // Not a QuoteError: a bill or a change for the full module, a defect,
    // or the module trapped and is gone.
    view = e === NEEDS_FULL ? toFull(app) : { kind: 'error', text: '计算器出错了，请刷新页面后重试。（' + (e && e.message ? e.message : e) + '）' };
  }
  c.need = app.need;
  update(app, c);
  show(ui.newborn, !!app.need);
  if (ui.ids) show(ui.ids, shown(app, 'id'));
  show(ui.bill, !!c.p.yongningbao);
  const y = c.p.yongningbao;
  if (y) {
    setText(ui.billTitle, app.embed ? '估算结算单的' + y.name + '赔付' : y.name + '：估算一张结算单能赔多少（可不填）');
    setText(ui.outTitle, '其中在' + y.outside_name + '就医或购药的部分');
    setText(ui.outHint, '上面各项金额中，在' + y.outside_name + '的医院或药店发生的部分（不能大于该项金额）。');
  }
  if (view.kind === 'error' && view.field) {
    const errors = view.errors;
    errors[view.field.key] = say(app, c, view.field, view.error);
    view = { kind: 'ask', questions: [], errors: errors };
  }
  Object.keys(view.errors || {}).forEach((k) => markError(app, k, view.errors[k]));
  (view.questions || []).forEach((x) => markAsked(app, x.key));
  render(app, c, view);
}

// A bill or a change of status: the full module answers it, and every
// request after (ask.js NEEDS_FULL). Fetched once; meanwhile the headline
// says so; if it cannot be loaded, the headline says that, and the next
// change to the form tries again.
function toFull(app) {
  if (app.fullError) {
    const text = app.fullError;
    app.fullError = null;
    return { kind: 'error', text: text };
  }
  if (!app.fullWait) {
    app.fullWait = loadFull().then((lib) => {
      app.core = lib;
      app.lean = false;
    }, (e) => {
      app.fullError = (e && e.message) || '计算器组件下载失败，请检查网络后重试。';
    }).then(() => {
      app.fullWait = null;
      compute(app);
    });
  }
  return { kind: 'prompt', text: '正在加载计算器的其余部分，请稍候……' };
}

function render(app, c, view) {
  const ui = app.ui;
  const answer = view.kind === 'answer';
  // With costs outside the plan's area, the payout is a range (the core's total_low).
  const pay = answer && view.main.q.yongningbao && view.main.q.yongningbao.payout;
  const range = pay && pay.total_low !== null && pay.total_low !== undefined && pay.total_low !== pay.total ? { low: pay.total_low, high: pay.total } : null;
  app.view = view;
  app.c = c;
  renderHeadline(app, view, range);
  if (answer) setPolicyLine(app, view.main.q.policy, view.main.q.benefit_year);
  else setPolicyLine(app, c.p, c.p.benefit_year);
  const fees = answer ? renderFees(app, view.main.q) : null;
  if (!answer) clear(ui.out);
  // The blocks around the fees, the payout of a bill and the print-only
  // block are more.js's (later()); without an answer there is nothing to
  // show, and nothing to wait for until more.js is there.
  if (app.moreMod || answer) {
    later(app, 'answer', (m) => {
      if (answer) m.renderRest(app, view.main.q, fees);
      m.renderPayout(app, answer ? view.main : null, range);
      m.renderPrintBlock(app, c, view);
    });
  } else if (app.moreNext) {
    app.moreNext.answer = null;
  }
  show(ui.actions, answer);
  show(ui.copyBox, false);
  setText(ui.copyMsg, '');
  const b = brief(view, range);
  setPeek(app, b[0], b[1]);
  app.brief = b[0];
  showPeek(app);
  announceLater(app, answer || view.kind === 'ask' ? [ui.next, ui.asOf, ui.enrolK, ui.summary, ui.inForceK, ui.inForce].map((n) => (n.hidden ? '' : n.textContent)).concat([ ui.questions.textContent, ui.cases.textContent, ui.payLine.hidden ? '' : ui.payLine.textContent]).join(' ').trim() : '');
  if (answer && !app.marked && window.performance && performance.mark) {
    app.marked = true;
    performance.mark('yibao-first-result'); // scripts/bench.mjs times the first result by this mark
  }
  app.resized();
  app.rendered(view);
}

// What the first result does not need (more.js) comes from app.more(), a
// promise of that module: the page loads it with its first answer, the
// element has it bundled. f(module) runs at once when it is there, else once
// it has loaded, unless a later call for the same `what` replaced it (the
// latest answer wins). If it cannot be loaded, the answer says so where its
// blocks after the fees would be, and so does the payout's place, each with
// 重试.
export function later(app, what, f) {
  if (app.moreMod) return f(app.moreMod);
  app.moreNext = app.moreNext || {};
  app.moreNext[what] = f;
  clear(app.ui.payout);
  clear(app.ui.moreMsg);
  if (app.moreWait) return;
  app.moreWait = app.more().then((m) => {
    app.moreMod = m;
    const next = app.moreNext;
    app.moreNext = null;
    // Each waiting call runs, whatever another one throws (the first error
    // is thrown after them).
    let failed = null;
    Object.keys(next).forEach((k) => {
      try {
        if (next[k]) next[k](m);
      } catch (e) {
        failed = failed || e;
      }
    });
    if (failed) throw failed;
  }, (e) => {
    app.moreWait = null;
    const next = app.moreNext;
    const warn = (what) => el('p', { class: 'warn' }, [
      what, (e && e.message) || '计算器组件下载失败，请检查网络后重试。', ' ',
      el('button', { type: 'button', class: 'btn btn-small', text: '重试', onclick: () => Object.keys(next).forEach((k) => next[k] && later(app, k, next[k])) }),
    ]);
    add(clear(app.ui.moreMsg), warn(next.answer ? '参保时间、说明等其余内容没有显示：' : ''));
    add(clear(app.ui.payout), warn(''));
    app.resized();
  });
}

function calculate(app) {
  app.birthCommitted = true;
  compute(app);
  toResult(app);
}

export function showPeek(app) {
  const peek = app.ui.peek;
  show(peek, !!app.brief && (app.embed || (app.headlineInView === false && !app.submitInView)));
  // The page's bar (main.js app.bar), not the element's (never shown in a host page).
  if (app.bar) {
    doc.body.style.paddingBottom = peek.hidden ? '' : peek.offsetHeight + 'px';
    if (!app.peekWatch) {
      app.peekWatch = true;
      window.addEventListener('scroll', () => {
        if (app.peekFrame || peek.hidden || !window.requestAnimationFrame) return;
        app.peekFrame = requestAnimationFrame(() => {
          app.peekFrame = 0;
          peekAway(peek);
        });
      }, { passive: true });
    }
    peekAway(peek);
  }
  // Focus never ends up under the bar, however many lines it has (as_of):
  // measured at once after the first result (before it, a frame later, so
  // that the first result is not laid out twice).
  if (!app.embed && !peek.hidden) {
    if (app.marked) keepFocusClear(peek);
    else if (window.requestAnimationFrame) requestAnimationFrame(() => keepFocusClear(peek));
  }
}

// The bar steps aside (invisible, still measured) while a control is under it.
function peekAway(peek) {
  if (peek.hidden) return;
  const b = peek.getBoundingClientRect();
  const under = Array.prototype.some.call(doc.querySelectorAll('a[href], button, select, textarea, summary, input'), (n) => {
    if (n === peek) return false;
    const r = (n.type === 'radio' || n.type === 'checkbox' ? n.parentNode : n).getBoundingClientRect();
    return r.height > 0 && r.bottom > b.top && r.top < b.bottom;
  });
  peek.classList.toggle('peek-away', under);
}

function keepFocusClear(peek) {
  root.style.scrollPaddingBottom = peek.offsetHeight + 16 + 'px';
  const f = doc.activeElement;
  if (f && f !== doc.body && !peek.hidden && f.getBoundingClientRect().bottom > peek.getBoundingClientRect().top) {
    f.scrollIntoView({ block: 'nearest' });
  }
}

// The live region speaks once the answer has settled, not on every keystroke.
function announceLater(app, text) {
  clearTimeout(app.announceTimer);
  app.announceTimer = setTimeout(() => announce(app, text), 900);
}

export function announce(app, text) {
  if (text && text !== app.announced) setText(app.ui.announce, text);
  app.announced = text;
}

export function toResult(app, e) {
  if (e) e.preventDefault();
  app.ui.resultH.focus();
  // The host brings the answer's first line to the top of the reader's screen.
  if (app.embed) app.scrollParentTo(app.ui.headline);
}
