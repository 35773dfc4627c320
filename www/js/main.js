// 医保算 (yibao): the page. ES modules bundled by esbuild into app.js, an
// ES2017 classic script; no dependencies, no requests other than this site's
// own files. The rules are in the WebAssembly core (core.js); this module
// assembles the page, keeps its one state object `app`, and runs the loop
// answers -> request -> answer. index.html and embed.html
// (<html data-embed="1">, for an <iframe sandbox="allow-scripts">) share it.
import { add, byId, clear, doc, el, root, setText, show } from './dom.js';
import { dateWords, parseParams } from './words.js';
import { loadCore } from './core.js';
import { fieldTable, regions } from './fields.js';
import { buildForm, clearMarks, focusField, markAsked, markError, readAll, shown, update, write } from './form.js';
import { evaluate, policyFor, say } from './ask.js';
import { brief, buildResult, renderBody, renderHeadline, setPolicyLine } from './answer.js';
import { renderPayout } from './payout.js';
import { hashOf, fromHash } from './share.js';
import { copyText, initPrint, renderPrintBlock, resultText } from './copy.js';
import { initElder, setElder } from './elder.js';
import { initEmbed } from './embed.js';

const app = {
  embed: root.getAttribute('data-embed') === '1',
  query: parseParams(location.search.slice(1)),
  ui: { status: byId('status') },
  open: {}, // folds the reader opened, by id
  birthCommitted: false,
  need: null, // the newborn's parent questions the core asks
  resized: () => {}, // the embed tells its parent (embed.js)
  scrollParentTo: () => {},
};

const DISCLAIMER = '按公开文件估算，以医保经办机构核定为准。';
const FOLDS = ['more-id', 'more-change', 'more-year', 'more-bill', 'more-out', 'more-before']; // the form's folds

function chrome() {
  const ui = app.ui;
  if (ui.main) return;
  const a = byId('app');
  const elder = root.classList.contains('elder');
  ui.elder = el('button', { type: 'button', id: 'elder-toggle', class: 'btn btn-elder', 'aria-pressed': elder ? 'true' : 'false',
    text: elder ? '大字模式：开' : '大字模式', onclick: () => setElder(app, !root.classList.contains('elder'), true) });
  ui.main = el('main', { id: 'main', class: 'wrap' }, ui.status);
  ui.docs = el('div', { class: 'docs' });
  ui.announce = el('p', { class: 'vh', id: 'announce', role: 'status', 'aria-live': 'polite' });
  if (!app.embed) a.parentNode.insertBefore(el('a', { class: 'skip', href: '#result-h', text: '跳到计算结果', onclick: toResult }), a);
  const noscript = a.getElementsByTagName('noscript')[0];
  if (noscript) a.removeChild(noscript);
  add(a, [
    el('header', { class: 'top' }, el('div', { class: 'wrap top-in' }, [
      el('h1', null, ['医保算', el('span', { class: 'sub', text: app.embed ? '居民医保和天一甬宁保计算器' : '居民医保缴费和天一甬宁保赔付估算' })]),
      ui.elder,
    ])),
    ui.main,
    el('footer', { class: 'foot' }, el('div', { class: 'wrap' }, [
      app.embed ? null : el('p', { class: 'disclaimer', text: DISCLAIMER }),
      ui.docs,
      el('p', { text: app.embed ? '计算在您的设备上完成，填写的内容不会发送出去，不用 Cookie。' : '计算在您的设备上完成：填写的内容不会发送到任何服务器，本页不使用 Cookie，也不做访问统计。' }),
    ])),
    ui.announce,
  ]);
}

function fatal(message, detail, retry) {
  chrome();
  const s = app.ui.status;
  s.hidden = false;
  clear(s);
  s.className = 'status status-error';
  add(s, [el('strong', { text: message }), detail ? el('span', { class: 'small', text: ' ' + detail }) : null]);
  if (retry) s.appendChild(el('button', { type: 'button', class: 'btn', text: '重试', onclick: retry === 'reload' ? () => location.reload() : start }));
  app.resized();
}

// ------------------------------------------------------------- the page

