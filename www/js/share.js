// The answers as a URL fragment (#region=yuyao&birth=1980-05-17&...), never
// sent to a server, and back. The names are those of fields.js (`hash`):
// links made by earlier versions of the page keep working. A link made here
// ends with v=3: a question left out is unanswered. In an older link it had
// the page's old default (fields.js `legacy`: before v=2 an unticked permit
// meant "no"; before v=3 户籍 was 本市 and 在读 不在读 unless chosen).
import { parseParams } from './words.js';

// pre: before each name, for one of a family's members (family.js); their
// answers follow the v=2 of the first member's.
export function hashOf(app, c, pre) {
  const parts = [];
  app.fields.forEach((f) => {
    const raw = c.v[f.key];
    if (!raw || !f.shown(c)) return;
    const code = f.codes && f.codes[raw] !== undefined ? f.codes[raw] : raw;
    parts.push((pre || '') + (f.hash || f.key) + '=' + encodeURIComponent(code));
  });
  return parts.concat(pre ? [] : ['v=3']).join('&');
}

// The raw answers a fragment gives, or null when it gives none.
export function fromHash(app, hash, pre) {
  if (hash.indexOf('=') < 0) return null;
  const h = parseParams(hash);
  const version = Number(h.v) || 1;
  const v = {};
  app.fields.forEach((f) => {
    const code = h[(pre || '') + (f.hash || f.key)];
    if (code === undefined) {
      v[f.key] = (f.legacy && version <= f.legacy[1] ? f.legacy[0] : '') || f.def || '';
      return;
    }
    const raw = f.codes ? Object.keys(f.codes).filter((k) => f.codes[k] === code)[0] : undefined;
    v[f.key] = raw !== undefined ? raw : code;
  });
  return v;
}
