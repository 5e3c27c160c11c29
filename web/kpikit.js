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
// "not_a_number", "missing"), the `field` it concerns (or null) and an English
// `message`. UIs translate by code.

import createKpikitCore from './gen/kpikit_core.js';

export class KpiError extends Error {
  constructor(code, message, field = null) {
    super(message);
    this.name = 'KpiError';
    this.code = code;
    this.field = field;
  }
}

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
    const { code, message, field } = response.error;
    throw new KpiError(code, message, field ?? null);
  }
  return response.result;
}

/** The calculators the core offers: [{id, inputs: [{name, unit, required}]}]. */
export async function calculators() {
  return (await request('calculators')).calculators;
}

/**
 * Runs one calculator. `inputs` maps input names to numbers, or to strings as
 * typed by a person in `locale` ('de' | 'en'); percent inputs given as strings
 * are percentages ("80" = 80 %), as numbers fractions (0.8).
 * Resolves with {calculator, inputs, units, primary, values, order, formula,
 * substituted, warnings, tables}.
 */
export async function calc(calculator, inputs, { locale = 'en' } = {}) {
  return request('calc', { calculator, inputs, locale });
}
