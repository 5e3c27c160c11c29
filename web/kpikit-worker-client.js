// The same API as kpikit.js, answered by the core running in a Web Worker.
//
//   import { createWorkerClient } from './kpikit-worker-client.js';
//   const kpikit = createWorkerClient();
//   await kpikit.calc('crr', { start: 150, end: 162, new: 30 });
//   const report = await kpikit.openDataset(file, { onProgress, signal });
import { KpiError } from './kpikit-error.js';

export { KpiError };

export function createWorkerClient(workerUrl = new URL('./worker.js', import.meta.url)) {
  const worker = new Worker(workerUrl, { type: 'module' });
  const pending = new Map();
  let nextId = 1;

  worker.onmessage = (event) => {
    const { id, result, error, progress } = event.data;
    const entry = pending.get(id);
    if (!entry) return;
    if (progress) { entry.onProgress?.(progress); return; }
    pending.delete(id);
    if (error) {
      const e = new KpiError(error.code, error.message, error.field);
      if (error.row) e.row = error.row;
      entry.reject(e);
    } else {
      entry.resolve(result);
    }
  };
  worker.onerror = (event) => {
    for (const entry of pending.values()) entry.reject(new KpiError('worker_failed', event.message || 'worker failed'));
    pending.clear();
  };

  const call = (method, args, { onProgress, signal } = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, onProgress });
    if (signal) signal.addEventListener('abort', () => worker.postMessage({ cancel: id }), { once: true });
    worker.postMessage({ id, method, args });
  });

  return {
    calculators: () => call('calculators', []),
    calc: (calculator, inputs, options) => call('calc', [calculator, inputs, options]),
    request: (op, params) => call('request', [op, params]),
    /** Reads a File, Blob or string in the worker; same options as kpikit.openDataset. */
    openDataset: (source, { options = {}, onProgress, signal } = {}) =>
      call('openDataset', [source, options], { onProgress, signal }),
    dropDataset: (dataset) => call('dropDataset', [dataset]),
    analyze: (dataset, params) => call('analyze', [dataset, params]),
    /** clv_predict reduced for a dashboard: top customers and every CLV as a Float64Array (web/clv-overview.js). */
    clvOverview: (params, top = 10) => call('clvOverview', [params, top]),
    terminate: () => worker.terminate(),
  };
}
