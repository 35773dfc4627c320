// Elder mode (适老化): ?mode=elder|normal, else the visitor's choice on the
// page (remembered where storage is allowed; for this visit where it is not),
// else 浙里办's setting (ZWJSBridge.getUiStyle()), asked at load and again
// whenever the page becomes visible (the resident may switch the app to
// 长辈版 meanwhile). Only this window's own bridge: a portal's bridge is on
// its own top page, never reached through a frame. Sizes are in style.css.
import { doc, el, root } from './dom.js';
import { store } from './words.js';

// The header's 大字模式 button (app.ui.elder), pressed when elder mode is on.
export function elderToggle(app) {
  const on = root.classList.contains('elder');
  app.ui.elder = el('button', { type: 'button', id: 'elder-toggle', class: 'btn btn-elder', 'aria-pressed': on ? 'true' : 'false',
    text: on ? '大字模式：开' : '大字模式', onclick: () => setElder(app, !root.classList.contains('elder'), true) });
  return app.ui.elder;
}

export function setElder(app, on, byUser) {
  if (byUser) app.modeChosen = true;
  const changed = root.classList.contains('elder') !== on;
  root.classList.toggle('elder', on);
  const b = app.ui.elder;
  if (b) {
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
    b.textContent = on ? '大字模式：开' : '大字模式';
  }
  if (byUser) store('yibao-mode', on ? 'elder' : 'normal');
  if (!changed && !byUser) return;
  if (app.redraw) app.redraw();
  app.resized();
}

// The visitor's own choice, if any: on the page (this visit or remembered) or in the link.
const chosen = (app) => app.modeChosen || !!app.query.mode || !!store('yibao-mode');

export function initElder(app) {
  const mode = app.query.mode || store('yibao-mode');
  if (mode === 'elder' || mode === 'normal') setElder(app, mode === 'elder');
  let bridge;
  try {
    bridge = window.ZWJSBridge;
  } catch (e) {
    return;
  }
  if (!bridge || typeof bridge.getUiStyle !== 'function') return;
  const ask = () => {
    if (chosen(app)) return;
    try {
      const p = bridge.getUiStyle({});
      if (p && typeof p.then === 'function') {
        p.then((r) => {
          const style = r && r.uiStyle;
          if ((style === 'elder' || style === 'normal') && !chosen(app)) setElder(app, style === 'elder');
        }, () => {});
      }
    } catch (e) {
      // The bridge may be absent or broken outside 浙里办: the mode stays.
    }
  };
  try {
    if (typeof bridge.onReady === 'function') bridge.onReady(ask);
    else ask();
  } catch (e) {
    ask();
  }
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'visible') ask();
  });
}
