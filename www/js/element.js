// <yibao-calculator region="yuyao" year="2024" mode="elder" compact
//   wasm-url="…/yibao_bg.wasm">: the calculator as a custom element, for a
// page that hosts the script itself. scripts/build-web.sh bundles this file
// with the library (the package's yibao.js, imported as 'yibao') into
// yibao-calculator.js, an ES2017 classic script of its own: the page
// (index.html) never loads it.
//
// The calculator is the page's own (calc.js and the modules it uses), built
// into a shadow root, so the host's CSS does not reach it and its CSS
// (yibao-calculator.css, made from style.css by scripts/element-css.mjs)
// does not leak: it is loaded with a <link> in the shadow root, so a host
// with a strict Content-Security-Policy needs no inline style. The .wasm,
// its base64 copy and the CSS are found next to this script (its own URL),
// or at `wasm-url` (the base64 copy at wasm-url + '.js'; the CSS beside it
// where the script's URL is not known, as when a bundler imported it).
//
// Attributes: region, year (a benefit year on file; else chosen by today's
// date), mode ("elder": 大字模式, every text ≥ 18 px, targets ≥ 60 px),
// compact (the embed's layout), wasm-url. Each answer fires `yibao-result`
// (bubbles, composed) with detail { request, quote, cases }: quote is what
// quote(request) returns; cases lists one { when, request, quote } for each
// case of a "不清楚" answer, or the one answer.
import * as yibao from 'yibao';
import { el } from './dom.js';
import { loadCore } from './core.js';
import { buildCalculator, compute } from './calc.js';
import { copyResult, readyToCopy, renderPayout, renderPrintBlock, renderRest } from './more.js';
import { widthClasses } from './widths.js';

const TAG = 'yibao-calculator';
const script = document.currentScript;
const SCRIPT_URL = script && script.src ? script.src : '';
const STATUS = 'status';
let loading = null; // one core for every element on the page, by .wasm URL

function assets(host) {
  const wasm = host.getAttribute('wasm-url');
  const base = SCRIPT_URL || (wasm ? new URL(wasm, document.baseURI).href : document.baseURI);
  return {
    wasm: wasm ? new URL(wasm, document.baseURI).href : new URL('yibao_bg.wasm', base).href,
    css: new URL('yibao-calculator.css', base).href,
  };
}

function core(wasm) {
  if (!loading || loading.wasm !== wasm) loading = { wasm: wasm, promise: loadCore(yibao, wasm) };
  return loading.promise;
}

class YibaoCalculator extends HTMLElement {
  static get observedAttributes() {
    return ['region', 'year', 'mode', 'compact'];
  }

  connectedCallback() {
    if (this.box) return;
    const a = assets(this);
    const shadow = this.attachShadow({ mode: 'open' });
    this.root = el('div', { class: 'yb', hidden: true });
    this.box = el('div', { class: 'yb-size' }, this.root);
    const link = el('link', { rel: 'stylesheet', href: a.css });
    // Shown once styled (a stylesheet that cannot load still shows it, plain).
    const styled = () => {
      this.root.hidden = false;
      this.sized();
    };
    link.addEventListener('load', styled);
    link.addEventListener('error', styled);
    shadow.appendChild(link);
    shadow.appendChild(this.box);
    this.mode();
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.sized()).observe(this);
    else window.addEventListener('resize', () => this.sized());
    this.start(a.wasm);
  }

  attributeChangedCallback(name, was, now) {
    if (!this.box || was === now) return;
    if (name === 'mode') {
      this.mode();
      if (this.app && this.app.redraw) this.app.redraw();
    } else if (this.core) {
      this.build();
    }
  }

  // The classes of the element's own width (style.css's @media widths).
  sized() {
    const w = this.getBoundingClientRect().width;
    const cls = ['yb-size'].concat(w > 0 ? widthClasses(w) : []).join(' ');
    if (this.box.className === cls) return;
    this.box.className = cls;
    clearTimeout(this.redrawTimer);
    this.redrawTimer = setTimeout(() => this.app && this.app.redraw && this.app.redraw(), 200);
  }

  mode() {
    this.root.classList.toggle('elder', this.getAttribute('mode') === 'elder');
  }

  start(wasm) {
    const status = el('p', { class: STATUS, role: 'status', text: '正在加载计算器……' });
    this.root.appendChild(status);
    core(wasm).then((lib) => {
      this.policies = lib.policies();
      this.core = lib;
      this.root.removeChild(status);
      this.build();
    }).catch((e) => {
      if (!status.parentNode) this.root.appendChild(status);
      status.className = STATUS + ' status-error';
      status.textContent = e.message + (e.detail ? ' ' + e.detail : '');
      if (e.retry) {
        status.appendChild(el('button', { type: 'button', class: 'btn', text: '重试', onclick: () => {
          this.root.removeChild(status);
          if (loading && loading.wasm === wasm) loading = null;
          this.start(wasm);
        } }));
      }
    });
  }

  // The calculator, new: on start and when region, year or compact change.
  build() {
    const root = this.root;
    while (root.firstChild) root.removeChild(root.firstChild);
    const compact = this.hasAttribute('compact');
    if (compact) root.setAttribute('data-embed', '1');
    else root.removeAttribute('data-embed');
    const ui = {
      main: el('div', { class: 'wrap' }),
      status: el('p', { hidden: true }),
      announce: el('p', { class: 'vh', role: 'status', 'aria-live': 'polite' }),
    };
    const region = this.policies.filter((p) => p.region === this.getAttribute('region'))[0];
    root.appendChild(el('section', { 'aria-label': '医保算' + (region ? '（' + region.region_name + '）' : '') + '：居民医保和天一甬宁保计算器' }, [ui.main, ui.announce]));
    const app = {
      embed: compact,
      query: { region: this.getAttribute('region') || '', year: this.getAttribute('year') || '' },
      ui: ui,
      open: {},
      birthCommitted: false,
      need: null,
      core: this.core,
      policies: this.policies,
      more: () => Promise.resolve({ copyResult, readyToCopy, renderPayout, renderPrintBlock, renderRest }), // calc.js later(); no family here
      resized: () => {},
      scrollParentTo: () => {},
      rendered: (view) => this.answered(view),
    };
    this.app = app;
    this.fired = null;
    buildCalculator(app, { actions: [] });
    compute(app);
  }

  // yibao-result, once for each new answer.
  answered(view) {
    if (view.kind !== 'answer') return;
    const cases = view.cases.filter((k) => k.r.q).map((k) => ({ when: k.when, request: k.r.req, quote: k.r.q }));
    const key = JSON.stringify(cases.map((k) => k.request));
    if (key === this.fired) return;
    this.fired = key;
    const detail = { request: view.main.req, quote: view.main.q, cases: cases };
    this.dispatchEvent(new CustomEvent('yibao-result', { detail: detail, bubbles: true, composed: true }));
  }
}

if (typeof customElements === 'object' && !customElements.get(TAG)) customElements.define(TAG, YibaoCalculator);
