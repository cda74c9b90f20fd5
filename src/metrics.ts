import { Matrix } from './matrix.js';

/**
 * Class predictions: 1 where Ŷ > 0.5, else 0. Exactly 0.5 (an all-zero input row of a bias-free
 * net) gives 0. For a softmax output: a one-hot row at the largest Ŷ (the first on ties).
 *
 * @example
 * ```ts
 * predictionsOf(matrix([[0.5], [0.7]]));                 // [[0], [1]]
 * predictionsOf(matrix([[0.2, 0.7, 0.1]]), 'softmax'); // [[0, 1, 0]]
 * ```
 */
export function predictionsOf<N extends number, K extends number>(yhat: Matrix<N, K>, output: 'sigmoid' | 'softmax' = 'sigmoid'): Matrix<N, K> {
  const out = new Matrix(yhat.rows, yhat.cols);
  if (output === 'softmax') {
    for (let i = 0; i < yhat.rows; i++) out.data[i * yhat.cols + argmaxRow(yhat.data, i * yhat.cols, yhat.cols)] = 1;
    return out;
  }
  for (let i = 0; i < yhat.data.length; i++) out.data[i] = yhat.data[i]! > 0.5 ? 1 : 0;
  return out;
}

/** The index of the largest entry of a row (the first on ties). */
export function argmaxRow(data: ArrayLike<number>, start: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (data[start + j]! > data[start + best]!) best = j;
  return best;
}

/**
 * The fraction of entries where the prediction equals the label; for softmax, the fraction of rows
 * whose predicted class is the label's largest entry.
 *
 * @example
 * ```ts
 * accuracyOf(matrix([[0], [1]]), matrix([[0], [0]])); // 0.5
 * ```
 */
export function accuracyOf(predictions: Matrix, y: Matrix, output: 'sigmoid' | 'softmax' = 'sigmoid'): number {
  if (output === 'softmax') {
    let rows = 0;
    for (let i = 0; i < y.rows; i++) if (predictions.data[i * y.cols + argmaxRow(y.data, i * y.cols, y.cols)] === 1) rows++;
    return rows / y.rows;
  }
  let hits = 0;
  for (let i = 0; i < y.data.length; i++) if (predictions.data[i] === y.data[i]) hits++;
  return hits / y.data.length;
}
