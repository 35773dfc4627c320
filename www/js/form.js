// The form, built from the field table (fields.js): one control per field,
// its label, hint and error line; reading and writing the raw answers;
// showing the fields that apply; marking a field's error or open question.
import { add, clear, el, idList, reveal, setText, show } from './dom.js';
import { ascii, normAmount } from './words.js';

const TEXT_KIND = {
  date: { inputmode: 'decimal', placeholder: '例如 1980-05-17', maxlength: '16' },
  amount: { inputmode: 'decimal', placeholder: '元', maxlength: '14' },
  count: { inputmode: 'numeric', placeholder: '例如 12', maxlength: '4' },
  text: { maxlength: '20' },
};

// A control's id and name: the field's key, after app.idp where one form of
// many is on the page (a family member's row, family.js).
const own = (app, key) => (app.idp || '') + key;

function hintEl(key) {
  return el('p', { class: 'hint', id: 'hint-' + key, hidden: true });
}

// One field's box: label (or legend), hint, the control(s), error line.
function control(app, f, compact) {
  const key = own(app, f.key);
  const c = { f: f, err: el('p', { class: 'err', id: 'err-' + key, hidden: true }), hint: hintEl(key), options: '' };
  if (f.kind === 'checks' || (f.kind === 'choice' && !(compact && f.compact))) {
    c.label = el('legend');
    c.list = el('div', { class: 'opts' });
    c.box = el('fieldset', { class: 'group', id: 'box-' + key }, [c.label, c.hint, c.list, c.err]);
  } else if (f.kind === 'check') {
    c.input = el('input', { type: 'checkbox', id: 'f-' + key, name: key });
    c.label = el('label', { for: c.input.id });
    c.box = el('div', { class: 'field', id: 'box-' + key }, [el('div', { class: 'opt' }, [c.input, c.label]), c.hint, c.err]);
  } else {
    c.input = f.kind === 'select' || f.kind === 'choice'
      ? el('select', { id: 'f-' + key, name: key })
      : el('input', Object.assign({ id: 'f-' + key, name: key, type: 'text', autocomplete: f.auto || 'off', spellcheck: 'false' }, TEXT_KIND[f.kind], f.ph && { placeholder: f.ph }));
    c.label = el('label', { for: c.input.id });
    c.box = el('div', { class: 'field', id: 'box-' + key }, [c.label, c.hint, c.input, c.err]);
  }
  return c;
}

export function buildForm(app, compact) {
  app.controls = {};
  const parts = {};
  const part = (name) => parts[name] || (parts[name] = el('div', { class: 'part part-' + name }));
  app.fields.forEach((f) => {
    const c = control(app, f, compact);
    app.controls[f.key] = c;
    part(f.group).appendChild(c.box);
  });
  return parts;
}

function inputs(c) {
  return c.input ? [c.input] : Array.prototype.slice.call(c.list.getElementsByTagName('input'));
}

// The raw answer of a field (see fields.js).
export function read(app, key) {
  const c = app.controls[key];
  const f = c.f;
  // Written but not yet on the page (its options are not built yet).
  if (c.pending !== undefined) return c.pending;
  if (c.input) {
    if (f.kind === 'check') return c.input.checked ? '1' : '';
    if (f.kind === 'amount') return normAmount(c.input.value);
    if (f.kind === 'count') return ascii(c.input.value).trim();
    return c.input.value;
  }
  return inputs(c).filter((i) => i.checked).map((i) => i.value).join(',');
}

export function readAll(app) {
  const v = {};
  app.fields.forEach((f) => {
    v[f.key] = read(app, f.key);
  });
  return v;
}

export function write(app, key, raw) {
  const c = app.controls[key];
  const value = raw || '';
  if (c.f.kind === 'check') c.input.checked = value === '1';
  else if (c.input) c.input.value = value;
  else {
    const on = value.split(',');
    inputs(c).forEach((i) => {
      i.checked = on.indexOf(i.value) >= 0;
    });
  }
  c.pending = value;
}

