// Hand-written TypeScript declarations of the KPIkit JS API (web/kpikit.js).
// Every number comes from the WebAssembly core; failures reject with KpiError.
// Units are those of src/calc/calculator.h: percent values are fractions
// (0.88 means 88 %), money is a plain amount (no currency), counts are whole.

/** How a value is entered and shown. */
export type Unit = 'count' | 'money' | 'percent' | 'number' | 'ratio' | 'months' | 'periods' | (string & {});

/** A number failure of the core: a stable snake_case `code`, the input it concerns, an English message. */
export class KpiError extends Error {
  constructor(code: string, message: string, field?: string | null, row?: number | null);
  readonly name: 'KpiError';
  /** Stable identifier, e.g. "zero_start", "not_a_number", "missing", "unknown_calculator", "load_failed". */
  code: string;
  /** The input the problem concerns ("start"), or null. */
  field: string | null;
  /** For a list input (a pasted column): the 1-based row of the bad value, else null/undefined. */
  row?: number | null;
}

/** One input of a calculator. */
export interface CalculatorInput {
  name: string;
  unit: Unit;
  required: boolean;
  /** A column of values (one per line, e.g. NPS scores) instead of one number. */
  list?: boolean;
}

/** A calculator the core offers. */
export interface CalculatorSpec {
  id: string;
  inputs: CalculatorInput[];
}

/**
 * An input value: a number (percent inputs as fractions, 0.8), or text as a
 * person typed it in the call's locale ("1.500", "80 %" = 0.8); list inputs
 * take an array or text with one value per line. Empty text and null are absent.
 */
export type InputValue = number | string | null | ReadonlyArray<number | string | null>;

export interface CalcTable {
  name: string;
  columns: string[];
  units: Unit[];
  rows: number[][];
  /** Columns to plot as lines against the first column (may be empty). */
  chart?: string[];
}

/** The outcome of one calculator run (api/calc_ops.h). */
export interface CalcResult {
  calculator: string;
  /** The inputs as the core read them (numbers; lists as arrays). */
  inputs: Record<string, number | number[]>;
  /** The unit of every input and result name. */
  units: Record<string, Unit>;
  /** The headline result's name. */
  primary: string;
  values: Record<string, number>;
  /** Result names, headline first. */
  order: string[];
  /** Symbolic formula, e.g. "CRR = (E − N) / S". */
  formula: string;
  /** The arithmetic with {placeholders} for inputs and results, to be formatted by the caller. */
  substituted: string;
  /** Stable warning codes, e.g. "small_sample". */
  warnings: string[];
  tables: CalcTable[];
  /** Optional stable code judging the headline (e.g. "healthy"), or null. */
  verdict?: string | null;
}

export interface CalcOptions {
  /** How typed strings are read: "de" (1.500,5) or "en" (1,500.5). Default "en". */
  locale?: 'de' | 'en';
}

/** Loads the WebAssembly core once (browser, worker or Node 20); later calls return the same instance. */
export function load(): Promise<unknown>;

/** Sends one request {op, ...params} to the core; resolves with its result or rejects with KpiError. */
export function request<T = unknown>(op: string, params?: Record<string, unknown>): Promise<T>;

/** The calculators the core offers, in display order. */
export function calculators(): Promise<CalculatorSpec[]>;

/**
 * Runs one calculator.
 * @example
 *   const r = await calc('crr', { start: 150, end: 162, new: 30 });
 *   r.values.crr // 0.88
 */
export function calc(calculator: string, inputs: Record<string, InputValue>, options?: CalcOptions): Promise<CalcResult>;

/** A dataset source: text, bytes, a Blob/File, or an async iterable of byte chunks. */
export type DatasetSource = string | ArrayBuffer | ArrayBufferView | Blob | AsyncIterable<Uint8Array | ArrayBuffer>;

export interface OpenDatasetOptions {
  /** Ingestion overrides (delimiter, header, mapping, ...), see docs/ingestion.md. */
  options?: Record<string, unknown>;
  /** Called after every chunk; total is null when unknown (strings). */
  onProgress?: (progress: { bytes: number; total: number | null; rows: number }) => void;
  /** Aborting rejects with KpiError("cancelled"). */
  signal?: AbortSignal;
  /** Bytes per chunk handed to the core (default 1 MiB). */
  chunkSize?: number;
}

/** The ingestion report of a dataset; `dataset` names the table for analyze(). */
export interface DatasetReport {
  dataset: number | string;
  [key: string]: unknown;
}

/** Reads a file into the core (encoding, dialect and column detection; row-level problems as data). */
export function openDataset(source: DatasetSource, options?: OpenDatasetOptions): Promise<DatasetReport>;

/** Frees a dataset held by the core. */
export function dropDataset(dataset: DatasetReport['dataset']): Promise<void>;

/** The retention analytics report of a dataset (docs/analytics.md). */
export function analyze(dataset: DatasetReport['dataset'], params?: Record<string, unknown>): Promise<Record<string, unknown>>;
