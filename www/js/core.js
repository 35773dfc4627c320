// Loading the rules core: the library `lib` (yibao-lite.iife.js's global `yibaoLite`
// on the page, the bundled module in the element) and its .wasm from the URL
// `wasm` (its base64 copy from that URL + '.js'). Resolves with the library;
// rejects with a message for people.

export const NO_WASM = '这个浏览器无法运行本计算器：它不支持 WebAssembly，或者 WebAssembly 被关闭了（例如 iPhone、iPad 开启了“锁定模式”）。' +
  '请在锁定模式设置中把本网站（或所用的 App）设为例外后重新打开，或换用其他浏览器；也可以拨打当地医保服务热线咨询。';

// A failure with what to tell people and whether trying again may help.
function failure(message, detail, retry) {
  const e = new Error(message);
  e.detail = detail;
  e.retry = retry;
  return e;
}

/** The .wasm's bytes from the base64 text of its X_bg.wasm.js (its global
 * yibao_wasm_base64); the lists' worker reads it too. */
export function wasmBytes(base64) {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes.buffer;
}

/** The .wasm bytes from yibao_bg.wasm.js (base64 in a classic script). */
function wasmFromScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => {
      try {
        resolve(wasmBytes(window.yibao_wasm_base64));
      } catch (e) {
        reject(e);
      }
    };
    s.onerror = () => reject(new Error('yibao_bg.wasm.js'));
    document.head.appendChild(s);
  });
}

// The response as application/wasm, whatever the server said, so that the
// engine compiles it while it downloads (instantiateStreaming insists on
// that type); on engines that cannot stream (Chrome 57-60), its bytes. (The
// lists' worker loads its module so too.)
export function streamable(r) {
  if (typeof WebAssembly.instantiateStreaming === 'function' && typeof Response === 'function' && r.body) {
    try {
      return new Response(r.body, { headers: { 'Content-Type': 'application/wasm' } });
    } catch (e) {
      // A Response cannot wrap a stream here: read the bytes instead.
    }
  }
  return r.arrayBuffer();
}

// The .wasm is fetched here and handed to the loader, relabelled
// application/wasm (streamable), so that a server sending it with the wrong
// MIME type does not matter. In a sandboxed iframe (opaque origin) a fetch
// would need a CORS header from the host, so the same bytes come from a
// classic script instead; that script is also the fallback when the .wasm
// cannot be fetched or compiled.
export function loadCore(lib, wasm) {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    return Promise.reject(failure(NO_WASM));
  }
  if (typeof lib !== 'object' || typeof lib.default !== 'function' || typeof fetch !== 'function') {
    return Promise.reject(failure('计算器没有加载完整，请刷新页面重试。', null, 'reload'));
  }
  const init = (source) => lib.default({ module_or_path: source });
  const fromScript = () => wasmFromScript(wasm + '.js').then(init);
  const loaded = String(self.origin) === 'null'
    ? fromScript()
    : fetch(wasm)
      .then((r) => {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return init(streamable(r));
      })
      .catch(fromScript);
  return loaded.then(() => lib, (e) => {
    throw failure('计算器组件下载失败，请检查网络后重试。', e && e.message ? '（' + e.message + '）' : '', 'again');
  });
}

// The household functions (quoteHousehold, quoteHouseholdText), quoteText,
// and a quote() that answers a bill or a change of status are in the full
// module: yibao.iife.js (global `yibao`) and yibao_bg.wasm. The page's first
// result loads a leaner one without them (scripts/build-web.sh), so the full
// module is fetched only when one of those is asked about, once; its
// promise resolves with the library, or rejects as loadCore does (and the
// next call tries again).
let full = null;

// A classic script of this site, run once; resolves with its global `name`.
export function script(src, name) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => (window[name] ? resolve(window[name]) : s.onerror());
    s.onerror = () => reject(failure('计算器组件下载失败，请检查网络后重试。', '（' + src + '）', 'again'));
    document.head.appendChild(s);
  });
}

export function loadFull() {
  if (!full) {
    full = script('yibao.iife.js', 'yibao').then((lib) => loadCore(lib, 'yibao_bg.wasm'));
    full.catch(() => { full = null; });
  }
  return full;
}
