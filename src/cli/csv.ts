/**
 * CSV in and out for `fit` and `predict`. Reading is csv-parse's (a well-kept RFC 4180 parser, a
 * dependency of the CLI only: nothing the library exports imports this file); this file adds the
 * header rules, the strict numbers and the one-line messages that name the row and the column.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { count } from '../validate.js';
import { decimal } from './args.js';
import { readTextFile } from './input.js';

/** A CSV file read: its header and its data rows, every cell as text. */
export interface Table {
  /** How the messages name the file, e.g. `DATA "iris.csv"`. */
  readonly source: string;
  /** The column names, from the first row: non-empty and distinct. */
  readonly header: readonly string[];
  /** The data rows, each as long as the header. Row r of the messages is rows[r − 1]. */
  readonly rows: readonly (readonly string[])[];
}

/**
 * The options given to csv-parse, chosen strict:
 * - `bom`: a UTF-8 byte-order mark (Excel writes one) is not part of the first column's name;
 * - `skip_empty_lines`: a blank line (or one of spaces only, with `trim`) is no row;
 * - `trim`: spaces around an unquoted field are not data (`1, 2` is 1 and 2), while a quoted
 *   field keeps them;
 * - `relax_column_count: false`: a row with more or fewer fields than the header is an error, never
 *   padded or cut;
 * - `relax_quotes: false`: a quote inside an unquoted field, or text after a closing quote, is an
 *   error, never kept as text;
 * - `delimiter: ','` and the default record delimiters (LF, CRLF, CR, detected), `"` quotes with
 *   `""` inside a quoted field for one quote; quoted fields may hold commas and line breaks;
 * - no `cast`: every cell stays text, and only {@link numberCell} makes numbers, by its own rule.
 */
export const CSV_OPTIONS = {
  bom: true,
  skip_empty_lines: true,
  trim: true,
  relax_column_count: false,
  relax_quotes: false,
  delimiter: ',',
} as const;

/** Reads a CSV file (`what` names it in messages: DATA). Throws an InputError naming what is wrong. */
export function readCsv(path: string, what = 'DATA'): Table {
  return parseCsv(readTextFile(path, what), `${what} ${JSON.stringify(path)}`);
}

/** Parses CSV text with a header row; `source` names it in messages. */
export function parseCsv(text: string, source: string): Table {
  let records: string[][];
  try {
    records = parse(text, CSV_OPTIONS);
  } catch (e) {
    throw csvError(e, source);
  }
  const [header, ...rows] = records;
  if (header === undefined) throw new InputError(`${source} is empty: it needs a header row of column names, then one row per example`);
  header.forEach((name, c) => {
    if (name === '') throw new InputError(`${source}: the header's column ${c + 1} has no name (the first row must name every column)`);
    const first = header.indexOf(name);
    if (first !== c) throw new InputError(`${source}: the header names column ${JSON.stringify(name)} twice (columns ${first + 1} and ${c + 1})`);
  });
  if (rows.length === 0) throw new InputError(`${source} has a header (${header.map((h) => JSON.stringify(h)).join(', ')}) but no data rows`);
  return { source, header, rows };
}

/** csv-parse's error as one line naming the source and, for a ragged row, the row and both lengths. */
function csvError(e: unknown, source: string): InputError {
  const err = e as { code?: string; message?: string; records?: number; record?: unknown[] };
  if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && typeof err.records === 'number' && Array.isArray(err.record)) {
    // `records` counts the rows parsed before this one, header included: this is data row `records`.
    const expected = /expect (\d+)/.exec(err.message ?? '')?.[1];
    return new InputError(`${source}: row ${err.records} has ${count(err.record.length, 'field')} but the header has ${expected ?? 'another number'} (every row needs one field per column)`);
  }
  const message = (err.message ?? String(e)).replace(/\s*\n\s*/g, ' ');
  return new InputError(`${source} is not valid CSV: ${message}`);
}

/**
 * The index of column `name` in the table, or an InputError naming the flag, the column and the
 * columns there are (and a hint when the file looks separated by something other than commas).
 */
export function columnIndex(table: Table, name: string, flag: string): number {
  const c = table.header.indexOf(name);
  if (c !== -1) return c;
  const only = table.header.length === 1 ? table.header[0]! : undefined;
  const separator = only === undefined ? undefined : [';', '\t', '|'].find((s) => only.includes(s));
  const hint = separator !== undefined ? ` (the header is one column: is the file separated by ${JSON.stringify(separator)}? fit and predict read comma-separated values)` : '';
  throw new InputError(`${flag} ${JSON.stringify(name)} is not a column of ${table.source}; its columns are ${quotedList(table.header)}${hint}`);
}

/** `"a", "b", "c"` (at most 12, then how many more). */
export function quotedList(names: readonly string[]): string {
  const shown = names.slice(0, 12).map((n) => JSON.stringify(n));
  return names.length > 12 ? `${shown.join(', ')} and ${names.length - 12} more` : shown.join(', ');
}

/** A cell that looks like a number written with a decimal comma: digits, a comma, digits ("1,5"). */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/**
 * The number in data row `r` (0-based in `rows`) and column `c`: a plain decimal (`12`, `-0.5`,
 * `.5`, `1e-3`) and finite. Anything else ("", "abc", "1,5", "0x10", "NaN", "1e400") is an
 * InputError naming the row (1 = the first after the header) and the column: a cell that is not
 * a number never becomes one. Text that is not a number ends in a hint: how to write a decimal
 * when it looks like one written with a comma ("1,5"), else `hint` (which carries its own leading
 * punctuation: " (for class names, …)" or "; leave the column out …").
 */
export function numberCell(table: Table, r: number, c: number, hint = ''): number {
  const text = table.rows[r]![c]!;
  const v = decimal(text);
  if (v !== undefined && Number.isFinite(v)) return v;
  const at = `${table.source} row ${r + 1}, column ${JSON.stringify(table.header[c])}`;
  if (text === '') throw new InputError(`${at} is empty`);
  if (v !== undefined) throw new InputError(`${at} is ${JSON.stringify(text)}, too large for a float64`);
  throw new InputError(`${at} is ${JSON.stringify(text)}, not a number${DECIMAL_COMMA.test(text) ? ' (write decimals with a point: 1.5)' : hint}`);
}

/** The hint for a feature column fit took by default (no --features) whose cell is not a number. */
export const DEFAULT_FEATURE_HINT = '; leave the column out with --features (every column but the targets is a feature by default)';

/** One field for CSV out: quoted (RFC 4180, `"` doubled) when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: the header, then one line per row, each line ending in LF. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\n`).join('');
}
