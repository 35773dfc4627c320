// The page's second script: what its first result does not need: the
// 甬宁保 payout of a bill with its charts (payout.js, chart.js), the
// print-only block and the text 复制结果 copies (copy-text.js), copying
// and the share link's text (copy.js), the family
// (family.js, family-answer.js; its styles are in www/more.css). The page
// loads it as dist/more.js (a classic script, global yibaoMore) with its
// first answer (main.js app.more, calc.js later()); scripts/bundle-page.mjs
// builds it. The element bundles what it uses of it (element.js).
export { renderPayout } from './payout.js';
export { renderPrintBlock, resultText } from './copy-text.js';
export { copyText, showText } from './copy.js';
export { familyHash, initFamily, pressAdd, resetFamily, restoreFamily } from './family.js';
