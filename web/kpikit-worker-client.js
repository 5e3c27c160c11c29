// The same API as kpikit.js, answered by the core running in a Web Worker.
//
//   import { createWorkerClient } from './kpikit-worker-client.js';
//   const kpikit = createWorkerClient();
//   await kpikit.calc('crr', { start: 150, end: 162, new: 30 });
import { KpiError } from './kpikit.js';

export { KpiError };

export function createWorkerClient(workerUrl = new URL('./worker.js', import.meta.url)) {
  const worker = new Worker(workerUrl, { type: 'module' });
  const pending = new Map();
  let nextId = 1;

  worker.onmessage = (event) => {
    const { id, result, error } = event.data;
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    if (error) entry.reject(new KpiError(error.code, error.message, error.field, error.row ?? null));
    else entry.resolve(result);
  };
  worker.onerror = (event) => {
    for (const entry of pending.values()) entry.reject(new KpiError('worker_failed', event.message || 'worker failed'));
    pending.clear();
  };

  const call = (method, ...args) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, method, args });
  });

  return {
    calculators: () => call('calculators'),
    calc: (calculator, inputs, options) => call('calc', calculator, inputs, options),
    request: (op, params) => call('request', op, params),
    terminate: () => worker.terminate(),
  };
}
