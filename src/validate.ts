import { ShapeError, ValueError } from './errors.js';

/** `r×c`, the way every message in the library writes a shape. */
/**
 * A count with its noun, singular for exactly 1, as every message says it: `count(1, 'row')` is
 * "1 row", `count(3, 'entry')` "3 entries". The run-time twin of the type `Count`.
 */
export function count(n: number, noun: string): string {
  return n === 1 ? `1 ${noun}` : `${n} ${noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
}

export function shapeText(rows: number, cols: number): string {
  return `${rows}×${cols}`;
}

/** Throws unless `n` is a positive integer; `what` names it in the message. */
export function checkPositiveInt(n: unknown, what: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new ShapeError(`${what} must be a positive integer, got ${describe(n)}`);
  }
}

/** Throws a ValueError naming the first non-finite entry of `data` (read as a rows×cols matrix). */
export function checkFinite(data: ArrayLike<number>, cols: number, field: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) {
      throw new ValueError(`${field}[${Math.floor(i / cols)}][${i % cols}] is ${describe(v)}, expected a finite number`);
    }
  }
}

/** A short, readable rendering of any value for an error message. */
export function describe(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : String(v);
}

/** The most entries one matrix may have: 2²⁷ float64s, 1 GiB. */
export const MAX_ENTRIES = 2 ** 27;

/**
 * Throws unless a rows×cols matrix fits {@link MAX_ENTRIES}, before anything is allocated: a sparse
 * JS array can claim 2³² − 1 entries, and the typed array for it would fail with a bare RangeError.
 */
export function checkEntries(rows: number, cols: number, field: string): void {
  if (rows * cols > MAX_ENTRIES) throw new ShapeError(`${field} is ${shapeText(rows, cols)}, over the limit of ${count(MAX_ENTRIES, 'entry')}`);
}

/**
 * Reads a JSON-like array of rows into a row-major Float64Array, checking that it is a non-empty
 * array of equally long, non-empty rows of finite numbers. `field` names it in every message.
 */
export function readRows(value: unknown, field: string): { rows: number; cols: number; data: Float64Array } {
  if (!Array.isArray(value)) throw new ShapeError(`${field} must be an array of rows, got ${describe(value)}`);
  if (value.length === 0) throw new ShapeError(`${field} has no rows`);
  const first: unknown = value[0];
  if (!Array.isArray(first)) throw new ShapeError(`${field}[0] must be an array of numbers, got ${describe(first)}`);
  const cols = first.length;
  if (cols === 0) throw new ShapeError(`${field}[0] has no entries`);
  const rows = value.length;
  checkEntries(rows, cols, field);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row: unknown = value[i];
    if (!Array.isArray(row)) throw new ShapeError(`${field}[${i}] must be an array of numbers, got ${describe(row)}`);
    if (row.length !== cols) {
      throw new ShapeError(`${field} is ragged: ${field}[${i}] has ${count(row.length, 'entry')} but ${field}[0] has ${cols}`);
    }
    for (let j = 0; j < cols; j++) {
      const v: unknown = row[j];
      if (typeof v !== 'number') throw new ValueError(`${field}[${i}][${j}] is ${describe(v)}, expected a number`);
      if (!Number.isFinite(v)) throw new ValueError(`${field}[${i}][${j}] is ${describe(v)}, expected a finite number`);
      data[i * cols + j] = v;
    }
  }
  return { rows, cols, data };
}
