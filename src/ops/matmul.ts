import type { InnerDimCheck } from '../../types/index.js';
import { ShapeError } from '../errors.js';
import { checkMatrix, Matrix } from '../matrix.js';
import { count, shapeText } from '../validate.js';
import { scratchKernels } from '../engine/scratch.js';

/**
 * The matrix product a·b. The inner dims are checked by the compiler when known (a mismatch reads
 * "matmul: the left matrix has 3 columns but the right one has 4 rows") and always at run time.
 *
 * @example
 * ```ts
 * const c = matmul(matrix([[1, 2]]), matrix([[3], [4]])); // Matrix<1, 1>, [[11]]
 * matmul(zeros(2, 3), zeros(4, 1));                        // compile error
 * ```
 */
export function matmul<R extends number, K extends number, K2 extends number, C extends number>(
  a: Matrix<R, K>,
  b: Matrix<K2, C> & InnerDimCheck<K, K2>,
): Matrix<R, C> {
  checkMatrix(a, 'matmul: the left matrix');
  checkMatrix(b, 'matmul: the right matrix');
  if ((a.cols as number) !== b.rows) {
    throw new ShapeError(`matmul: the left matrix has ${count(a.cols, 'column')} but the right one has ${count(b.rows, 'row')} (${shapeText(a.rows, a.cols)} · ${shapeText(b.rows, b.cols)})`);
  }
  // a, b and the product side by side in the kernels' memory (16-byte aligned), then copied out.
  const aBytes = align(a.data.length * 8);
  const bBytes = align(b.data.length * 8);
  const cCount = a.rows * b.cols;
  const k = scratchKernels(aBytes + bBytes + cCount * 8);
  k.f64.set(a.data, 0);
  k.f64.set(b.data, aBytes >> 3);
  k.gemm(0, aBytes, aBytes + bBytes, a.rows, a.cols, b.cols);
  const c = (aBytes + bBytes) >> 3;
  return new Matrix(a.rows, b.cols, k.f64.slice(c, c + cCount));
}

/**
 * The transpose.
 *
 * @example
 * ```ts
 * const t = transpose(matrix([[1, 2, 3]])); // Matrix<3, 1>
 * ```
 */
export function transpose<R extends number, C extends number>(m: Matrix<R, C>): Matrix<C, R> {
  checkMatrix(m, 'transpose: the matrix');
  const out = new Matrix(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.data[j * m.rows + i] = m.data[i * m.cols + j]!;
  return out;
}

function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
