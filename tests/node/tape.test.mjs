// src/tape.js on its own: the result reader against hand-written tapes (the
// codes are listed in src/tape.rs), and the request flattener's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yibao_read_tape as read, yibao_flatten_request as flatten } from '../../src/tape.js';

// A fake module memory: the tape's codes at 0, this call's text at 4096,
// 'static text at 8192 onwards.
function tape(codes, callText, statics) {
  const buffer = new ArrayBuffer(16384);
  new Uint32Array(buffer, 0, codes.length).set(codes);
  const enc = new TextEncoder();
  const t = enc.encode(callText);
  new Uint8Array(buffer, 4096, t.length).set(t);
  let at = 8192;
  const where = {};
  for (const s of statics) {
    const b = enc.encode(s);
    new Uint8Array(buffer, at, b.length).set(b);
    where[s] = [at, b.length];
    at += b.length;
  }
  return { memory: { buffer }, where, textLen: t.length };
}

test('every code reads as JSON.parse would read the same JSON', () => {
  const statics = ['name', '__proto__', '余姚市', 'list'];
  const at = tape([], '', statics).where;
  const s = (x) => [6, ...at[x]];
  const f64 = new Uint32Array(new Float64Array([0.1]).buffer);
  // This call's text is "__proto__𝄞": "__proto__" is [0, 9) and "𝄞" [9, 11) in UTF-16 units.
  const codes = [
    7,
    ...s('name'), ...s('余姚市'),
    ...s('__proto__'), 4, 5,
    5, 0, 9, 8, 0, 1, 2, 4, 0xffffffff, 3, f64[0], f64[1], 5, 9, 11, 9,
    ...s('list'), 8, 9,
    9,
  ];
  const m = tape(codes, '__proto__𝄞', statics);
  const got = read(m.memory, 0, codes.length, 4096, m.textLen);
  const want = JSON.parse('{"name":"余姚市","__proto__":5,"__proto__":[null,true,false,-1,0.1,"𝄞"],"list":[]}');
  assert.deepEqual(got, want);
  assert.ok(Object.prototype.hasOwnProperty.call(got, '__proto__'), '__proto__ is an own property, as JSON.parse makes it');
  // Plain objects, as JSON.parse makes them.
  for (const o of [got, got.__proto__]) {
    if (Array.isArray(o)) continue;
    assert.equal(Object.getPrototypeOf(o), Object.prototype);
    assert.equal(o.constructor, Object);
    assert.equal(Object.prototype.toString.call(o), '[object Object]');
  }
  // Kept 'static text reads the same on the next call.
  assert.deepEqual(read(m.memory, 0, codes.length, 4096, m.textLen), want);
});

test('a field name packed with its value (code + 16) reads as a key', () => {
  const statics = ['name', '__proto__', 'tier', '成年居民档', 'more'];
  const at = tape([], '', statics).where;
  const packed = (x) => (at[x][0] << 8) | at[x][1];
  const codes = [
    7,
    6 + 16, packed('name'), ...at['成年居民档'],
    1 + 16, packed('__proto__'),
    7 + 16, packed('tier'), 4 + 16, packed('name'), 7, 9,
    // A static key of its own (code 6), then a key from this call's text.
    6, ...at.more, 0,
    5, 0, 2, 10, 5, 0,
    9,
  ];
  const m = tape(codes, 'ab', statics);
  const got = read(m.memory, 0, codes.length, 4096, m.textLen);
  assert.deepEqual(got, JSON.parse('{"name":"成年居民档","__proto__":true,"tier":{"name":7},"more":null,"ab":"0.05"}'));
  assert.ok(Object.prototype.hasOwnProperty.call(got, '__proto__'));
  // Outside an object a packed field is an error, not a wrong object.
  const bad = tape([8, 1 + 16, packed('name'), 9], '', statics);
  assert.throws(() => read(bad.memory, 0, 4, 4096, 0), /unreadable result/);
});

test('money (code 10) is whole fen written with two decimals, as Money::fixed writes it', () => {
  const cases = [[78000, '780.00'], [5, '0.05'], [-422, '-4.22'], [0, '0.00'], [-1, '-0.01'], [2 ** 53 - 1, '90071992547409.91'], [-(2 ** 53 - 1), '-90071992547409.91'], [2 ** 32 + 7, '42949673.03']];
  for (const [fen, want] of cases) {
    const lo = fen >>> 0 === fen ? fen : Number(BigInt.asUintN(32, BigInt(fen)));
    const hi = Number(BigInt.asUintN(32, BigInt(fen) >> 32n));
    const m = tape([10, lo, hi], '', []);
    assert.equal(read(m.memory, 0, 3, 4096, 0), want, String(fen));
    // Again, from the kept strings.
    assert.equal(read(m.memory, 0, 3, 4096, 0), want, String(fen));
  }
  // More amounts than are kept (4096): still right after the kept ones are let go.
  const many = [8];
  for (let fen = 0; fen < 5000; fen++) many.push(10, fen, 0);
  many.push(9);
  const got = read({ buffer: new Uint32Array(many).buffer }, 0, many.length, 0, 0);
  assert.equal(got.length, 5000);
  got.forEach((s, fen) => assert.equal(s, (fen / 100).toFixed(2)));
});

