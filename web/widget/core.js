// The widget's calculation core: the small calculators-only WebAssembly module
// (wasm/widget_bindings.cpp, built standalone: no Emscripten JS loader),
// instantiated from bytes inlined into the widget file, so it never requests
// anything (no .wasm fetch, no data: URL fetch).
//
//   const core = await loadCore();
//   core.calculators()                         -> [{id, inputs: [{name, unit, required, list?}]}]
//   core.calc('crr', {start: '150', ...}, 'de') -> the result api/calc_ops.h describes
// Failures throw a KpiError (web/kpikit-error.js, as the app's API) {code, field, row, message} with the core's codes.
// One instance serves every <kpi-kit> on the page; calls are synchronous.
import { wasmDeflatedBase64 } from '../gen/widget/wasm-inline.js';
import { KpiError } from '../kpikit-error.js';

let corePromise = null;

/** The module bytes: base64 text -> deflated bytes -> inflated by the browser's own DecompressionStream. */
async function wasmBytes() {
  const deflated = Uint8Array.from(atob(wasmDeflatedBase64), (c) => c.charCodeAt(0));
  const stream = new Blob([deflated]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * What the module may import from its host (WASI and Emscripten's standalone
 * runtime): an empty environment, and a stop that becomes an error. Anything
 * else the module asks for fails loudly when called.
 */
function importsFor(module, memory) {
  const wasi = {
    environ_sizes_get: (countPtr, sizePtr) => {
      const view = new DataView(memory().buffer);
      view.setUint32(countPtr, 0, true);
      view.setUint32(sizePtr, 0, true);
      return 0;
    },
    environ_get: () => 0,
    proc_exit: (code) => { throw new KpiError('internal_error', `the calculation core stopped (${code})`); },
  };
  const env = { emscripten_notify_memory_growth: () => {} };
  const imports = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== 'function') continue;
    const known = (from === 'wasi_snapshot_preview1' ? wasi : from === 'env' ? env : {})[name];
    (imports[from] ??= {})[name] = known ?? (() => { throw new KpiError('internal_error', `unsupported import ${from}.${name}`); });
  }
  return imports;
}

function wrap(exports) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const put = (text) => {
    const bytes = encoder.encode(text);
    const pointer = exports.malloc(bytes.length + 1);
    if (!pointer) throw new KpiError('out_of_memory', 'not enough memory');
    const heap = new Uint8Array(exports.memory.buffer);
    heap.set(bytes, pointer);
    heap[pointer + bytes.length] = 0;
    return pointer;
  };
  const get = (pointer) => {
    const heap = new Uint8Array(exports.memory.buffer);
    return decoder.decode(heap.subarray(pointer, heap.indexOf(0, pointer)));
  };
  const call = (fn, ...texts) => {
    const pointers = texts.map(put);
    try {
      const response = JSON.parse(get(fn(...pointers)));
      if (!response.ok) {
        const { code, message, field, row } = response.error;
        throw new KpiError(code, message, field ?? null, row ?? null);
      }
      return response.result;
    } finally {
      for (const pointer of pointers) exports.free(pointer);
    }
  };
  // Inputs cross as "name\x1Ftext\x1E..."; the separators cannot occur in typed text.
  const clean = (text) => String(text ?? '').replace(/[\x1E\x1F]/g, '');
  return {
    calculators: () => call(exports.kpikit_widget_calculators).calculators,
    calc: (id, inputs, locale) => call(exports.kpikit_widget_calc, clean(id), clean(locale),
      Object.entries(inputs).map(([name, text]) => `${clean(name)}\x1F${clean(text)}`).join('\x1E')),
  };
}

async function instantiate() {
  const module = await WebAssembly.compile(await wasmBytes());
  let instance = null;
  instance = await WebAssembly.instantiate(module, importsFor(module, () => instance.exports.memory));
  instance.exports._initialize?.();  // static constructors of the core
  return wrap(instance.exports);
}

/** Instantiates the core once per page; every widget shares it. */
export function loadCore() {
  if (!corePromise) {
    corePromise = instantiate().catch((e) => {
      corePromise = null;
      throw e instanceof KpiError ? e : new KpiError('load_failed', `the KPIkit core could not be loaded: ${e && e.message}`);
    });
  }
  return corePromise;
}
