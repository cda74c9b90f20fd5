import type { DimCheck } from '../types/index.js';
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
