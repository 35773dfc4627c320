// The lists' page in words: the answer's columns (src/batch.rs OUTPUT, the
// Chinese names a file with Chinese headers gets) as people read them, and what to enter in a cell whose error message names
// an interface id or a format code. No DOM, no state.
import { forPeople } from './words.js';

/** The answer's columns, in the file's order, with the page's names. */
export const OUTPUT = [
  ['eligible', '能否参保'],
  ['tier', '档次'],
  ['personal_fee', '个人缴费'],
  ['ltc_fee', '长护险'],
  ['subsidy', '财政补助'],
  ['assistance', '资助'],
  ['to_pay', '实际需缴'],
  ['total_funding', '筹资合计'],
  ['yongningbao_premium', '甬宁保保费'],
  ['yongningbao_to_pay', '甬宁保需缴'],
  ['yongningbao_payout', '甬宁保赔付'],
  ['answered_year', '计算年度'],
  ['estimate', '估算说明'],
  ['reason', '说明'],
  ['error_field', '错误列'],
  ['error_message', '错误说明'],
];

/** The answer's columns the preview shows. */
export const PREVIEW = ['eligible', 'tier', 'personal_fee', 'assistance', 'to_pay', 'yongningbao_to_pay', 'yongningbao_payout', 'answered_year'];


const MONEY = ['personal_fee', 'ltc_fee', 'subsidy', 'assistance', 'to_pay', 'total_funding', 'yongningbao_premium', 'yongningbao_to_pay', 'yongningbao_payout'];
export const isMoney = (key) => MONEY.indexOf(key) >= 0;

const YES_NO = '请填写“是”或“否”。';
// By the request field of the error (the file's column may be named
// either way).
const HINTS = {
  region: '请填写地区名称，写法同模板（本页“下载模板”）。',
  benefit_year: '请填写年份，例如 2024；不确定可留空。',
  date: '请填写年月日，例如 2024-01-15（也可写 2024/1/15），或留空按今天计算。',
  district: '请按模板中的写法填写县（区），或留空。',
  birth_date: '请填写出生年月日，例如 1980-05-17（也可写 1980/5/17 或 19800517）。',
  hukou: '请填写“本市户籍”或“非本市户籍”。',
  residence_permit: YES_NO,
  employee_insurance: YES_NO,
  school: '请填写“不在读”“中小学”或“大学”。',
  identities: '请按模板中的写法填写特殊身份，例如“低保对象”；几个身份用“；”隔开；没有特殊身份请留空。',
};
const BILL = '请填写金额（单位元，最多两位小数），例如 12000.50；没有请留空。';

/** What to tell people about a row's error: the message where it is for
 * people; else its clauses that are, then what to enter in the column. */
export function errorWords(field, message, column) {
  if (forPeople(message)) return message;
  let kept = '';
  const clauses = String(message || '').match(/[^，。；]+[，。；]?/g) || [];
  for (let i = 0; i < clauses.length && forPeople(clauses[i]); i++) kept += clauses[i];
  if (kept) kept = kept.replace(/[，；]$/, '') + (/。$/.test(kept) ? '' : '。');
  const f = String(field || '');
  return kept + (HINTS[f] || (f.indexOf('bill.') === 0 ? BILL : '请按模板中的写法填写“' + column + '”。'));
}
