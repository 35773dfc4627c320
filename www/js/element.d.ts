// The types of yibao-calculator.js (the <yibao-calculator> element), for
// `import 'yibao/element'` or a <script src>. scripts/build-web.sh ships this
// file as yibao-calculator.d.ts; tests/node/types.test.mjs checks real events
// against it in a fresh project that installed the package.
import type { Quote, QuoteRequest } from './yibao.js';

/** One case of the answer: a "不清楚" answer gives one for each of its cases. */
export interface YibaoResultCase {
  /** The case, in words ("本人持有居住证"); empty when there is one answer. */
  when: string[];
  request: QuoteRequest;
  quote: Quote;
}

/** `event.detail` of `yibao-result`: the answer shown, as quote(request) gives it. */
export interface YibaoResultDetail {
  request: QuoteRequest;
  quote: Quote;
  cases: YibaoResultCase[];
}

export type YibaoResultEvent = CustomEvent<YibaoResultDetail>;

/**
 * <yibao-calculator region="yuyao" year="2024" mode="elder" compact wasm-url="…">:
 * attributes region (a region id of policies()), year (a benefit year on
 * file; without it, chosen by today's date), mode ("elder" for 大字模式),
 * compact (the compact layout) and wasm-url (default: yibao_bg.wasm next to
 * the script). Fires `yibao-result` (bubbles, composed) after each new answer.
 */
export interface YibaoCalculatorElement extends HTMLElement {}

declare global {
  interface HTMLElementTagNameMap {
    'yibao-calculator': YibaoCalculatorElement;
  }
  interface HTMLElementEventMap {
    'yibao-result': YibaoResultEvent;
  }
  interface DocumentEventMap {
    'yibao-result': YibaoResultEvent;
  }
}
