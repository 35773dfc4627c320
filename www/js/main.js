// 医保算 (yibao): the page. ES modules bundled by esbuild into app.js, an
// ES2017 classic script; no dependencies, no requests other than this site's
// own files. The rules are in the WebAssembly core (core.js); the calculator
// (form, answer, bill and the loop) is calc.js's, shared with the
// <yibao-calculator> element; this module keeps the page's one state object
// `app` and what only the page has: its header and footer, the share link,
// the hotline's 新来电, print. index.html and embed.html (<html
// data-embed="1">, for an <iframe sandbox="allow-scripts">) share it.
import { add, byId, clear, doc, el, root, setText } from './dom.js';
import { dateWords, parseParams } from './words.js';
import { loadCore, script } from './core.js';
import { write } from './form.js';
import { DISCLAIMER, announce, buildCalculator, compute, later, reset, showPeek, toResult } from './calc.js';
import { hashOf, fromHash } from './share.js';
import { copyText, initPrint } from './copy.js';
import { elderToggle, initElder } from './elder.js';
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
  rendered: () => {},
  // calc.js later(); its styles (more.css) come with it.
  more: () => script('more.js', 'yibaoMore').then((m) => {
    if (!byId('more-css')) doc.head.appendChild(el('link', { rel: 'stylesheet', href: 'more.css', id: 'more-css' }));
    return m;
  }),
};

const FOLDS = ['more-id', 'more-change', 'more-year', 'more-bill', 'more-out', 'more-before']; // the form's folds

function chrome() {
  const ui = app.ui;
  if (ui.main) return;
  const a = byId('app');
  elderToggle(app);
  ui.main = el('main', { id: 'main', class: 'wrap' }, ui.status);
  ui.docs = el('div', { class: 'docs' });
  ui.announce = el('p', { class: 'vh', id: 'announce', role: 'status', 'aria-live': 'polite' });
  if (!app.embed) a.parentNode.insertBefore(el('a', { class: 'skip', href: '#result-h', text: '跳到计算结果', onclick: (e) => toResult(app, e) }), a);
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
      app.embed ? null : el('p', null, [el('a', { href: 'batch.html', id: 'to-batch', text: '村（社区）批量计算' }), '：把居民名单（表格）放进来，一次算出每个人。']),
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
  const hotline = app.embed ? null : el('button', { type: 'button', class: 'btn btn-small', id: 'new-call', 'aria-keyshortcuts': 'Alt+N', onclick: newCall },
    ['新来电（清空）', el('kbd', { text: 'Alt+N' })]);
  buildCalculator(app, {
    head: hotline,
    actions: [
      el('button', { type: 'button', class: 'btn', id: 'share', text: '生成分享链接', onclick: shareLink }),
      app.embed ? null : el('button', { type: 'button', class: 'btn', id: 'print', text: '打印', onclick: () => window.print() }),
    ],
  });
  // The bar with the answer while the headline is out of sight (the form is
  // long on a phone). In the embed the same line sits at the top of the frame.
  if (!app.embed && typeof IntersectionObserver === 'function') {
    new IntersectionObserver((entries) => {
      app.headlineInView = entries[entries.length - 1].isIntersecting;
      showPeek(app);
    }).observe(app.ui.headline);
  }
  if (!app.embed) renderDocs();
  if (!app.embed) familyButton();
}

// 添加家庭成员, beside 计算: the family (family.js) is in more.js, which
// takes the button over once it is there (app.fam; pressed sooner, the
// button waits for it).
function familyButton() {
  const add = el('button', { type: 'button', class: 'btn', id: 'add-member', text: '添加家庭成员',
    onclick: () => app.fam || later(app, 'family', (m) => {
      m.initFamily(app);
      m.pressAdd(app);
    }) });
  app.ui.form.querySelector('.submit').appendChild(add);
  app.ui.addMember = add;
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

// ------------------------------------------------------- hotline, share

// 新来电: every answer, the share link and the copied text go; focus on the first question.
function newCall() {
  reset(app);
  if (app.fam) app.moreMod.resetFamily(app);
  app.open = {};
  FOLDS.forEach((id) => {
    if (byId(id)) byId(id).open = false;
  });
  try {
    history.replaceState(null, '', location.pathname + location.search);
  } catch (e) {
    location.hash = '';
  }
  compute(app);
  app.toForm();
  clearTimeout(app.announceTimer);
  announce(app, '已清空上一位来电的全部填写和分享链接，请填写新来电的情况。');
}

doc.addEventListener('keydown', (e) => {
  if (app.core && !app.embed && e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.key === 'n' || e.key === 'N')) {
    e.preventDefault();
    newCall();
  }
});

function shareLink() {
  const base = app.embed ? String(new URL('index.html', location.href)) : location.href.split('#')[0];
  copyText(app, base.split('?')[0] + '#' + hashOf(app, app.c) + (app.fam ? app.moreMod.familyHash(app) : ''), '分享链接', '链接里含有出生日期等个人情况（只在“#”后面，不会发送到服务器），请只发给信任的人。');
}

function restore() {
  const hash = location.hash.slice(1);
  const v = fromHash(app, hash);
  // A link with members (m2.rel=…) needs more.js: the family follows it.
  if (app.fam || /(^|&)m\d+\./.test(hash)) {
    const waited = !app.moreMod;
    later(app, 'family', (m) => {
      m.initFamily(app);
      m.restoreFamily(app, hash);
      if (waited) compute(app);
    });
  }
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
  compute(app);
}

// ------------------------------------------------------------- start

function start() {
  setText(app.ui.status, '正在加载计算器……');
  app.ui.status.className = 'status';
  loadCore(window.yibaoLite, 'yibao-lite_bg.wasm').then((core) => {
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
