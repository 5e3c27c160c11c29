// Hand-written declarations of web/kpikit-worker-client.js: the API of
// kpikit.js (see kpikit.d.ts), answered by the core running in a Web Worker.
import type { CalcOptions, CalcResult, CalculatorSpec, DatasetReport, DatasetSource, InputValue, OpenDatasetOptions } from './kpikit.js';

export { KpiError } from './kpikit.js';

export interface WorkerClient {
  calculators(): Promise<CalculatorSpec[]>;
  calc(calculator: string, inputs: Record<string, InputValue>, options?: CalcOptions): Promise<CalcResult>;
  request<T = unknown>(op: string, params?: Record<string, unknown>): Promise<T>;
  openDataset(source: DatasetSource, options?: Omit<OpenDatasetOptions, 'chunkSize'>): Promise<DatasetReport>;
  dropDataset(dataset: DatasetReport['dataset']): Promise<void>;
  analyze(dataset: DatasetReport['dataset'], params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** clv_predict reduced for a dashboard (web/clv-overview.js): all columns of the top customers by CLV,
   *  every customer's CLV as a Float64Array in `clv_values` (NaN for null), `customers_top` = top. */
  clvOverview(params: Record<string, unknown>, top?: number): Promise<Record<string, unknown> & { clv_values: Float64Array; customers_top: number }>;
  /** Stops the worker; pending calls never settle. */
  terminate(): void;
}

/** Starts the worker (default: worker.js beside this module) and returns its client. */
export function createWorkerClient(workerUrl?: string | URL): WorkerClient;
