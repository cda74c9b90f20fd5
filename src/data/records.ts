// Records with named columns (JSON rows, a CSV reader's objects) into a Matrix, through the checked door.
import type { NonEmpty } from '../../types/index.js';
import { ShapeError, ValueError } from '../errors.js';
import { Matrix } from '../matrix.js';
import { checkEntries, describe } from '../validate.js';

/**
 * A `records.length × columns.length` matrix from plain objects: row i is
 * `[records[i][columns[0]], records[i][columns[1]], …]`. The column count is typed from the list of
 * names (`Matrix<number, 5>` for five literal names, no `as const` needed; `Matrix<number, number>`
 * for a `string[]`), and when the records' type is known each name must be one of its keys. The row
 * count is known only at run time: name it with `withRows(m, dim('n', m.rows))` if you need to.
 *
 * Nothing is coerced: every value must be a finite number. `null`, a missing key, `"3"`, `true`,
 * NaN and ±Infinity are refused by row index and column name, so a missing value is never read as
 * 0. Drop or fill such rows first (`records.filter((r) => r.Horsepower !== null)`).
 *
 * @throws {ShapeError} when `records` or `columns` is not an array, or is empty.
 * @throws {ValueError} a record that is not an object, a column name that is not a non-empty string
 * or is repeated, or a value that is not a finite number (`records[32].Horsepower is null, expected a finite number`).
 *
 * @example
 * ```ts
 * const cars = JSON.parse(readFileSync('cars.json', 'utf8')) as Record<string, number | null>[];
 * const X = fromRecords(cars, ['Horsepower', 'Weight_in_lbs']); // Matrix<number, 2>
 * fromRecords(cars, []);                                         // compile error: "columns has no names"
 * ```
 */
export function fromRecords<T extends object, const C extends readonly ColumnName<T>[]>(
  records: readonly T[],
  columns: C & NonEmpty<C, 'columns', 'names'>,
): Matrix<number, C['length']> {
  if (!Array.isArray(records)) throw new ShapeError(`records must be an array of objects, got ${describe(records)}`);
  if (!Array.isArray(columns)) throw new ShapeError(`columns must be an array of column names, got ${describe(columns)}`);
  if (records.length === 0) throw new ShapeError('records has no rows');
  if (columns.length === 0) throw new ShapeError('columns has no names');
  const names: readonly unknown[] = columns;
  names.forEach((name, j) => {
    if (typeof name !== 'string' || name === '') throw new ValueError(`columns[${j}] is ${describe(name)}, but a column name is a non-empty string`);
    if (names.indexOf(name) !== j) throw new ValueError(`columns names ${JSON.stringify(name)} twice (columns[${names.indexOf(name)}] and columns[${j}])`);
  });
  const rows = records.length;
  const cols = columns.length;
  checkEntries(rows, cols, 'the matrix of records');
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const record: unknown = records[i];
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new ValueError(`records[${i}] is ${describe(record)}, but a record is an object with named values`);
    for (let j = 0; j < cols; j++) {
      const name = columns[j]!;
      const v: unknown = Object.hasOwn(record, name) ? (record as Record<string, unknown>)[name] : undefined;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        const what = Object.hasOwn(record, name) ? `is ${describe(v)}` : 'is missing';
        throw new ValueError(`${field(i, name)} ${what}, expected a finite number${v == null ? ' (drop or fill the rows with missing values first)' : ''}`);
      }
      data[i * cols + j] = v;
    }
  }
  return new Matrix(rows, cols as C['length'], data);
}

/**
 * The names a column list may hold for records of type T: T's string keys when the compiler knows
 * them, any string when it does not (parsed JSON, `Record<string, …>`, a plain `object`).
 */
export type ColumnName<T> = string extends keyof T ? string : [keyof T & string] extends [never] ? string : keyof T & string;

/** `records[3].Horsepower`, or `records[3]["Miles per gallon"]` for a name that is not an identifier. */
function field(i: number, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `records[${i}].${name}` : `records[${i}][${JSON.stringify(name)}]`;
}
