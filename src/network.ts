import type { ChainCheck, ColumnsCheck, InputSize, LabelsCheck, Mutable, OutputSize, SizesOf } from '../types/index.js';
import { backward, checkLogits, forward, loss } from './backprop.js';
import { checkActivations, checkBatchSize, checkBiases, checkChain, checkEpochs, checkInputs, checkLabels, checkLearningRate } from './checks.js';
import { Workspace } from './engine/workspace.js';
import { ShapeError, ValueError } from './errors.js';
import { gradcheck, type GradCheck } from './gradcheck.js';
import { kernelBackend } from './kernels/select.js';
import { Matrix } from './matrix.js';
import { accuracyOf, predictionsOf } from './metrics.js';
import { checkFinite, readRows } from './validate.js';
import type { BiasesOf, Evaluation, PerLayer, WeightsOf } from './network-types.js';
import type { OptimizerSpec } from './train/optimizers.js';
import { createProgress, type ProgressOptions } from './train/progress.js';
import { Trainer } from './train/trainer.js';
import { type Activation, defaultActivations } from './layers/kinds.js';


/** A batch X that fits a network with sizes S. */
type Batch<S extends readonly number[], N extends number, C extends number> = Matrix<N, C> & ColumnsCheck<'X', C, InputSize<S>>;
/** Labels Y for a batch of N rows of a network with sizes S. */
type Labels<S extends readonly number[], N extends number, YN extends number, YK extends number> = Matrix<YN, YK> &
  LabelsCheck<YN, YK, N, OutputSize<S>>;

/** Options of {@link Network.train} (full-batch gradient descent). */
export interface TrainOptions {
  /** Learning rate, a finite number > 0. */
  readonly lr: number;
  /** Number of full-batch SGD steps, a positive integer. */
  readonly epochs: number;
}

/** What {@link Network.train} returns. */
export interface TrainResult {
  /** losses[k] is the loss BEFORE update k; losses[0] is the initial loss. */
  readonly losses: number[];
  /** The loss after the last update. */
  readonly finalLoss: number;
}

/** What `onEpochEnd` receives after each epoch of {@link Network.fit}. */
export interface EpochLogs {
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
}

/** Options of {@link Network.fit} and {@link Network.trainer} (mini-batch SGD). */
export interface FitOptions<S extends readonly number[] = readonly number[]> {
  /** Learning rate, a finite number > 0. */
  readonly lr: number;
  /** Passes over the data (fit only), a positive integer. */
  readonly epochs: number;
  /** Rows per step; omitted means the whole data set (full batch). Larger than N means one batch, as in Keras. */
  readonly batchSize?: number;
  /** Reshuffle the rows before every epoch, from a seeded mulberry32 stream (default false). */
  readonly shuffle?: boolean;
  /** Seed of the shuffle (default 1): the same seed gives bit-identical weights. */
  readonly seed?: number;
  /** The update rule: 'sgd' (default), 'momentum' or 'adam', or an object with its options (see OptimizerSpec). */
  readonly optimizer?: OptimizerSpec;
  /** Data to measure loss and accuracy on after every epoch (never trained on): [X, Y]. */
  readonly validation?: readonly [x: Matrix<number, InputSize<S>>, y: Matrix<number, OutputSize<S>>];
  /** Called after every epoch with its logs (the network's weights are up to date then); return false to stop. */
  readonly onEpochEnd?: (epoch: number, logs: EpochLogs) => boolean | void;
  /**
   * Show progress: true for process.stderr (a redrawn bar on a terminal, a plain line every tenth of
   * the epochs when piped, nothing under CI), or options with another stream.
   */
  readonly progress?: boolean | ProgressOptions;
}

/** What {@link Network.fit} returns: one entry per epoch run. */
export interface FitHistory {
  /** loss[e]: the mean over epoch e's rows of the loss of each row's batch, before that batch's update. */
  readonly loss: number[];
  /** accuracy[e]: the fraction of label entries predicted right, counted the same way. */
  readonly accuracy: number[];
  /** With `validation`: the loss and accuracy of the validation data after epoch e. */
  readonly valLoss?: number[];
  readonly valAccuracy?: number[];
}