// Labels, options and visibility for the context c (fields.js). Options are
// rebuilt only when they change; the answer stays where it still exists.
export function update(app, c) {
  app.fields.forEach((f) => {
    const ctl = app.controls[f.key];
    const on = !!f.shown(c);
    show(ctl.box, on);
    if (!on) return;
    const text = f.label(c);
    const sub = f.sub ? f.sub(c) : '';
    if (ctl.text !== text + sub) {
      ctl.text = text + sub;
      clear(ctl.label);
      add(ctl.label, [text, sub ? el('span', { class: 'lsub', text: '（' + sub + '）' }) : null]);
    }
    const hint = f.hint ? f.hint(c) : '';
    setText(ctl.hint, hint);
    show(ctl.hint, !!hint);
    (ctl.input ? [ctl.input] : [ctl.box]).forEach((n) => idList(n, 'aria-describedby', ctl.hint.id, !!hint));
    if (f.options) options(app, ctl, f.options(c));
    ctl.pending = undefined;
  });
}

function options(app, ctl, list) {
  const sig = JSON.stringify(list);
  if (ctl.options === sig) return;
  ctl.options = sig;
  const had = read(app, ctl.f.key);
  const key = own(app, ctl.f.key);
  // A question asked as a select (在读 in the embed) starts unanswered.
  if (ctl.input && ctl.f.kind === 'choice' && ctl.f.question) list = [['', '请选择']].concat(list);
  if (ctl.input) {
    clear(ctl.input);
    list.forEach((o) => ctl.input.appendChild(el('option', { value: o[0], text: o[1] })));
  } else {
    clear(ctl.list);
    const type = ctl.f.kind === 'checks' ? 'checkbox' : 'radio';
    list.forEach((o) => {
      const input = el('input', { type: type, id: 'f-' + key + '-' + o[0], name: key, value: o[0] });
      ctl.list.appendChild(el('div', { class: 'opt' }, [input, el('label', { for: input.id, text: o[1] })]));
    });
    ctl.list.className = 'opts' + (list.every((o) => o[1].length <= 10) ? ' opts-row' : '');
  }
  const keep = had.split(',').filter((x) => list.some((o) => o[0] === x)).join(',');
  write(app, ctl.f.key, keep || (had ? '' : ctl.f.def || ''));
  // A select shows one of its options (the first: "请选择…", "自动…").
  if (ctl.input && !list.some((o) => o[0] === ctl.input.value) && list[0]) ctl.input.value = list[0][0];
}

// Errors and open questions next to their fields.
export function clearMarks(app) {
  Object.keys(app.controls).forEach((key) => {
    const ctl = app.controls[key];
    ctl.box.classList.remove('invalid', 'asked');
    if (ctl.err.hidden) return;
    ctl.err.hidden = true;
    ctl.err.textContent = '';
    inputs(ctl).concat([ctl.box]).forEach((n) => {
      n.removeAttribute('aria-invalid');
      idList(n, 'aria-describedby', ctl.err.id, false);
    });
  });
}

export function markError(app, key, message) {
  const ctl = app.controls[key];
  ctl.err.textContent = message;
  ctl.err.hidden = false;
  ctl.box.classList.add('invalid');
  reveal(ctl.box);
  const targets = ctl.input ? [ctl.input] : [ctl.box];
  targets.forEach((n) => {
    n.setAttribute('aria-invalid', 'true');
    idList(n, 'aria-describedby', ctl.err.id, true);
  });
}

export function markAsked(app, key) {
  app.controls[key].box.classList.add('asked');
  reveal(app.controls[key].box);
}

// The control to focus for a field: its input, or its first choice.
export function focusTarget(app, key) {
  const ctl = app.controls[key];
  const all = inputs(ctl);
  return all.filter((i) => i.checked)[0] || all[0];
}

export function focusField(app, key) {
  const t = focusTarget(app, key);
  if (!t) return;
  reveal(t);
  t.focus();
}

export const shown = (app, key) => !app.controls[key].box.hidden;
