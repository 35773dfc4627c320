// The page's second script: what its first result (the form, the headline,
// the policy line and the fees: app.js) does not need: the answer's blocks
// around the fees (answer-rest.js: 情况有变化, 什么时候、怎么参保, 甬宁保,
// the notes), the 甬宁保 payout of a bill with its charts (payout.js,
// chart.js), the print-only block and the text 复制结果 copies
// (copy-text.js), copying (copy.js), the page's hotline keys and 新来电,
// print, the share link and the footer's list of notices (page-more.js),
// the family (family.js, family-answer.js; its styles are in www/more.css).
// The page loads it as dist/more.js (a classic script, global yibaoMore)
// with its first answer (main.js app.more, calc.js later()); until it is
// there, what is pressed waits for it, and if it cannot be loaded the
// answer says so with 重试. scripts/bundle-page.mjs builds it. The element
// bundles what it uses of it (element.js).
export { renderRest } from './answer-rest.js';
export { renderPayout } from './payout.js';
export { renderPrintBlock } from './copy-text.js';
export { copyResult, readyToCopy } from './copy.js';
export { jump, printPage, renderFooter, shareLink } from './page-more.js';
export { initFamily, pressAdd, restoreFamily } from './family.js';
