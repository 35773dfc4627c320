// The form's fields, in one table: what each asks, where its answer goes in
// the request, how it is named in a share link, when it is shown. The form
// (form.js), the request (ask.js), the share link (share.js) and the copied
// inputs (copy-text.js) all read this table; none lists the fields again.
//
// A field's answer is its "raw" value, a string: what its control holds and
// what a share link carries. Entries:
//   key       control id f-KEY (radios f-KEY-VALUE); the link name unless `hash`
//   hash      link name: links people have sent each other use these names
//   codes     raw value -> link value, where they differ (permit=1)
//   legacy    [raw, v]: what a link of version v or older (share.js) meant by
//             leaving a shown field out (the page then had a default)
//   path      where the answer goes in the request ('' for none)
//   kind      select | choice (radios; a select in the embed when `compact`) |
//             check | date | amount | count | checks (a group of checkboxes)
//   group     the part of the form it sits in
//   label, hint, options, shown, echo: functions of the context c =
//             { p: policy set, all: every set, v: raw values, need: the
//             newborn questions the core asks, or null }
//   question  asked while a shown field has no answer (the answer waits)
//   unknown   a choice "不清楚": the answer is given for both { yes, no }
//   optional  a wrong answer marks the field and the rest is answered without it
//   request   raw -> request value (undefined: left out)
//   shared    one answer for a whole family (a household request's own
//             fields); the others are each member's (family.js)
import { dateWords, readDate, normAmount, yuan } from './words.js';

const YES_NO = [['yes', '是'], ['no', '否']];
const UNSURE = YES_NO.concat([['unknown', '不清楚']]);
const city = (c) => c.p.region_name.replace(/（.*$/, '');
const yes = (raw) => (raw === 'yes' ? true : raw === 'no' ? false : undefined);
const flag = (raw) => raw === '1';
const always = () => true;
const ids = (c) => c.p.identities.map((i) => [i.id, i.name]);
const list = (raw) => (raw ? raw.split(',') : []);
const day = (raw) => readDate(raw).date || raw.trim() || undefined;
const INVALID = '日期请按“年-月-日”填写，例如 2023-10-15。';
const PH = '例如 2023-10-15';

// The regions, the one with the newest notice first (then in the core's order).
export function regions(all) {
  const out = [];
  all.forEach((p) => {
    const r = out.filter((o) => o.id === p.region)[0];
    if (r) r.year = Math.max(r.year, p.benefit_year);
    else out.push({ id: p.region, name: p.region_name, year: p.benefit_year, at: out.length });
  });
  return out.sort((a, b) => b.year - a.year || a.at - b.at).map((r) => [r.id, r.name]);
}

function years(c) {
  const sets = c.all.filter((p) => p.region === c.v.region).sort((a, b) => b.benefit_year - a.benefit_year);
  return [['', '自动（按今天的日期选择）']].concat(sets.map((p) => [String(p.benefit_year), p.benefit_year + '年度']));
}

const newborn = (key) => (c) => !!c.need && c.need[key];

// The 甬宁保 amounts: for each responsibility of any set, the amount of this
// bill, the part of it outside the plan's area (under the set's
// `outside_field`), and what was counted before this year.
const PARTS = [
  { key: '', group: 'bill', label: () => '' },
  { key: 'out_', group: 'bill_out', label: (y) => '其中在' + y.outside_name + '：' },
  { key: 'before_', group: 'bill_before', label: () => '此前已累计：' },
];

