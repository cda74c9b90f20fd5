import { mae, r2 } from '../metrics/regression.js';
import type { Head } from './head.js';

/**
 * Regression: Ŷ = Z_L with mean squared error:
 *
 *   per-sample loss  (1/K) Σ_k (ŷ − y)², as PyTorch `MSELoss()` and Keras `mse` average it
 *                    (https://pytorch.org/docs/stable/generated/torch.nn.MSELoss.html),  so J = (1/(N·K)) Σ (ŷ − y)², the mean over every entry
 *   δ_L              (2/K)·(Ŷ − Y)
 *   labels           any finite reals
 *   prediction       Ŷ itself; no accuracy: the running metric is the mean absolute error
 *
 * @example
 * ```ts
 * network(1).tanh(16).linear(1); // Network<[1, 16, 1], "linear">
 * ```
 */
export const linearHead = {
  name: 'linear',
  kind: 'regression',
  loss: 'mean squared error',
  minOutputs: 1,
  init: 'glorot',
  onnx: null,
  metric: 'mae',
  labels: 'labels must be finite numbers',
  forward(f, z, yhat, n, k) {
    const count = n * k;
    for (let i = 0; i < count; i++) f[yhat + i] = f[z + i]!; //               Ŷ = Z_L
  },
  rowLosses(f, _z, yhat, y, perRow, n, k) {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < k; j++) {
        const e = f[yhat + i * k + j]! - f[y + i * k + j]!;
        sum += e * e;
      }
      f[perRow + i] = sum / k; //                                          (1/K) Σ_k (ŷ − y)²
    }
  },
  delta(f, yhat, y, delta, n, k) {
    const count = n * k;
    const scale = 2 / k;
    for (let i = 0; i < count; i++) f[delta + i] = scale * (f[yhat + i]! - f[y + i]!); // δ_L = (2/K)·(Ŷ − Y)
  },
  metricSum(f, yhat, y, out, n, k) {
    const count = n * k;
    let sum = 0;
    for (let i = 0; i < count; i++) sum += Math.abs(f[yhat + i]! - f[y + i]!);
    f[out] = sum;
  },
  metricUnits: (n, k) => n * k,
  checkLabels() {
    // Any finite real: finiteness is checked with the shape, for every head.
  },
  predictions: (yhat) => yhat.clone(),
  scores: (yhat, _predictions, y) => ({ mae: mae(y, yhat), r2: r2(y, yhat) }),
} as const satisfies Head;
