// A whole family in one answer (issue 14): "添加家庭成员" at the end of the
// form, a compact row per member, the household answer in the result card
// (family-answer.js). The first member is the person of the form above; each
// other member is a row made by the form's own code (form.js) from the same
// field table (fields.js), under ids of its own (sub.idp), answering only a
// person's fields: the shared ones (region, district, year) are the form's.
// The household functions come from loadFull() (core.js), asked for when
// the first member is added. main.js calls initFamily (not in the embed),
// familyHash, restoreFamily and resetFamily; each row's events reach the
// form's listeners, so every change runs calc.js's loop and then refresh().
import { el, setText, show } from './dom.js';
import { buildForm, clearMarks, focusField, markAsked, markError, readAll, update, write } from './form.js';
import { fieldAt, request, say } from './ask.js';
import { compute } from './calc.js';
import { label } from './fields.js';
import { words } from './copy-text.js';
import { forPeople, parseParams, readDate } from './words.js';
import { fromHash, hashOf } from './share.js';
import { loadFull } from './core.js';
import { buildFamilyResult, renderFamily } from './family-answer.js';

const MAX = 20; // the core's limit
const RELATIONS = [['self', '本人'], ['spouse', '配偶'], ['child', '子女'], ['parent', '父母'], ['grandparent', '祖父母/外祖父母'],
  ['grandchild', '孙子女/外孙子女'], ['sibling', '兄弟姐妹'], ['other', '其他']];
// The form's fields a member row asks; a new member starts with the first
// member's answers to COPIED (a family usually shares its hukou).
const PERSON = ['birth', 'hukou', 'permit', 'school', 'employee', 'id'];
const COPIED = ['hukou', 'permit'];

// A member's fields: the relation, a name to show, the person's fields (for
// the first member they are the form's), and the newborn's parent's two
// questions, shown once the core asks them of this member.
function memberFields(app, first) {
  const base = (key) => app.fields.filter((f) => f.key === key)[0];
  const asked = (key) => (c) => !!c.v[key] || !!c.ask[key];
  const normal = base('np_normal');
  return [
    { key: 'rel', path: 'relation', kind: 'select', group: 'main', label: () => '与本人的关系', def: first ? 'self' : '',
      options: () => (first ? [] : [['', '请选择']]).concat(RELATIONS), shown: () => true,
      question: () => '与本人是什么关系？请在“与本人的关系”中选择。' },
    { key: 'name', path: 'name', kind: 'text', group: 'main', label: () => '称呼（可不填）', shown: () => true,
      request: (raw) => raw.trim() || undefined },
  ].concat(first ? [] : PERSON.map((k) => (k === 'birth' ? Object.assign({}, base(k), { group: 'main', auto: 'off' }) : base(k))), [
    Object.assign({}, base('np_months'), { key: 'months', path: 'employee_insurance_months', group: 'parent', unknown: null, echo: null,
      label: () => '本人参加职工医保累计缴费多少个月？', hint: () => '没有参加职工医保填 0。', shown: asked('months') }),
    Object.assign({}, normal, { key: 'normal', path: 'insured_normal', group: 'parent', unknown: null, question: null, echo: null,
      label: () => '本人目前的医保待遇是否正常？', options: (c) => normal.options(c).slice(0, 2), shown: asked('normal') }),
  ]);
}

// A member's row: its own little form (sub has what form.js needs of an app).
function makeRow(app, first) {
  const F = app.fam;
  const sub = { idp: 'm' + ++F.seq + '-', fields: memberFields(app, first), ask: {}, open: {}, first: first };
  const parts = buildForm(sub, true);
  sub.legend = el('legend');
  sub.remove = first ? null : el('button', { type: 'button', class: 'btn btn-small', onclick: () => removeMember(app, sub) });
  sub.more = first ? null : el('details', { class: 'more' }, [sub.moreText = el('summary'), parts.person]);
  sub.box = el('fieldset', { class: 'group member' }, [
    sub.legend,
    first ? el('p', { class: 'hint', text: '出生日期等情况见上面的填写。' }) : null,
    parts.main, sub.more, parts.parent, sub.remove,
  ]);
  // Before the form's listeners (compute): a birth date is complete once left.
  sub.box.addEventListener('input', () => { sub.committed = false; });
  sub.box.addEventListener('change', () => { sub.committed = true; });
  return sub;
}