function billFields(all) {
  const seen = [];
  all.forEach((p) => (p.yongningbao ? p.yongningbao.responsibilities : []).forEach((r) => {
    if (!seen.some((s) => s.r.id === r.id)) seen.push({ r: r, y: p.yongningbao });
  }));
  const out = [];
  PARTS.forEach((part) => seen.forEach((s) => {
    const r = s.r;
    const label = () => part.label(s.y) + r.slip;
    out.push({
      key: 'bill_' + part.key + r.id,
      hash: part.key + r.id,
      path: 'bill.' + (part.key === 'out_' ? s.y.outside_field + '.' : part.key ? 'counted_before.' : '') + r.id,
      resp: r.id,
      kind: 'amount',
      group: part.group,
      optional: true,
      label: label,
      sub: (c) => responsibility(c, r.id).name,
      hint: () => (part.key ? '' : r.slip_help),
      shown: (c) => !!responsibility(c, r.id).id,
      echo: label,
      words: (raw) => yuan(raw),
      request: (raw) => normAmount(raw) || undefined,
    });
  }));
  // 就诊日期 after the bill's amounts: it chooses the plan year (bill.date;
  // without it, the plan year in force today). ask.js sends it with an amount.
  out.splice(seen.length, 0, { key: 'bill_date', hash: 'visit', path: 'bill.date', kind: 'date', group: 'bill', optional: true,
    label: () => '就诊日期（可不填）', hint: () => '按就诊日期选甬宁保的保障年度；不填按今天所在的年度。', ph: PH,
    shown: (c) => !!c.p.yongningbao && c.p.yongningbao.responsibilities.length > 0, invalid: INVALID, echo: () => '就诊日期', words: dateWords, request: day });
  return out;
}

// A part of the region with its own rules (慈溪's 前湾新区): a yes/no
// question whose request key is the sub-area's flag.
function subareaFields(all) {
  const seen = [];
  all.forEach((p) => p.subareas.forEach((a) => {
    if (a.flag && !seen.some((x) => x.flag === a.flag)) seen.push(a);
  }));
  return seen.map((a) => ({
    key: a.flag, path: a.flag, shared: true, kind: 'check', group: 'person', label: () => a.name + '参保人员',
    shown: (c) => c.p.subareas.some((x) => x.flag === a.flag), request: (raw) => flag(raw) || undefined,
  }));
}

function responsibility(c, id) {
  const y = c.p.yongningbao;
  return (y && y.responsibilities.filter((r) => r.id === id)[0]) || {};
}

