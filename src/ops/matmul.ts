import type { InnerDimCheck, OutShapeCheck } from '../../types/index.js';
import { ShapeError } from '../errors.js';
import { checkMatrix, Matrix } from '../matrix.js';
import { count, shapeText } from '../validate.js';
import { scratchKernels } from '../engine/scratch.js';

/**
 * The matrix product a·b (rows × cols: (R × K)·(K × C) → R × C, float64). The inner dims are
 * checked by the compiler when known (a mismatch reads "matmul: the left matrix has 3 columns but
 * the right one has 4 rows") and always at run time; so are out's, when given ("matmul: out has 3
 * rows but the product has 2").
 *
 * With `out` (R × C), the product is written into it and `out` is returned: no new array, as NumPy's
 * `matmul(a, b, out=c)`. For repeated products that is also faster: a new result is fresh memory,
 * which the system maps in page by page as it is first written (10-40 % of a call at n = 64…1024
 * on the machine the benchmark ran on). `out` may be `a` or `b` itself: both are read before it is written.
 *
 * @throws {ShapeError} when a's columns differ from b's rows, when `out` is not R × C, or when a, b
 *   or `out` is not a Matrix (named by which); nothing is written then.
 *
 * @example
 * ```ts
 * const c = matmul(matrix([[1, 2]]), matrix([[3], [4]])); // Matrix<1, 1>, [[11]]
 * matmul(zeros(2, 3), zeros(4, 1));                        // compile error
 * const into = zeros(1, 1);
 * matmul(matrix([[1, 2]]), matrix([[3], [4]]), into);      // into is [[11]]
 * ```
 */
export function matmul<R extends number, K extends number, K2 extends number, C extends number, OR extends number = R, OC extends number = C>(
  a: Matrix<R, K>,
  b: Matrix<K2, C> & InnerDimCheck<K, K2>,
  out?: Matrix<OR, OC> & OutShapeCheck<R, C, OR, OC>,
): Matrix<R, C> {
  checkMatrix(a, 'matmul: the left matrix');
  checkMatrix(b, 'matmul: the right matrix');
  if ((a.cols as number) !== b.rows) {
    throw new ShapeError(`matmul: the left matrix has ${count(a.cols, 'column')} but the right one has ${count(b.rows, 'row')} (${shapeText(a.rows, a.cols)} · ${shapeText(b.rows, b.cols)})`);
  }
  const into = out as Matrix<R, C> | undefined; // its dims: checked here when the compiler could not
  if (into !== undefined) {
    checkMatrix(into, 'matmul: out');
    if (into.rows !== a.rows || into.cols !== b.cols) {
      throw new ShapeError(`matmul: out is ${shapeText(into.rows, into.cols)}, but the product of ${shapeText(a.rows, a.cols)} and ${shapeText(b.rows, b.cols)} is ${shapeText(a.rows, b.cols)}`);
    }
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
  if (into === undefined) return new Matrix(a.rows, b.cols, k.f64.slice(c, c + cCount));
  into.data.set(k.f64.subarray(c, c + cCount));
  return into;
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
