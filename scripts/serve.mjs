#!/usr/bin/env node
// Static file server for dist/ on 127.0.0.1 only. No dependencies beyond Node.
//
//   node scripts/serve.mjs [--port N] [--dir DIR] [--wrong-wasm-mime] [--quiet]
//
//   --port N            port (default: $PORT or 8080; 0 picks a free port)
//   --dir DIR           directory to serve (default: dist/ next to this script's parent)
//   --wrong-wasm-mime   serve .wasm as application/octet-stream, as a misconfigured
//                       server would (the page must still work: wasm-bindgen's loader
//                       falls back from instantiateStreaming to arrayBuffer+instantiate)
//   --no-gzip           send every file as it is (by default text, scripts and
//                       .wasm go gzip-compressed to clients that accept gzip, as
//                       any real host or CDN sends them)
//   --no-csp            send no Content-Security-Policy header (for pages that are
//                       not ours, such as the bench's floor page)
//   --quiet             do not log requests
//
// Every response carries the page's Content-Security-Policy (CSP below), which
// each of its HTML pages also carries in a <meta> (tests/node/csp.test.mjs checks
// they agree), so that the page is tested as strict as it ships.
// Prints "serving DIR at http://127.0.0.1:PORT/" once listening.
// Also importable: `import { startServer } from './scripts/serve.mjs'`;
// `const s = await startServer({ dir, port: 0, wrongWasmMime: false, gzip: true, csp: true })` gives
// `{ url, port, close() }`.
import { createServer } from 'node:http';
import { createReadStream, readFileSync, realpathSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST = '127.0.0.1';
const here = fileURLToPath(new URL('.', import.meta.url));

// The page's Content-Security-Policy: nothing but its own files; no inline
// script or style, no plugins, no <base>, no form posts. 'wasm-unsafe-eval'
// lets it compile its .wasm; 'unsafe-eval' is there only for engines older
// than 'wasm-unsafe-eval' (Chrome and Android WebView before 95, so WeChat's
// Chrome 86 engine), which refuse any WebAssembly without it; the shipped
// scripts contain no eval (tests/node/csp.test.mjs). data: images: the
// page's empty favicon (<link rel="icon" href="data:,">). No frame-ancestors:
// portals embed the page.
export const CSP = "default-src 'none'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

// Types worth compressing (images and fonts are compressed already).
const COMPRESSIBLE = /^(text\/|application\/(json|wasm|manifest\+json)|image\/svg)/;

// gzip -9 of a file, kept while the file is unchanged.
const gzipped = new Map();
function gzipOf(file, size, mtimeMs) {
  const hit = gzipped.get(file);
  if (hit && hit.size === size && hit.mtimeMs === mtimeMs) return hit.body;
  const body = gzipSync(readFileSync(file), { level: 9 });
  gzipped.set(file, { size, mtimeMs, body });
  return body;
}

function contentType(file, wrongWasmMime) {
  const ext = extname(file).toLowerCase();
  if (ext === '.wasm' && wrongWasmMime) return 'application/octet-stream';
  return MIME[ext] || 'application/octet-stream';
}

// Maps a URL path to a file inside root, or null (outside root, missing, not a file).
function resolveFile(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  let file = resolve(root, '.' + path);
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    let st = statSync(file);
    if (st.isDirectory()) {
      file = join(file, 'index.html');
      st = statSync(file);
    }
    if (!st.isFile()) return null;
    const real = realpathSync(file);
    if (!real.startsWith(root + sep)) return null;
    return { file: real, size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
}

export function startServer({ dir = join(here, '..', 'dist'), port = 8080, wrongWasmMime = false, gzip = true, csp = true, log = false } = {}) {
  const root = realpathSync(resolve(dir));
  const server = createServer((req, res) => {
    const done = (status) => {
      if (log) console.log(`${status} ${req.method} ${req.url}`);
    };
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (csp) res.setHeader('Content-Security-Policy', CSP);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('method not allowed\n');
      return done(405);
    }
    const hit = resolveFile(root, req.url || '/');
    if (!hit) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return done(404);
    }
    const type = contentType(hit.file, wrongWasmMime);
    res.setHeader('Vary', 'Accept-Encoding');
    if (gzip && COMPRESSIBLE.test(contentType(hit.file, false)) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      let body;
      try {
        body = gzipOf(hit.file, hit.size, hit.mtimeMs);
      } catch {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('cannot read file\n');
        return done(500);
      }
      res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return done(200);
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': hit.size });
    if (req.method === 'HEAD') {
      res.end();
      return done(200);
    }
    const stream = createReadStream(hit.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
    return done(200);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      const actual = server.address().port;
      resolvePromise({
        server,
        port: actual,
        url: `http://${HOST}:${actual}/`,
        root,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

function parseArgs(argv) {
  const opts = { port: Number(process.env.PORT || 8080), wrongWasmMime: false, gzip: true, csp: true, log: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--wrong-wasm-mime') opts.wrongWasmMime = true;
    else if (a === '--no-gzip') opts.gzip = false;
    else if (a === '--no-csp') opts.csp = false;
    else if (a === '--quiet') opts.log = false;
    else if (a === '--port') opts.port = Number(argv[++i]);
    else if (a.startsWith('--port=')) opts.port = Number(a.slice(7));
    else if (a === '--dir') opts.dir = argv[++i];
    else if (a.startsWith('--dir=')) opts.dir = a.slice(6);
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/serve.mjs [--port N] [--dir DIR] [--wrong-wasm-mime] [--no-gzip] [--no-csp] [--quiet]');
      process.exit(0);
    } else {
      console.error(`serve.mjs: unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    console.error('serve.mjs: --port must be an integer 0..65535');
    process.exit(2);
  }
  return opts;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  try {
    const s = await startServer(opts);
    const mime = opts.wrongWasmMime ? ' (.wasm served as application/octet-stream)' : '';
    console.log(`serving ${s.root} at ${s.url}${mime}`);
    const stop = () => s.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    console.error(`serve.mjs: ${e.code === 'ENOENT' ? `no such directory: ${e.path} (run make web first)` : e.message}`);
    process.exit(1);
  }
}
