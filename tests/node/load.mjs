// The built module, loaded from bytes as the page does, and the CLI built
// beside it, for the tests that hold one to the other (not a test file).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = process.env.YIBAO_DIST || join(ROOT, 'dist');
export const BIN = join(ROOT, 'target', 'debug', 'yibao');

/** dist/yibao.js initialised with dist/yibao_bg.wasm, after building target/debug/yibao. */
export async function loadModule() {
  assert.ok(existsSync(join(DIST, 'yibao_bg.wasm')), `${DIST}/yibao_bg.wasm missing: run make web first`);
  const b = spawnSync('cargo', ['build', '-q', '--bin', 'yibao'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(b.status, 0, `cargo build failed: ${b.stderr}`);
  const mod = await import(pathToFileURL(join(DIST, 'yibao.js')).href);
  await mod.default({ module_or_path: readFileSync(join(DIST, 'yibao_bg.wasm')) });
  return mod;
}
