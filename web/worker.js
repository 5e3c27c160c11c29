// The Web Worker that runs the WebAssembly core off the page's main thread.
// Messages in:  {id, method, args}  |  {cancel: id}
// Messages out: {id, result} | {id, error: {code, message, field, row}} | {id, progress}
// (typed arrays at the top level of a result are transferred, not copied)
import * as kpikit from './kpikit.js';
import { clvOverview } from './clv-overview.js';

const running = new Map();  // id -> AbortController of a cancellable call

const methods = {
  calculators: () => kpikit.calculators(),
  calc: (calculator, inputs, options) => kpikit.calc(calculator, inputs, options),
  request: (op, params) => kpikit.request(op, params),
  openDataset: (id, source, options) => {
    const controller = new AbortController();
    running.set(id, controller);
    let last = 0;
    return kpikit.openDataset(source, {
      options,
      signal: controller.signal,
      onProgress: (progress) => {
        const now = Date.now();
        if (now - last < 50 && progress.bytes !== progress.total) return;  // at most 20 updates a second
        last = now;
        self.postMessage({ id, progress });
      },
    });
  },
  dropDataset: (dataset) => kpikit.dropDataset(dataset),
  analyze: (dataset, params) => kpikit.analyze(dataset, params),
  // clv_predict reduced for the dashboard (web/clv-overview.js): the big column moves as one buffer.
  clvOverview: async (params, top) => clvOverview(await kpikit.request('clv_predict', params), top),
};

/** Buffers of typed arrays at the top level of a result: moved to the page, not copied. */
const transferables = (result) => (result && typeof result === 'object'
  ? Object.values(result).filter((v) => ArrayBuffer.isView(v)).map((v) => v.buffer) : []);

const withId = new Set(['openDataset']);  // methods that receive their call id first

self.onmessage = async (event) => {
  const { id, method, args, cancel } = event.data;
  if (cancel !== undefined) { running.get(cancel)?.abort(); return; }
  try {
    const fn = methods[method];
    if (!fn) throw new kpikit.KpiError('unknown_method', `unknown method ${method}`);
    const callArgs = withId.has(method) ? [id, ...(args || [])] : (args || []);
    const result = await fn(...callArgs);
    self.postMessage({ id, result }, transferables(result));
  } catch (e) {
    const error = e instanceof kpikit.KpiError
      ? { code: e.code, message: e.message, field: e.field, row: e.row ?? null }
      : { code: 'internal_error', message: String((e && e.message) || e), field: null, row: null };
    self.postMessage({ id, error });
  } finally {
    running.delete(id);
  }
};
