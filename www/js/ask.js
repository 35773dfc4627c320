// From the answers on the form to an answer of the core: the request, the
// questions still open, errors that stay with their field, and, where an
// answer is "不清楚", the answer for each case.
import { forPeople, readDate, today } from './words.js';
import { label } from './fields.js';

// The page's first module (app.lean: main.js) answers neither a bill nor a
// change of status: the full module does (core.js loadFull). A request with
// either throws NEEDS_FULL until app.core is the full module; calc.js
// compute() says so in the headline, loads it and answers again.
export const NEEDS_FULL = { needsFull: true };

function quote(app, req) {
  if (app.lean && (req.bill || req.change)) throw NEEDS_FULL;
  return app.core.quote(req);
}

// The policy set of the region and year on the form. "Automatic" asks the
// core with a stand-in person, so the choice of the year is the core's.
export function policyFor(app, v) {
  let sets = app.policies.filter((p) => p.region === v.region);
  if (!sets.length) sets = app.policies.filter((p) => p.region === app.defaults.region);
  const chosen = sets.filter((p) => String(p.benefit_year) === v.year)[0];
  if (chosen) return chosen;
  const newest = sets[sets.length - 1];
  const key = newest.region + today();
  app.auto = app.auto || {};
  if (!app.auto[key]) app.auto[key] = autoPolicy(app, sets, newest);
  return app.auto[key];
}

function autoPolicy(app, sets, newest) {
  const probe = { region: newest.region, date: today(), birth_date: '1990-01-01', hukou: 'local' };
  if (newest.districts.length) probe.district = newest.districts[0].id;
  try {
    const id = app.core.quote(probe).policy.id;
    return sets.filter((p) => p.id === id)[0] || newest;
  } catch (e) {
    return newest;
  }
}

function put(req, path, value) {
  const keys = path.split('.');
  let o = req;
  keys.slice(0, -1).forEach((k) => {
    o = o[k] || (o[k] = {});
  });
  o[keys[keys.length - 1]] = value;
}

// Removes path from req, and the objects it leaves empty.
function drop(req, path) {
  const keys = path.split('.');
  const chain = [req];
  for (let i = 0; i < keys.length - 1; i++) {
    const next = chain[i][keys[i]];
    if (!next || typeof next !== 'object') return false;
    chain.push(next);
  }
  const last = chain[chain.length - 1];
  if (!(keys[keys.length - 1] in last)) return false;
  delete last[keys[keys.length - 1]];
  for (let i = chain.length - 1; i > 0 && !Object.keys(chain[i]).length; i--) delete chain[i - 1][keys[i - 1]];
  return true;
}

const newborn = (app) => app.fields.filter((f) => f.group === 'newborn');

// Whether the person is a baby the newborn rule concerns (non-local, young
// enough): the core decides, asked without a permit of the baby's own; it
// then asks for the parent. Such a baby is asked the parent's questions,
// never for a permit of its own first (fields.js permit).
export function isBaby(app, c) {
  const v = c.v;
  if (v.hukou !== 'nonlocal' || !readDate(v.birth).date) return false;
  const req = request(app, Object.assign({}, c, { baby: true }), v);
  // Neither a bill nor a change bears on it: asked without them, so that
  // the first module can answer.
  delete req.bill;
  delete req.change;
  const key = JSON.stringify(req);
  app.babies = app.babies || {};
  if (app.babies[key] === undefined) {
    try {
      app.core.quote(req);
      app.babies[key] = false;
    } catch (e) {
      app.babies[key] = !!e && e.code === 'missing' && e.field === 'newborn_parent';
    }
  }
  return app.babies[key];
}

// The request for the answers vals. The newborn's parent goes in only once
// the core has asked for it (need: which of its questions count).
export function request(app, c, vals, need) {
  const req = { date: today() };
  app.fields.forEach((f) => {
    if (!f.path || f.group === 'newborn' || !f.shown(c)) return;
    const value = f.request ? f.request(vals[f.key]) : vals[f.key] || undefined;
    if (value !== undefined) put(req, f.path, value);
  });
  if (need) {
    newborn(app).forEach((f) => {
      const value = f.request(need[f.key] ? vals[f.key] : f.unknown.yes);
      if (value !== undefined) put(req, f.path, value);
    });
  }
  // A date alone is no bill.
  if (req.bill && Object.keys(req.bill).join() === 'date') delete req.bill;
  return req;
}

// The field a path of the request belongs to (an error's `field`).
export function fieldAt(app, path) {
  return app.fields.filter((f) => f.path === path)[0] || app.fields.filter((f) => f.path && f.path.indexOf(path + '.') === 0)[0] || null;
}

// What to tell people about an error of the core at field f.
export function say(app, c, f, e) {
  const text = (e.message || '').replace(/YYYY-MM-DD/g, '年-月-日');
  if (forPeople(text)) return text;
  return (f && f.invalid) || '请检查“' + (f ? label(f, c) : '填写') + '”这一项。';
}

