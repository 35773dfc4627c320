// The lists' page: what it shows of a list's answers (batch.js keeps the
// state and talks to the worker). The totals, the rows with an error (each
// a link to the row), the first rows with their answers, one row in full.
// Columns of the file appear as the file names them.
import { add, clear, el } from './dom.js';
import { yuan } from './words.js';
import { OUTPUT, PREVIEW, errorWords, isMoney } from './batch-words.js';

const nf = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
export const people = (n) => nf(n) + ' 人';

// The list's columns: the input's, then the answer's (OUTPUT), by key.
export function columns(header) {
  const input = header.length - OUTPUT.length;
  const at = {};
  OUTPUT.forEach((o, i) => { at[o[0]] = input + i; });
  return { input: input, at: at, names: header.slice(0, input) };
}

const cell = (cols, cells, key) => cells[cols.at[key]] || '';
export const rowHref = (n) => '#row-' + n;

// A cell as shown: amounts with thousands separators, as the file has them otherwise.
function shown(key, v) {
  if (!v) return '';
  return isMoney(key) ? yuan(v).replace(/ 元$/, '') : v;
}

// A row's error in people's words, with its column as the file names it.
function errorOf(cols, k) {
  const column = cell(cols, k.cells, 'error_field');
  return { column: column, text: errorWords(k.error, cell(cols, k.cells, 'error_message'), column) };
}

function dl(items) {
  return el('dl', { class: 'totals' }, items.filter(Boolean).map((it) => el('div', { class: 'total' }, [
    el('dt', { text: it[0] }), el('dd', { text: it[1], 'data-total': it[2] || null }),
  ])));
}

/** The totals: rows, people by tier, assisted, to pay, 甬宁保. */
export function renderTotals(box, s) {
  const ynb = +s.yongningbao_premium > 0;
  add(clear(box), [
    el('p', { class: 'lead', id: 'totals-line', text: '共 ' + nf(s.rows) + ' 行：已计算 ' + nf(s.answered) + ' 行' + (s.errors ? '，有错误 ' + nf(s.errors) + ' 行（见下面的列表，改正后可重新选择文件）。' : '，没有错误。') }),
    el('h3', { text: '按档次' }),
    s.by_tier.length ? dl(s.by_tier.map((t) => [t[0], people(t[1]), 'tier'])) : el('p', { text: '没有算出档次的人。' }),
    el('h3', { text: '缴费和资助' }),
    dl([
      ['获资助', people(s.assisted), 'assisted'],
      ['不能参加或须另行确认', people(s.not_eligible), 'not_eligible'],
      ['个人缴费合计', yuan(s.personal_fee), 'personal_fee'],
      ['资助合计', yuan(s.assistance), 'assistance'],
      ['实际需缴合计', yuan(s.to_pay), 'to_pay'],
    ]),
    s.replaced_note ? el('p', { class: 'status status-warn', id: 'replaced', role: 'note', text: s.replaced_note }) : null,
    ynb ? el('h3', { text: '甬宁保' }) : null,
    ynb ? dl([
      ['保费合计', yuan(s.yongningbao_premium), 'yongningbao_premium'],
      ['个人需缴合计', yuan(s.yongningbao_to_pay), 'yongningbao_to_pay'],
      ['估算赔付合计', yuan(s.yongningbao_payout), 'yongningbao_payout'],
    ]) : null,
  ]);
}

/** Adds rows with an error to the list, each a link to the row (as they
 * come from the worker, so that no one task renders them all). */
export function addErrors(list, header, kept) {
  const cols = columns(header);
  add(list, kept.map((k) => {
    const e = errorOf(cols, k);
    return el('li', { 'data-row': k.row }, [
      el('a', { href: rowHref(k.row), class: 'rowlink', text: '第 ' + k.row + ' 行' }),
      el('span', { class: 'err-col', text: e.column ? '“' + e.column + '”列' : '' }),
      el('span', { class: 'err-text', text: e.text }),
    ]);
  }));
}

/** Says how many rows with an error the list leaves out, of `total`. */
export function errorsNote(note, listed, total) {
  note.hidden = total <= listed;
  note.textContent = '只列出前 ' + listed + ' 行；其余 ' + nf(total - listed) + ' 行的错误写在下载结果每一行的最后两列。';
}

/** The first rows with their answers, as a table. */
export function renderPreview(table, header, kept) {
  const cols = columns(header);
  const head = ['行'].concat(cols.names, PREVIEW.map((k) => OUTPUT[cols.at[k] - cols.input][1]), ['错误']);
  add(clear(table), [
    el('thead', null, el('tr', null, head.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', null, kept.map((k) => el('tr', { class: k.error ? 'bad' : null }, [
      el('th', { scope: 'row' }, el('a', { href: rowHref(k.row), class: 'rowlink', text: String(k.row) })),
      cols.names.map((_, i) => el('td', { text: k.cells[i] || '' })),
      PREVIEW.map((key) => el('td', { class: isMoney(key) ? 'num' : null, text: shown(key, cell(cols, k.cells, key)) })),
      el('td', { text: k.error ? errorOf(cols, k).text : '' }),
    ]))),
  ]);
}

/** One row in full: its cells as the file names them, then its answer. */
export function renderRow(box, header, k) {
  const cols = columns(header);
  const e = k.error ? errorOf(cols, k) : null;
  const rows = cols.names.map((name, i) => el('tr', { class: e && name.replace(/^\uFEFF/, '').trim() === e.column ? 'bad' : null }, [
    el('th', { scope: 'row', text: name }),
    el('td', { text: k.cells[i] || '' }),
  ]));
  // The figures, the year answered, the estimate mark and the reason.
  OUTPUT.slice(0, 14).forEach((o) => {
    const v = shown(o[0], cell(cols, k.cells, o[0]));
    if (v) rows.push(el('tr', { class: 'answer' }, [el('th', { scope: 'row', text: o[1] }), el('td', { text: isMoney(o[0]) ? v + ' 元' : v })]));
  });
  add(clear(box), [
    e ? el('p', { class: 'row-error', role: 'note' }, [el('strong', { text: (e.column ? '“' + e.column + '”列有误：' : '有误：') }), e.text]) : null,
    el('table', { class: 'cells' }, [el('caption', { class: 'vh', text: '第 ' + k.row + ' 行的内容和结果' }), el('tbody', null, rows)]),
  ]);
}
