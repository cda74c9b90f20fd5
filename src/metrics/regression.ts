// Regression metrics for a linear head, whose predictions are Ŷ itself: each is computed per output
// column over all N rows at once, then averaged uniformly over the K outputs (sklearn
// multioutput='uniform_average').
import { ShapeError, ValueError } from '../errors.js';
import type { Matrix } from '../matrix.js';
import { checkFinite, shapeText } from '../validate.js';

/**
 * Throws unless `yTrue` and `yPred` have the same shape, at least one row, and only finite entries:
 * a ShapeError naming both shapes, or a ValueError naming the first bad entry. Shared by the
 * regression and the classification metrics.
 */
export function checkPair(yTrue: Matrix, yPred: Matrix): void {
  if (yPred.rows !== yTrue.rows || yPred.cols !== yTrue.cols) {
    throw new ShapeError(`yPred is ${shapeText(yPred.rows, yPred.cols)} but yTrue is ${shapeText(yTrue.rows, yTrue.cols)}`);
  }
  if (yTrue.rows < 1) throw new ValueError(`yTrue has no rows (it is ${shapeText(yTrue.rows, yTrue.cols)}); a metric needs at least one`);
  checkFinite(yTrue.data, yTrue.cols, 'yTrue');
  checkFinite(yPred.data, yPred.cols, 'yPred');
}

/** The mean over the K outputs of `perOutput(j)`; a non-finite result (float64 overflow) is a ValueError, never returned. */
function uniformAverage(k: number, what: string, perOutput: (j: number) => number): number {
  let total = 0;
  for (let j = 0; j < k; j++) total += perOutput(j);
  const mean = total / k;
  if (!Number.isFinite(mean)) throw new ValueError(`${what} is ${mean}: the result overflows float64 for these entries; rescale them`);
  return mean;
}

/** The mean over the rows of column j of `term(yTrue[i][j], yPred[i][j])`. */
function columnMean(yTrue: Matrix, yPred: Matrix, j: number, term: (t: number, p: number) => number): number {
  let sum = 0;
  for (let i = 0; i < yTrue.rows; i++) sum += term(yTrue.data[i * yTrue.cols + j]!, yPred.data[i * yTrue.cols + j]!);
  return sum / yTrue.rows;
}

/**
 * Mean absolute error, the uniform average over the K outputs of each output's mean |ŷ − y|:
 *
 *   mae = (1/K) Σ_j (1/N) Σ_i |ŷ_ij − y_ij|  =  (1/(N·K)) Σ_ij |ŷ_ij − y_ij|
 *
 * `yTrue` and `yPred` are both N×K. Follows sklearn `mean_absolute_error(y_true, y_pred)`
 * (multioutput='uniform_average'): https://scikit-learn.org/stable/modules/generated/sklearn.metrics.mean_absolute_error.html
 *
 * @throws {ShapeError} if the shapes differ, e.g. `yPred is 4×2 but yTrue is 4×3`.
 * @throws {ValueError} if there are no rows, an entry is not finite (named, e.g. `yPred[2][0] is NaN, …`), or the result overflows.
 *
 * @example
 * ```ts
 * mae(matrix([[1, 10], [2, 20]]), matrix([[2, 10], [2, 23]])); // (1 + 0 + 0 + 3) / 4 = 1
 * ```
 */
export function mae<N extends number, K extends number>(yTrue: Matrix<N, K>, yPred: Matrix<N, K>): number {
  checkPair(yTrue, yPred);
  return uniformAverage(yTrue.cols, 'mae', (j) => columnMean(yTrue, yPred, j, (t, p) => Math.abs(p - t)));
}

/**
 * Root mean squared error, the uniform average over the K outputs of each output's RMSE:
 *
 *   rmse = (1/K) Σ_j sqrt( (1/N) Σ_i (ŷ_ij − y_ij)² )
 *
 * This is not the RMSE of all N·K entries at once: for errors [[2, 0], [2, 0]] it is (2 + 0)/2 = 1,
 * where the global one is √2. `yTrue` and `yPred` are both N×K. Follows sklearn
 * `root_mean_squared_error(y_true, y_pred)` (multioutput='uniform_average'):
 * https://scikit-learn.org/stable/modules/generated/sklearn.metrics.root_mean_squared_error.html
 *
 * @throws {ShapeError} if the shapes differ, e.g. `yPred is 4×2 but yTrue is 4×3`.
 * @throws {ValueError} if there are no rows, an entry is not finite (named), or the result overflows.
 *
 * @example
 * ```ts
 * rmse(matrix([[0, 0], [0, 0]]), matrix([[2, 0], [2, 0]])); // (√4 + √0) / 2 = 1
 * ```
 */
