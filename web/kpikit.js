// KPIkit JavaScript API: the one module that owns the WebAssembly instance.
//
// Works in the page, in a (module) Web Worker and in Node 20. Every number
// comes from the C++ core; this module only moves JSON across and turns
// error responses into KpiError.
//
//   import * as kpikit from './kpikit.js';
//   const r = await kpikit.calc('crr', { start: 150, end: 162, new: 30 });
//   r.values.crr  // 0.88
//
// Errors: every failure is a KpiError with a stable `code` (e.g. "zero_start",
// "not_a_number", "missing"), the `field` it concerns (or null), for a list
// input the 1-based `row` of the bad value (or null), and an English
// `message`. UIs translate by code.

import createKpikitCore from './gen/kpikit_core.js';
import { KpiError } from './kpikit-error.js';

export { KpiError };

const isNode = typeof process !== 'undefined' && process.versions != null && process.versions.node != null;
let corePromise = null;

async function nodeWasmBinary() {
  // Under Node the 3.1.6 loader's fetch path fails; hand it the bytes.
  const { readFile } = await import('node:fs/promises');
  return readFile(new URL('./gen/kpikit_core.wasm', import.meta.url));
}

/** Loads the WebAssembly core once; later calls return the same instance. */
export function load() {
  if (!corePromise) {
    corePromise = (async () => {
      const options = isNode ? { wasmBinary: await nodeWasmBinary() } : {};
      return createKpikitCore(options);
    })().catch((e) => {
      corePromise = null;
      throw new KpiError('load_failed', `the KPIkit core could not be loaded: ${e && e.message}`);
    });
  }
  return corePromise;
}

/** Sends one request {op, ...params} to the core; resolves with its result or rejects with KpiError. */
export async function request(op, params = {}) {
  const core = await load();
  const response = JSON.parse(core.request(JSON.stringify({ ...params, op })));
  if (!response.ok) {
    const { code, message, field, row } = response.error;
    throw new KpiError(code, message, field ?? null, row ?? null);
  }
  return response.result;
}

/** The calculators the core offers: [{id, inputs: [{name, unit, required, list?}]}]. */
export async function calculators() {
  return (await request('calculators')).calculators;
}

/**
 * Runs one calculator. `inputs` maps input names to numbers, or to strings as
 * typed by a person in `locale` ('de' | 'en'); percent inputs given as strings
 * are percentages ("80" = 80 %), as numbers fractions (0.8). List inputs
 * (e.g. nps `scores`) take an array, or text with one value per line.
 * Resolves with {calculator, inputs, units, primary, values, order, formula,
 * substituted, warnings, tables, verdict}.
 */
export async function calc(calculator, inputs, { locale = 'en' } = {}) {
  return request('calc', { calculator, inputs, locale });
}

// ---------------------------------------------------------------------------
// Datasets: files read by the core in chunks, kept in the core for analyses.

const defaultChunkSize = 1 << 20;

/** Yields Uint8Array chunks of at most chunkSize bytes from a Blob/File, string, buffer or async iterable. */
async function* chunksOf(source, chunkSize) {
  const split = function* (bytes) {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, Math.min(bytes.length, i + chunkSize));
  };
  if (typeof source === 'string') { yield* split(new TextEncoder().encode(source)); return; }
  if (source instanceof ArrayBuffer) { yield* split(new Uint8Array(source)); return; }
  if (ArrayBuffer.isView(source)) { yield* split(new Uint8Array(source.buffer, source.byteOffset, source.byteLength)); return; }
  if (source && typeof source.stream === 'function') {
    const reader = source.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield* split(value);
    }
  }
  if (source && typeof source[Symbol.asyncIterator] === 'function') {
    for await (const piece of source) yield* split(piece instanceof Uint8Array ? piece : new Uint8Array(piece));
    return;
  }
  throw new KpiError('invalid_source', 'a dataset is read from a File, Blob, string, ArrayBuffer, typed array or async iterable');
}

function unwrap(responseText) {
  const response = JSON.parse(responseText);
  if (!response.ok) {
    const { code, message, field, row } = response.error;
    const error = new KpiError(code, message, field ?? null);
    if (row) error.row = row;
    throw error;
  }
  return response.result;
}

function feed(core, id, chunk) {
  const ptr = core._malloc(chunk.length || 1);
  if (!ptr) throw new KpiError('out_of_memory', 'not enough memory to read this file');
  try {
    core.HEAPU8.set(chunk, ptr);
    return unwrap(core.dataset_feed(id, ptr, chunk.length)).rows;
  } finally {
    core._free(ptr);
  }
}

/**
 * Reads a file into the core: detection of encoding, dialect and columns, row
 * accounting, errors as data. Resolves with the ingestion report, whose
 * `dataset` id names the table for analyze() and the CLV calls.
 * options: ingestion overrides (delimiter, header, mapping, ...), see docs/ingestion.md.
 * onProgress({bytes, total, rows}) is called after every chunk (rows: data rows read so far); an aborted `signal`
 * rejects with KpiError('cancelled').
 */
export async function openDataset(source, { options = {}, onProgress, signal, chunkSize = defaultChunkSize } = {}) {
  const core = await load();
  const total = typeof source === 'string' ? null : (source?.size ?? source?.byteLength ?? null);
  // The size lets the core reserve its columns once instead of regrowing them (peak memory).
  const begin = total && options.size_hint === undefined ? { ...options, size_hint: total } : options;
  const { dataset } = unwrap(core.dataset_begin(JSON.stringify(begin)));
  let bytes = 0;
  try {
    for await (const chunk of chunksOf(source, chunkSize)) {
      if (signal?.aborted) throw new KpiError('cancelled', 'reading the file was cancelled');
      const rows = feed(core, dataset, chunk);
      bytes += chunk.length;
      if (onProgress) onProgress({ bytes, total, rows });
    }
    if (signal?.aborted) throw new KpiError('cancelled', 'reading the file was cancelled');
    return unwrap(core.dataset_finish(dataset));
  } catch (e) {
    core.dataset_drop(dataset);
    throw e;
  }
}

/** Frees a dataset held by the core. */
export async function dropDataset(dataset) {
  const core = await load();
  unwrap(core.dataset_drop(dataset));
}

/** The retention analytics report of a dataset (docs/analytics.md); params: period, inactivity_days, ... */
export async function analyze(dataset, params = {}) {
  return request('analyze', { ...params, dataset });
}
