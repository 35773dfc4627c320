// Reads a result tape written by src/tape.rs (the codes are listed there)
// and returns the object JSON.parse would make of serde_json's output.
// 'static text (code 6) sits in the module's memory at a fixed address and
// never changes: it is decoded once and kept, per memory. ES2017.

var decoder = null;
var cachedMemory = null;
var cache = null;

export function yibao_read_tape(memory, opsAt, opsLen, textAt, textLen) {
  if (decoder === null) decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  if (memory !== cachedMemory) {
    cachedMemory = memory;
    cache = new Map();
  }
  var buffer = memory.buffer;
  var ops = new Uint32Array(buffer, opsAt, opsLen);
  var text = textLen > 0 ? decoder.decode(new Uint8Array(buffer, textAt, textLen)) : '';
  var i = 0;

  // Keyed by address (a small integer, fast to look up); the length is
  // checked too, as two texts may start at one address (an empty one, say).
  function fixed(at, len) {
    var e = cache.get(at);
    if (e === undefined || e.len !== len) {
      e = { len: len, text: decoder.decode(new Uint8Array(buffer, at, len)) };
      cache.set(at, e);
    }
    return e.text;
  }

  function value() {
    var v, start;
    switch (ops[i++]) {
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
        v = {};
        while (ops[i] !== 9) {
          start = value();
          v[start] = value();
        }
        i++;
        return v;
      case 8:
        v = [];
        while (ops[i] !== 9) v.push(value());
        i++;
        return v;
      default:
        throw new Error('yibao: unreadable result (code ' + ops[i - 1] + ' at ' + (i - 1) + ')');
    }
  }
  return value();
}
