// Reads a result tape written by src/tape.rs (the codes are listed there)
// and returns the object JSON.parse would make of serde_json's output.
// 'static text (code 6) sits in the module's memory at a fixed address and
// never changes: it is decoded once and kept, per memory. ES2017.

var decoder = null;
var cachedMemory = null;
// 'static text (values, and struct field names) by address.
var texts = null;
// The tape being read.
var buffer = null;
var ops = null;
var text = '';
var i = 0;

function decode(at, len) {
  return decoder.decode(new Uint8Array(buffer, at, len));
}

// 'static text, decoded once. Keyed by address (a small integer, fast to
// look up); the length is checked too, as two texts may start at one
// address (an empty one, say). Kept as the engine's own (internalized) copy
// of the string, which it takes as a property name without looking it up
// again.
function fixed(at, len) {
  var e = texts.get(at);
  if (e === undefined || e.len !== len) {
    var s = decode(at, len);
    var o = {};
    o[s] = 0;
    e = { len: len, text: s === '__proto__' ? s : Object.keys(o)[0] };
    texts.set(at, e);
  }
  return e.text;
}

// Objects are made with `new Plain()`, not `{}`: the same plain objects
// (their prototype is Object.prototype, as for `{}` and JSON.parse), but
// made by a constructor the engine sizes them from the ones it has seen, so
// their fields are stored inline instead of in a store grown field by field.
function Plain() {}
Plain.prototype = Object.prototype;

// Two decimals for each number of fen below 100.
var CENTS = [];
for (var c = 0; c < 100; c++) CENTS.push((c < 10 ? '.0' : '.') + c);
// Money strings by whole fen.
var amounts = new Map();

function fen(n) {
  var cents = n % 100;
  return (n - cents) / 100 + CENTS[cents];
}

function value() {
  return valueOf(ops[i++]);
}

// The value of code `c`, whose words start at `i`.
function valueOf(c) {
  var v, k, start;
  switch (c) {
    case 0: return null;
    case 1: return true;
    case 2: return false;
    case 3:
      v = new Float64Array(new Uint32Array([ops[i], ops[i + 1]]).buffer)[0];
      i += 2;
      return v;
    case 4: return ops[i++] | 0;
    case 5:
      start = ops[i];
      i += 2;
      return text.slice(start, ops[i - 1]);
    case 6:
      i += 2;
      return fixed(ops[i - 2], ops[i - 1]);
    case 7:
      v = new Plain();
      while ((c = ops[i++]) !== 9) {
        if (c >= 16) {
          // A field: its name packed in the next word, then its value.
          k = ops[i++];
          k = fixed(k >>> 8, k & 255);
          c -= 16;
        } else if (c === 6) {
          k = fixed(ops[i], ops[i + 1]);
          i += 2;
          c = ops[i++];
        } else {
          k = valueOf(c);
          c = ops[i++];
        }
        // As JSON.parse does, "__proto__" is an own property here too.
        if (k === '__proto__') Object.defineProperty(v, k, { value: valueOf(c), writable: true, enumerable: true, configurable: true });
        else v[k] = valueOf(c);
      }
      return v;
    case 8:
      v = [];
      while (ops[i] !== 9) v.push(value());
      i++;
      return v;
    case 10:
      // Money: whole fen, |fen| < 2^53 (exact in a number), as "780.00".
      // Kept by value: most amounts are a policy's few fees and subsidies.
      v = (ops[i + 1] | 0) * 4294967296 + ops[i];
      i += 2;
      k = amounts.get(v);
      if (k === undefined) {
        if (amounts.size >= 4096) amounts.clear();
        k = v < 0 ? '-' + fen(-v) : fen(v);
        amounts.set(v, k);
      }
      return k;
    default:
      throw new Error('yibao: unreadable result (code ' + c + ' before ' + i + ')');
  }
}

export function yibao_read_tape(memory, opsAt, opsLen, textAt, textLen) {
  if (decoder === null) decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  if (memory !== cachedMemory) {
    cachedMemory = memory;
    texts = new Map();
  }
  buffer = memory.buffer;
  ops = new Uint32Array(buffer, opsAt, opsLen);
  text = textLen > 0 ? decode(textAt, textLen) : '';
  i = 0;
  try {
    return value();
  } finally {
    buffer = null;
    ops = null;
    text = '';
  }
}

// Requests go the other way, flattened so that reading one costs the module
// a single call into JS instead of about ten js-sys calls per field: the
// codes below, as numbers, written into the module's memory at `at` (room
// for `room` numbers; the first says how many there are, or are needed,
// counting these two, the second how many bytes the strings take), and
// every string (keys and values, in order) joined and written as UTF-8 at
// `textAt`. src/tape.rs (`read_request`) reads them back.
//
//   0 null or undefined · 1 true · 2 false · 3 then the number
//   5 then the string's length in UTF-16 units
//   7 then n, then n × (key length, value): an object's own enumerable keys
//   8 then n, then n values: an array (a hole is undefined)
//   10 anything else (function, symbol, bigint) or nested deeper than 8
//   11 alone: the request is over the size limit
//
// The limit (src/request.rs, MAX_REQUEST_BYTES, the CLI's too) is 1 MiB of
// JSON text, the text JSON.stringify would make of the request (undefined
// as null). It is counted while walking, each string's UTF-16 units as one
// byte each (at least that), and the walk stops once past it: an array of
// 1e8 slots or a Proxy claiming a billion costs no more than 1 MiB does.
// Only a request that may be near the limit has its strings counted
// exactly (escapes, UTF-8), once the walk is done.
var MAX_BYTES = 1048576;
var TOO_LARGE = { tooLarge: true };
var flat = new Float64Array(64);
var encoder = null;
var flatLen = 0;
var flatText = '';
// The request's JSON text so far, in bytes, strings at one a unit.
var size = 0;

