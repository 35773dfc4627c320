// Elder mode (适老化): ?mode=elder|normal, else the visitor's last choice,
// else 浙里办's setting (ZWJSBridge.getUiStyle()). Sizes are in style.css.
import { el, root } from './dom.js';
import { store } from './words.js';

// The header's 大字模式 button (app.ui.elder), pressed when elder mode is on.
export function elderToggle(app) {
  const on = root.classList.contains('elder');
  app.ui.elder = el('button', { type: 'button', id: 'elder-toggle', class: 'btn btn-elder', 'aria-pressed': on ? 'true' : 'false',
    text: on ? '大字模式：开' : '大字模式', onclick: () => setElder(app, !root.classList.contains('elder'), true) });
  return app.ui.elder;
}

export function setElder(app, on, byUser) {
  root.classList.toggle('elder', on);
  const b = app.ui.elder;
  if (b) {
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
    b.textContent = on ? '大字模式：开' : '大字模式';
  }
  if (byUser) store('yibao-mode', on ? 'elder' : 'normal');
  if (app.redraw) app.redraw();
  app.resized();
}

export function initElder(app) {
  const mode = app.query.mode || store('yibao-mode');
  if (mode === 'elder' || mode === 'normal') {
    setElder(app, mode === 'elder');
    return;
  }
  try {
    const bridge = window.ZWJSBridge;
    if (!bridge || typeof bridge.getUiStyle !== 'function') return;
    const ask = () => {
      try {
        const p = bridge.getUiStyle({});
        if (p && typeof p.then === 'function') {
          p.then((r) => {
            if (r && r.uiStyle === 'elder' && !store('yibao-mode')) setElder(app, true);
          }, () => {});
        }
      } catch (e) {
        // The bridge may be absent or broken outside 浙里办: normal mode.
      }
    };
    if (typeof bridge.onReady === 'function') bridge.onReady(ask);
    else ask();
  } catch (e) {
    // As above.
  }
}
