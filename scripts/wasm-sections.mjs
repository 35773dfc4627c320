#!/usr/bin/env node
// Lists or removes custom sections of a .wasm file, byte for byte (no re-encoding).
//
//   node scripts/wasm-sections.mjs list FILE             one custom-section name a line
//   node scripts/wasm-sections.mjs strip NAME IN OUT     copy IN to OUT without custom section NAME
//
// Why: rustc's prebuilt std for wasm32 is compiled with post-MVP features, and a
// `target_features` section claiming them makes wasm-bindgen switch on reference
// types and makes binaryen's validator accept those features. Neither must happen
// for an MVP build.
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function readU32(buf, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated LEB128');
    const byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
    if (shift > 35) throw new Error('LEB128 too long');
  }
}

export function sections(buf) {
  if (buf.length < 8 || buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm binary');
  if (buf.readUInt32LE(4) !== 1) throw new Error(`unsupported wasm version ${buf.readUInt32LE(4)}`);
  const out = [];
  let pos = 8;
  while (pos < buf.length) {
    const start = pos;
    const id = buf[pos++];
    let size;
    [size, pos] = readU32(buf, pos);
    const end = pos + size;
    if (end > buf.length) throw new Error(`section ${id} at ${start} runs past the end`);
    let name = null;
    if (id === 0) {
      let len;
      let p;
      [len, p] = readU32(buf, pos);
      name = buf.subarray(p, p + len).toString('utf8');
    }
    out.push({ id, name, start, end });
    pos = end;
  }
  return out;
}

function main(argv) {
  const [cmd, ...args] = argv;
  if (cmd === 'list' && args.length === 1) {
    for (const s of sections(readFileSync(args[0]))) if (s.id === 0) console.log(s.name);
    return 0;
  }
  if (cmd === 'strip' && args.length === 3) {
    const [name, input, output] = args;
    const buf = readFileSync(input);
    const keep = [buf.subarray(0, 8)];
    for (const s of sections(buf)) {
      if (!(s.id === 0 && s.name === name)) keep.push(buf.subarray(s.start, s.end));
    }
    writeFileSync(output, Buffer.concat(keep));
    return 0;
  }
  console.error('usage: wasm-sections.mjs list FILE | strip NAME IN OUT');
  return 2;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`wasm-sections: ${e.message}`);
    process.exitCode = 1;
  }
}
