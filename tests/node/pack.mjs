// Shared by package.test.mjs and types.test.mjs (not a test file itself):
// `npm pack` in pkg/, then `npm install` of the tarball into a fresh Node
// project, offline. npm runs with no registry it could reach (its registry is
// a closed port on 127.0.0.1, --offline, its own empty cache) and, where the
// machine allows it (`unshare -n`, as root on Linux), in a network namespace
// of its own with no network at all; the package has no dependencies, so
// nothing needs one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PKG = join(ROOT, 'pkg');

// Whether commands can run without any network (a namespace of their own).
export const ISOLATED = spawnSync('unshare', ['-n', 'true']).status === 0;

function env(dir) {
  return {
    ...process.env,
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_offline: 'true',
    npm_config_cache: join(dir, 'npm-cache'),
    npm_config_userconfig: join(dir, 'npmrc'),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_ignore_scripts: 'true',
    npm_config_loglevel: 'error',
  };
}

// Runs a command offline (in a namespace without network where possible).
export function offline(cmd, args, opts) {
  const [c, a] = ISOLATED ? ['unshare', ['-n', cmd, ...args]] : [cmd, args];
  const r = spawnSync(c, a, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}${r.stderr}${r.error || ''}`);
  return r.stdout;
}

// { dir, project, tarball, files }: the package packed and installed into
// DIR/project (a new folder under the system's temporary one).
export function installPackage() {
  if (!existsSync(join(PKG, 'package.json'))) throw new Error(`${PKG}/package.json missing: run make pkg first`);
  const dir = mkdtempSync(join(tmpdir(), 'yibao-pkg-'));
  writeFileSync(join(dir, 'npmrc'), '');
  const e = env(dir);
  const packed = JSON.parse(offline('npm', ['pack', '--json', '--pack-destination', dir], { cwd: PKG, env: e }))[0];
  const tarball = join(dir, packed.filename);
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-portal', version: '1.0.0', private: true, type: 'module' }, null, 2));
  offline('npm', ['install', '--offline', tarball], { cwd: project, env: e });
  return { dir, project, tarball, files: packed.files.map((f) => f.path).sort(), env: e };
}
