// The lists' page decodes a file's bytes in JS (www/js/batch-decode.js), not
// in its WASM module: its text must be what `yibao batch` reads from the
// same bytes (src/batch.rs decode(): BOM, else UTF-8 when the first 64 KiB
// are, else GB18030). Checked through the CLI: the decoded text, as UTF-8,
// gets the same answers as the bytes themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decodeList, encodingOf } from '../../www/js/batch-decode.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function batch(bytes) {
  const b = spawnSync('cargo', ['build', '-q', '--bin', 'yibao'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
  const r = spawnSync(`${ROOT}target/debug/yibao`, ['batch', '--date', '2026-12-02'], { input: bytes, maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, String(r.stderr));
  return r.stdout;
}

const LIST = '姓名,地区,出生日期,户籍,特殊身份\n张三,余姚市,1960-05-17,本市户籍,低保对象\n𠀀四,余姚市,1980-02-30,本市户籍,\n';
const utf16 = (text, le) => {
  const b = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (!le) for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]];
  return b;
};
const gb18030 = (text) => spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text }).stdout;
// Valid UTF-8 for the first 64 KiB, a stray byte after: UTF-8 still (U+FFFD).
const late = Buffer.concat([Buffer.from(LIST + '王五,余姚市,1980-05-17,本市户籍,\n'.repeat(2000)), Buffer.from([0x78, 0xFF]), Buffer.from(',余姚市,1980-05-17,本市户籍,\n')]);
// A character cut at the sniffed part's end is still UTF-8.
const cut = Buffer.concat([Buffer.from('姓名,地区,出生日期,户籍\n'), Buffer.from('a'.repeat(65536 - 1 - 34)), Buffer.from('张三,余姚市,1960-05-17,本市户籍\n')]);

for (const [what, bytes, encoding] of [
  ['UTF-8', Buffer.from(LIST), 'utf-8'],
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from(LIST)]), 'utf-8'],
  ['UTF-16LE with BOM', utf16(LIST, true), 'utf-16le'],
  ['UTF-16BE with BOM', utf16(LIST, false), 'utf-16be'],
  ['GB18030 (GBK and beyond)', gb18030(LIST), 'gb18030'],
  ['not UTF-8 after 64 KiB', late, 'utf-8'],
  ['a character cut at 64 KiB', cut, 'utf-8'],
]) {
  test(`${what}: read as yibao batch reads it`, () => {
    if (bytes === cut) assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(cut.subarray(0, 65536)), 'the fixture cuts a character at 64 KiB');
    assert.equal(encodingOf(new Uint8Array(bytes)), encoding);
    const { text } = decodeList(bytes);
    assert.ok(!text.startsWith('\uFEFF'), 'the BOM is dropped');
    assert.ok(batch(Buffer.from(text)).equals(batch(bytes)));
  });
}
