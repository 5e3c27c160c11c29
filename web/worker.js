// The Web Worker that runs the WebAssembly core off the page's main thread.
// Messages: {id, method, args} -> {id, result} | {id, error: {code, message, field, row}}.
import * as kpikit from './kpikit.js';

const methods = {
  calculators: () => kpikit.calculators(),
  calc: (calculator, inputs, options) => kpikit.calc(calculator, inputs, options),
  request: (op, params) => kpikit.request(op, params),
};

self.onmessage = async (event) => {
  const { id, method, args } = event.data;
  try {
    const fn = methods[method];
    if (!fn) throw new kpikit.KpiError('unknown_method', `unknown method ${method}`);
    self.postMessage({ id, result: await fn(...(args || [])) });
  } catch (e) {
    const error = e instanceof kpikit.KpiError
      ? { code: e.code, message: e.message, field: e.field, row: e.row ?? null }
      : { code: 'internal_error', message: String((e && e.message) || e), field: null };
    self.postMessage({ id, error });
  }
};
