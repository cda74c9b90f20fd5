import { ValueError } from '../errors.js';
import { Matrix } from '../matrix.js';
import { describe } from '../validate.js';
import { checkProbabilities, type Head, residual } from './head.js';

/**
 * Softmax over K ≥ 2 classes with categorical cross-entropy, stable through log-sum-exp (PyTorch
 * `CrossEntropyLoss` with probability targets, https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html):
 *
 *   Ŷ                ŷ_k = e^{z_k − m} / Σ_j e^{z_j − m},  m = max_j z_j       (no overflow for any z)
 *   per-sample loss  −Σ_k y_k·log ŷ_k = Σ_k y_k·(lse − z_k),  lse = m + log Σ_j e^{z_j − m}
 *   δ_L              Ŷ − Y  (each label row sums to 1)
 *   labels           rows on the simplex: entries in [0, 1] summing to 1 (one-hot or probabilities)
 *   prediction       one-hot at the largest ŷ (the first on ties); accuracy over rows
 *
 * @example
 * ```ts
 * network(4).relu(8).softmax(3); // Network<[4, 8, 3], "softmax">
 * ```
 */
export const softmaxHead = {
  name: 'softmax',
  kind: 'classifier',
  loss: 'categorical cross-entropy',
  minOutputs: 2,
  init: 'glorot',
  onnx: { op: 'Softmax', attributes: [{ name: 'axis', int: -1 }] },
  metric: 'accuracy',
  labels: 'labels must be rows of numbers in [0, 1] that sum to 1',
  forward(f, z, yhat, n, k) {
    for (let i = 0; i < n; i++) {
      const row = z + i * k;
      const out = yhat + i * k;
      let m = -Infinity;
      for (let j = 0; j < k; j++) m = Math.max(m, f[row + j]!);
      let sum = 0;
      for (let j = 0; j < k; j++) {
        const e = Math.exp(f[row + j]! - m);
        f[out + j] = e;
        sum += e;
      }
      for (let j = 0; j < k; j++) f[out + j] = f[out + j]! / sum;
    }
  },
  rowLosses(f, z, _yhat, y, perRow, n, k) {
    for (let i = 0; i < n; i++) {
      const row = z + i * k;
      let m = -Infinity;
      for (let j = 0; j < k; j++) m = Math.max(m, f[row + j]!);
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.exp(f[row + j]! - m);
      const lse = m + Math.log(sum);
      let loss = 0;
      for (let j = 0; j < k; j++) {
        const yj = f[y + i * k + j]!;
        if (yj !== 0) loss += yj * (lse - f[row + j]!);
      }
      f[perRow + i] = loss;
    }
  },
  delta(f, yhat, y, delta, n, k) {
    residual(f, yhat, y, delta, n * k); //                                   δ_L = Ŷ − Y
  },
  metricSum(f, yhat, y, out, n, k) {
    let hits = 0;
    for (let i = 0; i < n; i++) if (argmaxRow(f, yhat + i * k, k) === argmaxRow(f, y + i * k, k)) hits++;
    f[out] = hits;
  },
  metricUnits: (n) => n,
  checkLabels(y, field) {
    checkProbabilities(y, field);
    for (let i = 0; i < y.rows; i++) {
      let sum = 0;
      for (let j = 0; j < y.cols; j++) sum += y.data[i * y.cols + j]!;
      if (Math.abs(sum - 1) > 1e-9) throw new ValueError(`${field}[${i}] sums to ${sum}, but softmax labels must sum to 1 on every row (one-hot or probabilities)`);
    }
  },
  predictions(yhat) {
    const out = new Matrix(yhat.rows, yhat.cols);
    for (let i = 0; i < yhat.rows; i++) out.data[i * yhat.cols + argmaxRow(yhat.data, i * yhat.cols, yhat.cols)] = 1;
    return out;
  },
  scores(_yhat, predictions, y) {
    let rows = 0;
    for (let i = 0; i < y.rows; i++) if (predictions.data[i * y.cols + argmaxRow(y.data, i * y.cols, y.cols)] === 1) rows++;
    return { accuracy: rows / y.rows }; //                              the fraction of rows whose class is the label's
  },
} as const satisfies Head;

/** The index of the largest entry of a row (the first on ties). */
export function argmaxRow(data: ArrayLike<number>, start: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (data[start + j]! > data[start + best]!) best = j;
  return best;
}
