// Class indices to one-hot rows and back: the labels a softmax head trains on, and its outputs as classes.
import type { DimCheck, NonEmpty } from '../../types/index.js';
import { ShapeError, ValueError } from '../errors.js';
import { argmaxRow } from '../heads/softmax.js';
import { checkMatrix, Matrix } from '../matrix.js';
import { checkFinite, checkPositiveInt, describe } from '../validate.js';

/**
 * An N×K matrix with a 1 in column `classIndices[i]` of row i and 0 elsewhere (Keras's
 * `to_categorical`, scikit-learn's `OneHotEncoder` on integer classes 0 … K−1): labels for a softmax
 * head of K outputs. K is typed from a literal `numClasses`, and N from a literal list.
 *
 * @throws {ShapeError} an empty list, or `numClasses` that is not a positive integer.
 * @throws {ValueError} an entry that is not an integer in [0, K) (`classIndices[4] is 3, but a class index is an integer in [0, 3)`).
 *
 * @example
 * ```ts
 * const Y = oneHot([0, 2, 1], 3); // Matrix<3, 3>: [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
 * const Z = oneHot(labels, 3);    // Matrix<number, 3> for labels: number[]
 * ```
 */
export function oneHot<const T extends readonly number[], K extends number>(
  classIndices: T & NonEmpty<T, 'classIndices', 'entries'>,
  numClasses: K & DimCheck<K, 'numClasses'>,
): Matrix<T['length'], K> {
  if (!Array.isArray(classIndices)) throw new ShapeError(`classIndices must be an array of class indices, got ${describe(classIndices)}`);
  if (classIndices.length === 0) throw new ShapeError('classIndices has no entries');
  checkPositiveInt(numClasses, 'numClasses');
  const list: readonly unknown[] = classIndices;
  list.forEach((c, i) => {
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c >= numClasses) {
      throw new ValueError(`classIndices[${i}] is ${describe(c)}, but a class index is an integer in [0, ${numClasses})`);
    }
  });
  const out = new Matrix(classIndices.length as T['length'], numClasses);
  classIndices.forEach((c, i) => (out.data[i * numClasses + c] = 1));
  return out;
}

/**
 * The index of each row's largest entry (numpy's `argmax(m, axis=1)`): the first one on ties, so
 * `argmax(oneHot(c, K))` is c again, and `argmax(net.forward(x))` is a softmax head's predicted
 * classes. A one-column matrix gives all 0s; for a sigmoid head's classes use `net.predict`.
 *
 * @throws {ShapeError} when m is not a Matrix.
 * @throws {ValueError} a NaN or infinite entry, named by row and column.
 *
 * @example
 * ```ts
 * argmax(matrix([[0.1, 0.7, 0.2], [0.5, 0.5, 0]])); // [1, 0]
 * ```
 */
export function argmax(m: Matrix): number[] {
  checkMatrix(m, 'm');
  checkFinite(m.data, m.cols, 'm');
  return Array.from({ length: m.rows }, (_, i) => argmaxRow(m.data, i * m.cols, m.cols));
}
