
// ---- appended by scripts/build-web.sh (src/glue-restart.js) ----
// For src/yibao.js: a call that did not return normally (a trap, a stack
// overflow in the module or in the host's own stack) leaves the module's
// stack pointer where it was, and perhaps its heap half changed. The
// instance is then dropped, and a fresh one made from the same compiled
// module before the next call. This is appended to wasm-bindgen's loader to
// reach the loader's own state: `wasm`, `wasmModule`, the `heap` of handles.
var yibaoHeapStart = heap.length;
var yibaoPending = false;

// Drops the instance after a call that failed.
export function __yibao_drop() {
  wasm = undefined;
  // No handle is held for the module between calls: the heap is as new.
  heap.length = yibaoHeapStart;
  heap_next = yibaoHeapStart;
}

// Whether there is an instance to call, making one if there is none:
// synchronously where the engine can (not on a nearly full stack; some
// engines refuse to instantiate a large module synchronously on the main
// thread), else in the background as well, for a later call.
export function __yibao_ensure() {
  if (wasm !== undefined) return true;
  var module = wasmModule;
  if (module === undefined) return false;
  try {
    initSync({ module: module });
    return true;
  } catch (e) {
    wasm = undefined;
    if (!yibaoPending) {
      yibaoPending = true;
      WebAssembly.instantiate(module, __wbg_get_imports()).then(function (instance) {
        yibaoPending = false;
        if (wasm === undefined) __wbg_finalize_init(instance, module);
      }, function () {
        yibaoPending = false;
      });
    }
    return false;
  }
}
