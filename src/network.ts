import type { ChainCheck, ColumnsCheck, InputSize, LabelsCheck, OutputSize, SizesOf } from '../types/index.js';
import { backwardPass, forwardPass, lossOf, sgdStep } from './backprop.js';
import { checkChain, checkEpochs, checkInputs, checkLabels, checkLearningRate } from './checks.js';
import { ShapeError, ValueError } from './errors.js';
import { gradcheck, type GradCheck } from './gradcheck.js';
import type { Matrix } from './matrix.js';
import { accuracyOf, predictionsOf } from './metrics.js';
import type { Evaluation, PerLayer, WeightsOf } from './network-types.js';

/** A batch X that fits a network with sizes S. */
type Batch<S extends readonly number[], N extends number, C extends number> = Matrix<N, C> & ColumnsCheck<'X', C, InputSize<S>>;
/** Labels Y for a batch of N rows of a network with sizes S. */
type Labels<S extends readonly number[], N extends number, YN extends number, YK extends number> = Matrix<YN, YK> &
  LabelsCheck<YN, YK, N, OutputSize<S>>;

/** Options of {@link Network.train}. */
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

  /**
   * Wraps weight matrices (not copied) after checking at run time that they chain. Prefer
   * {@link fromWeights}, which also checks the chain at compile time.
   */
  constructor(weights: WeightsOf<S>) {
    const Ws = weights as readonly Matrix[];
    checkChain(Ws);
    this.weights = weights;
    this.sizes = [Ws[0]!.rows, ...Ws.map((w) => w.cols)] as unknown as S;
  }

  /** The number of weight layers L. */
  get depth(): number {
    return this.sizes.length - 1;
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
    return forwardPass(this.list, x).Yhat as Matrix<N, OutputSize<S>>;
  }

  /** Class predictions for a batch: 1 where Ŷ > 0.5, else 0. */
  predict<N extends number, C extends number>(x: Batch<S, N, C>): Matrix<N, OutputSize<S>> {
    return predictionsOf(this.forward(x));
  }

  /** The mean binary cross-entropy J of a labelled batch. */
  loss<N extends number, C extends number, YN extends number, YK extends number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
  ): number {
    this.checkBatch(x, y);
    return lossOf(forwardPass(this.list, x), y);
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
    this.checkBatch(x, y);
    return backwardPass(this.list, forwardPass(this.list, x), y).grads as WeightsOf<S>;
  }

  /**
   * One forward and backward pass with everything it computes: Zs, Ŷ, predictions, the loss and
   * per-row losses, accuracy, δs and gradients (what `typed-mlp eval` prints).
   */
  evaluate<N extends number, C extends number, YN extends number, YK extends number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
  ): Evaluation<S, N> {
    this.checkBatch(x, y);
    const trace = forwardPass(this.list, x);
    const perSample = new Float64Array(y.rows);
    const loss = lossOf(trace, y, perSample);
    const { deltas, grads } = backwardPass(this.list, trace, y);
    const predictions = predictionsOf(trace.Yhat);
    return {
      layerSizes: this.sizes,
      Xs: trace.Xs as Evaluation<S, N>['Xs'],
      Zs: trace.Zs as PerLayer<S, N>,
      Yhat: trace.Yhat as Matrix<N, OutputSize<S>>,
      predictions: predictions as Matrix<N, OutputSize<S>>,
      loss,
      perSampleLoss: Array.from(perSample),
      accuracy: accuracyOf(predictions, y),
      deltas: deltas as PerLayer<S, N>,
      grads: grads as WeightsOf<S>,
    };
  }

  /**
   * Full-batch gradient descent, in place: `epochs` times, W_l ← W_l − lr·∂J/∂W_l. Returns the loss
   * before each update and after the last. Bad options or data throw before anything changes; a
   * step whose loss or update is not finite throws and leaves the weights as they were before it.
   */
  train<N extends number, C extends number, YN extends number, YK extends number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
    options: TrainOptions,
  ): TrainResult {
    checkLearningRate(options.lr);
    checkEpochs(options.epochs);
    this.checkBatch(x, y);
    const losses: number[] = [];
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const trace = forwardPass(this.list, x);
      const loss = lossOf(trace, y);
      if (!Number.isFinite(loss)) throw new ValueError(`the loss before update ${epoch} is ${loss}; no weight was changed by that step`);
      losses.push(loss);
      sgdStep(this.list, backwardPass(this.list, trace, y).grads, options.lr);
    }
    return { losses, finalLoss: lossOf(forwardPass(this.list, x), y) };
  }

  /** Back-propagated gradients against central finite differences (see {@link GradCheck}). */
  gradcheck<N extends number, C extends number, YN extends number, YK extends number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
    eps = 1e-6,
  ): GradCheck {
    this.checkBatch(x, y);
    if (!(Number.isFinite(eps) && eps > 0)) throw new ValueError(`eps is ${eps}, but it must be a finite number > 0`);
    return gradcheck(this.list, x, y, eps);
  }

  /** A deep copy (its own weights). */
  clone(): Network<S> {
    return new Network(this.list.map((w) => w.clone()) as WeightsOf<S>);
  }

  /** The weights as arrays of rows. */
  toJSON(): { sizes: number[]; weights: number[][][] } {
    return { sizes: [...this.sizes], weights: this.list.map((w) => w.toArray()) };
  }

  private get list(): readonly Matrix[] {
    return this.weights as readonly Matrix[];
  }

  private checkBatch(x: Matrix, y: Matrix): void {
    checkInputs(x, this.sizes[0]!);
    checkLabels(y, x.rows, this.sizes[this.depth]!);
  }
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
 * fromWeights([zeros(2, 3), zeros(4, 1)]);                          // compile error
 * ```
 */
export function fromWeights<const Ws extends readonly Matrix[]>(weights: Ws & ChainCheck<Ws>): Network<SizesOf<Ws>> {
  if (!Array.isArray(weights)) throw new ShapeError('weights must be an array of matrices');
  return new Network((weights as readonly Matrix[]).map((w) => w.clone()) as WeightsOf<SizesOf<Ws>>);
}

/**
 * The checked door for networks whose sizes are only known at run time (read from a file): checks
 * the sizes and returns the same network typed `Network<S>`.
 *
 * @example
 * ```ts
 * const net = withSizes(fromWeights(weightsFromFile), [9, 6, 6, 1] as const); // Network<readonly [9, 6, 6, 1]>
 * ```
 */
export function withSizes<const S extends readonly number[]>(net: Network<readonly number[]>, sizes: S): Network<S> {
  const same = net.sizes.length === sizes.length && net.sizes.every((n, i) => n === sizes[i]);
  if (!same) throw new ShapeError(`the network has sizes [${net.sizes.join(', ')}] but [${sizes.join(', ')}] was expected`);
  return net as unknown as Network<S>;
}