export function rmse<N extends number, K extends number>(yTrue: Matrix<N, K>, yPred: Matrix<N, K>): number {
  checkPair(yTrue, yPred);
  return uniformAverage(yTrue.cols, 'rmse', (j) => Math.sqrt(columnMean(yTrue, yPred, j, (t, p) => (p - t) * (p - t))));
}

/** True when every label of column j equals the first one. */
function constantColumn(yTrue: Matrix, j: number): boolean {
  const first = yTrue.data[j]!;
  for (let i = 1; i < yTrue.rows; i++) if (yTrue.data[i * yTrue.cols + j] !== first) return false;
  return true;
}

/** R² of output j: 1 − SS_res/SS_tot, SS_tot about the column's mean (two passes); a constant column scores 1 if SS_res = 0, else 0. */
function r2Column(yTrue: Matrix, yPred: Matrix, j: number): number {
  const mean = columnMean(yTrue, yPred, j, (t) => t);
  const ssRes = columnMean(yTrue, yPred, j, (t, p) => (t - p) * (t - p));
  const ssTot = columnMean(yTrue, yPred, j, (t) => (t - mean) * (t - mean));
  // Both sums are divided by N, which cancels in the ratio. A constant column is found by comparing its
  // labels, not by SS_tot = 0: the mean of [0.1, 0.1, 0.1] rounds to 0.10000000000000002 and SS_tot to 6e-34.
  if (constantColumn(yTrue, j)) return ssRes === 0 ? 1 : 0;
  // Squares that overflow (|y| near 1e154 and beyond) or underflow (deviations near 1e-154 and below,
  // where SS_tot rounds to subnormals or 0 though the labels differ) take the scaled path.
  const ratio = ssRes / ssTot;
  return 1 - (ssTot > 1e-280 && Number.isFinite(ratio) ? ratio : scaledRatio(yTrue, yPred, j));
}

/**
 * SS_res / SS_tot for a column whose squares overflow or underflow float64 (labels near ±1e308, or
 * differing by 1e-155): the same ratio from halved deviations divided by the largest one, so every
 * term is at most 1. It can still be Infinity, when the true ratio is past the largest float64.
 */
function scaledRatio(yTrue: Matrix, yPred: Matrix, j: number): number {
  const k = yTrue.cols;
  let mean = 0;
  for (let i = 0; i < yTrue.rows; i++) mean += yTrue.data[i * k + j]! / yTrue.rows;
  let s = 0;
  for (let i = 0; i < yTrue.rows; i++) {
    const t = yTrue.data[i * k + j]! / 2;
    s = Math.max(s, Math.abs(t - mean / 2), Math.abs(t - yPred.data[i * k + j]! / 2));
  }
  let res = 0;
  let tot = 0;
  for (let i = 0; i < yTrue.rows; i++) {
    const t = yTrue.data[i * k + j]! / 2;
    res += ((t - yPred.data[i * k + j]! / 2) / s) ** 2;
    tot += ((t - mean / 2) / s) ** 2;
  }
  return res / tot;
}

/**
 * Coefficient of determination, the uniform average over the K outputs of each output's R²:
 *
 *   r2 = (1/K) Σ_j (1 − SS_res_j / SS_tot_j),   SS_res_j = Σ_i (y_ij − ŷ_ij)²,   SS_tot_j = Σ_i (y_ij − ȳ_j)²
 *
 * with ȳ_j the mean of output j over the N rows. An output whose labels are all equal (so SS_tot_j = 0,
 * as with a single row) scores 1 if SS_res_j = 0, else 0. `yTrue` and `yPred` are both N×K. Follows
 * sklearn `r2_score(y_true, y_pred)` (multioutput='uniform_average', force_finite=True):
 * https://scikit-learn.org/stable/modules/generated/sklearn.metrics.r2_score.html
 *
 * @throws {ShapeError} if the shapes differ, e.g. `yPred is 4×2 but yTrue is 4×3`.
 * @throws {ValueError} if there are no rows or an entry is not finite (named). An R² below the most
 * negative float64 is −Infinity, as IEEE rounding gives it.
 *
 * @example
 * ```ts
 * r2(matrix([[1], [2], [3]]), matrix([[1], [2], [4]])); // 1 − 1/2 = 0.5
 * r2(matrix([[5], [5]]), matrix([[5], [6]]));           // 0: constant labels, SS_res > 0
 * ```
 */
export function r2<N extends number, K extends number>(yTrue: Matrix<N, K>, yPred: Matrix<N, K>): number {
  checkPair(yTrue, yPred);
  // R² has no lower bound: when SS_res / SS_tot passes the largest float64 (labels that differ by
  // 1e-155 and an error of 1), the correctly rounded value is −Infinity, and that is what is returned,
  // rather than an error from evaluate on ordinary finite data. It is never NaN: a constant column
  // never divides (see r2Column).
  let total = 0;
  for (let j = 0; j < yTrue.cols; j++) total += r2Column(yTrue, yPred, j);
  return total / yTrue.cols;
}
