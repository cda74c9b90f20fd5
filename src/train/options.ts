import type { InputSize, OutputSize, RowsCheck, SeedCheck } from '../../types/index.js';
import { checkBatchSize, checkLearningRate, checkSeed } from '../checks.js';
import { ValueError } from '../errors.js';
import type { Matrix } from '../matrix.js';
import type { OptimizerSpec } from '../optimizers/index.js';
import { count, describe, keysOf } from '../validate.js';
import type { EarlyStopping } from './early-stopping.js';
import type { ProgressOptions } from './progress.js';
import type { LrSchedule } from './schedule.js';

/** Options of {@link Network.train} (full-batch gradient descent). */
export interface TrainOptions {
  /** Learning rate, a finite number > 0. */
  readonly lr: number;
  /** Number of full-batch SGD steps, a positive integer. */
  readonly epochs: number;
  /** λ ≥ 0: L2 weight decay on the weights, never the biases: the gradient used is ∂J/∂W + λ·W (default 0). */
  readonly weightDecay?: number;
}

/** What {@link Network.train} returns. */
export interface TrainResult {
  /** losses[k] is the loss BEFORE update k; losses[0] is the initial loss. */
  readonly losses: number[];
  /** The loss after the last update. */
  readonly finalLoss: number;
}

/**
 * The options of {@link Network.trainer}: everything that shapes one update. See {@link FitOptions}
 * for each; `fit` takes these plus epochs, validation, early stopping and reporting.
 */
export interface TrainerOptions {
  /** Learning rate, a finite number > 0 (lr0 when there is a schedule). */
  readonly lr: number;
  /** Rows per step; omitted means the whole data set (full batch). Larger than N means one batch, as in Keras. */
  readonly batchSize?: number;
  /** Reshuffle the rows before every epoch, from a seeded mulberry32 stream (default false). */
  readonly shuffle?: boolean;
  /**
   * Seed of the shuffle and of dropout's masks, an integer in [0, 2³²) (default 1): the same seed gives
   * bit-identical weights on the same engine and version with the same kernels (across engines,
   * Math.exp and Math.log1p may round differently; see the README, "Where bit-identical holds").
   */
  readonly seed?: number;
  /** The update rule: 'sgd' (default), 'momentum' or 'adam', or an object with its options (see OptimizerSpec). */
  readonly optimizer?: OptimizerSpec;
  /**
   * λ ≥ 0: L2 weight decay on the weights, never the biases (default 0). Coupled for sgd and
   * momentum (the gradient used is ∂J/∂W + λ·W, PyTorch `SGD(weight_decay)`), decoupled for adam
   * (W ← W − lr·λ·W before the step, PyTorch `AdamW`). The reported loss is the data loss alone.
   */
  readonly weightDecay?: number;
  /**
   * Dropout on the hidden layers' outputs during training: one drop probability p ∈ [0, 1) for
   * every hidden layer, or one per hidden layer. Inverted (kept units are scaled by 1/(1 − p));
   * predict, evaluate and validation never drop; p = 0 is exactly no dropout (PyTorch `nn.Dropout`).
   */
  readonly dropout?: number | readonly number[];
  /** Clip the gradient to this global L2 norm c > 0 when it is larger (PyTorch `clip_grad_norm_`), before weight decay. */
  readonly clipNorm?: number;
  /** A learning-rate schedule over epochs (see LrSchedule); without one, lr is constant. */
  readonly lrSchedule?: LrSchedule;
}

/** What `onEpochEnd` receives after each epoch of {@link Network.fit}: the entries of that epoch in the history. */
export interface EpochLogs {
  readonly loss: number;
  /** Classifier heads: the fraction predicted right. */
  readonly accuracy?: number;
  /** Regression heads: the mean absolute error. */
  readonly mae?: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly valMae?: number;
  /** The learning rate of the epoch. */
  readonly lr: number;
}

/** The `seed` option typed so that a literal seed that is not a non-negative integer is a compile error. */
export type SeedOption<Seed extends number> = { readonly seed?: Seed & SeedCheck<Seed> };

/** Options of {@link Network.fit} (mini-batch training). */
export interface FitOptions<S extends readonly number[] = readonly number[], VN extends number = number, VYN extends number = number> extends TrainerOptions {
  /** Passes over the data, a positive integer. */
  readonly epochs: number;
  /**
   * Data to measure loss and the head's metric on after every epoch (never trained on): [X, Y], of
   * the same row count VN (when both are literal, another is a compile error).
   */
  readonly validation?: readonly [x: Matrix<VN, InputSize<S>>, y: Matrix<VYN, OutputSize<S>> & RowsCheck<'validation Y', VYN, VN, 'validation X'>];
  /** Stop when a monitored value stops improving (see EarlyStopping). */
  readonly earlyStopping?: EarlyStopping;
  /** Called with a warning worth acting on (a ReLU layer whose units all died); without it, the console is told. */
  readonly onWarning?: (message: string) => void;
  /** Called after every epoch with its logs (the network's weights are up to date then); return false to stop. */
  readonly onEpochEnd?: (epoch: number, logs: EpochLogs) => boolean | void;
  /**
   * Show progress: true for process.stderr (a redrawn bar on a terminal, a plain line every tenth of
   * the epochs when piped, nothing under CI), or options with another stream.
   */
  readonly progress?: boolean | ProgressOptions;
}