function buildPage() {
  const ui = app.ui;
  app.fields = fieldTable(app.policies);
  const parts = buildForm(app, app.embed);
  ui.newborn = el('fieldset', { class: 'group', id: 'box-newborn', hidden: true }, [
    el('legend', { text: '孩子父母的情况' }),
    el('p', { class: 'hint', text: '非本市户籍、本人没有居住证的婴儿，能否参保要看父母一方的情况。“不清楚”也可以选：结果会分别说明。' }),
    parts.newborn,
  ]);
  if (app.embed) {
    const ids = app.controls.id.box;
    ui.ids = el('details', { class: 'more', id: 'more-id' }, [el('summary', { text: '特殊身份（低保、特困等，可不填）' })]);
    parts.person.replaceChild(ui.ids, ids);
    ui.ids.appendChild(ids);
  }
  const submit = el('p', { class: 'submit' }, el('button', { type: 'button', class: 'btn btn-primary', id: 'calc', text: '计算', onclick: calculate }));
  ui.form = el('form', { id: 'form', class: 'card col-form', novalidate: true, 'aria-labelledby': 'h-person' }, [
    el('div', { class: 'form-head' }, [
      el('h2', { id: 'h-person', class: app.embed ? 'vh' : null, text: '填写情况' }),
      app.embed ? null : el('button', { type: 'button', class: 'btn btn-small', id: 'new-call', 'aria-keyshortcuts': 'Alt+N', onclick: newCall },
        ['新来电（清空）', el('kbd', { text: 'Alt+N' })]),
    ]),
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
    el('button', { type: 'button', class: 'btn', id: 'copy', text: '复制结果', onclick: copyResult }),
    el('button', { type: 'button', class: 'btn', id: 'share', text: '生成分享链接', onclick: shareLink }),
    app.embed ? null : el('button', { type: 'button', class: 'btn', id: 'print', text: '打印', onclick: () => window.print() }),
  ]);
  const result = buildResult(app);
  add(result, [ui.actions, ui.copyMsg, ui.copyBox, el('p', { class: 'disclaimer', text: DISCLAIMER })]);
  ui.peek = el('a', { class: 'peek', href: '#result-h', hidden: true, onclick: toResult }, [ui.peekLine = el('span'), ' ', ui.peekAsOf = el('span', { class: 'peek-as-of' })]);
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
      calculate();
    });
    f.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.target.tagName === 'INPUT') {
        e.preventDefault();
        calculate();
      }
    });
    f.addEventListener('input', (e) => {
      if (e.target.name === 'birth') app.birthCommitted = false;
      compute();
    });
    f.addEventListener('change', (e) => {
      if (e.target.name === 'birth') app.birthCommitted = true;
      compute();
    });
  });
  // The bar with the answer while the headline is out of sight (the form is
  // long on a phone). In the embed the same line sits at the top of the frame.
  if (!app.embed && typeof IntersectionObserver === 'function') {
    new IntersectionObserver((entries) => {
      app.headlineInView = entries[entries.length - 1].isIntersecting;
      showPeek();
    }).observe(ui.headline);
  }
  if (!app.embed) renderDocs();
  const preset = app.query.region && app.policies.some((p) => p.region === app.query.region) ? app.query.region : regions(app.policies)[0][0];
  app.defaults = { region: preset, year: app.query.year || '' };
  reset();
}

function renderDocs() {
  add(clear(app.ui.docs), [
    el('p', { text: '本计算器依据的公开文件：' }),
    el('ul', { class: 'plain' }, app.policies.map((p) => el('li', null, [
      p.region_name + ' ' + p.benefit_year + '年度：' + p.document + (p.document_title ? '《' + p.document_title + '》' : '') +
        (p.document_date ? '，' + dateWords(p.document_date) : ''),
      p.region_note ? el('span', { class: 'small', text: '（' + p.region_note + '）' }) : null,
    ]))),
  ]);
}

// Every answer to its default (the region and year the page was opened with).
function reset() {
  app.fields.forEach((f) => write(app, f.key, app.defaults[f.key] || f.def || ''));
  app.birthCommitted = false;
  app.need = null;
}

// ------------------------------------------------------------ the loop

function context() {
  const v = readAll(app);
  return { p: policyFor(app, v), all: app.policies, v: v, need: app.need };
}

