// The page's own parts that its first result does not need (more.js): the
// hotline's 新来电 and its Alt-key jumps, print, the share link, the footer's
// words. main.js keeps the buttons and the key listener and reaches these
// through later() (at once when more.js is there, else when it arrives);
// the beforeprint/afterprint listener stays in main.js.
import { add, byId, clear, el, setText } from './dom.js';
import { dateWords } from './words.js';
import { focusField } from './form.js';
import { DISCLAIMER, FOLDS, announce, compute, reset } from './calc.js';
import { hashOf } from './share.js';
import { familyHash, resetFamily } from './family.js';
import { copyText, showText } from './copy.js';

// The footer (main.js app.ui.foot): the disclaimer, the notices the
// calculator follows, privacy, the lists' page.
export function renderFooter(app) {
  const embed = app.embed;
  add(clear(app.ui.foot), [
    embed ? null : el('p', { class: 'disclaimer', text: DISCLAIMER }),
    embed ? null : el('div', { class: 'docs' }, [
      el('p', { text: '本计算器依据的公开文件：' }),
      el('ul', { class: 'plain' }, app.policies.map((p) => el('li', null, [
        p.region_name + ' ' + p.benefit_year + '年度：' + p.document + (p.document_title ? '《' + p.document_title + '》' : '') +
          (p.document_date ? '，' + dateWords(p.document_date) : ''),
        p.region_note ? el('span', { class: 'small', text: '（' + p.region_note + '）' }) : null,
      ]))),
    ]),
    el('p', { text: embed ? '计算在您的设备上完成，填写的内容不会发送出去，不用 Cookie。' : '计算在您的设备上完成：填写的内容不会发送到任何服务器，本页不使用 Cookie，也不做访问统计。' }),
    embed ? null : el('p', null, [el('a', { href: 'batch.html', id: 'to-batch', text: '村（社区）批量计算' }), '：把居民名单（表格）放进来，一次算出每个人。']),
  ]);
  app.resized();
}

// Print (with the print-only block of more.js in place); in a frame that
// may not open the print dialog (sandbox without allow-modals) the browser
// ignores it silently: say so, and what to do.
export function printPage(app) {
  let asked = false;
  const seen = () => {
    asked = true;
  };
  window.addEventListener('beforeprint', seen);
  try {
    window.print();
  } catch (e) {
    // As refused.
  }
  window.removeEventListener('beforeprint', seen);
  if (!asked && window.parent !== window) setText(app.ui.copyMsg, '这里不能打印（本页嵌在别的网页里）：请在浏览器中直接打开医保算，再按“打印”。');
}

// 新来电: every answer, the share link and the copied text go; focus on the first question.
function newCall(app) {
  reset(app);
  if (app.fam) resetFamily(app);
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

// The hotline's keys but Alt+J (main.js KEYS): the bill, the family, back
// to the field left, a new call.
export function jump(app, key) {
  const F = app.fam;
  if (key === 'Z') return app.ui.bill.hidden ? announce(app, '所选地区没有需要填结算单的补充保险。') : app.toBill();
  if (key === 'M') return F && F.members.length ? focusField(F.members[0], 'rel') : app.ui.addMember && app.ui.addMember.focus();
  if (key === 'W') return app.lastField && app.lastField.isConnected && app.lastField.offsetParent ? app.lastField.focus() : app.toForm();
  if (key === 'N') newCall(app);
}

// The link on the screen, selectable, and copied where the clipboard may be used.
export function shareLink(app) {
  const base = app.embed ? String(new URL('index.html', location.href)) : location.href.split('#')[0];
  const link = base.split('?')[0] + '#' + hashOf(app, app.c) + (app.fam ? familyHash(app) : '');
  const note = '这个链接带着' + (app.fam ? '全家每个人' : '这位参保人') + '填写的全部情况（出生日期、户籍、特殊身份等），打开就能看到；这些只在链接“#”后面，不会发送到服务器。请只发给信任的人。';
  showText(app, link, '分享链接', note);
  copyText(app, link, '分享链接', note, true);
}