/** The checked settings of one trainer. */
export interface TrainerSettings {
  readonly lr: number;
  readonly lrSchedule: LrSchedule | undefined;
  readonly batchSize: number;
  /** Reshuffle before every epoch, from `seed`. */
  readonly shuffle: boolean;
  /** The seed of the shuffle and of dropout's masks. */
  readonly seed: number;
  readonly optimizer: OptimizerSpec | undefined;
  readonly weightDecay: number;
  readonly clipNorm: number;
  /** One drop probability per hidden layer, or undefined when no layer drops. */
  readonly dropout: readonly number[] | undefined;
  /**
   * For a trainer that works on a copy of the parameters (see Network.trainer): write it back to the
   * network after every step (trainer()), or once at the end and before each onEpochEnd (fit, train).
   */
  readonly syncEachStep: boolean;
}

/** The keys each training call knows, checked complete against its options type at compile time. */
export const TRAIN_KEYS = keysOf<TrainOptions>()('lr', 'epochs', 'weightDecay');
export const TRAINER_KEYS = keysOf<TrainerOptions>()('lr', 'batchSize', 'shuffle', 'seed', 'optimizer', 'weightDecay', 'dropout', 'clipNorm', 'lrSchedule');
export const FIT_KEYS = keysOf<FitOptions>()(...TRAINER_KEYS, 'epochs', 'validation', 'earlyStopping', 'onEpochEnd', 'onWarning', 'progress');

/** Checks the options that shape updates (ValueError naming the first bad one) and fills in the defaults. */
export function trainerSettings(options: TrainerOptions, rows: number, hiddenLayers: number, syncEachStep: boolean): TrainerSettings {
  checkLearningRate(options.lr);
  if (options.batchSize !== undefined) checkBatchSize(options.batchSize);
  const seed = options.seed ?? 1;
  checkSeed(seed);
  if (options.seed !== undefined && !options.shuffle && options.dropout === undefined) {
    throw new ValueError(`seed is ${options.seed}, but it has no effect here: it seeds the shuffle and dropout's masks, and neither is on (set shuffle: true, or dropout)`);
  }
  return {
    lr: options.lr,
    lrSchedule: options.lrSchedule,
    batchSize: Math.min(options.batchSize ?? rows, rows),
    shuffle: Boolean(options.shuffle),
    seed,
    optimizer: options.optimizer,
    weightDecay: readWeightDecay(options.weightDecay),
    clipNorm: readClipNorm(options.clipNorm),
    dropout: readDropout(options.dropout, hiddenLayers),
    syncEachStep,
  };
}

/** λ: a finite number ≥ 0 (default 0). */
export function readWeightDecay(value: unknown, field = 'weightDecay'): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ValueError(`${field} is ${describe(value)}, but it must be a finite number ≥ 0`);
  return value;
}

function readClipNorm(value: unknown): number {
  if (value === undefined) return Infinity;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new ValueError(`clipNorm is ${describe(value)}, but it must be a finite number > 0`);
  return value;
}

function readDropout(value: unknown, hiddenLayers: number): readonly number[] | undefined {
  if (value === undefined) return undefined;
  const rates = Array.isArray(value) ? value : Array.from({ length: hiddenLayers }, () => value);
  if (Array.isArray(value) && value.length !== hiddenLayers) {
    throw new ValueError(`dropout has ${count(value.length, 'entry')} but the network has ${hiddenLayers} hidden layer${hiddenLayers === 1 ? '' : 's'} (give one rate, or one per hidden layer)`);
  }
  rates.forEach((p: unknown, l) => {
    const field = Array.isArray(value) ? `dropout[${l}]` : 'dropout';
    if (typeof p !== 'number' || !(p >= 0 && p < 1)) throw new ValueError(`${field} is ${describe(p)}, but a drop probability must be in [0, 1)`);
  });
  if (typeof value === 'number' && hiddenLayers === 0 && value > 0) throw new ValueError(`dropout is ${value}, but the network has no hidden layer to drop units from`);
  return rates.some((p) => p > 0) ? (rates as number[]) : undefined;
}
