// Dates, amounts and words: what people type into what the core reads, and
// the core's figures into what people read. No state.

export const pad = (n) => (n < 10 ? '0' : '') + n;

// Today on this device: the core has no clock, the page asks with a date.
export function today() {
  const d = new Date();
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
}

// Today in China (UTC+8, no daylight saving), as `yibao batch` takes it
// by default: the lists' page asks with it.
export function todayInChina() {
  const d = new Date(Date.now() + 8 * 3600e3);
  return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
}

export function parseParams(s) {
  const out = {};
  s.split('&').forEach((part) => {
    if (!part) return;
    const i = part.indexOf('=');
    out[decode(i < 0 ? part : part.slice(0, i))] = i < 0 ? '' : decode(part.slice(i + 1));
  });
  return out;
}

function decode(s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch (e) {
    return s;
  }
}

// Full-width digits and punctuation (Chinese input methods) to ASCII.
export function ascii(s) {
  return String(s).replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0)).replace(/\u3000/g, ' ');
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// "1980-5-17", "1980/05/17", "1980.5.17", "1980年5月17日", "19800517" ->
// { date: "1980-05-17" }; a day that does not exist -> { error: "没有2月30日" };
// anything else (still typing) -> {}.
export function readDate(raw) {
  const s = ascii(raw).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) || /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return {};
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12) return { error: '没有' + mo + '月：月份是1到12。' };
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = mo === 2 && leap ? 29 : DAYS[mo - 1];
  if (d < 1 || d > days) return { error: (mo === 2 && d === 29 ? y + '年' : '') + '没有' + mo + '月' + d + '日：' + y + '年' + mo + '月只有' + days + '天。' };
  return { date: m[1] + '-' + pad(mo) + '-' + pad(d) };
}

export const normAmount = (raw) => ascii(raw).replace(/[,，\s元¥￥]/g, '');

export function dateWords(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '');
  return m ? m[1] + '年' + +m[2] + '月' + +m[3] + '日' : s;
}

export const span = (a, b) => dateWords(a) + '至' + dateWords(b);

// "2090.00" -> "2,090.00 元"; null -> "—".
export function yuan(s) {
  if (s === null || s === undefined) return '—';
  const parts = String(s).split('.');
  return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (parts[1] ? '.' + parts[1] : '') + ' 元';
}

// "6000.00" -> "6,000"
export const plain = (s) => yuan(s).replace(/(\.00)? 元$/, '');


// Text from the core that names an interface id, a JSON example or a
// format code is not for people: the field's own words are shown instead.
export const forPeople = (text) => !/[A-Za-z_]{2,}|[{}[\]"]/.test(text || '');

export function store(key, value) {
  try {
    if (value === undefined) return window.localStorage.getItem(key);
    window.localStorage.setItem(key, value);
  } catch (e) {
    // No storage in a sandboxed iframe or in private mode: nothing to remember.
  }
  return null;
}

// as_of.text where the question is after the newest notice on file (the
// core's issue-11 field; absent before it lands).
export const asOfLine = (q) => (q.as_of && q.as_of.beyond_newest ? q.as_of.text : '');
// The summary in its parts: the core writes it as next_step.text, then
// as_of.text (after the newest notice), then the year enrolled for, then
// in_force.text (when the year in force differs); the page shows each on a
// line of its own. { next, asOf, rest, inForce }: rest is what is left.
export function parts(q) {
  let s = q.summary || '';
  const cut = (t) => {
    if (t && s.indexOf(t) === 0) {
      s = s.slice(t.length);
      return t;
    }
    return '';
  };
  const next = cut(q.next_step && q.next_step.text);
  const as = cut(asOfLine(q));
  const f = q.in_force && q.in_force.text;
  const inForce = f && s.length > f.length && s.slice(-f.length) === f ? f : '';
  return { next: next, asOf: as, rest: inForce ? s.slice(0, -f.length) : s, inForce: inForce };
}
export const summaryRest = (q) => parts(q).rest;
