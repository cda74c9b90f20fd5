import { ShapeError, ValueError } from './errors.js';
import { activationRecord, HIDDEN_ACTIVATIONS } from './activations/index.js';
import { type Head, HEAD_NAMES, headOf, HEADS } from './heads/index.js';
import { checkMatrix, type Matrix } from './matrix.js';
import { checkFinite, count, describe, shapeText } from './validate.js';

/** The run-time twin of the compile-time chain check: W_{l+1} must take what W_l gives. */
export function checkChain(weights: readonly Matrix[]): void {
  if (weights.length === 0) throw new ShapeError('weights is empty: a network needs at least one layer');
  weights.forEach((w, l) => {
    checkFinite(w.data, w.cols, `weights[${l}]`);
    const prev = weights[l - 1];
    if (prev !== undefined && w.rows !== prev.cols) {
      throw new ShapeError(`weights[${l}] is ${shapeText(w.rows, w.cols)} but weights[${l - 1}] gives ${count(prev.cols, 'column')}`);
    }
  });
}

/** X must be N×n_1 with finite entries. */
export function checkInputs(x: Matrix, inputs: number, field = 'X'): void {
  checkInputShape(x, inputs, field);
  checkFinite(x.data, x.cols, field);
}

/** X must be an N×n_1 Matrix (its entries unchecked: inference checks them through Z_1, engine/infer.ts). */
export function checkInputShape(x: Matrix, inputs: number, field = 'X'): void {
  checkMatrix(x, field);
  if (x.cols !== inputs) {
    throw new ShapeError(`${field} is ${shapeText(x.rows, x.cols)} but the network expects ${count(inputs, 'column')}`);
  }
}

/**
 * Y must be exactly N×K (never broadcast), with finite labels the head takes: in [0, 1] for
 * sigmoid, rows on the simplex for softmax, any finite reals for linear.
 */
export function checkLabels(y: Matrix, rows: number, outputs: number, field = 'Y', head: Head = HEADS.sigmoid): void {
  const xField = field.replace(/Y$/, 'X'); // 'Y' → 'X', 'validation Y' → 'validation X'
  checkMatrix(y, field);
  if (y.rows !== rows || y.cols !== outputs) {
    throw new ShapeError(
      `${field} is ${shapeText(y.rows, y.cols)} but ${xField} has ${count(rows, 'row')} and the network has ${count(outputs, 'output')}, so ${field} must be ${shapeText(rows, outputs)}`,
    );
  }
  checkFinite(y.data, y.cols, field);
  head.checkLabels(y, field);
}

/**
 * One known activation per layer, hidden ones first and a head last (softmax with ≥ 2 outputs);
 * `outputSizes` is n_2 … n_{L+1}. Returns the head, resolved once.
 */
export function checkLayers(activations: readonly string[], outputSizes: readonly number[]): Head {
  const L = outputSizes.length;
  if (activations.length !== L) throw new ShapeError(`activations has ${count(activations.length, 'entry')} but there ${L === 1 ? 'is' : 'are'} ${count(L, 'layer')}`);
  activations.slice(0, L - 1).forEach((a, l) => {
    if (!activationRecord(a)) throw new ValueError(`activations[${l}] is ${describe(a)}, but a hidden layer takes ${quoted(HIDDEN_ACTIVATIONS)}`);
  });
  const head = headOf(activations[L - 1]);
  if (!head) throw new ValueError(`activations[${L - 1}] is ${describe(activations[L - 1])}, but the output takes ${quoted(HEAD_NAMES)}`);
  const outputs = outputSizes[L - 1]!;
  if (outputs < head.minOutputs) {
    throw new ShapeError(`a ${head.name} output needs at least ${count(head.minOutputs, 'output')}, but weights[${L - 1}] gives ${outputs}${head.name === 'softmax' ? ' (for one, use "sigmoid")' : ''}`);
  }
  return head;
}

function quoted(names: readonly string[]): string {
  return names.map((x) => `"${x}"`).join(', ');
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
  if (biases.length !== weights.length) throw new ShapeError(`biases has ${count(biases.length, 'entry')} but there ${weights.length === 1 ? 'is' : 'are'} ${count(weights.length, 'layer')}`);
  biases.forEach((b, l) => {
    if (b === null) return;
    if (b.rows !== 1 || b.cols !== weights[l]!.cols) {
      throw new ShapeError(`biases[${l}] is ${shapeText(b.rows, b.cols)} but weights[${l}] gives ${count(weights[l]!.cols, 'output')}, so it must be ${shapeText(1, weights[l]!.cols)}`);
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

/**
 * A seed must be an integer in [0, 2³²): mulberry32 takes 32 bits, and folding anything else into
 * them (0.25, NaN, 2³², "42") would silently give some other seed's stream.
 */
export function checkSeed(seed: unknown, field = 'seed'): asserts seed is number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ValueError(`${field} is ${describe(seed)}, but it must be an integer in [0, 4294967295]`);
  }
}
