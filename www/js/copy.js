// 复制结果 and the share link, the mechanics: copying falls back to a
// selectable text where the clipboard is not allowed (a sandboxed iframe).
// In more.js (calc.js and page-more.js reach it through later()); what is
// copied is copy-text.js's.
import { add, byId, clear, el, setText, show } from './dom.js';
import { loadFull } from './core.js';
import { resultText } from './copy-text.js';

// The clipboard, where the page may use it: a promise that resolves only
// once the text is really there (never "已复制" otherwise).
function toClipboard(text) {
  // Where the embedding page does not allow the clipboard, do not even try.
  const perms = document.permissionsPolicy || document.featurePolicy;
  const allowed = !perms || typeof perms.allowsFeature !== 'function' || perms.allowsFeature('clipboard-write');
  if (!allowed || !navigator.clipboard || typeof navigator.clipboard.writeText !== 'function') return Promise.reject(new Error('no clipboard'));
  try {
    return navigator.clipboard.writeText(text);
  } catch (e) {
    return Promise.reject(e);
  }
}

// The text on the screen, selectable, with its own 复制 button: what copying
// by hand needs where the clipboard is refused (a sandboxed frame).
export function showText(app, text, what, note) {
  const ui = app.ui;
  clear(ui.copyBox);
  const area = el('textarea', { id: 'copy-text', readonly: true, spellcheck: 'false', rows: String(Math.min(12, Math.max(2, text.split('\n').length + 1))) });
  area.value = text;
  const button = el('button', { type: 'button', class: 'btn btn-small', id: 'copy-again', text: '复制', onclick: () => copyText(app, text, what, note, true) });
  add(ui.copyBox, [el('label', { for: 'copy-text', text: what + '（可以全选后复制：电脑按 Ctrl+C，手机长按）：' }), area,
    note ? el('p', { class: 'copy-note', id: 'copy-note', text: note }) : null, el('p', null, button)]);
  show(ui.copyBox, true);
  app.resized();
  return area;
}

// Copies text; says "已复制" only once the clipboard has it. Refused, the
// text is on the screen, selected, and the message says how to copy it.
// shown: the text is on the screen already (showText).
export function copyText(app, text, what, note, shown) {
  const ui = app.ui;
  setText(ui.copyMsg, '');
  toClipboard(text).then(() => {
    setText(ui.copyMsg, '已复制' + what + '。');
    if (!shown) show(ui.copyBox, false);
  }, () => {
    const area = shown && byId('copy-text') ? byId('copy-text') : showText(app, text, what, note);
    setText(ui.copyMsg, '没能复制（这里不能使用剪贴板）。' + what + '在下面，已全选：电脑按 Ctrl+C 复制，手机长按后选“复制”。');
    area.focus();
    area.select();
  });
}

// The answer as text is quoteText's, which the page's first module leaves
// out (2 KB gzip): the full module's (loadFull), fetched once, when 复制结果
// is focused or touched (readyToCopy) or at the latest when pressed. The
// element's module has it.
const textCore = (app) => (app.core.quoteText ? Promise.resolve(app.core) : loadFull());

export function readyToCopy(app) {
  textCore(app).catch(() => {});
}

// 复制结果. app.resultText(): the text of an answer the page adds (a family's), if any.
export function copyResult(app) {
  const fam = app.resultText && app.resultText();
  if (fam) return copyText(app, fam, '结果');
  const view = app.view;
  const c = app.c;
  if (!view || view.kind !== 'answer') return;
  if (!app.core.quoteText) setText(app.ui.copyMsg, '正在准备复制……');
  textCore(app).then((lib) => copyText(app, resultText(app, c, view, lib), '结果'), (e) => setText(app.ui.copyMsg, e.message));
}
