// The Web Worker that runs the WebAssembly core off the page's main thread.
// Messages in:  {id, method, args}  |  {cancel: id}
// Messages out: {id, result} | {id, error: {code, message, field, row}} | {id, progress}
import * as kpikit from './kpikit.js';

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
};

const withId = new Set(['openDataset']);  // methods that receive their call id first

self.onmessage = async (event) => {
  const { id, method, args, cancel } = event.data;
  if (cancel !== undefined) { running.get(cancel)?.abort(); return; }
  try {
    const fn = methods[method];
    if (!fn) throw new kpikit.KpiError('unknown_method', `unknown method ${method}`);
    const callArgs = withId.has(method) ? [id, ...(args || [])] : (args || []);
    self.postMessage({ id, result: await fn(...callArgs) });
  } catch (e) {
    const error = e instanceof kpikit.KpiError
      ? { code: e.code, message: e.message, field: e.field, row: e.row ?? null }
      : { code: 'internal_error', message: String((e && e.message) || e), field: null, row: null };
    self.postMessage({ id, error });
  } finally {
    running.delete(id);
  }
};