// Once (main.js calls it when more.js is there): the family takes over
// main.js's 添加家庭成员 button (app.ui.addMember).
export function initFamily(app) {
  if (app.fam) return;
  const ui = app.ui;
  const F = app.fam = { members: [], seq: 0 };
  F.first = makeRow(app, true);
  F.list = el('div', { class: 'members' }, F.first.box);
  F.add = ui.addMember;
  F.add.onclick = () => pressAdd(app);
  F.full = el('p', { class: 'hint', text: '一户最多' + MAX + '人；人数更多请分成几户分别计算。' });
  // One person: only the button, beside 计算 (the first answer stays as high
  // on a phone as it was); a family: its rows above them.
  F.box = el('section', { class: 'family', id: 'family', 'aria-labelledby': 'h-family', hidden: true }, [
    el('h3', { id: 'h-family', text: '全家一起算' }), F.list, F.full,
  ]);
  const submit = ui.form.querySelector('.submit');
  ui.form.insertBefore(F.box, submit);
  buildFamilyResult(app);
  const rendered = app.rendered;
  app.rendered = (view) => {
    rendered(view);
    refresh(app);
  };
}

// 添加家庭成员 pressed: a row, focus on its first question.
export function pressAdd(app) {
  const sub = addMember(app);
  compute(app);
  if (sub) focusField(sub, 'rel');
}

function addMember(app, hash, pre) {
  const F = app.fam;
  if (F.members.length >= MAX - 1) return null;
  const sub = makeRow(app, false);
  const first = readAll(app);
  const v = hash ? fromHash(sub, hash, pre) : {};
  if (!hash) COPIED.forEach((k) => { v[k] = first[k]; });
  sub.fields.forEach((f) => write(sub, f.key, v[f.key] || f.def || ''));
  sub.committed = true;
  F.members.push(sub);
  F.list.appendChild(sub.box);
  load(app);
  return sub;
}

function removeMember(app, sub) {
  const F = app.fam;
  const i = F.members.indexOf(sub);
  F.members.splice(i, 1);
  F.list.removeChild(sub.box);
  compute(app);
  const next = F.members[i] || F.members[i - 1];
  if (next) focusField(next, 'rel');
  else F.add.focus();
}

function load(app) {
  const F = app.fam;
  if (F.lib || F.loading) return;
  F.loading = true;
  F.error = null;
  loadFull().then((lib) => {
    F.lib = lib;
  }, (e) => {
    F.error = e;
  }).then(() => {
    F.loading = false;
    refresh(app);
  });
}

// The whole family on the page: the rows, the household answer.
function refresh(app) {
  const F = app.fam;
  const rows = F.rows = [F.first].concat(F.members);
  const family = rows.length > 1;
  show(F.box, family);
  show(F.add, rows.length < MAX);
  show(F.full, rows.length >= MAX);
  const asks = [];
  const errs = [];
  rows.forEach((sub, i) => {
    sub.c = { p: app.c.p, all: app.policies, v: readAll(sub), need: null, ask: sub.ask };
    update(sub, sub.c);
    sub.c.v = readAll(sub);
    clearMarks(sub);
    const who = '第' + (i + 1) + '位家庭成员';
    sub.who = who + (sub.c.v.name.trim() ? '（' + sub.c.v.name.trim() + '）' : '');
    setText(sub.legend, who + (i ? '' : '（上面填写的人）'));
    if (sub.remove) setText(sub.remove, '删除' + who);
    if (i) check(sub, asks, errs);
    if (sub.more) setText(sub.moreText, differences(app, sub));
  });
  let view = { kind: 'single' };
  if (family) {
    if (!app.view || app.view.kind !== 'answer') view = { kind: 'first' };
    else if (F.error) view = { kind: 'failed', error: F.error };
    else if (!F.lib) view = { kind: 'loading' };
    else if (asks.length || errs.length) view = { kind: 'ask', asks: asks, errs: errs };
    else view = household(app, rows);
  }
  (view.errs || []).forEach((x) => x.key && markError(x.sub, x.key, x.text));
  (view.asks || []).forEach((x) => markAsked(x.sub, x.key));
  F.view = view;
  renderFamily(app, view, () => {
    F.error = null;
    load(app);
    refresh(app);
  });
}

