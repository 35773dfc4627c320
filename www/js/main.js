// 医保算 (yibao): the page. ES modules bundled by esbuild into app.js, an
// ES2017 classic script; no dependencies, no requests other than this site's
// own files. The rules are in the WebAssembly core (core.js); the calculator
// (form, answer, bill and the loop) is calc.js's, shared with the
// <yibao-calculator> element; this module keeps the page's one state object
// `app` and what only the page has: its header and footer, the share link,
// the hotline's 新来电 and keys, print (what these do, but Alt+J and the
// print listener, is page-more.js's, in more.js). index.html and embed.html
// (<html data-embed="1">, for an <iframe sandbox="allow-scripts">) share it.
import { add, byId, clear, doc, el, root, setText } from './dom.js';
import { parseParams } from './words.js';
import { loadCore, script } from './core.js';
import { write } from './form.js';
import { FOLDS, buildCalculator, compute, later, showPeek, toResult } from './calc.js';
import { fromHash } from './share.js';
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

function chrome() {
  const ui = app.ui;
  if (ui.main) return;
  const a = byId('app');
  elderToggle(app);
  ui.main = el('main', { id: 'main', class: 'wrap' }, ui.status);
  ui.foot = el('div', { class: 'wrap' }); // page-more.js renderFooter
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
    el('footer', { class: 'foot' }, ui.foot),
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
  const hotline = app.embed ? null : [el('button', { type: 'button', class: 'btn btn-small', id: 'new-call', 'aria-keyshortcuts': 'Alt+N', onclick: () => press('N') },
    ['新来电（清空）', el('kbd', { text: 'Alt+N' })]), el('p', { class: 'keys hint', id: 'keys' }, ['键盘：', KEYS.map((k) => [el('kbd', { text: 'Alt+' + k[0] }), k[1]])])];
  buildCalculator(app, {
    head: hotline,
    actions: [
      el('button', { type: 'button', class: 'btn', id: 'share', text: '生成分享链接', onclick: () => later(app, 'share', (m) => m.shareLink(app)) }),
      app.embed ? null : el('button', { type: 'button', class: 'btn', id: 'print', text: '打印', onclick: () => later(app, 'print', (m) => m.printPage(app)) }),
    ],
  });
  // The bar with the answer while the headline is out of sight (the form is
  // long on a phone). In the embed the same line sits at the top of the frame.
  // Nor while 计算 is in sight: the bar is never over it.
  if (!app.embed && typeof IntersectionObserver === 'function') {
    app.bar = true;
    new IntersectionObserver((entries) => {
      app.headlineInView = entries[entries.length - 1].isIntersecting;
      showPeek(app);
    }).observe(app.ui.headline);
    new IntersectionObserver((entries) => {
      app.submitInView = entries[entries.length - 1].isIntersecting;
      showPeek(app);
    }).observe(app.ui.form.querySelector('.submit'));
  }
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

// ------------------------------------------------------- hotline, share

// The hotline's keys, from anywhere on the page (announced in the form's
// head, #keys): the answer, the bill, the family, back to the field left,
// a new call. Letters no browser takes with Alt (not digits, D, E, F).
// Alt+J at once; the others are page-more.js jump()'s (pressed before
// more.js is there, they wait for it: the latest key wins).
const KEYS = [['J', '结果 '], ['Z', '结算单 '], ['M', '家庭 '], ['W', '回到填写 '], ['N', '新来电']];
const press = (key) => (key === 'J' ? toResult(app) : later(app, 'key', (m) => m.jump(app, key)));

doc.addEventListener('keydown', (e) => {
  if (!app.core || !e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const key = /^Key[A-Z]$/.test(e.code || '') ? e.code.slice(3) : String(e.key || '').toUpperCase();
  if (!KEYS.some((k) => k[0] === key) || (app.embed && (key === 'N' || key === 'M'))) return;
  e.preventDefault();
  press(key);
});

// The field the reader was in, for Alt+W.
doc.addEventListener('focusin', (e) => {
  const t = e.target;
  if (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName) && t.closest('#form, #bill-form')) app.lastField = t;
});

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
    app.lean = true; // no bill, no change of status: ask.js NEEDS_FULL
    app.policies = core.policies();
    chrome();
    app.ui.status.hidden = true;
    buildPage();
    restore();
    // The footer's words (page-more.js) come with more.js.
    later(app, 'footer', (m) => m.renderFooter(app));
    window.addEventListener('hashchange', restore);
    window.addEventListener('resize', () => {
      clearTimeout(app.resizeTimer);
      app.resizeTimer = setTimeout(() => app.redraw && app.redraw(), 200);
    });
  }, (e) => fatal(e.message, e.detail, e.retry)).catch((e) => {
    fatal('计算器出错了，请刷新页面后重试。', '（' + (e && e.message ? e.message : e) + '）');
  });
}

// Print: every fold open (the clauses in full), put back afterwards.
function initPrint(app) {
  let opened = [];
  window.addEventListener('beforeprint', () => {
    if (app.printing) return;
    opened = Array.prototype.filter.call(document.querySelectorAll('#result details, #payout-out details'), (d) => !d.open);
    opened.forEach((d) => {
      d.open = true;
    });
    app.printing = true;
  });
  window.addEventListener('afterprint', () => {
    if (!app.printing) return;
    opened.forEach((d) => {
      d.open = false;
    });
    opened = [];
    app.printing = false;
  });
}

initEmbed(app);
initElder(app);
initPrint(app);
start();
app.resized();
