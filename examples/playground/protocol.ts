// The messages between the page (main.ts) and the module Worker (worker.ts) that owns the network.
// The page sends commands; the worker answers with the data set, snapshots while it trains, and on
// request the derivation's matrices, a gradient check or an export.
import type { DatasetName, Points } from './data.js';

export const ACTIVATIONS = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear', 'softsign'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface Config {
  readonly dataset: DatasetName;
  /** TensorFlow Playground's noise / 100: 0 … 0.5. */
  readonly noise: number;
  /** The share of the points that train (the rest test): 0.1 … 0.9. */
  readonly trainRatio: number;
  /** Seeds the data, the split and the initial weights. */
  readonly seed: number;
  /** Hidden layer sizes, input side first. */
  readonly hidden: readonly number[];
  readonly activation: ActivationName;
  readonly lr: number;
  readonly batchSize: number;
  readonly optimizer: OptimizerName;
  readonly weightDecay: number;
  /** Epochs per second (paced in slices of ~33 ms); 0: as fast as it goes (as many as fit in the worker's time slice). */
  readonly speed: number;
}

/** Whose matrices the derivation panel shows: one row of a set, or the batch the next step takes. */
export type Target = { readonly kind: 'row'; readonly set: 'train' | 'test'; readonly index: number } | { readonly kind: 'batch' };

export type ExportFormat = 'ts' | 'json' | 'onnx';

export type ToWorker =
  | { readonly type: 'config'; readonly config: Config }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'step'; readonly unit: 'epoch' | 'batch' }
  | { readonly type: 'reset' }
  | { readonly type: 'derive'; readonly id: number; readonly target: Target }
  | { readonly type: 'gradcheck'; readonly id: number; readonly target: Target }
  | { readonly type: 'export'; readonly id: number; readonly format: ExportFormat };

/** What the page posts: a command and its number (they count up), so that a snapshot can say which it has seen. */
export type Envelope = ToWorker & { readonly seq: number };

/** A matrix as plain data (row-major). */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: number[];
}

/** The grid the worker evaluates the network on, for the picture. */
export interface GridSpec {
  /** Cells per side of the output picture (classification), or points of the curve (regression). */
  readonly resolution: number;
  /** Cells per side of each unit's thumbnail in the diagram (classification only). */
  readonly thumb: number;
  /** Both axes run over [-extent, extent]. */
  readonly extent: number;
}

export interface DataMessage {
  readonly type: 'data';
  readonly generation: number;
  readonly dataset: DatasetName;
  readonly task: 'classification' | 'regression';
  readonly train: Points;
  readonly test: Points;
  readonly sizes: number[];
  readonly activations: string[];
  readonly head: 'sigmoid' | 'linear';
  /** The network's type as the editor shows it: Network<[2, 4, 1], "sigmoid">. */
  readonly typeName: string;
  readonly grid: GridSpec;
}

export interface Snapshot {
  readonly type: 'snapshot';
  readonly generation: number;
  /** The number of the last command the worker had handled when it took the snapshot. */
  readonly seq: number;
  readonly playing: boolean;
  /** Epochs completed. */
  readonly epoch: number;
  /** Updates made. */
  readonly steps: number;
  /** The batch the next step takes, within its epoch (0-based), and how many an epoch has. */
  readonly batch: number;
  readonly batchesPerEpoch: number;
  readonly batchSize: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  /** Accuracy (classification) or R² (regression). */
  readonly trainMetric: number;
  readonly testMetric: number;
  /** Loss-curve points added since the previous snapshot. */
  readonly history: { readonly epoch: number[]; readonly train: number[]; readonly test: number[] };
  /** Ŷ over the grid: resolution² values, row by row from the top (classification), or resolution values left to right (regression). */
  readonly output: Float64Array;
  /** Each hidden unit's activation over the thumbnail grid, layer by layer, unit by unit (thumb² each). */
  readonly units: Float32Array;
  readonly weights: Mat[];
  readonly biases: (Mat | null)[];
  /** "diverged at epoch 12: the loss became Infinity" while the last training step failed; null otherwise. */
  readonly diverged: string | null;
}

export interface Derivation {
  readonly type: 'derivation';
  readonly id: number;
  readonly target: Target;
  /** What the rows are, in words. */
  readonly caption: string;
  /** The rows of the set they come from (0-based), in order. */
  readonly rows: number[];
  readonly sizes: number[];
  readonly activations: string[];
  readonly head: 'sigmoid' | 'linear';
  readonly optimizer: string;
  readonly typeName: string;
  readonly X: Mat;
  readonly Y: Mat;
  readonly weights: Mat[];
  readonly biases: (Mat | null)[];
  readonly Xs: Mat[];
  readonly Zs: Mat[];
  readonly Yhat: Mat;
  readonly deltas: Mat[];
  readonly grads: Mat[];
  readonly biasGrads: (Mat | null)[];
  readonly loss: number;
  readonly perSampleLoss: number[];
}

export interface GradCheckResult {
  readonly type: 'gradcheck';
  readonly id: number;
  readonly caption: string;
  readonly eps: number;
  readonly maxAbsErr: number;
  readonly maxRelErr: number;
  readonly worst: { readonly layer: number; readonly kind: 'weight' | 'bias'; readonly index: [number, number]; readonly analytic: number; readonly numeric: number };
  /** The largest |∂J/∂θ| over every weight and bias (the analytic gradient). */
  readonly maxGrad: number;
  /** The relative error's denominator is at least this: below it, the relative error is |error| / floor. */
  readonly floor: number;
}

export interface ExportResult {
  readonly type: 'export';
  readonly id: number;
  readonly format: ExportFormat;
  readonly filename: string;
  /** The TypeScript or JSON text. */
  readonly text?: string;
  /** The ONNX model. */
  readonly bytes?: Uint8Array;
}

export type FromWorker =
  | { readonly type: 'ready'; readonly backend: string; readonly fallback: string | null }
  | DataMessage
  | Snapshot
  | Derivation
  | GradCheckResult
  | ExportResult
  | StatusMessage;

/** What a status is about: training (a divergence), or the request of that type whose id it carries. */
export type Topic = 'train' | 'config' | 'derive' | 'gradcheck' | 'export';

export interface StatusMessage {
  readonly type: 'status';
  readonly level: 'info' | 'error';
  readonly message: string;
  readonly topic: Topic;
  /** The request it answers (derive, gradcheck, export), if any. */
  readonly id?: number;
  /** True when the worker stopped training (the page then shows Play). */
  readonly stopped?: boolean;
}
