// The min-max scaler: each column mapped linearly onto [a, b] by its training min and max.
import { ValueError } from '../errors.js';
import { checkMatrix, type Matrix } from '../matrix.js';
import { checkFinite, checkKeys, describe, keysOf } from '../validate.js';
import { makeScaler, type MinMaxScaler } from './scaler.js';

/** Options of {@link minMaxScaler}. */
export interface MinMaxOptions {
  /** [a, b], the range the training data is mapped onto (default [0, 1]); finite, with a < b. */
  readonly range?: readonly [number, number];
}

const KEYS = keysOf<MinMaxOptions>()('range');

/**
 * Fits a min-max scaler on `xTrain` (N×C), as scikit-learn's `MinMaxScaler`
 * (https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.MinMaxScaler.html):
 * per column j, with dataMin_j and dataMax_j the column's smallest and largest training value and
 * [a, b] the range,
 *
 *   transform(x)_j        = a + (x_j − dataMin_j)·(b − a) / (dataMax_j − dataMin_j)
 *   inverseTransform(z)_j = dataMin_j + (z_j − a)·(dataMax_j − dataMin_j) / (b − a)
 *
 * so the training data spans exactly [a, b]; new data outside the training range maps outside it
 * (not clipped, as sklearn's default `clip=False`). A constant column (dataMax = dataMin) uses 1 for
 * the denominator, as sklearn, so its training value maps to a. Fit it on the training rows only.
 *
 * @throws {ShapeError} when xTrain is not a Matrix.
 * @throws {ValueError} a NaN or infinite entry, a range that is not two finite numbers a < b, an
 * unknown option, or a column whose span overflows float64.
 *
 * @example
 * ```ts
 * const scaler = minMaxScaler(xTrain, { range: [-1, 1] }); // MinMaxScaler<4> for a Matrix<…, 4>
 * const train = scaler.transform(xTrain);                   // each column spans [-1, 1]
 * const test = scaler.transform(xTest);                     // with the training min and max
 * ```
 */
export function minMaxScaler<C extends number>(xTrain: Matrix<number, C>, options?: MinMaxOptions): MinMaxScaler<C> {
  checkKeys(options, KEYS);
  const range = readRange(options?.range);
  checkMatrix(xTrain, 'xTrain');
  checkFinite(xTrain.data, xTrain.cols, 'xTrain');
  const { rows: n, cols: c, data } = xTrain;
  const dataMin: number[] = [];
  const dataMax: number[] = [];
  for (let j = 0; j < c; j++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = data[i * c + j]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!Number.isFinite(max - min)) throw new ValueError(`xTrain's column ${j} spans ${min} … ${max}, beyond float64; rescale it first`);
    dataMin.push(min);
    dataMax.push(max);
  }
  return makeScaler({ kind: 'minMax', range, dataMin, dataMax }) as MinMaxScaler<C>;
}

/** The range option, checked: [a, b] finite with a < b and b − a finite (default [0, 1]). */
export function readRange(range: unknown, field = 'range', error: new (message: string) => Error = ValueError): [number, number] {
  if (range === undefined) return [0, 1];
  const ok = Array.isArray(range) && range.length === 2 && range.every((v) => typeof v === 'number' && Number.isFinite(v)) && range[0] < range[1] && Number.isFinite(range[1] - range[0]);
  if (!ok) throw new error(`${field} is ${Array.isArray(range) ? `[${range.map(describe).join(', ')}]` : describe(range)}, but it must be [min, max]: two finite numbers with min < max`);
  return [range[0], range[1]];
}