// A member row's own questions and wrong answers, before the core is asked.
function check(sub, asks, errs) {
  const v = sub.c.v;
  const put = (list, key, text) => list.push({ sub: sub, key: key, text: sub.who + '：' + text });
  sub.fields.forEach((f) => {
    if (f.question && f.shown(sub.c) && !v[f.key].trim()) put(asks, f.key, f.question(sub.c));
  });
  const birth = readDate(v.birth);
  if (birth.error) put(errs, 'birth', birth.error);
  else if (v.birth.trim() && !birth.date) {
    if (sub.committed) put(errs, 'birth', sub.fields.filter((f) => f.key === 'birth')[0].invalid);
    else put(asks, 'birth', '请把出生日期填完整，例如 1980-05-17。');
  }
}

// The summary of a row's fold: the answers that differ from the first member's.
function differences(app, sub) {
  const diff = sub.fields.filter((f) => f.group === 'person' && f.shown(sub.c) && sub.c.v[f.key] !== (app.c.v[f.key] || '')).map((f) => {
    const w = words(f, sub.c, sub.c.v[f.key]);
    return f.kind === 'check' ? label(f, sub.c) + '：' + w : w;
  });
  return '其他情况（' + (diff.length ? '与第1位不同：' + diff.join('、') : '与第1位相同') + '）';
}

const isShared = (app, k) => k === 'date' || app.fields.some((f) => f.shared && f.path === k);

// The household request (the first member's is the request of the answer on
// the form) and the core's answer, or the error at its member's field.
function household(app, rows) {
  const main = app.view.main.req;
  const req = { members: [] };
  const first = {};
  Object.keys(main).forEach((k) => {
    (isShared(app, k) ? req : first)[k] = main[k];
  });
  rows.forEach((sub, i) => {
    const m = Object.assign(i ? {} : first, request(sub, sub.c, sub.c.v));
    delete m.date;
    req.members.push(m);
  });
  try {
    const t = Date.now();
    const h = app.fam.lib.quoteHousehold(req);
    app.fam.ms = Date.now() - t;
    return { kind: 'answer', h: h, req: req };
  } catch (e) {
    if (!e || !e.code) return { kind: 'error', text: '计算器出错了，请刷新页面后重试。（' + (e && e.message ? e.message : e) + '）' };
    return misfit(app, rows, e);
  }
}

// The core's error: a question or a wrong answer at its member's field.
function misfit(app, rows, e) {
  const m = /^members\[(\d+)\]\.?(.*)$/.exec(e.field || '');
  const sub = m && rows[+m[1]];
  if (!sub) return { kind: 'error', text: forPeople(e.message) ? e.message : '请检查填写的情况。' };
  let target = sub;
  let f = m[2] ? fieldAt(sub, m[2]) : null;
  if (!f && sub.first && m[2]) {
    target = app;
    f = fieldAt(app, m[2]);
  }
  const key = f ? f.key : null;
  if (e.code === 'missing' && key && target === sub) {
    sub.ask[key] = true;
    update(sub, sub.c);
    return { kind: 'ask', asks: [{ sub: sub, key: key, text: e.message }], errs: [] };
  }
  const rest = e.message.replace(/^第\d+位家庭成员：/, '');
  const text = sub.who + '：' + (f ? say(target, target === app ? app.c : sub.c, f, { message: rest }) : forPeople(rest) ? rest : '请检查这一位的填写。');
  return { kind: 'ask', asks: [], errs: [{ sub: target, key: key, text: text, row: sub }] };
}

// ----------------------------------------------- share link, 新来电

// The members after the first's answers in a share link: m1.rel=self&m2.rel=child&m2.birth=…
export function familyHash(app) {
  const F = app.fam;
  if (!F || !F.members.length) return '';
  return F.rows.map((sub, i) => hashOf(sub, sub.c, 'm' + (i + 1) + '.')).filter((x) => x).map((x) => '&' + x).join('');
}

// The family of a share link (a link without members: the one person).
export function restoreFamily(app, hash) {
  const F = app.fam;
  if (!F || hash.indexOf('=') < 0) return;
  const h = parseParams(hash);
  resetFamily(app);
  const v = fromHash(F.first, hash, 'm1.');
  F.first.fields.forEach((f) => write(F.first, f.key, v[f.key] || f.def || ''));
  const has = (n) => Object.keys(h).some((k) => k.indexOf('m' + n + '.') === 0);
  for (let n = 2; n <= MAX && has(n); n++) addMember(app, hash, 'm' + n + '.');
}

export function resetFamily(app) {
  const F = app.fam;
  if (!F) return;
  F.members.forEach((sub) => F.list.removeChild(sub.box));
  F.members = [];
  F.first.ask = {};
  F.first.fields.forEach((f) => write(F.first, f.key, f.def || ''));
}
