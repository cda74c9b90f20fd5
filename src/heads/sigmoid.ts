import { sigmoidInto } from '../activations/sigmoid.js';
import { Matrix } from '../matrix.js';
import { checkProbabilities, type Head, residual } from './head.js';

/** The sigmoid head's class of an output or a label: 1 above 0.5, else 0 (exactly 0.5 gives 0). */
export function binaryClass(v: number): 0 | 1 {
  return v > 0.5 ? 1 : 0;
}

/**
 * The seed's head: Ŷ = σ(Z_L) with binary cross-entropy in its stable "with logits" form
 * (PyTorch `BCEWithLogitsLoss`, https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html):
 *
 *   per-sample loss  Σ_k y·softplus(−z) + (1−y)·softplus(z)      computed from Z_L, never log of a rounded Ŷ
 *   δ_L              Ŷ − Y                                       the seed's (Ŷ−Y)/(Ŷ(1−Ŷ))·σ'(Z_L), simplified
 *   labels           each in [0, 1]; K outputs are K independent binary labels
 *   prediction       1 if ŷ > 0.5 else 0 (exactly 0.5 gives 0)
 *   accuracy         over label entries: the prediction equals the label thresholded the same way
 *                    (y > 0.5 → 1, else 0), so soft labels 0.1 / 0.9 count as 0 / 1, as the
 *                    softmax head takes a soft label row's argmax
 *
 * @example
 * ```ts
 * network(9).relu(6).sigmoid(1); // Network<[9, 6, 1], "sigmoid">
 * ```
 */
export const sigmoidHead = {
  name: 'sigmoid',
  kind: 'classifier',
  loss: 'binary cross-entropy',
  minOutputs: 1,
  init: 'glorot',
  onnx: { op: 'Sigmoid' },
  metric: 'accuracy',
  labels: 'labels must lie in [0, 1]',
  forward(f, z, yhat, n, k) {
    sigmoidInto(f, z, yhat, n * k); //                                       Ŷ = σ(Z_L)
  },
  // The loop writes `bceWithLogits` out rather than call it: a float returned from a call V8 does
  // not inline is boxed, and a training step allocates nothing. Same operations, same order, so the
  // results are bit for bit that function's.
  rowLosses(f, z, _yhat, y, perRow, n, k) {
    for (let i = 0; i < n; i++) {
      let row = 0;
      for (let j = 0; j < k; j++) {
        const v = f[z + i * k + j]!; //                                     y·softplus(−z) + (1−y)·softplus(z)
        const t = f[y + i * k + j]!;
        const tail = Math.log1p(Math.exp(-Math.abs(v)));
        row += v >= 0 ? (1 - t) * v + tail : -t * v + tail;
      }
      f[perRow + i] = row;
    }
  },
  delta(f, yhat, y, delta, n, k) {
    residual(f, yhat, y, delta, n * k); //                                   δ_L = Ŷ − Y
  },
  metricSum(f, yhat, y, out, n, k) {
    const count = n * k;
    let hits = 0; //                                          the prediction's class equal to the label's, both thresholded
    for (let i = 0; i < count; i++) if (binaryClass(f[yhat + i]!) === binaryClass(f[y + i]!)) hits++;
    f[out] = hits;
  },
  metricUnits: (n, k) => n * k,
  checkLabels: checkProbabilities,
  predictions(yhat) {
    const out = new Matrix(yhat.rows, yhat.cols);
    for (let i = 0; i < yhat.data.length; i++) out.data[i] = binaryClass(yhat.data[i]!);
    return out;
  },
  scores(_yhat, predictions, y) {
    let hits = 0;
    for (let i = 0; i < y.data.length; i++) if (predictions.data[i] === binaryClass(y.data[i]!)) hits++;
    return { accuracy: hits / y.data.length }; //                       the fraction of label entries predicted right
  },
} as const satisfies Head;