/**
 * A feed-forward network: ReLU hidden layers, a sigmoid output, binary cross-entropy. Its type
 * carries its layer sizes, so the editor shows `Network<[9, 6, 6, 1]>` and the compiler checks
 * every batch and label matrix handed to it. Make one with {@link fromWeights} or {@link network}.
 *
 * @example
 * ```ts
 * const net = fromWeights([matrix([[0.1, 0.6, 0.3], [0.1, -0.2, 0.4]]), matrix([[-0.2], [1.1], [1.3]])]);
 * //    ^? Network<[2, 3, 1]>
 * const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
 * const Y = column([0, 1, 1, 0]);
 * const { losses } = net.train(X, Y, { lr: 1, epochs: 1000 });
 * net.predict(X); // Matrix<4, 1> of 0s and 1s
 * ```
 */
export class Network<S extends readonly number[]> {
  /** The layer sizes n_1 … n_{L+1}. */
  readonly sizes: S;
  /** W_1 … W_L, owned by the network (training updates them in place). */
  readonly weights: WeightsOf<S>;
  /** b_1 … b_L as 1×n_{l+1} rows, or null for a layer without bias (the seed's layers have none). */
  readonly biases: BiasesOf<S>;
  /** Bumped whenever training writes the parameters (lets a Trainer notice changes made elsewhere). */
  private readonly state = { version: 0 };
  private readonly layerActivations: readonly Activation[];
  private ws: Workspace | undefined;

  /**
   * Wraps weight matrices and optional bias rows (not copied) after checking at run time that they
   * chain. Prefer {@link fromWeights}, which also checks the chain at compile time.
   */
  constructor(weights: WeightsOf<S>, biases?: readonly (Matrix | null)[], activations?: readonly Activation[]) {
    const Ws = weights as readonly Matrix[];
    checkChain(Ws);
    this.layerActivations = [...(activations ?? defaultActivations(Ws.length))];
    checkActivations(this.layerActivations, Ws);
    this.weights = weights;
    this.sizes = [Ws[0]!.rows, ...Ws.map((w) => w.cols)] as unknown as S;
    const bs = biases ?? Ws.map(() => null);
    checkBiases(bs, Ws);
    this.biases = [...bs] as unknown as BiasesOf<S>;
  }

  /** The number of weight layers L. */
  get depth(): number {
    return this.sizes.length - 1;
  }

  /** Each layer's activation, W_1's first (the seed's: ReLU on the hidden layers, sigmoid on the output). */
  get activations(): readonly Activation[] {
    return this.layerActivations;
  }

  /** The output activation: 'sigmoid' (binary cross-entropy) or 'softmax' (categorical cross-entropy). */
  get output(): 'sigmoid' | 'softmax' {
    return this.layerActivations[this.depth - 1] as 'sigmoid' | 'softmax';
  }

  /**
   * Ŷ for a batch of any number of rows: `Matrix<N, 9>` in, `Matrix<N, 1>` out.
   *
   * @example
   * ```ts
   * const yhat = net.forward(matrix([[0, 1]])); // Matrix<1, 1>
   * ```
   */
  forward<N extends number, C extends number>(x: Batch<S, N, C>): Matrix<N, OutputSize<S>> {
    checkInputs(x, this.sizes[0]!);
    const ws = this.workspace(x.rows, x);
    forward(ws, x.rows);
    checkLogits(ws, x.rows);
    return new Matrix(x.rows, this.outputs, ws.read(ws.Yhat, x.rows * this.outputs)) as Matrix<N, OutputSize<S>>;
  }

  /**
   * Class predictions for a batch: 1 where Ŷ > 0.5, else 0.
   *
   * @example
   * ```ts
   * net.predict(X).toArray(); // [[0], [1], [1], [1]] for the class example's net, untrained
   * ```
   */
  predict<N extends number, C extends number>(x: Batch<S, N, C>): Matrix<N, OutputSize<S>> {
    return predictionsOf(this.forward(x), this.output);
  }

  /**
   * The mean binary cross-entropy J of a labelled batch.
   *
   * @example
   * ```ts
   * net.loss(X, Y);              // 0.7553452193764344 for the class example's net, untrained
   * net.loss(X, column([0, 1])); // compile error: "Y has 2 rows but X has 4"
   * ```
   */
  loss<N extends number, C extends number, YN extends number, YK extends number>(x: Batch<S, N, C>, y: Labels<S, N, YN, YK>): number {
    this.checkBatch(x, y);
    const ws = this.workspace(x.rows, x, y);
    forward(ws, x.rows);
    checkLogits(ws, x.rows);
    loss(ws, x.rows);
    return ws.loss;
  }

