// The standard scaler: zero mean and unit variance per column, fitted on training data.
import { ValueError } from '../errors.js';
import { checkMatrix, type Matrix } from '../matrix.js';
import { checkFinite } from '../validate.js';
import { makeScaler, type StandardScaler } from './scaler.js';

/**
 * Fits a standard scaler on `xTrain` (N×C), as scikit-learn's `StandardScaler`
 * (https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.StandardScaler.html):
 * per column j, over the N rows,
 *
 *   mean_j  = (1/N) Σ_i x_ij
 *   scale_j = √((1/N) Σ_i (x_ij − mean_j)²)   the population standard deviation (ddof = 0), as sklearn
 *   scale_j = 1                               for a constant column (all values equal), whose mean is that value
 *
 * and `transform(x)` is (x − mean) / scale per column, `inverseTransform(z)` is z·scale + mean.
 * Fit it on the training rows only and apply it to the test rows and to new data, so that nothing
 * about them leaks into training; save it with the model (`saveNetwork(net, { inputScaler })`).
 *
 * @throws {ShapeError} when xTrain is not a Matrix.
 * @throws {ValueError} a NaN or infinite entry (named by row and column), or a column whose mean or
 * standard deviation overflows float64.
 *
 * @example
 * ```ts
 * const { xTrain, xTest } = trainTestSplit(X, Y, { testFraction: 0.2, seed: 1 });
 * const scaler = standardScaler(xTrain);  // StandardScaler<5> for a Matrix<…, 5>
 * const train = scaler.transform(xTrain); // each column: mean 0, standard deviation 1
 * const test = scaler.transform(xTest);   // the training statistics, applied to the test rows
 * ```
 */
export function standardScaler<C extends number>(xTrain: Matrix<number, C>): StandardScaler<C> {
  checkMatrix(xTrain, 'xTrain');
  checkFinite(xTrain.data, xTrain.cols, 'xTrain');
  const { rows: n, cols: c, data } = xTrain;
  const mean: number[] = [];
  const scale: number[] = [];
  for (let j = 0; j < c; j++) {
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = data[i * c + j]!;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min === max) {
      mean.push(min);
      scale.push(1);
      continue;
    }
    const m = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (data[i * c + j]! - m) ** 2;
    const sd = Math.sqrt(squares / n);
    if (!Number.isFinite(m) || !Number.isFinite(sd)) throw new ValueError(`xTrain's column ${j} has a ${Number.isFinite(m) ? 'standard deviation' : 'mean'} beyond float64 (values from ${min} to ${max}); rescale it first`);
    mean.push(m);
    scale.push(sd > 0 ? sd : 1);
  }
  return makeScaler({ kind: 'standard', mean, scale }) as StandardScaler<C>;
}
