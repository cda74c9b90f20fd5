import { HEADS } from '../heads/index.js';
import type { Matrix } from '../matrix.js';

/**
 * Class predictions of a classifier head: for sigmoid, 1 where Ŷ > 0.5, else 0 (exactly 0.5, an
 * all-zero input row of a bias-free net, gives 0); for softmax, a one-hot row at the largest Ŷ
 * (the first on ties).
 *
 * @example
 * ```ts
 * predictionsOf(matrix([[0.5], [0.7]]));                 // [[0], [1]]
 * predictionsOf(matrix([[0.2, 0.7, 0.1]]), 'softmax'); // [[0, 1, 0]]
 * ```
 */
export function predictionsOf<N extends number, K extends number>(yhat: Matrix<N, K>, head: 'sigmoid' | 'softmax' = 'sigmoid'): Matrix<N, K> {
  return HEADS[head].predictions(yhat) as Matrix<N, K>;
}

/**
 * The fraction of label entries where the prediction equals the label; for softmax, the fraction
 * of rows whose predicted class is the label's largest entry.
 *
 * @example
 * ```ts
 * accuracyOf(matrix([[0], [1]]), matrix([[0], [0]])); // 0.5
 * ```
 */
export function accuracyOf(predictions: Matrix, y: Matrix, head: 'sigmoid' | 'softmax' = 'sigmoid'): number {
  return HEADS[head].scores(predictions, predictions, y).accuracy;
}