  /**
   * ∂J/∂W_1 … ∂J/∂W_L for a labelled batch, as a typed tuple shaped like the weights.
   *
   * @example
   * ```ts
   * const [g1, g2] = net.gradients(X, Y); // [Matrix<2, 3>, Matrix<3, 1>]
   * ```
   */
  gradients<N extends number, C extends number, YN extends number, YK extends number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
  ): WeightsOf<S> {
    return this.evaluate(x, y).grads;
  }

  /**
   * One forward and backward pass with everything it computes: Zs, Ŷ, predictions, the loss and
   * per-row losses, accuracy, δs and gradients (what `typed-mlp eval` prints).
   *
   * @example
   * ```ts
   * const { loss, accuracy, grads } = net.evaluate(X, Y); // 0.755…, 0.75, [Matrix<2, 3>, Matrix<3, 1>]
   * ```
   */
  evaluate<N extends number, C extends number, YN extends number, YK extends number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
  ): Evaluation<S, N> {
    this.checkBatch(x, y);
    const n = x.rows;
    const ws = this.workspace(n, x, y);
    forward(ws, n);
    checkLogits(ws, n);
    loss(ws, n);
    const J = ws.loss;
    backward(ws, n);
    const { sizes } = this;
    const rows = (at: number, cols: number) => new Matrix(n, cols, ws.read(at, n * cols));
    const Yhat = rows(ws.Yhat, this.outputs);
    const predictions = predictionsOf(Yhat, this.output);
    const layers = sizes.slice(1).map((_, l) => l);
    return {
      layerSizes: sizes,
      Xs: layers.map((l) => rows(ws.X[l]!, sizes[l]!)) as Evaluation<S, N>['Xs'],
      Zs: layers.map((l) => rows(ws.Z[l]!, sizes[l + 1]!)) as PerLayer<S, N>,
      Yhat: Yhat as Matrix<N, OutputSize<S>>,
      predictions: predictions as Matrix<N, OutputSize<S>>,
      loss: J,
      perSampleLoss: Array.from(ws.read(ws.perRow, n)),
      accuracy: accuracyOf(predictions, y, this.output),
      deltas: layers.map((l) => rows(ws.delta[l]!, sizes[l + 1]!)) as PerLayer<S, N>,
      grads: layers.map((l) => new Matrix(sizes[l]!, sizes[l + 1]!, ws.read(ws.dW[l]!, sizes[l]! * sizes[l + 1]!))) as WeightsOf<S>,
      biasGrads: layers.map((l) => (ws.hasBias[l] ? new Matrix(1, sizes[l + 1]!, ws.read(ws.db[l]!, sizes[l + 1]!)) : null)) as BiasesOf<S>,
    };
  }

  /**
   * Full-batch gradient descent, in place: `epochs` times, W_l ← W_l − lr·∂J/∂W_l. Returns the loss
   * before each update and after the last. Bad options or data throw before anything changes; a
   * step whose loss or update is not finite throws and leaves the weights as they were before it.
   *
   * @example
   * ```ts
   * const { losses, finalLoss } = net.train(X, Y, { lr: 1, epochs: 1000 }); // losses[0] 0.755…, finalLoss 0.174…
   * net.predict(X).toArray();                                             // [[0], [1], [1], [0]]
   * ```
   */
  train<N extends number, C extends number, YN extends number, YK extends number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
    options: TrainOptions,
  ): TrainResult {
    checkEpochs(options.epochs);
    const trainer = this.makeTrainer(x, y, { lr: options.lr, batchSize: x.rows }, false);
    const losses = new Array<number>(options.epochs);
    try {
      for (let epoch = 0; epoch < options.epochs; epoch++) {
        trainer.step();
        losses[epoch] = trainer.loss;
      }
    } finally {
      trainer.sync();
    }
    return { losses, finalLoss: trainer.datasetLoss() };
  }

  /**
   * Mini-batch SGD, in place: `epochs` passes over the data in batches of `batchSize` rows (full
   * batch when omitted), optionally reshuffled each epoch from a seed. Returns the per-epoch loss.
   *
   * @example
   * ```ts
   * const { loss } = net.fit(X, Y, { lr: 0.1, epochs: 5, batchSize: 32 });
   * ```
   */
  fit<N extends number, C extends number, YN extends number, YK extends number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
    options: FitOptions<S>,
  ): FitHistory {
    checkEpochs(options.epochs);
    const val = options.validation;
    if (val !== undefined) {
      checkInputs(val[0], this.sizes[0]!, 'validation X');
      checkLabels(val[1], val[0].rows, this.outputs, 'validation Y', this.output);
    }
    const trainer = this.makeTrainer(x, y, options, false);
    const progress = options.progress ? createProgress(options.epochs, options.progress === true ? {} : options.progress) : undefined;
    const history = { loss: [] as number[], accuracy: [] as number[], ...(val ? { valLoss: [] as number[], valAccuracy: [] as number[] } : {}) };
    try {
      for (let epoch = 0; epoch < options.epochs; epoch++) {
        trainer.runEpoch();
        history.loss.push(trainer.epochLoss);
        history.accuracy.push(trainer.epochAccuracy);
        const logs: { -readonly [K in keyof EpochLogs]: EpochLogs[K] } = { loss: trainer.epochLoss, accuracy: trainer.epochAccuracy };
        if (val) {
          trainer.measure(val[0], val[1]);
          history.valLoss!.push((logs.valLoss = trainer.evalLoss));
          history.valAccuracy!.push((logs.valAccuracy = trainer.evalAccuracy));
        }
        progress?.(epoch, logs);
        if (options.onEpochEnd) {
          trainer.sync();
          if (options.onEpochEnd(epoch, logs) === false) break;
        }
      }
    } finally {
      trainer.sync();
      progress?.done();
    }
    return history;
  }

  /**
   * A step-by-step trainer over (X, Y): each `step()` is one mini-batch SGD update that allocates
   * nothing after the first, and writes the parameters back to this network. Use it to drive
   * training yourself (custom schedules, early stopping, progress).
   *
   * @example
   * ```ts
   * const t = net.trainer(X, Y, { lr: 0.5, batchSize: 4 });
   * for (let i = 0; i < 10_000; i++) t.step();
   * ```
   */
  trainer<N extends number, C extends number, YN extends number, YK extends number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
    options: Omit<FitOptions, 'epochs'>,
  ): Trainer {
    return this.makeTrainer(x, y, options, true);
  }

  /**
   * Back-propagated gradients against central finite differences (see {@link GradCheck}).
   *
   * @example
   * ```ts
   * const { maxRelErr, worst } = net.gradcheck(X, Y); // maxRelErr ≈ 1e-9; worst names the layer and entry
   * ```
   */
  gradcheck<N extends number, C extends number, YN extends number, YK extends number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
    eps = 1e-6,
  ): GradCheck {
    this.checkBatch(x, y);
    if (!(Number.isFinite(eps) && eps > 0)) throw new ValueError(`eps is ${eps}, but it must be a finite number > 0`);
    return gradcheck(this.workspace(x.rows, x, y), x.rows, eps);
  }

  /**
   * A deep copy (its own weights and biases).
   *
   * @example
   * ```ts
   * const copy = net.clone();
   * copy.train(X, Y, { lr: 1, epochs: 100 }); // net keeps its weights
   * ```
   */
  clone(): Network<S> {
    return new Network(this.list.map((w) => w.clone()) as WeightsOf<S>, this.biasList.map((b) => b?.clone() ?? null), this.layerActivations);
  }

  /**
   * The parameters as arrays of rows.
   *
   * @example
   * ```ts
   * JSON.stringify(net); // '{"sizes":[2,3,1],"weights":[[[0.1,0.6,0.3],[0.1,-0.2,0.4]],[[-0.2],[1.1],[1.3]]],"biases":[null,null]}'
   * ```
   */
  toJSON(): { sizes: number[]; weights: number[][][]; biases: (number[] | null)[] } {
    return { sizes: [...this.sizes], weights: this.list.map((w) => w.toArray()), biases: this.biasList.map((b) => (b ? Array.from(b.data) : null)) };
  }

  private get list(): readonly Matrix[] {
    return this.weights as readonly Matrix[];
  }

  private get biasList(): readonly (Matrix | null)[] {
    return this.biases as readonly (Matrix | null)[];
  }

  private get outputs(): number {
    return this.sizes[this.depth]!;
  }

  private checkBatch(x: Matrix, y: Matrix): void {
    checkInputs(x, this.sizes[0]!);
    checkLabels(y, x.rows, this.outputs, 'Y', this.output);
  }

  /**
   * The network's workspace, grown to hold `rows` rows if needed, with the current parameters
   * loaded and, when given, X (and Y) copied into its first rows.
   */
  private workspace(rows: number, x?: Matrix, y?: Matrix): Workspace {
    let ws = this.ws;
    if (ws === undefined || ws.capacity < rows || ws.backend !== kernelBackend()) {
      ws = new Workspace(this.sizes, this.biasList.map((b) => b !== null), rows, this.layerActivations);
      this.ws = ws;
    }
    ws.loadParams(this.list, this.biasList);
    ws.rowsOwner = undefined;
    if (x) ws.loadRows(x.data, 0, x.rows, x.cols, ws.X[0]!);
    if (y) ws.loadRows(y.data, 0, y.rows, y.cols, ws.Y);
    return ws;
  }

  private makeTrainer(x: Matrix, y: Matrix, options: Omit<FitOptions, 'epochs'>, syncEachStep: boolean): Trainer {
    checkLearningRate(options.lr);
    // The matrices are the user's to write to; a NaN put there since construction is named here.
    this.list.forEach((w, l) => checkFinite(w.data, w.cols, `weights[${l}]`));
    this.biasList.forEach((b, l) => b && checkFinite(b.data, b.cols, `biases[${l}]`));
    if (options.batchSize !== undefined) checkBatchSize(options.batchSize);
    this.checkBatch(x, y);
    const batchSize = Math.min(options.batchSize ?? x.rows, x.rows);
    const params = { weights: this.list, biases: this.biasList, state: this.state };
    return new Trainer(params, this.workspace(batchSize), x, y, options.lr, batchSize, options.shuffle ? (options.seed ?? 1) : undefined, syncEachStep, options.optimizer);
  }
}

