import { ShapeError, ValueError } from './errors.js';

/**
 * A count with its noun, singular for exactly 1, as every message says it: `count(1, 'row')` is
 * "1 row", `count(3, 'entry')` "3 entries". The run-time twin of the type `Count`.
 */
export function count(n: number, noun: string): string {
  return n === 1 ? `1 ${noun}` : `${n} ${noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
}

/** `r×c`, the way every message in the library writes a shape. */
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

/**
 * Checks that every entry of a caller's flat list is a finite number, as `readRows` does for rows,
 * before anything converts it: `null`, `"0.97"`, `true` or `[1]` would otherwise become 0, 0.97,
 * 1 and 1 in a Float64Array. The index is given as [row][col] of a rows×cols matrix, or [i] for a
 * column of values (cols 1 and `flat`).
 *
 * @throws {ValueError} naming the first entry that is not a number, or not finite.
 */
export function checkNumbers(data: ArrayLike<unknown>, cols: number, field: string, flat = false): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v === 'number' && Number.isFinite(v)) continue;
    const at = flat ? `[${i}]` : `[${Math.floor(i / cols)}][${i % cols}]`;
    throw new ValueError(`${field}${at} is ${describe(v)}, expected ${typeof v === 'number' ? 'a finite number' : 'a number'}`);
  }
}

/** A short, readable rendering of any value for an error message. */
export function describe(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'bigint') return `${v}n`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
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
    checkNumbers(row, cols, `${field}[${i}]`, true);
    data.set(row as number[], i * cols);
  }
  return { rows, cols, data };
}

/**
 * Refuses keys an options object does not have, so that a typo from JavaScript (`batch_size`,
 * `learningRate`) is a named error rather than an option silently ignored. Keys whose value is
 * `undefined` count as absent.
 *
 * @throws {ValueError} naming the unknown keys and listing the known ones.
 */
export function checkKeys(options: unknown, known: readonly string[], field = 'options'): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new ValueError(`${field} must be an object, got ${describe(options)}`);
  const unknown = Object.keys(options).filter((k) => !known.includes(k) && (options as Record<string, unknown>)[k] !== undefined);
  if (unknown.length > 0) {
    throw new ValueError(`${field} has ${unknown.length === 1 ? 'an unknown key' : 'unknown keys'} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; the known keys are ${known.join(', ')}`);
  }
}

/**
 * The keys of an options type T as a list, checked complete at compile time: a key of T missing
 * from the list is a compile error naming it, so the run-time check cannot fall behind the type.
 *
 * @example
 * ```ts
 * const KEYS = keysOf<{ a?: number; b?: string }>()('a', 'b'); // readonly ['a', 'b']
 * ```
 */
export function keysOf<T>() {
  return <const K extends readonly (keyof T & string)[]>(...keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { missing: Exclude<keyof T, K[number]> })): K => keys;
}
