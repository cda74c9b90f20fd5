import { ShapeError, ValueError } from './errors.js';
import type { Matrix } from './matrix.js';
import { checkFinite, describe, shapeText } from './validate.js';

/** The run-time twin of the compile-time chain check: W_{l+1} must take what W_l gives. */
export function checkChain(weights: readonly Matrix[]): void {
  if (weights.length === 0) throw new ShapeError('weights is empty: a network needs at least one layer');
  weights.forEach((w, l) => {
    checkFinite(w.data, w.cols, `weights[${l}]`);
    const prev = weights[l - 1];
    if (prev !== undefined && w.rows !== prev.cols) {
      throw new ShapeError(`weights[${l}] is ${shapeText(w.rows, w.cols)} but weights[${l - 1}] gives ${prev.cols} columns`);
    }
  });
}

/** X must be N×n_1 with finite entries. */
export function checkInputs(x: Matrix, inputs: number, field = 'X'): void {
  if (x.cols !== inputs) {
    throw new ShapeError(`${field} is ${shapeText(x.rows, x.cols)} but the network expects ${inputs} columns`);
  }
  checkFinite(x.data, x.cols, field);
}

/** Y must be exactly N×K (never broadcast), with finite labels in [0, 1]. */
export function checkLabels(y: Matrix, rows: number, outputs: number, field = 'Y'): void {
  const xField = field === 'Y' ? 'X' : field.replace(/Y$/, 'X');
  if (y.rows !== rows || y.cols !== outputs) {
    throw new ShapeError(
      `${field} is ${shapeText(y.rows, y.cols)} but ${xField} has ${rows} rows and the network has ${outputs} output${outputs === 1 ? '' : 's'}, so ${field} must be ${shapeText(rows, outputs)}`,
    );
  }
  checkFinite(y.data, y.cols, field);
  for (let i = 0; i < y.data.length; i++) {
    const v = y.data[i]!;
    if (v < 0 || v > 1) {
      throw new ValueError(`${field}[${Math.floor(i / y.cols)}][${i % y.cols}] is ${describe(v)}, but labels must lie in [0, 1]`);
    }
  }
}

/** A learning rate must be a finite number > 0. */
export function checkLearningRate(lr: unknown, field = 'lr'): asserts lr is number {
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    throw new ValueError(`${field} is ${describe(lr)}, but it must be a finite number > 0`);
  }
}

/** An epoch count must be a positive integer. */
export function checkEpochs(epochs: unknown, field = 'epochs'): asserts epochs is number {
  if (typeof epochs !== 'number' || !Number.isSafeInteger(epochs) || epochs < 1) {
    throw new ValueError(`${field} is ${describe(epochs)}, but it must be a positive integer`);
  }
}

/** Bias rows: one entry per layer, each null or a finite 1×n_{l+1} row. */
export function checkBiases(biases: readonly (Matrix | null)[], weights: readonly Matrix[]): void {
  if (biases.length !== weights.length) throw new ShapeError(`biases has ${biases.length} entries but there are ${weights.length} layers`);
  biases.forEach((b, l) => {
    if (b === null) return;
    if (b.rows !== 1 || b.cols !== weights[l]!.cols) {
      throw new ShapeError(`biases[${l}] is ${shapeText(b.rows, b.cols)} but weights[${l}] gives ${weights[l]!.cols} outputs, so it must be ${shapeText(1, weights[l]!.cols)}`);
    }
    checkFinite(b.data, b.cols, `biases[${l}]`);
  });
}

/** A batch size must be a positive integer (larger than N is allowed: one batch). */
export function checkBatchSize(batchSize: unknown, field = 'batchSize'): asserts batchSize is number {
  if (typeof batchSize !== 'number' || !Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new ValueError(`${field} is ${describe(batchSize)}, but it must be a positive integer`);
  }
}