function compute() {
  if (!app.core) return;
  const ui = app.ui;
  let c = context();
  update(app, c);
  c = context();
  clearMarks(app);
  let view;
  try {
    view = evaluate(app, c);
  } catch (e) {
    // Not a QuoteError: a defect, or the module trapped and is gone.
    view = { kind: 'error', text: '计算器出错了，请刷新页面后重试。（' + (e && e.message ? e.message : e) + '）' };
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
  render(c, view);
}

function render(c, view) {
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
  if (answer) renderBody(app, view.main.q);
  else clear(ui.out);
  renderPayout(app, answer ? view.main : null, range);
  renderPrintBlock(app, c, view);
  show(ui.actions, answer);
  show(ui.copyBox, false);
  setText(ui.copyMsg, '');
  const b = brief(view, range);
  setText(ui.peekLine, b[0] ? b[0] + ' · 查看结果' : '');
  setText(ui.peekAsOf, b[1]);
  app.brief = b[0];
  showPeek();
  announceLater(answer || view.kind === 'ask' ? [b[1], ui.summary.textContent, ui.questions.textContent, ui.cases.textContent, ui.payLine.hidden ? '' : ui.payLine.textContent].join(' ').trim() : '');
  if (answer && !app.marked && window.performance && performance.mark) {
    app.marked = true;
    performance.mark('yibao-first-result'); // scripts/bench.mjs times the first result by this mark
  }
  app.resized();
}

function calculate() {
  app.birthCommitted = true;
  compute();
  toResult();
}

function showPeek() {
  const peek = app.ui.peek;
  show(peek, !!app.brief && (app.embed || app.headlineInView === false));
  // Focus never ends up under the bar, however many lines it has (as_of):
  // measured at once after the first result (before it, a frame later, so
  // that the first result is not laid out twice).
  if (!app.embed && !peek.hidden) {
    if (app.marked) keepFocusClear(peek);
    else if (window.requestAnimationFrame) requestAnimationFrame(() => keepFocusClear(peek));
  }
}

function keepFocusClear(peek) {
  root.style.scrollPaddingBottom = peek.offsetHeight + 16 + 'px';
  const f = doc.activeElement;
  if (f && f !== doc.body && !peek.hidden && f.getBoundingClientRect().bottom > peek.getBoundingClientRect().top) {
    f.scrollIntoView({ block: 'nearest' });
  }
}

// The live region speaks once the answer has settled, not on every keystroke.
function announceLater(text) {
  clearTimeout(app.announceTimer);
  app.announceTimer = setTimeout(() => announce(text), 900);
}

function announce(text) {
  if (text && text !== app.announced) setText(app.ui.announce, text);
  app.announced = text;
}

function toResult(e) {
  if (e) e.preventDefault();
  app.ui.resultH.focus();
  if (app.embed) app.scrollParentTo(app.brief ? app.ui.peek : app.ui.resultH);
}

app.focusField = (key) => focusField(app, key);
app.toForm = () => focusField(app, 'region');
app.toBill = () => {
  app.ui.billMore.open = true;
  const first = app.fields.filter((f) => f.group === 'bill' && shown(app, f.key))[0];
  if (first) focusField(app, first.key);
};

// ------------------------------------------------------- hotline, share

// 新来电: every answer, the share link and the copied text go; focus on the first question.
function newCall() {
  reset();
  app.open = {};
  FOLDS.forEach((id) => {
    if (byId(id)) byId(id).open = false;
  });
  try {
    history.replaceState(null, '', location.pathname + location.search);
  } catch (e) {
    location.hash = '';
  }
  compute();
  app.toForm();
  clearTimeout(app.announceTimer);
  announce('已清空上一位来电的全部填写和分享链接，请填写新来电的情况。');
}

doc.addEventListener('keydown', (e) => {
  if (app.core && !app.embed && e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.key === 'n' || e.key === 'N')) {
    e.preventDefault();
    newCall();
  }
});

function copyResult() {
  if (app.view && app.view.kind === 'answer') copyText(app, resultText(app, app.c, app.view), '结果');
}

function shareLink() {
  const base = app.embed ? String(new URL('index.html', location.href)) : location.href.split('#')[0];
  copyText(app, base.split('?')[0] + '#' + hashOf(app, app.c), '分享链接', '链接里含有出生日期等个人情况（只在“#”后面，不会发送到服务器），请只发给信任的人。');
}

function restore() {
  const v = fromHash(app, location.hash.slice(1));
  if (v) {
    if (!app.policies.some((p) => p.region === v.region)) v.region = app.defaults.region;
    app.fields.forEach((f) => write(app, f.key, v[f.key]));
    app.birthCommitted = true;
    app.need = null;
    // A fold of the form with an answer in it opens.
    FOLDS.map(byId).forEach((d) => {
      if (d && (d.querySelector('input:checked') || Array.prototype.some.call(d.querySelectorAll('input[type=text], select'), (i) => !!i.value))) d.open = true;
    });
  }
  compute();
}

// ------------------------------------------------------------- start

function start() {
  setText(app.ui.status, '正在加载计算器……');
  app.ui.status.className = 'status';
  loadCore().then((core) => {
    app.core = core;
    app.policies = core.policies();
    chrome();
    app.ui.status.hidden = true;
    buildPage();
    restore();
    window.addEventListener('hashchange', restore);
    window.addEventListener('resize', () => {
      clearTimeout(app.resizeTimer);
      app.resizeTimer = setTimeout(() => app.redraw && app.redraw(), 200);
    });
  }, (e) => fatal(e.message, e.detail, e.retry)).catch((e) => {
    fatal('计算器出错了，请刷新页面后重试。', '（' + (e && e.message ? e.message : e) + '）');
  });
}

initEmbed(app);
initElder(app);
initPrint(app);
start();
app.resized();
