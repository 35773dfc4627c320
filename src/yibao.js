// The library's JavaScript entry: scripts/build-web.sh bundles it with
// wasm-bindgen's loader (./yibao_glue.js there) into dist/yibao.js and
// dist/yibao.iife.js, so every host gets it. ES2017.
//
// quote(), quoteText(), quoteHousehold(), quoteHouseholdText() and
// policies() are wasm-bindgen's, guarded: a call
// either returns, or throws the module's QuoteError (bad input: `code`,
// `field`, a message saying what to enter), or, when the call did not end
// normally (a trap; a stack overflow, in the module or because the host's
// own stack was nearly full; anything else the module threw), a QuoteError
// with code "internal", and the instance is dropped and a fresh one made
// from the same compiled module for the next call (src/glue-restart.js). Such a call leaves the
// module's stack pointer where it was: left as it was, about 250 of them
// used up its stack and every later call failed until the page was
// reloaded.
import * as glue from './yibao_glue.js';

export { default, initSync } from './yibao_glue.js';

function isQuoteError(e) {
  return e instanceof Error && e.name === 'QuoteError' && typeof e.code === 'string' && typeof e.field === 'string';
}

function internal(cause) {
  var e = new Error('计算器出错了，请再试一次。');
  e.name = 'QuoteError';
  e.code = 'internal';
  e.field = '';
  e.cause = cause;
  return e;
}

// A request is handed to the module as JSON text, the CLI's input: a plain
// copy made here, then JSON.stringify. The copy has objects, arrays,
// strings, numbers, booleans and null only (undefined and an array's holes
// as null, an object's own enumerable keys), at most eight levels deep, and
// at most 1 MiB as the JSON text JSON.stringify makes of it: the CLI's
// limit (src/read.rs, MAX_REQUEST_BYTES). The size is counted while
// copying and the copy stops once past it, so an array of 1e8 slots or a
// Proxy claiming a billion items costs no more than 1 MiB does. Anything
// else (a function, a symbol, a bigint, a cycle, a getter that throws) is
// refused with the module's own error. What JSON cannot carry is written as
// what the CLI reads alike: NaN and ±Infinity as ±1e300 (a number every
// field refuses, as the CLI refuses 1e999), a lone surrogate as U+FFFD.
// The answer comes back as JSON text too, through JSON.parse.
var MAX_BYTES = 1048576;
var TOO_LARGE = { tooLarge: true };
var UNREADABLE = { unreadable: true };
// A surrogate pair, or a surrogate without its other half.
var SURROGATES = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

// A string's bytes in JSON: its quotes, escapes (\" \\ \n, \u0001) and
// UTF-8; a lone surrogate as U+FFFD (3 bytes), as it is sent.
function stringSize(s) {
  var n = s.length;
  var bytes = 2;
  var c, d;
  for (var j = 0; j < n; j++) {
    c = s.charCodeAt(j);
    if (c < 0x80) bytes += c === 34 || c === 92 || (c >= 8 && c <= 13 && c !== 11) ? 2 : c < 0x20 ? 6 : 1;
    else if (c < 0x800) bytes += 2;
    else if (c < 0xd800 || c >= 0xe000) bytes += 3;
    else if (c < 0xdc00 && (d = s.charCodeAt(j + 1)) >= 0xdc00 && d < 0xe000) {
      bytes += 4;
      j++;
    } else bytes += 3;
  }
  return bytes;
}

function plain(request) {
  var size = 0;
  function grow(n) {
    size += n;
    if (size > MAX_BYTES) throw TOO_LARGE;
  }
  function text(s) {
    // Each unit takes a byte at least: a huge string is refused unread.
    grow(s.length + 2);
    grow(stringSize(s) - s.length - 2);
    return /[\ud800-\udfff]/.test(s) ? s.replace(SURROGATES, function (m) { return m.length === 2 ? m : '\ufffd'; }) : s;
  }
  function copy(v, depth) {
    if (depth > 8) throw UNREADABLE;
    if (v === null || v === undefined) {
      grow(4);
      return null;
    }
    var type = typeof v;
    if (type === 'boolean') {
      grow(v ? 4 : 5);
      return v;
    }
    if (type === 'number') {
      if (!isFinite(v)) v = v < 0 ? -1e300 : 1e300;
      grow(String(v).length);
      return v;
    }
    if (type === 'string') return text(v);
    if (type !== 'object') throw UNREADABLE;
    var i, n, out, x;
    if (Array.isArray(v)) {
      n = v.length;
      // The brackets and commas, before any item is looked at.
      grow(n > 0 ? n + 1 : 2);
      out = [];
      for (i = 0; i < n; i++) out.push(copy(v[i], depth + 1));
      return out;
    }
    // A typed array or a String object has a key for each index, made on
    // demand by Object.keys: each takes at least 5 bytes ("0":0).
    n = v.length;
    if (typeof n === 'number' && size + 5 * n > MAX_BYTES
      && (ArrayBuffer.isView(v) || Object.prototype.toString.call(v) === '[object String]')) throw TOO_LARGE;
    var keys = Object.keys(v);
    n = keys.length;
    // The braces, colons and commas.
    grow(n > 0 ? 2 * n + 1 : 2);
    out = {};
    for (i = 0; i < n; i++) {
      x = copy(v[keys[i]], depth + 1);
      // As JSON.parse does, "__proto__" is an own property here too.
      Object.defineProperty(out, text(keys[i]), { value: x, writable: true, enumerable: true, configurable: true });
    }
    return out;
  }
  try {
    return JSON.stringify(copy(request, 0));
  } catch (e) {
    // Too large, or not readable (a getter that throws, the host's stack
    // full, say).
    throw glue.__yibao_refused(e === TOO_LARGE);
  }
}

// f(request as JSON text), its answer JSON.parse'd when `parse`.
function guard(f, reads, parse) {
  return function (request) {
    try {
      if (!glue.__yibao_ensure()) throw new Error('yibao: the module is not ready (yet)');
      var out = reads ? f(plain(request)) : f();
      return parse ? JSON.parse(out) : out;
    } catch (e) {
      if (isQuoteError(e)) throw e;
      glue.__yibao_drop();
      throw internal(e);
    }
  };
}

export var quote = guard(glue.quote, true, true);
// Without the feature `text` (dist/yibao-lite), quoteText is undefined.
export var quoteText = glue.quoteText && guard(glue.quoteText, true, false);
// A module built without the Cargo feature `household` (dist/yibao-lite,
// the page's first result) has no household functions: there these two are
// undefined.
export var quoteHousehold = glue.quoteHousehold && guard(glue.quoteHousehold, true, true);
export var quoteHouseholdText = glue.quoteHouseholdText && guard(glue.quoteHouseholdText, true, false);
export var policies = guard(glue.policies, false, true);

// The release: Cargo.toml's version, which scripts/build-web.sh writes in
// (esbuild --define): yibao --version and package.json say the same.
export function version() {
  return YIBAO_VERSION;
}
