import type { Initializer, OnnxOp } from '../activations/activation.js';
import { ValueError } from '../errors.js';
import type { Matrix } from '../matrix.js';
import { describe } from '../validate.js';

/**
 * An output head: the output activation and the loss that belongs to it, as one unit. One file
 * each; register it in `index.ts`. A network resolves its head once, when it is made; the hot path
 * calls these functions and never compares names. `f` is the workspace memory, every other number
 * a float64 index into it (or a count); batches are n rows of k outputs, row-major.
 *
 *   forward   Ŷ = h(Z_L)
 *   loss      J = (1/N) Σ_rows perRow,  perRow the head's per-sample loss
 *   delta     δ_L = ∂(N·J)/∂Z_L, the seed's δ pattern (the 1/N is taken in ∂J/∂W_l = X_lᵀ·δ_l / N)
 */
export interface Head {
  /** The name in code, saved files and the CLI ('sigmoid', 'softmax', 'linear'). */
  readonly name: string;
  /** 'classifier' heads predict classes and have an accuracy; 'regression' heads predict Ŷ itself. */
  readonly kind: 'classifier' | 'regression';
  /** The loss, in words, for docs and plots. */
  readonly loss: string;
  /** The fewest outputs the head takes (softmax needs 2). */
  readonly minOutputs: number;
  /** The default initial weights of the output layer. */
  readonly init: Initializer;
  /** The ONNX operator applied to Z_L, or null for none. */
  readonly onnx: OnnxOp | null;
  /** The running metric of training and validation: 'accuracy' for classifiers, 'mae' for regression. */
  readonly metric: 'accuracy' | 'mae';
  /** What labels must be, in words, for error messages ("labels must lie in [0, 1]"). */
  readonly labels: string;

  forward(f: Float64Array, z: number, yhat: number, n: number, k: number): void;
  /** Each row's loss into perRow[0 … n−1]. Written, not returned: a training step allocates nothing. */
  rowLosses(f: Float64Array, z: number, yhat: number, y: number, perRow: number, n: number, k: number): void;
  delta(f: Float64Array, yhat: number, y: number, delta: number, n: number, k: number): void;
  /**
   * The batch's sum for the running metric, written to f[out]: right predictions (in the units
   * `metricUnits` counts) for a classifier, Σ|ŷ − y| for regression.
   */
  metricSum(f: Float64Array, yhat: number, y: number, out: number, n: number, k: number): void;
  /** What the metric sum is divided by: label entries, rows, or n·k. */
  metricUnits(n: number, k: number): number;
  /** Throws a ValueError naming the first label (in `field`) this head cannot take. Shapes are checked before. */
  checkLabels(y: Matrix, field: string): void;
  /** The predictions for Ŷ: classes for a classifier, Ŷ itself for regression. */
  predictions(yhat: Matrix): Matrix;
  /** What `evaluate` reports besides the loss: { accuracy } for a classifier, { mae, r2 } for regression. */
  scores(yhat: Matrix, predictions: Matrix, y: Matrix): Readonly<Record<string, number>>;
}

/**
 * δ_L = Ŷ − Y, elementwise over `count` entries: what a cross-entropy paired with its own output
 * activation (sigmoid + binary, softmax + categorical) collapses to. Labels are N×K like Ŷ, never broadcast.
 */
export function residual(f: Float64Array, yhat: number, y: number, delta: number, count: number): void {
  for (let i = 0; i < count; i++) f[delta + i] = f[yhat + i]! - f[y + i]!;
}

/** Throws a ValueError naming the first label outside [0, 1], the range of a probability. */
export function checkProbabilities(y: Matrix, field: string): void {
  for (let i = 0; i < y.data.length; i++) {
    const v = y.data[i]!;
    if (v < 0 || v > 1) throw new ValueError(`${field}[${Math.floor(i / y.cols)}][${i % y.cols}] is ${describe(v)}, but labels must lie in [0, 1]`);
  }
}
