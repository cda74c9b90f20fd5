import type { Dim, DimCheck } from '../types/index.js';
import { ShapeError } from './errors.js';
import type { Matrix } from './matrix.js';
import { checkPositiveInt, count, shapeText } from './validate.js';

/**
 * The checked door from run-time data into literal dims: verifies at run time that `m` is
 * rows×cols and returns the same matrix (no copy) typed `Matrix<R, C>`. Throws a ShapeError otherwise.
 *
 * @example
 * ```ts
 * const raw: Matrix<number, number> = fromArray(csvValues, n, 9);
 * const x = withShape(raw, 5, 9); // Matrix<5, 9>, or a ShapeError "x is 4×9 but 5×9 was expected"
 * ```
 */
export function withShape<R extends number, C extends number>(m: Matrix, rows: R & DimCheck<R, 'rows'>, cols: C & DimCheck<C, 'cols'>, name = 'matrix'): Matrix<R, C> {
  checkPositiveInt(rows, 'rows');
  checkPositiveInt(cols, 'cols');
  if (m.rows !== rows || m.cols !== cols) {
    throw new ShapeError(`${name} is ${shapeText(m.rows, m.cols)} but ${shapeText(rows, cols)} was expected`);
  }
  return m as unknown as Matrix<R, C>;
}

/**
 * The checked door for the common case of a batch of any length: verifies the column count only,
 * keeping the row dim as it was.
 *
 * @example
 * ```ts
 * const x = assertCols(fromArray(values, n, 9), 9); // Matrix<number, 9>: fits a Network<[9, ...]>
 * ```
 */
export function assertCols<R extends number, C extends number>(m: Matrix<R>, cols: C & DimCheck<C, 'cols'>, name = 'matrix'): Matrix<R, C> {
  checkPositiveInt(cols, 'cols');
  if (m.cols !== cols) {
    throw new ShapeError(`${name} is ${shapeText(m.rows, m.cols)} but ${count(cols, 'column')} ${cols === 1 ? 'was' : 'were'} expected`);
  }
  return m as unknown as Matrix<R, C>;
}

/**
 * Names a dimension known only at run time, after checking it is a positive integer: `Dim<Name>` is
 * a number the compiler tracks by name, so a batch and its labels read separately from a file can
 * be made to agree (`fromArray(xs, n, 9)` and `fromArray(ys, n, 1)` with the same `n`), and labels
 * of another dim, or of a plain `number` of rows, are a compile error for that batch.
 *
 * @throws {ShapeError} when `value` is not a positive integer (the message names the dim).
 *
 * @example
 * ```ts
 * const n = dim('n', rows.length);       // Dim<'n'>
 * const X = fromArray(xs, n, 9);         // Matrix<Dim<'n'>, 9>
 * const Y = fromArray(ys, n, 1);         // Matrix<Dim<'n'>, 1>
 * net.fit(X, Y, { lr: 0.1, epochs: 5 }); // ✓; labels of Dim<'m'> rows or number rows: compile error
 * ```
 */
export function dim<const Name extends string>(name: Name, value: number): Dim<Name> {
  checkPositiveInt(value, name);
  return value as Dim<Name>;
}

/**
 * The checked door for the row count, the twin of {@link assertCols}: verifies at run time that `m`
 * has `rows` rows and returns the same matrix (no copy) typed `Matrix<R, C>`, e.g. with a named dim.
 *
 * @throws {ShapeError} when the row count differs.
 *
 * @example
 * ```ts
 * const Y = withRows(fromArray(ys, ys.length, 1), n); // Matrix<Dim<'n'>, 1>, or "matrix is 4×1 but 5 rows were expected"
 * ```
 */
export function withRows<R extends number, C extends number>(m: Matrix<number, C>, rows: R & DimCheck<R, 'rows'>, name = 'matrix'): Matrix<R, C> {
  checkPositiveInt(rows, 'rows');
  if (m.rows !== rows) {
    throw new ShapeError(`${name} is ${shapeText(m.rows, m.cols)} but ${count(rows, 'row')} ${rows === 1 ? 'was' : 'were'} expected`);
  }
  return m as unknown as Matrix<R, C>;
}
