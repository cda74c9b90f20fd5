import { ShapeError, ValueError } from './errors.js';
import { HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS } from './layers/kinds.js';
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

/** Y must be exactly N×K (never broadcast), with finite labels in [0, 1]; for softmax each row sums to 1. */
export function checkLabels(y: Matrix, rows: number, outputs: number, field = 'Y', output: 'sigmoid' | 'softmax' = 'sigmoid'): void {
  const xField = field.replace(/Y$/, 'X'); // 'Y' → 'X', 'validation Y' → 'validation X'
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
  if (output === 'softmax') {
    for (let i = 0; i < y.rows; i++) {
      let sum = 0;
      for (let j = 0; j < y.cols; j++) sum += y.data[i * y.cols + j]!;
      if (Math.abs(sum - 1) > 1e-9) throw new ValueError(`${field}[${i}] sums to ${sum}, but softmax labels must sum to 1 on every row (one-hot or probabilities)`);
    }
  }
}

/** One known activation per layer: hidden ones before, 'sigmoid' or 'softmax' (≥ 2 outputs) last. */
export function checkActivations(activations: readonly string[], weights: readonly Matrix[]): void {
  if (activations.length !== weights.length) {
    throw new ShapeError(`activations has ${activations.length} entries but there are ${weights.length} layers`);
  }
  activations.forEach((a, l) => {
    const last = l === weights.length - 1;
    const allowed: readonly string[] = last ? OUTPUT_ACTIVATIONS : HIDDEN_ACTIVATIONS;
    if (!allowed.includes(a)) {
      throw new ValueError(`activations[${l}] is ${describe(a)}, but ${last ? 'the output' : 'a hidden layer'} takes ${allowed.map((x) => `"${x}"`).join(', ')}`);
    }
  });
  if (activations[weights.length - 1] === 'softmax' && weights[weights.length - 1]!.cols < 2) {
    throw new ShapeError('a softmax output needs at least 2 outputs (for one, use "sigmoid")');
  }
}

/** A learning rate must be a finite number > 0. */
export function checkLearningRate(lr: unknown, field = 'lr'): asserts lr is number {
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    throw new ValueError(`${field} is ${describe(lr)}, but it must be a finite number > 0`);
  }
}

/** The most epochs one run can take: `train` returns one loss per epoch, and an array holds at most 2³² − 1. */
const MAX_EPOCHS = 2 ** 32 - 1;

/** An epoch count must be a positive integer, at most {@link MAX_EPOCHS}. */
export function checkEpochs(epochs: unknown, field = 'epochs'): asserts epochs is number {
  if (typeof epochs !== 'number' || !Number.isSafeInteger(epochs) || epochs < 1) {
    throw new ValueError(`${field} is ${describe(epochs)}, but it must be a positive integer`);
  }
  if (epochs > MAX_EPOCHS) {
    throw new ValueError(`${field} is ${describe(epochs)}, but it must be at most ${MAX_EPOCHS} (one loss is kept per epoch)`);
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
