// The page's second script: what its first result does not need: the
// 甬宁保 payout of a bill with its charts (payout.js, chart.js), the
// print-only block and the text 复制结果 copies (copy.js). The page
// loads it as dist/more.js (a classic script, global yibaoMore) right after
// its first result, and whenever a bill is to be shown before that
// (main.js app.more, calc.js later()); the element has it bundled
// (element.js). scripts/build-web.sh builds it.
export { renderPayout } from './payout.js';
export { renderPrintBlock, resultText } from './copy-text.js';
