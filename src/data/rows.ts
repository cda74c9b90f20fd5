// Row selection: a Matrix's rows by index (any order, repeats allowed) or as a half-open range.
import type { NonEmpty } from '../../types/index.js';
import { ShapeError } from '../errors.js';
import { checkMatrix, Matrix } from '../matrix.js';
import { count, describe, shapeText } from '../validate.js';

/**
 * A new matrix of the rows of `x` at `indices`, in that order (repeats allowed, as numpy's
 * `x[indices]` or `np.take(x, indices, axis=0)`): row i of the result is row `indices[i]` of x. The
 * column type is kept; the row count is `indices.length` (a literal when the list is one). x is not
 * changed and shares no storage with the result.
 *
 * @throws {ShapeError} when x is not a Matrix, `indices` is empty or not an array, or an index is
 * not an integer in [0, x.rows) (`indices[2] is 150, but x has 150 rows (indices 0 … 149)`).
 *
 * @example
 * ```ts
 * const x = matrix([[1, 2], [3, 4], [5, 6]]);
 * takeRows(x, [2, 0, 2]); // Matrix<3, 2>: [[5, 6], [1, 2], [5, 6]]
 * takeRows(x, [3]);       // ShapeError: indices[0] is 3, but x has 3 rows (indices 0 … 2)
 * ```
 */
export function takeRows<C extends number, const I extends readonly number[]>(x: Matrix<number, C>, indices: I & NonEmpty<I, 'indices', 'entries'>): Matrix<I['length'], C> {
  checkMatrix(x, 'x');
  if (!Array.isArray(indices)) throw new ShapeError(`indices must be an array of row indices, got ${describe(indices)}`);
  if (indices.length === 0) throw new ShapeError('indices has no entries (a matrix has at least 1 row)');
  const list: readonly unknown[] = indices;
  list.forEach((i, k) => {
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= x.rows) {
      throw new ShapeError(`indices[${k}] is ${describe(i)}, but x has ${count(x.rows, 'row')} (indices 0 … ${x.rows - 1})`);
    }
  });
  const c = x.cols;
  const out = new Matrix(indices.length as I['length'], c);
  indices.forEach((i, k) => out.data.set(x.data.subarray(i * c, (i + 1) * c), k * c));
  return out;
}

/**
 * A new matrix of rows `start` … `end − 1` of x (half-open, like `Array.prototype.slice`), with the
 * column type kept. Unlike `slice`, bounds are never clamped or counted from the end: a negative or
 * fractional bound, one past the row count, or `start ≥ end` (an empty matrix) is an error. `end`
 * defaults to x.rows. x is not changed and shares no storage with the result.
 *
 * @throws {ShapeError} when x is not a Matrix, or a bound is out of range (`end is 200, but x has 150 rows (end ≤ 150)`).
 *
 * @example
 * ```ts
 * const x = matrix([[1, 2], [3, 4], [5, 6]]);
 * sliceRows(x, 1);    // Matrix<number, 2>: [[3, 4], [5, 6]]
 * sliceRows(x, 0, 1); // Matrix<number, 2>: [[1, 2]]
 * sliceRows(x, 2, 1); // ShapeError: start is 2 and end is 1, but a slice needs start < end (at least 1 row)
 * ```
 */
export function sliceRows<C extends number>(x: Matrix<number, C>, start: number, end?: number): Matrix<number, C> {
  checkMatrix(x, 'x');
  const n = x.rows;
  const stop = end ?? n;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 0 || start >= n) {
    throw new ShapeError(`start is ${describe(start)}, but x has ${count(n, 'row')} (start is an integer in [0, ${n - 1}])`);
  }
  if (typeof stop !== 'number' || !Number.isInteger(stop) || stop < 0 || stop > n) {
    throw new ShapeError(`end is ${describe(stop)}, but x has ${count(n, 'row')} (end is an integer with end ≤ ${n})`);
  }
  if (start >= stop) throw new ShapeError(`start is ${start} and end is ${stop}, but a slice needs start < end (at least 1 row; x is ${shapeText(n, x.cols)})`);
  return new Matrix(stop - start, x.cols, x.data.slice(start * x.cols, stop * x.cols));
}
