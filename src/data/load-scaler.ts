// A saved scaler read back: every field checked, with a FormatError naming it.
import type { DimCheck } from '../../types/index.js';
import { FormatError, ShapeError, ValueError } from '../errors.js';
import { parseStrictJson } from '../io/json.js';
import { count, describe } from '../validate.js';
import { readRange } from './min-max-scaler.js';
import { makeScaler, type SavedScaler, type Scaler } from './scaler.js';

const FIELDS = { standard: ['kind', 'mean', 'scale'], minMax: ['kind', 'range', 'dataMin', 'dataMax'] } as const;

/**
 * A scaler from its saved form (`scaler.toJSON()`, the object or its JSON text). Every field is
 * checked: the kind, each statistic a finite number (a standard scaler's scales > 0; a min-max
 * scaler's dataMin ≤ dataMax), the lists of one length, no unknown or missing key. Given the
 * column count you expect, the result is typed with it and a scaler of another width is an error.
 * The loaded scaler transforms exactly as the saved one did (the numbers round-trip bit for bit).
 *
 * @throws {FormatError} naming the field: `scale[2] is 0, but a scale is a finite number > 0`.
 *
 * @example
 * ```ts
 * writeFileSync('scaler.json', JSON.stringify(scaler));
 * const back = loadScaler(readFileSync('scaler.json', 'utf8'), 5); // Scaler<5>
 * back.transform(xTest);                                           // the same numbers as scaler.transform(xTest)
 * ```
 */
export function loadScaler<C extends number = number>(saved: unknown, columns?: C & DimCheck<C, 'columns'>): Scaler<C> {
  const value = typeof saved === 'string' ? parseStrictJson(saved, (why) => new FormatError(`the saved scaler is ${why}`)) : saved;
  return readScaler(value, 'scaler', columns === undefined ? undefined : { columns, what: 'the expected column count' }) as Scaler<C>;
}

/**
 * Checks a saved scaler (field names its place in messages, e.g. `inputScaler`) and makes it; with
 * `expected`, its width must be `expected.columns` (`what` names that number in the message).
 *
 * @throws {FormatError} naming the first field that does not fit.
 */
export function readScaler(value: unknown, field: string, expected?: { readonly columns: number; readonly what: string }): Scaler {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FormatError(`${field} must be a saved scaler (an object), got ${describe(value)}`);
  const obj = value as Record<string, unknown>;
  const kind = obj.kind;
  if (kind !== 'standard' && kind !== 'minMax') throw new FormatError(`${field}.kind is ${describe(kind)}, expected "standard" or "minMax"`);
  const known: readonly string[] = FIELDS[kind];
  const unknown = Object.keys(obj).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new FormatError(`${field} has unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; a ${kind} scaler has ${known.join(', ')}`);
  for (const key of known) if (obj[key] === undefined) throw new FormatError(`${field}.${key} is missing`);
  let saved: SavedScaler;
  if (kind === 'standard') {
    const mean = numbers(obj.mean, `${field}.mean`);
    const scale = numbers(obj.scale, `${field}.scale`, mean.length);
    scale.forEach((s, j) => {
      if (!(s > 0)) throw new FormatError(`${field}.scale[${j}] is ${describe(s)}, but a scale is a finite number > 0`);
    });
    saved = { kind, mean, scale };
  } else {
    const range = readRange(obj.range, `${field}.range`, FormatError);
    const dataMin = numbers(obj.dataMin, `${field}.dataMin`);
    const dataMax = numbers(obj.dataMax, `${field}.dataMax`, dataMin.length);
    dataMax.forEach((max, j) => {
      const min = dataMin[j]!;
      if (!(max >= min) || !Number.isFinite(max - min)) throw new FormatError(`${field}.dataMax[${j}] is ${describe(max)} but ${field}.dataMin[${j}] is ${describe(min)}: a column's max is ≥ its min, and their difference finite`);
    });
    saved = { kind, range, dataMin, dataMax };
  }
  const width = saved.kind === 'standard' ? saved.mean.length : saved.dataMin.length;
  if (expected !== undefined && width !== expected.columns) throw new FormatError(`${field} was fitted on ${count(width, 'column')}, but ${expected.what} is ${expected.columns}`);
  return makeScaler(saved);
}

/** A non-empty array of finite numbers (of `length` entries when given), copied. */
function numbers(value: unknown, field: string, length?: number): number[] {
  if (!Array.isArray(value) || value.length === 0) throw new FormatError(`${field} must be a non-empty array of numbers, got ${describe(value)}`);
  if (length !== undefined && value.length !== length) throw new FormatError(`${field} has ${count(value.length, 'entry')} but the scaler's other statistics have ${length}`);
  value.forEach((v: unknown, j) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new FormatError(`${field}[${j}] is ${describe(v)}, expected a finite number`);
  });
  return [...(value as number[])];
}

/**
 * The saved form of a scaler handed to saveNetwork, after checking it is one (through the loader's
 * own checks) and of the network's width (`what` names that width: 'input size', 'output size').
 *
 * @throws {ValueError} something without a toJSON; {@link FormatError} a forged statistic; {@link ShapeError} another width.
 */
export function savedScalerFor(scaler: unknown, field: string, width: number, what: string): SavedScaler {
  const toJSON = (scaler as { toJSON?: unknown } | null)?.toJSON;
  if (typeof scaler !== 'object' || typeof toJSON !== 'function') throw new ValueError(`${field} must be a scaler (from standardScaler or minMaxScaler), got ${describe(scaler)}`);
  const checked = readScaler(toJSON.call(scaler), field);
  if (checked.columns !== width) throw new ShapeError(`${field} was fitted on ${count(checked.columns, 'column')}, but the network's ${what} is ${width}`);
  return checked.toJSON();
}