function grow(n) {
  size += n;
  if (size > MAX_BYTES) throw TOO_LARGE;
}

// A number's length in JSON (String(v), or "null"); a whole number's
// digits counted without making its string.
function numberSize(v) {
  var minus = v < 0 ? 1 : 0;
  var a = minus ? -v : v;
  if (a % 1 === 0 && a < 1e15) {
    var d = 1;
    for (var p = 10; p <= a; p *= 10) d++;
    return minus + d;
  }
  return isFinite(v) ? String(v).length : 4;
}

// The bytes the strings of `s` take in JSON beyond one a UTF-16 unit:
// escapes (\" \\ \n, \u0001, a lone surrogate) and UTF-8's longer forms.
function jsonExtra(s) {
  var extra = 0;
  var n = s.length;
  var c, d;
  for (var j = 0; j < n; j++) {
    c = s.charCodeAt(j);
    if (c < 0x80) {
      if (c === 34 || c === 92 || (c >= 8 && c <= 13 && c !== 11)) extra += 1;
      else if (c < 0x20) extra += 5;
    } else if (c < 0x800) {
      extra += 1;
    } else if (c < 0xd800 || c >= 0xe000) {
      extra += 2;
    } else if (c < 0xdc00 && (d = s.charCodeAt(j + 1)) >= 0xdc00 && d < 0xe000) {
      // A pair: 4 bytes for 2 units.
      extra += 2;
      j++;
    } else {
      extra += 5;
    }
  }
  return extra;
}

function put(x) {
  if (flatLen === flat.length) {
    var grown = new Float64Array(flat.length * 2);
    grown.set(flat);
    flat = grown;
  }
  flat[flatLen++] = x;
}

function putString(s) {
  grow(s.length + 2);
  put(s.length);
  flatText += s;
}

function walk(v, depth) {
  if (depth > 8) return put(10);
  if (v === null || v === undefined) {
    grow(4);
    return put(0);
  }
  var type = typeof v;
  if (type === 'boolean') {
    grow(v ? 4 : 5);
    return put(v ? 1 : 2);
  }
  if (type === 'number') {
    grow(numberSize(v));
    put(3);
    return put(v);
  }
  if (type === 'string') {
    put(5);
    return putString(v);
  }
  if (type !== 'object') return put(10);
  var i, n;
  if (Array.isArray(v)) {
    n = v.length;
    // The brackets and commas, before any item is looked at.
    grow(n > 0 ? n + 1 : 2);
    put(8);
    put(n);
    for (i = 0; i < n; i++) walk(v[i], depth + 1);
    return;
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
  put(7);
  put(n);
  for (i = 0; i < n; i++) {
    putString(keys[i]);
    walk(v[keys[i]], depth + 1);
  }
}

export function yibao_flatten_request(memory, request, at, room, textAt, textRoom) {
  flatLen = 0;
  flatText = '';
  size = 0;
  try {
    walk(request, 0);
    // Near the limit, the strings exactly.
    if (size + 5 * flatText.length > MAX_BYTES && size + jsonExtra(flatText) > MAX_BYTES) throw TOO_LARGE;
  } catch (e) {
    // Too large, or not readable (a getter that throws, say).
    flatLen = 0;
    flatText = '';
    put(e === TOO_LARGE ? 11 : 10);
  }
  var text = flatText;
  flatText = '';
  var out = new Float64Array(memory.buffer, at, room);
  out[0] = flatLen + 2;
  // The strings as UTF-8 at textAt: the bytes written, or, when they do not
  // fit, minus the room they could need (3 bytes a UTF-16 unit at most).
  // ASCII (most requests) byte by byte; from the first other character on,
  // the TextEncoder.
  var bytes = new Uint8Array(memory.buffer, textAt, textRoom);
  var n = text.length;
  var j = 0;
  var c;
  if (n <= textRoom) {
    for (; j < n; j++) {
      c = text.charCodeAt(j);
      if (c > 0x7f) break;
      bytes[j] = c;
    }
  }
  if (j === n) {
    out[1] = n;
  } else {
    if (encoder === null) encoder = new TextEncoder();
    var r = encoder.encodeInto(j > 0 ? text.slice(j) : text, bytes.subarray(j));
    out[1] = r.read === n - j ? j + r.written : -3 * n;
  }
  if (flatLen + 2 <= room) out.set(flat.subarray(0, flatLen), 2);
}
