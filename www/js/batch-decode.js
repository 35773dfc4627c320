// A list's bytes as text, as `yibao batch` reads them (src/batch.rs,
// decode()): a BOM says which encoding (UTF-8, UTF-16LE, UTF-16BE); without
// one, text whose first 64 KiB are not UTF-8 (a character cut at their end
// still is) is GB18030, what Excel on a Chinese Windows saves (GBK is a part
// of it). TextDecoder follows the same WHATWG Encoding Standard as the CLI's
// encoding_rs: a BOM is dropped, bytes that do not decode become U+FFFD.
// Used by the worker (batch-worker.js); no DOM.

const SNIFF = 64 * 1024;

/** The encoding of a list's bytes (a Uint8Array): a TextDecoder label. */
export function encodingOf(bytes) {
  const b = (i) => bytes[i];
  if (b(0) === 0xEF && b(1) === 0xBB && b(2) === 0xBF) return 'utf-8';
  if (b(0) === 0xFF && b(1) === 0xFE) return 'utf-16le';
  if (b(0) === 0xFE && b(1) === 0xFF) return 'utf-16be';
  try {
    // stream: a sequence cut at the end of the sniffed part is held back, not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, SNIFF), { stream: true });
    return 'utf-8';
  } catch (e) {
    return 'gb18030';
  }
}

/** How the page names an encoding. */
export const ENCODING_NAMES = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16', gb18030: 'GBK（GB18030）' };

/** { encoding, text } of a list's bytes (an ArrayBuffer or a Uint8Array);
 * throws an Error for people where this browser cannot decode them. */
export function decodeList(buffer) {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const encoding = encodingOf(bytes);
  let decoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch (e) {
    throw new Error('这个浏览器无法读取' + ENCODING_NAMES[encoding] + '编码的文件：请在 Excel 中把名单另存为“CSV UTF-8（逗号分隔）”后再选择，或换用其他浏览器。');
  }
  return { encoding: encoding, text: decoder.decode(bytes) };
}

/** The largest file the page reads (said before reading it). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Why a file of `size` bytes is not read, or '' when it is. */
export function tooLarge(size) {
  if (!(size > MAX_FILE_BYTES)) return '';
  return '这个文件有 ' + Math.ceil(size / 1024 / 1024) + ' MB，超过本页 200 MB 的上限，没有读取：村（社区）的居民名单不会这么大，请检查选的文件对不对，或把名单分成几个文件。';
}
