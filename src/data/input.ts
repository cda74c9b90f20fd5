// Plain arrays into forward/predict: one row (`[1, 0]`) or rows (`[[0, 1], [1, 1]]`) become a batch
// through the same checks as every other door, and the output comes back in the same form.
import { ShapeError } from '../errors.js';
import { Matrix } from '../matrix.js';
import { checkNumbers, count, readRows } from '../validate.js';

/** What forward and predict take besides a Matrix: one row of numbers, or a list of rows. */
export type PlainInput = readonly number[] | readonly (readonly number[])[];

/**
 * What forward and predict return for an input X and K outputs: a Matrix of as many rows for a
 * Matrix or for plain rows (the literal row count when the compiler knows it), and a `number[]`,
 * the one output row, for one plain row.
 *
 * @example
 * ```ts
 * type A = OutputOf<Matrix<5, 2>, 1>;                 // Matrix<5, 1>
 * type B = OutputOf<readonly [1, 0], 1>;              // number[]
 * type C = OutputOf<readonly [readonly [1, 0], readonly [0, 1]], 3>; // Matrix<2, 3>
 * ```
 */
export type OutputOf<X, K extends number> = X extends Matrix<infer N, number>
  ? Matrix<N, K>
  : X extends readonly number[]
    ? number[]
    : X extends readonly (readonly number[])[]
      ? Matrix<X['length'], K>
      : never;

/**
 * The batch a network computes for `input`: a Matrix as it is; one plain row as a 1×W matrix; plain
 * rows through `readRows`, the door every JSON-like matrix takes. `single` says the input was one
 * row, so the caller hands back a row (see {@link asOutput}). Nothing of the input is kept.
 *
 * @throws {ShapeError} an empty list, a ragged list of rows, a row whose width is not W (naming both),
 *   or a typed array (a Float32Array has no rows).
 * @throws {ValueError} an entry that is not a finite number (`row[2] is "3", expected a number`).
 *
 * @example
 * ```ts
 * toBatch([1, 0], 2);                // { batch: Matrix 1×2, single: true }
 * toBatch([[0, 1], [1, 1]], 2);      // { batch: Matrix 2×2, single: false }
 * toBatch([1, 0, 1], 2);             // ShapeError: row has 3 entries but the network's input size is 2
 * ```
 */
export function toBatch(input: unknown, width: number): { batch: Matrix; single: boolean } {
  if (ArrayBuffer.isView(input)) {
    // A typed array has no rows: say what is taken, and how to make one from it.
    throw new ShapeError(`X is a ${input.constructor.name}, which has no rows: give a Matrix (fromArray(Array.from(x), rows, ${width})), one row (number[]) or rows (number[][])`);
  }
  if (input instanceof Matrix || !Array.isArray(input)) return { batch: input as Matrix, single: false }; // checked by checkInputs, as before
  if (input.length === 0) throw new ShapeError(`the input has no rows (an empty list); give one row [${width === 1 ? 'x' : 'x1, x2, …'}] or rows [[…], …] of ${count(width, 'entry')}`);
  if (!Array.isArray(input[0])) {
    if (input.length !== width) throw new ShapeError(`row has ${count(input.length, 'entry')} but the network's input size is ${width}`);
    checkNumbers(input, width, 'row', true);
    return { batch: new Matrix(1, width, Float64Array.from(input as number[])), single: true };
  }
  // Each row's width first, in the compile-time check's words; then readRows checks the rest.
  input.forEach((row: unknown, i) => {
    if (Array.isArray(row) && row.length !== width) throw new ShapeError(`row ${i} has ${count(row.length, 'entry')} but the network's input size is ${width}`);
  });
  const { rows, cols, data } = readRows(input, 'rows');
  return { batch: new Matrix(rows, cols, data), single: false };
}

/**
 * The output in the input's form: the one row as a `number[]` for a single plain row, the matrix otherwise.
 *
 * @example
 * ```ts
 * asOutput(matrix([[0.2, 0.8]]), true);  // [0.2, 0.8]
 * asOutput(matrix([[0.2, 0.8]]), false); // the matrix itself
 * ```
 */
export function asOutput(m: Matrix, single: boolean): Matrix | number[] {
  return single ? Array.from(m.data) : m;
}