/** Options of {@link fromWeights}. */
export interface FromWeightsOptions {
  /**
   * Biases: `true` gives every layer a zero bias, an array gives layer l the row `biases[l]`
   * (a 1×n matrix or a list of n numbers) or none (`null`). Default: no biases (the seed's net).
   */
  readonly biases?: boolean | readonly (Matrix | readonly number[] | null)[];
  /** One activation per layer (default: the seed's, 'relu' hidden and a 'sigmoid' output). */
  readonly activations?: readonly Activation[];
}

/**
 * A network from its weight matrices (copied), W_1 first. The chain is checked at compile time:
 * a mismatch fails on the offending matrix with a sentence such as
 * `layer 2 expects 4 inputs, but layer 1 gives 3 outputs (weights[1] is 4×1, weights[0] is 2×3)`,
 * and again at run time for matrices whose dims are only known then.
 *
 * @example
 * ```ts
 * const net = fromWeights([zeros(9, 6), zeros(6, 6), zeros(6, 1)]); // Network<[9, 6, 6, 1]>
 * const xor = fromWeights([zeros(2, 3), zeros(3, 1)], { biases: true }); // with zero biases
 * fromWeights([zeros(2, 3), zeros(4, 1)]);                          // compile error
 * ```
 */
export function fromWeights<const Ws extends readonly Matrix[]>(
  weights: Ws & ChainCheck<Ws>,
  options: FromWeightsOptions = {},
): Network<SizesOf<Ws>> {
  if (!Array.isArray(weights)) throw new ShapeError('weights must be an array of matrices');
  const Ws = (weights as readonly Matrix[]).map((w) => w.clone());
  checkChain(Ws);
  const spec = options.biases ?? false;
  const biases = Ws.map((w, l) => {
    const b = spec === true ? new Matrix(1, w.cols) : spec === false ? null : spec[l];
    if (b === undefined || b === null) return null;
    return b instanceof Matrix ? b.clone() : new Matrix(1, b.length, readRows([b], `biases[${l}]`).data); // checked like any literal
  });
  if (Array.isArray(spec) && spec.length !== Ws.length) {
    throw new ShapeError(`biases has ${spec.length} entries but there are ${Ws.length} layers`);
  }
  return new Network(Ws as WeightsOf<SizesOf<Ws>>, biases, options.activations);
}

/**
 * The checked door for networks whose sizes are only known at run time (read from a file): checks
 * the sizes and returns the same network typed `Network<S>`.
 *
 * @example
 * ```ts
 * const net = withSizes(fromWeights(weightsFromFile), [9, 6, 6, 1]); // Network<[9, 6, 6, 1]>
 * ```
 */
export function withSizes<const S extends readonly number[]>(net: Network<readonly number[]>, sizes: S): Network<Mutable<S>> {
  const same = net.sizes.length === sizes.length && net.sizes.every((n, i) => n === sizes[i]);
  if (!same) throw new ShapeError(`the network has sizes [${net.sizes.join(', ')}] but [${sizes.join(', ')}] was expected`);
  return net as unknown as Network<Mutable<S>>;
}

export type { Activation };
