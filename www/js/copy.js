// 复制结果 and print, the mechanics: copying falls back to a selectable
// text where the clipboard is not allowed (a sandboxed iframe); print opens
// every fold. What is copied and printed is copy-text.js's.
import { add, clear, el, setText, show } from './dom.js';

export function copyText(app, text, what, note) {
  const ui = app.ui;
  const done = () => {
    setText(ui.copyMsg, '已复制' + what + '。' + (note || ''));
    show(ui.copyBox, false);
  };
  const fallback = () => {
    clear(ui.copyBox);
    const area = el('textarea', { id: 'copy-text', readonly: true, rows: String(Math.min(12, text.split('\n').length + 1)) });
    area.value = text;
    add(ui.copyBox, [el('label', { for: 'copy-text', text: '无法直接复制。请全选下面的' + what + '后复制（电脑按 Ctrl+C，手机长按）：' }), area]);
    show(ui.copyBox, true);
    setText(ui.copyMsg, note || '');
    area.focus();
    area.select();
    app.resized();
  };
  // Where the embedding page does not allow the clipboard, do not even try.
  const perms = document.permissionsPolicy || document.featurePolicy;
  const allowed = !perms || typeof perms.allowsFeature !== 'function' || perms.allowsFeature('clipboard-write');
  if (allowed && navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
    navigator.clipboard.writeText(text).then(done, fallback);
  } else {
    fallback();
  }
}

// Print: every fold open (the clauses in full), put back afterwards.
export function initPrint(app) {
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