test('an unknown code is an error, not a wrong object', () => {
  const m = tape([42], '', []);
  assert.throws(() => read(m.memory, 0, 1, 4096, 0), /unreadable result/);
});

test('requests flatten into numbers and one UTF-8 string', () => {
  const buffer = new ArrayBuffer(2048);
  const memory = { buffer };
  const req = { region: 'yuyao', year: 2024, ok: true, no: false, none: null, gone: undefined, ids: ['𝄞', , 'b'] }; // eslint-disable-line no-sparse-arrays
  const joined = 'regionyuyaoyearoknononegoneids𝄞b';
  flatten(memory, req, 8, 100, 1024, 512);
  const codes = Array.from(new Float64Array(buffer, 8, 100));
  const [n, bytes] = codes;
  assert.deepEqual(codes.slice(2, n), [
    7, 7,
    6, 5, 5,
    4, 3, 2024,
    2, 1,
    2, 2,
    4, 0,
    4, 0,
    3, 8, 3, 5, 2, 0, 5, 1,
  ]);
  assert.equal(bytes, new TextEncoder().encode(joined).length);
  assert.equal(new TextDecoder().decode(new Uint8Array(buffer, 1024, bytes)), joined);
  // Too little room for the codes: how many are needed, and nothing else.
  const small = new Float64Array(buffer, 8, 4).fill(-1);
  flatten(memory, req, 8, 4, 1024, 512);
  assert.deepEqual(Array.from(small).slice(0, 2), [n, bytes]);
  assert.deepEqual(Array.from(small).slice(2), [-1, -1]);
  // Too little room for the text: minus the most it could need.
  flatten(memory, req, 8, 100, 1024, 8);
  assert.equal(new Float64Array(buffer, 8, 2)[1], -3 * joined.length);
  // Not request data: code 10.
  for (const bad of [() => 1, Symbol('x'), 1n]) {
    flatten(memory, { x: bad }, 8, 100, 1024, 512);
    // [count, bytes, 7 (object), 1 (one key), 1 (its length), 10]
    assert.equal(new Float64Array(buffer, 8, 100)[5], 10);
  }
});

test('a request is measured as the JSON text JSON.stringify makes of it: 1 MiB is read, a byte more is code 11', () => {
  const MAX = 1048576;
  // Room for any request within the limit (about a number a byte).
  const buffer = new ArrayBuffer(16 * MAX);
  const memory = { buffer };
  const flat = (req) => {
    flatten(memory, req, 0, MAX + 8, 9 * MAX, 3 * MAX);
    const codes = new Float64Array(buffer, 0, 3);
    return codes[0] === 3 && codes[2] === 11 ? 'too large' : 'read';
  };
  const bytes = (v) => Buffer.byteLength(JSON.stringify(v));
  // Each kind of content, padded with a last string to exactly the limit.
  const kinds = {
    ASCII: ['dibao'],
    'escapes and control characters': ['"\\\n\t\r\b\f\u0001\u001f\u007f'],
    'Chinese and astral characters': ['余姚市户籍', '𝄞😀', '\u0080\u07ff\u0800\uffff'],
    'lone surrogates (written as \\uXXXX)': ['\ud800', 'x\udfff'],
    numbers: [0, -0, 7, -5, 2024, -2024, 999999999999999, 1e15, 12345.67, -1.5e-7, 1e21, 2 ** 53, NaN, Infinity, -Infinity],
    'null, booleans, holes and nesting': [null, true, false, [, [{}], []], { a: { b: [null] } }], // eslint-disable-line no-sparse-arrays
  };
  for (const [name, items] of Object.entries(kinds)) {
    const base = { region: 'yuyao', items: Array(2000).fill(items).flat(), pad: '' };
    const pad = MAX - bytes(base);
    assert.ok(pad > 0, name);
    const at = { ...base, pad: 'p'.repeat(pad) };
    assert.equal(bytes(at), MAX, name);
    assert.equal(flat(at), 'read', `${name}: exactly 1 MiB`);
    assert.equal(flat({ ...base, pad: 'p'.repeat(pad + 1) }), 'too large', `${name}: a byte more`);
  }
  // undefined is counted as null (it is read as null).
  assert.equal(flat({ pad: 'p'.repeat(MAX - bytes({ pad: '', u: null })), u: undefined }), 'read');
  assert.equal(flat({ pad: 'p'.repeat(MAX - bytes({ pad: '', u: null }) + 1), u: undefined }), 'too large');
  // Past the limit the walk stops: an array claiming 1e9 items is not read.
  let gets = 0;
  const claims = new Proxy([], { get: (t, k) => (gets++, k === 'length' ? 1e9 : 'x') });
  assert.equal(flat({ ids: claims }), 'too large');
  assert.ok(gets < 10, `${gets} reads`);
});
