// The error every KPIkit call rejects with, on its own so that the worker
// client (the page's side) can use it without loading the WebAssembly core's
// loader: `code` is stable ("zero_start", "not_a_number", "missing" …),
// `field` the input it concerns (or null), `row` the 1-based row of a bad
// value in a list input (or null), `message` English. UIs translate by code.
export class KpiError extends Error {
  constructor(code, message, field = null, row = null) {
    super(message);
    this.name = 'KpiError';
    this.code = code;
    this.field = field;
    this.row = row;
  }
}
