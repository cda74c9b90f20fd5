import { Matrix } from './matrix.js';

/**
 * Class predictions: 1 where Ŷ > 0.5, else 0. Exactly 0.5 (an all-zero input row of a bias-free
 * net) gives 0.
 *
 * @example
 * ```ts
 * predictionsOf(matrix([[0.5], [0.7]])); // [[0], [1]]
 * ```
 */
export function predictionsOf<N extends number, K extends number>(yhat: Matrix<N, K>): Matrix<N, K> {
  const out = new Matrix(yhat.rows, yhat.cols);
  for (let i = 0; i < yhat.data.length; i++) out.data[i] = yhat.data[i]! > 0.5 ? 1 : 0;
  return out;
}

/**
 * The fraction of entries where the prediction equals the label.
 *
 * @example
 * ```ts
 * accuracyOf(matrix([[0], [1]]), matrix([[0], [0]])); // 0.5
 * ```
 */
export function accuracyOf(predictions: Matrix, y: Matrix): number {
  let hits = 0;
  for (let i = 0; i < y.data.length; i++) if (predictions.data[i] === y.data[i]) hits++;
  return hits / y.data.length;
}
