// The library's JavaScript entry: scripts/build-web.sh bundles it with
// wasm-bindgen's loader (./yibao_glue.js there) into dist/yibao.js and
// dist/yibao.iife.js, so every host gets it. ES2017.
//
// quote(), quoteText(), quoteHousehold(), quoteHouseholdText() and
// policies() are wasm-bindgen's, guarded: a call
// either returns, or throws the module's QuoteError (bad input: `code`,
// `field`, a message saying what to enter), or, when the call did not end
// normally (a trap; a stack overflow, in the module or because the host's
// own stack was nearly full; anything else the module threw), a QuoteError
// with code "internal", and the instance is dropped and a fresh one made
// from the same compiled module for the next call (src/glue-restart.js). Such a call leaves the
// module's stack pointer where it was: left as it was, about 250 of them
// used up its stack and every later call failed until the page was
// reloaded.
import * as glue from './yibao_glue.js';

export { default, initSync } from './yibao_glue.js';

function isQuoteError(e) {
  return e instanceof Error && e.name === 'QuoteError' && typeof e.code === 'string' && typeof e.field === 'string';
}

function internal(cause) {
  var e = new Error('计算器出错了，请再试一次。');
  e.name = 'QuoteError';
  e.code = 'internal';
  e.field = '';
  e.cause = cause;
  return e;
}

function guard(f) {
  return function (request) {
    try {
      if (!glue.__yibao_ensure()) throw new Error('yibao: the module is not ready (yet)');
      return f(request);
    } catch (e) {
      if (isQuoteError(e)) throw e;
      glue.__yibao_drop();
      throw internal(e);
    }
  };
}

export var quote = guard(glue.quote);
// Without the feature `text` (dist/yibao-lite), quoteText is undefined.
export var quoteText = glue.quoteText && guard(glue.quoteText);
// A module built without the Cargo feature `household` (dist/yibao-lite,
// the page's first result) has no household functions: there these two are
// undefined.
export var quoteHousehold = glue.quoteHousehold && guard(glue.quoteHousehold);
export var quoteHouseholdText = glue.quoteHouseholdText && guard(glue.quoteHouseholdText);
export var policies = guard(glue.policies);

// The release: Cargo.toml's version, which scripts/build-web.sh writes in
// (esbuild --define): yibao --version and package.json say the same.
export function version() {
  return YIBAO_VERSION;
}