// Asks the core. A wrong optional answer (a bill amount) is marked and left
// out, and the rest is answered.
function attempt(app, c, req) {
  const errors = {};
  for (;;) {
    try {
      return { q: quote(app, req), req: req, errors: errors };
    } catch (e) {
      if (!e || !e.code) throw e;
      if (e.code === 'missing' && e.field === 'newborn_parent') return { parent: true, errors: errors };
      const f = fieldAt(app, e.field);
      if (f && f.optional && drop(req, f.path)) {
        errors[f.key] = say(app, c, f, e);
        continue;
      }
      return { error: e, field: f, errors: errors };
    }
  }
}

function differ(a, b) {
  return !a.q || !b.q || a.q.eligible !== b.q.eligible || a.q.summary !== b.q.summary || a.q.to_pay !== b.q.to_pay;
}

const merge = (a, b) => Object.assign({}, a, b);

// The two cases of the "不清楚" answers U: all "yes", or not.
function fork(vals, U) {
  if (!U.length) return [{ vals: vals, when: [] }];
  const side = (which) => {
    const o = {};
    U.forEach((f) => {
      o[f.key] = f.unknown[which];
    });
    return merge(vals, o);
  };
  const no = U.map((f) => f.unknown.ifNo);
  return [
    { vals: side('yes'), when: ['如果' + U.map((f) => f.unknown.ifYes).join('、')] },
    { vals: side('no'), when: ['如果' + (U.length > 1 ? '其中有一项不是（' + no.join('、') + '）' : no[0])] },
  ];
}

function unknowns(fields, c, vals) {
  return fields.filter((f) => f.unknown && f.shown(c) && (vals[f.key] === 'unknown' || (f.unknown.blank && !vals[f.key])));
}

// Which of the parent's questions change the core's answer: each is turned
// from "yes" to "no" with the others "yes". The core decides what counts.
function parentNeeds(app, c, vals) {
  const fields = newborn(app);
  const all = {};
  const yes = {};
  fields.forEach((f) => {
    all[f.key] = true;
    yes[f.key] = f.unknown.yes;
  });
  const ref = attempt(app, c, request(app, c, merge(vals, yes), all));
  const need = app.need || {};
  fields.forEach((f) => {
    const flip = {};
    flip[f.key] = f.unknown.no;
    need[f.key] = need[f.key] || differ(ref, attempt(app, c, request(app, c, merge(merge(vals, yes), flip), all)));
  });
  app.need = need;
  return need;
}

// The answers for vals: one, or one per case of the parent's "不清楚".
function outcomes(app, c, vals) {
  const first = attempt(app, c, request(app, c, vals));
  if (!first.parent) return [{ when: [], r: first }];
  const need = parentNeeds(app, c, vals);
  const cn = merge(c, { need: need });
  const open = newborn(app).filter((f) => need[f.key] && f.question && !vals[f.key]);
  if (open.length) return [{ when: [], r: { questions: open.map((f) => ({ key: f.key, text: f.question(c) })), errors: first.errors } }];
  return fork(vals, unknowns(newborn(app), cn, vals)).map((k) => ({ when: k.when, r: attempt(app, c, request(app, c, k.vals, need)) }));
}

// The answer to show for the form's answers c.v:
//   { kind: 'prompt', text }                      still typing the birth date
//   { kind: 'ask', questions, errors }            questions open, or a wrong answer the answer needs
//   { kind: 'error', error, field, errors }       the core refused a needed answer
//   { kind: 'answer', cases, main, asked }        cases: [{ when, r }], main: the case shown in full
export function evaluate(app, c) {
  const v = c.v;
  app.need = null;
  const questions = [];
  const errors = {};
  const birth = readDate(v.birth);
  app.fields.forEach((f) => {
    const text = f.question && f.group !== 'newborn' && f.shown(c) && !v[f.key].trim() && f.question(c);
    if (text) questions.push({ key: f.key, text: text });
  });
  if (birth.error) errors.birth = birth.error;
  else if (v.birth.trim() && !birth.date && !app.birthCommitted) return { kind: 'prompt', text: '请把出生日期填完整，例如 1980-05-17。' };
  if (questions.length || errors.birth) return { kind: 'ask', questions: questions, errors: errors };

  const cases = [];
  const U = unknowns(app.fields.filter((f) => f.group !== 'newborn'), c, v);
  fork(v, U).forEach((k) => outcomes(app, c, k.vals).forEach((o) => cases.push({ when: k.when.concat(o.when), r: o.r })));
  const asked = cases.filter((k) => k.r.questions)[0];
  const main = cases.filter((k) => k.r.q && k.r.q.eligible)[0] || cases.filter((k) => k.r.q)[0];
  if (!main) {
    if (asked) return { kind: 'ask', questions: asked.r.questions, errors: asked.r.errors };
    const r = cases[0].r;
    return { kind: 'error', error: r.error, field: r.field, errors: r.errors };
  }
  const same = cases.every((k) => k.r.q && !differ(k.r, main.r));
  return { kind: 'answer', cases: same ? [{ when: [], r: main.r }] : cases, main: main.r, errors: main.r.errors, unsure: same && cases.length > 1, asked: asked };
}