export function fieldTable(all) {
  return [
    { key: 'region', path: 'region', shared: true, kind: 'select', group: 'person', label: () => '地区', options: (c) => regions(c.all), shown: always },
    { key: 'district', path: 'district', shared: true, kind: 'select', group: 'person', label: () => '县区',
      options: (c) => [['', '请选择县区']].concat(c.p.districts.map((d) => [d.id, d.name])),
      shown: (c) => c.p.districts.length > 0, question: (c) => '您在' + city(c) + '哪个县区参保？请在“县区”中选择。' },
  ].concat(subareaFields(all), [
    { key: 'birth', path: 'birth_date', kind: 'date', group: 'person', auto: 'bday', label: () => '出生日期',
      hint: () => '例如 1980-05-17，也可以写 19800517。', shown: always,
      question: () => '参保人是哪天出生的？请填写出生日期（例如 1980-05-17），结果会随填写自动显示。',
      invalid: '出生日期请按“年-月-日”填写，例如 1980-05-17。',
      words: dateWords, request: (raw) => readDate(raw).date || raw.trim() },
    // Nothing about the person is assumed: 户籍 and 在读 are questions until answered.
    { key: 'hukou', path: 'hukou', kind: 'choice', group: 'person', label: (c) => '参保人的户籍（本市指' + city(c) + '）', legacy: ['local', 2],
      options: () => [['local', '本市户籍'], ['nonlocal', '非本市户籍']], echo: () => '参保人的户籍', shown: always,
      question: (c) => '参保人是不是' + city(c) + '户籍？请在“户籍”中选择。' },
    // A baby the newborn rule concerns (c.baby, ask.js) is not asked for a
    // permit of its own: its parent's questions come instead.
    { key: 'permit', path: 'residence_permit', kind: 'choice', group: 'person', codes: { yes: '1', no: '0' }, legacy: ['no', 1],
      label: (c) => '参保人本人是否持有' + city(c) + '有效居住证？', options: () => UNSURE,
      shown: (c) => c.v.hukou === 'nonlocal' && !c.baby, question: (c) => '参保人本人是否持有' + city(c) + '有效居住证？请在上面选择。',
      unknown: { yes: 'yes', no: 'no', ifYes: '本人持有居住证', ifNo: '本人没有居住证' },
      echo: () => '本人持有本市居住证', request: yes },
    { key: 'school', path: 'school', kind: 'choice', group: 'person', compact: true, label: () => '参保人的在读情况', legacy: ['none', 2],
      options: (c) => c.p.schools.map((s) => [s.id, s.name]), shown: always,
      question: () => '参保人现在是否全日制在读？请在“在读情况”中选择。' },
    { key: 'employee', path: 'employee_insurance', kind: 'check', group: 'person', label: () => '参保人本人已参加职工医保',
      hint: () => '即职工基本医疗保险；已参加的人不能再参加居民医保。', shown: always, echo: () => '本人已参加职工医保', request: flag },
    { key: 'id', path: 'identities', kind: 'checks', group: 'person', label: () => '参保人的特殊身份（可多选，没有就不选）',
      hint: () => '列出的是所选文件写到的身份，以民政、残联等部门的认定为准。',
      options: ids, shown: (c) => c.p.identities.length > 0, echo: () => '特殊身份',
      request: list },
    { key: 'np_permit', path: 'newborn_parent.residence_permit', kind: 'choice', group: 'newborn',
      label: (c) => '孩子的爸爸或妈妈是否持有' + c.p.region_name + '有效居住证？', options: () => UNSURE, shown: newborn('np_permit'),
      question: (c) => '孩子的爸爸或妈妈是否持有' + c.p.region_name + '有效居住证？',
      unknown: { yes: 'yes', no: 'no', ifYes: '父母一方持有居住证', ifNo: '父母都没有居住证' }, echo: () => '父母一方持有本市居住证', request: yes },
    { key: 'np_months', path: 'newborn_parent.employee_insurance_months', kind: 'count', group: 'newborn', optional: true,
      label: () => '孩子的爸爸或妈妈参加职工医保累计缴费多少个月？', hint: () => '没有参加职工医保填 0；不清楚可以不填，结果会分别说明月数够和不够时的情况。',
      shown: newborn('np_months'), invalid: '缴费月数请填写整数，例如 12；不清楚可以不填。',
      unknown: { yes: '600', no: '0', blank: true, ifYes: '父母一方职工医保缴费月数够', ifNo: '缴费月数不够' },
      echo: () => '父母一方职工医保累计缴费月数', words: (raw) => raw + '个月',
      request: (raw) => (/^\d+$/.test(raw) ? Number(raw) : raw || undefined) },
    { key: 'np_normal', path: 'newborn_parent.insured_normal', kind: 'choice', group: 'newborn',
      label: () => '孩子的爸爸或妈妈目前的医保待遇是否正常？', options: () => UNSURE, shown: newborn('np_normal'),
      question: () => '孩子的爸爸或妈妈目前的医保待遇是否正常？',
      unknown: { yes: 'yes', no: 'no', ifYes: '父母一方医保待遇正常', ifNo: '待遇不正常' }, echo: () => '父母一方医保待遇正常', request: yes },
    // 情况有变化？ (a fold): the request's `change`, once one of its dates is filled.
    { key: 'ch_reg', path: 'change.registered_on', kind: 'date', group: 'change', label: () => '哪天办理的本年度参保登记', ph: PH,
      shown: always, question: (c) => c.v.ch_on && '您是哪天办理参保登记的？请在“情况有变化？”中填写。', invalid: INVALID, words: dateWords, request: day },
    { key: 'ch_then', path: 'change.identities_then', kind: 'checks', group: 'change', label: () => '办理登记时有哪些特殊身份（没有就不选）',
      options: ids, shown: (c) => !!(c.v.ch_reg || c.v.ch_on), request: list },
    { key: 'ch_on', path: 'change.changed_on', kind: 'date', group: 'change', label: () => '哪天认定为现在的身份', ph: PH,
      hint: () => '现在的身份在上面“特殊身份”中选。', shown: always, question: (c) => c.v.ch_reg && '您现在的身份是哪天认定的？请在“情况有变化？”中填写。',
      invalid: INVALID, words: dateWords, request: day },
    { key: 'year', path: 'benefit_year', shared: true, kind: 'select', group: 'more', label: () => '待遇年度（享受医保待遇的年份）',
      hint: () => '一般不用选：计算器按今天的日期选择适用的文件。', options: years, shown: always,
      request: (raw) => (raw ? Number(raw) : undefined) },
  ], billFields(all));
}

export const label = (f, c) => (f.echo || f.label)(c).replace(/[？?]$/, '');
