import type { ColumnsCheck, Fixed, InputCheck, InputSize, LabelsCheck, OutputSize } from '../types/index.js';
import { backward, checkLogits, forward, loss } from './backprop.js';
import { asOutput, type OutputOf, toBatch } from './data/input.js';
import { checkBiases, checkChain, checkEpochs, checkInputs, checkInputShape, checkLabels, checkLayers } from './checks.js';
import { infer } from './engine/infer.js';
import { Params } from './engine/params.js';
import { Workspace } from './engine/workspace.js';
import { ShapeError, ValueError } from './errors.js';
import { gradcheck, type GradCheck } from './gradcheck.js';
import { parameterCount, summaryOf } from './summary.js';
import type { SavedNetwork } from './io/format.js';
import type { Head, HeadName } from './heads/index.js';
import type { HiddenActivation } from './activations/index.js';
import { kernelBackend } from './kernels/select.js';
import { Matrix } from './matrix.js';
import type { BiasesOf, Evaluation, EvaluationCore, LayerInputs, PerLayer, WeightsOf } from './network-types.js';
import { type FitHistory, fitLoop } from './train/fit.js';
import { FIT_KEYS, type FitOptions, type SeedOption, TRAIN_KEYS, TRAINER_KEYS, type TrainerOptions, type TrainOptions, type TrainResult, trainerSettings } from './train/options.js';
import { Trainer } from './train/trainer.js';
import { checkFinite, checkKeys, describe } from './validate.js';

/** A batch X that fits a network with sizes S: N rows of n_1 columns (a wrong width is a compile error that says so). */
export type Batch<S extends readonly number[], N extends number, C extends number> = Matrix<N, C> & ColumnsCheck<'X', C, InputSize<S>>;
/** Labels Y for a batch of N rows of a network with sizes S: exactly N × K, never broadcast. */
export type Labels<S extends readonly number[], N extends number, YN extends number, YK extends number> = Matrix<YN, YK> & LabelsCheck<YN, YK, N, OutputSize<S>>;

/** Each layer's activation name: hidden ones, then the head. */
export type Activation = HiddenActivation | HeadName;

/**
 * A feed-forward network. Its type carries its layer sizes and its output head, so the editor
 * shows `Network<[9, 6, 6, 1], "sigmoid">` and the compiler checks every batch and label matrix
 * handed to it, and what comes back: a classifier's evaluation has an accuracy, a regression net's
 * has mae and r2. Make one with {@link network}, {@link fromWeights} or {@link loadNetwork}.
 *
 * The head (heads/) is the output activation with its loss: 'sigmoid' (binary cross-entropy, the
 * seed's), 'softmax' (categorical cross-entropy) or 'linear' (mean squared error, regression).
 *
 * @example
 * ```ts
 * const net = fromWeights([matrix([[0.1, 0.6, 0.3], [0.1, -0.2, 0.4]]), matrix([[-0.2], [1.1], [1.3]])]);
 * //    ^? Network<[2, 3, 1], "sigmoid">
 * const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
 * const Y = column([0, 1, 1, 0]);
 * const { losses } = net.train(X, Y, { lr: 1, epochs: 1000 });
 * net.predict(X); // Matrix<4, 1> of 0s and 1s
 * ```
 */
export class Network<S extends readonly number[], H extends HeadName = 'sigmoid'> {
  // The network's own lists. The public getters hand out copies, so that no caller, cast or not, can
  // reorder, grow or refill them: a list of the wrong shape would be bound to the wrong slots of the
  // workspace. The matrices in them are shared: once the network has computed (or handed them out)
  // they are views of a workspace's parameter block (engine/workspace.ts says why), training updates
  // them there, a write to their entries is a write to the block, and their shapes are checked on
  // every use.
  private readonly layerSizes: readonly number[];
  private readonly list: readonly Matrix[];
  private readonly biasList: readonly (Matrix | null)[];
  /** The lists again, with where they live and a version (shared with this network's trainers). */
  private readonly params: Params;
  /** True once the getters have handed the matrices out (their storage stays where it is from then on). */
  private pinned = false;
  private readonly layerActivations: readonly Activation[];
  /** Layers whose parameters training leaves as they are (transfer learning); see {@link freeze}. */
  private frozenLayers: readonly boolean[];
  private readonly unit: Head;
  /** A workspace holding a copy of the parameters, for batches their own workspace is too small for (once they were handed out). */
  private spare: Workspace | undefined;

  /**
   * Wraps weight matrices and optional bias rows (the matrices are not copied; the lists are) after
   * checking at run time that they chain. `activations` names each layer's activation, the head
   * last (default: 'relu' hidden layers and a 'sigmoid' head, the seed's). Prefer
   * {@link fromWeights}, which also checks the chain at compile time.
   *
   * The matrices become the network's own: when it first computes, their `data` becomes storage in
   * its workspace (the Matrix objects follow; a Float64Array taken from one before is left behind).
   * Arrays taken from the network's `weights` and `biases` stay its storage for good.
   *
   * @throws {ShapeError} weights that do not chain, biases or activations of the wrong length.
   * @throws {ValueError} a non-finite entry, an unknown activation or head.
   */
  constructor(weights: WeightsOf<S>, biases?: readonly (Matrix | null)[], activations?: readonly [...(readonly HiddenActivation[]), H]) {
    if (!Array.isArray(weights)) throw new ShapeError(`weights must be an array of matrices, got ${describe(weights)}`);
    const Ws: readonly Matrix[] = [...(weights as readonly Matrix[])];
    checkChain(Ws);
    const names: readonly string[] = activations ?? Ws.map((_, l) => (l === Ws.length - 1 ? 'sigmoid' : 'relu'));
    this.unit = checkLayers(names, Ws.map((w) => w.cols));
    this.layerActivations = [...names] as Activation[];
    this.list = Ws;
    this.layerSizes = [Ws[0]!.rows, ...Ws.map((w) => w.cols)];
    const bs = [...(biases ?? Ws.map(() => null))];
    checkBiases(bs, Ws);
    this.biasList = bs;
    this.params = new Params(this.list, this.biasList);
    this.frozenLayers = Ws.map(() => false);
  }

  /** The layer sizes n_1 … n_{L+1}: a fresh copy on each read (the network's own list cannot be changed). */
  get sizes(): Readonly<S> {
    return [...this.layerSizes] as unknown as Readonly<S>;
  }

  /**
   * W_1 … W_L, in a fresh list on each read. The matrices are the network's own: training updates
   * them in place, and writing to their entries changes the network (a trainer made before the
   * write starts its next step from it, unless its batches need a workspace of their own: see
   * {@link trainer}).
   */
  get weights(): Readonly<WeightsOf<S>> {
    this.pin();
    return [...this.list] as unknown as Readonly<WeightsOf<S>>;
  }

  /** b_1 … b_L as 1×n_{l+1} rows, or null for a layer without bias, in a fresh list on each read (the rows are the network's own, as the weights). */
  get biases(): Readonly<BiasesOf<S>> {
    this.pin();
    return [...this.biasList] as unknown as Readonly<BiasesOf<S>>;
  }

  /** The output head's name. */
  get head(): H {
    return this.unit.name as H;
  }

  /**
   * The head is fixed when a network is made: assigning one is a compile error (the setter takes
   * `never`) and, through a cast, a named error, never a network whose type and behaviour disagree.
   *
   * @throws {ValueError} always.
   *
   * @example
   * ```ts
   * net.head = 'linear'; // compile error; at run time: ValueError "head is fixed when a network is made …"
   * ```
   */
  set head(_: never) {
    throw new ValueError(`head is fixed when a network is made (this one's is "${this.unit.name}"); for another head, make a network with it (append, slice with { head }, or fromWeights with activations)`);
  }

  /** The number of weight layers L. */
  get depth(): number {
    return this.list.length;
  }

  /**
   * Every weight and bias: Σ_l n_l·n_{l+1}, plus n_{l+1} for each layer with a bias (Keras's
   * `count_params()`, PyTorch's `sum(p.numel() for p in model.parameters())`).
   *
   * @example
   * ```ts
   * network(9).relu(6).relu(6).sigmoid(1).parameterCount; // 109 = 9·6+6 + 6·6+6 + 6·1+1
   * ```
   */
  get parameterCount(): number {
    return parameterCount(this);
  }

  /**
   * A Keras-style summary: per layer its activation (the head last), output shape, weight and bias
   * shapes, parameter count and whether it is frozen; then the totals and the head with its loss.
   *
   * @example
   * ```ts
   * console.log(network(9).relu(6).sigmoid(1).summary());
   * // Network<[9, 6, 1], "sigmoid">
   * // layer  activation      output shape  weights  bias  parameters
   * // ─────────────────────────────────────────────────────────────
   * // 0      relu            (N, 6)            9×6   1×6          60
   * // 1      sigmoid (head)  (N, 1)            6×1   1×1           7
   * // …
   * ```
   */
  summary(): string {
    return summaryOf(this);
  }

  /** Each layer's activation, W_1's first; the last is the head (a fresh copy on each read). */
  get activations(): readonly Activation[] {
    return [...this.layerActivations];
  }

  /**
   * Ŷ for a batch of any number of rows: `Matrix<N, 9>` in, `Matrix<N, 1>` out (probabilities
   * for a classifier head, values for a linear one). Plain arrays work too: one row (`[0, 1]`)
   * gives its output row as a `number[]`, a list of rows a Matrix; a literal row of the wrong width
   * is a compile error, and a `number[]` is checked at run time (ShapeError naming both widths).
   *
   * @example
   * ```ts
   * const yhat = net.forward(matrix([[0, 1]])); // Matrix<1, 1>
   * net.forward([0, 1]);                        // number[]: the one output row
   * net.forward([[0, 1], [1, 1]]);              // Matrix<2, 1>
   * net.forward([0, 1, 1]);                     // compile error: "row has 3 entries but the network's input size is 2"
   * ```
   */
  forward<N extends number>(x: Matrix<N, InputSize<S>>): Matrix<N, OutputSize<S>>;
  forward<N extends number, C extends number>(x: Batch<S, N, C>): Matrix<N, OutputSize<S>>;
  // Plain arrays (data/input.ts). S2 and H2 are this network's own S and H, inferred from `this`: three
  // type parameters keep `net.forward<N>` and `net.forward<N, C>` on the Matrix overloads above.
  forward<const X extends Matrix | readonly unknown[], S2 extends readonly number[], H2 extends HeadName>(this: Network<S2, H2>, x: X & InputCheck<X, InputSize<S2>>): OutputOf<X, OutputSize<S2>>;
  forward(input: Matrix | readonly unknown[]): Matrix | number[] {
    const { batch: x, single } = toBatch(input, this.layerSizes[0]!);
    const inputs = this.layerSizes[0]!;
    const n = x.rows;
    // X's entries are checked through Z_1 by `infer` (engine/infer.ts); a failed check there, or a
    // workspace that cannot be had, reports as the checked path always did: X's error first.
    checkInputShape(x, inputs);
    let ws: Workspace;
    try {
      ws = this.workspace(n);
    } catch (e) {
      checkInputs(x, inputs);
      throw e;
    }
    ws.f64.set(x.data, ws.X[0]! >> 3);
    if (!infer(ws, n)) {
      checkInputs(x, inputs);
      forward(ws, n);
      checkLogits(ws, n); // throws: infer found a Z_l that is not finite
    }
    return asOutput(new Matrix(n, this.outputs, ws.read(ws.Yhat, n * this.outputs)), single);
  }

  /**
   * Predictions for a batch: classes for a classifier (sigmoid: 1 where Ŷ > 0.5, else 0; softmax:
   * one-hot at the largest Ŷ), and Ŷ itself for a linear head.
   *
   * Plain arrays as in {@link forward}: one row gives its prediction row as a `number[]`.
   *
   * @example
   * ```ts
   * net.predict(X).toArray(); // [[0], [1], [1], [1]] for the class example's net, untrained
   * net.predict([1, 0]);      // [1]: one row in, its prediction row out
   * ```
   */
  predict<N extends number>(x: Matrix<N, InputSize<S>>): Matrix<N, OutputSize<S>>;
  predict<N extends number, C extends number>(x: Batch<S, N, C>): Matrix<N, OutputSize<S>>;
  predict<const X extends Matrix | readonly unknown[], S2 extends readonly number[], H2 extends HeadName>(this: Network<S2, H2>, x: X & InputCheck<X, InputSize<S2>>): OutputOf<X, OutputSize<S2>>;
  predict(input: Matrix | readonly unknown[]): Matrix | number[] {
    const { batch, single } = toBatch(input, this.layerSizes[0]!);
    return asOutput(this.unit.predictions(this.forward(batch as Matrix<number, InputSize<S>>)), single);
  }

  /**
   * The head's loss J of a labelled batch (binary or categorical cross-entropy, or mean squared error).
   *
   * @example
   * ```ts
   * net.loss(X, Y);              // 0.7553452193764344 for the class example's net, untrained
   * net.loss(X, column([0, 1])); // compile error: "Y has 2 rows but X has 4"
   * ```
   */
  loss<N extends number>(x: Matrix<N, InputSize<S>>, y: Matrix<Fixed<N>, OutputSize<S>>): number;
  loss<N extends number, C extends number, YN extends number, YK extends number>(x: Batch<S, N, C>, y: Labels<S, N, YN, YK>): number;
  loss(x: Matrix, y: Matrix): number {
    this.checkBatch(x, y);
    const ws = this.workspace(x.rows, x, y);
    forward(ws, x.rows);
    checkLogits(ws, x.rows);
    loss(ws, x.rows);
    return finiteLoss(ws.loss);
  }

  /**
   * ∂J/∂W_1 … ∂J/∂W_L for a labelled batch, as a typed tuple shaped like the weights.
   *
   * @example
   * ```ts
   * const [g1, g2] = net.gradients(X, Y); // [Matrix<2, 3>, Matrix<3, 1>]
   * ```
   */
  gradients<N extends number>(x: Matrix<N, InputSize<S>>, y: Matrix<Fixed<N>, OutputSize<S>>): WeightsOf<S>;
  gradients<N extends number, C extends number, YN extends number, YK extends number>(x: Batch<S, N, C>, y: Labels<S, N, YN, YK>): WeightsOf<S>;
  gradients(x: Matrix, y: Matrix): WeightsOf<S> {
    return this.evaluate(x as Matrix<number, InputSize<S>>, y as Matrix<number, OutputSize<S>>).grads;
  }

  /**
   * One forward and backward pass with everything it computes: Xs, Zs, Ŷ, predictions, the loss
   * and per-row losses, δs, gradients, and the head's scores (accuracy for a classifier; mae and
   * r2 for a linear head). What `typed-mlp eval` prints.
   *
   * @example
   * ```ts
   * const { loss, accuracy, grads } = net.evaluate(X, Y); // 0.755…, 0.75, [Matrix<2, 3>, Matrix<3, 1>]
   * ```
   */
  evaluate<N extends number>(x: Matrix<N, InputSize<S>>, y: Matrix<Fixed<N>, OutputSize<S>>): Evaluation<S, N, H>;
  evaluate<N extends number, C extends number, YN extends number, YK extends number>(x: Batch<S, N, C>, y: Labels<S, N, YN, YK>): Evaluation<S, N, H>;
  evaluate(x: Matrix, y: Matrix): Evaluation<S, number, H> {
    this.checkBatch(x, y);
    const n = x.rows;
    const ws = this.workspace(n, x, y);
    forward(ws, n);
    checkLogits(ws, n);
    loss(ws, n);
    const J = finiteLoss(ws.loss);
    backward(ws, n);
    const sizes = this.layerSizes;
    const rows = (at: number, cols: number) => new Matrix(n, cols, ws.read(at, n * cols));
    const Yhat = rows(ws.Yhat, this.outputs);
    const predictions = this.unit.predictions(Yhat);
    const layers = sizes.slice(1).map((_, l) => l);
    return {
      layerSizes: [...sizes] as unknown as Readonly<S>,
      Xs: layers.map((l) => rows(ws.X[l]!, sizes[l]!)) as LayerInputs<S, number>,
      Zs: layers.map((l) => rows(ws.Z[l]!, sizes[l + 1]!)) as PerLayer<S, number>,
      Yhat: Yhat as Matrix<number, OutputSize<S>>,
      predictions: predictions as Matrix<number, OutputSize<S>>,
      loss: J,
      perSampleLoss: Array.from(ws.read(ws.perRow, n)),
      ...this.unit.scores(Yhat, predictions, y),
      deltas: layers.map((l) => rows(ws.delta[l]!, sizes[l + 1]!)) as PerLayer<S, number>,
      grads: layers.map((l) => new Matrix(sizes[l]!, sizes[l + 1]!, ws.read(ws.dW[l]!, sizes[l]! * sizes[l + 1]!))) as WeightsOf<S>,
      biasGrads: layers.map((l) => (ws.hasBias[l] ? new Matrix(1, sizes[l + 1]!, ws.read(ws.db[l]!, sizes[l + 1]!)) : null)) as BiasesOf<S>,
    } as EvaluationCore<S, number> as Evaluation<S, number, H>;
  }

  /**
   * Full-batch gradient descent, in place: `epochs` times, W_l ← W_l − lr·(∂J/∂W_l + λ·W_l) and
   * b_l ← b_l − lr·∂J/∂b_l (λ = weightDecay, default 0). Returns the loss before each update and
   * after the last. Bad options or data throw before anything changes; a step whose loss or update
   * is not finite throws and leaves the weights as they were before it.
   *
   * @example
   * ```ts
   * const { losses, finalLoss } = net.train(X, Y, { lr: 1, epochs: 1000 }); // losses[0] 0.755…, finalLoss 0.174…
   * net.predict(X).toArray();                                             // [[0], [1], [1], [0]]
   * ```
   */
  train<N extends number>(x: Matrix<N, InputSize<S>>, y: Matrix<Fixed<N>, OutputSize<S>>, options: TrainOptions): TrainResult;
  train<N extends number, C extends number, YN extends number, YK extends number>(x: Batch<S, N, C>, y: Labels<S, N, YN, YK>, options: TrainOptions): TrainResult;
  train(x: Matrix, y: Matrix, options: TrainOptions): TrainResult {
    checkKeys(options, TRAIN_KEYS);
    checkEpochs(options.epochs);
    const trainer = this.makeTrainer(x, y, { lr: options.lr, batchSize: x.rows, ...(options.weightDecay !== undefined && { weightDecay: options.weightDecay }) }, false);
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
   * Mini-batch training, in place: `epochs` passes over the data in batches of `batchSize` rows
   * (full batch when omitted), optionally reshuffled each epoch from a seed, with the update rule,
   * weight decay, dropout, gradient clipping, learning-rate schedule and early stopping of the
   * options (see FitOptions for each formula and its source). Returns the per-epoch history.
   *
   * @example
   * ```ts
   * const { loss } = net.fit(X, Y, { lr: 0.1, epochs: 5, batchSize: 32 });
   * ```
   */
  fit<N extends number, VN extends number = number, VYN extends number = number, Seed extends number = number>(
    x: Matrix<N, InputSize<S>>,
    y: Matrix<Fixed<N>, OutputSize<S>>,
    options: FitOptions<S, VN, VYN> & SeedOption<Seed>,
  ): FitHistory<H>;
  fit<N extends number, C extends number, YN extends number, YK extends number, VN extends number = number, VYN extends number = number, Seed extends number = number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
    options: FitOptions<S, VN, VYN> & SeedOption<Seed>,
  ): FitHistory<H>;
  fit(x: Matrix, y: Matrix, options: FitOptions<S>): FitHistory<H> {
    checkKeys(options, FIT_KEYS);
    checkEpochs(options.epochs);
    const val = options.validation;
    if (val !== undefined) {
      checkInputs(val[0], this.layerSizes[0]!, 'validation X');
      checkLabels(val[1], val[0].rows, this.outputs, 'validation Y', this.unit);
    }
    const trainer = this.makeTrainer(x, y, options, false);
    return fitLoop<H>(trainer, this.unit.metric, options, val);
  }

  /**
   * A step-by-step trainer over (X, Y): each `step()` is one mini-batch update that allocates
   * nothing after the first, and is seen by this network's matrices at once. Use it to drive
   * training yourself (custom loops, progress).
   *
   * Usually the update is made in the network's own parameters, with nothing copied, and whatever
   * changed them between steps (an entry written, other training) is what the next step starts
   * from. Once the network has handed its matrices out (`weights`, `biases`), their storage stays
   * where it is; a trainer whose batches (or dropout) do not fit there then trains a copy of its
   * own, written back after every step, and reloads it only when training elsewhere changed the
   * network (an entry written between its steps is overwritten by its next one).
   *
   * @example
   * ```ts
   * const t = net.trainer(X, Y, { lr: 0.5, batchSize: 4, optimizer: 'adam' });
   * for (let i = 0; i < 10_000; i++) t.step();
   * ```
   */
  trainer<N extends number, Seed extends number = number>(x: Matrix<N, InputSize<S>>, y: Matrix<Fixed<N>, OutputSize<S>>, options: TrainerOptions & SeedOption<Seed>): Trainer;
  trainer<N extends number, C extends number, YN extends number, YK extends number, Seed extends number = number>(
    x: Batch<S, N, C>,
    y: Labels<S, N, YN, YK>,
    options: TrainerOptions & SeedOption<Seed>,
  ): Trainer;
  trainer(x: Matrix, y: Matrix, options: TrainerOptions): Trainer {
    checkKeys(options, TRAINER_KEYS);
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
  gradcheck<N extends number>(x: Matrix<N, InputSize<S>>, y: Matrix<Fixed<N>, OutputSize<S>>, eps?: number): GradCheck;
  gradcheck<N extends number, C extends number, YN extends number, YK extends number>(x: Batch<S, N, C>, y: Labels<S, N, YN, YK>, eps?: number): GradCheck;
  gradcheck(x: Matrix, y: Matrix, eps = 1e-6): GradCheck {
    this.checkBatch(x, y);
    if (!(Number.isFinite(eps) && eps > 0)) throw new ValueError(`eps is ${eps}, but it must be a finite number > 0`);
    return gradcheck(this.workspace(x.rows, x, y), x.rows, eps);
  }

  /**
   * A deep copy (its own weights and biases), with the same activations and head.
   *
   * @example
   * ```ts
   * const copy = net.clone();
   * copy.train(X, Y, { lr: 1, epochs: 100 }); // net keeps its weights
   * ```
   */
  clone(): Network<S, H> {
    const copy = new Network<S, H>(this.list.map((w) => w.clone()) as WeightsOf<S>, this.biasList.map((b) => b?.clone() ?? null), this.layerActivations as never);
    copy.frozenLayers = this.frozenLayers;
    return copy;
  }

  /** Which layers are frozen (training leaves their weights and biases as they are), W_1's first. */
  get frozen(): readonly boolean[] {
    return [...this.frozenLayers];
  }

  /**
   * A copy of this network (its own parameters) in which the given layers are frozen: training
   * (fit, train, trainer) leaves their weights and biases as they are, as PyTorch's
   * `requires_grad_(False)` or Keras's `trainable = False`. A frozen layer's gradient is set to zero
   * before the update, so it adds nothing to the clipping norm and its weights take no decay.
   * `gradients` and `evaluate` still report the true ∂J/∂W_l.
   *
   * @throws {ValueError} a layer index that is not an integer in [0, depth).
   *
   * @example
   * ```ts
   * const tuned = append(slice(base, 0, 2), zeros(6, 3), { head: 'softmax' }).freeze(0, 1); // train the new head only
   * ```
   */
  freeze(...layers: number[]): Network<S, H> {
    return this.withFrozen(layers, true);
  }

  /**
   * A copy with the given layers trainable again (all of them when none are named). See {@link freeze}.
   *
   * @throws {ValueError} a layer index that is not an integer in [0, depth).
   *
   * @example
   * ```ts
   * const fineTune = tuned.unfreeze(1); // layer 1 trains again, layer 0 stays frozen
   * ```
   */
  unfreeze(...layers: number[]): Network<S, H> {
    return this.withFrozen(layers.length ? layers : this.list.map((_, l) => l), false);
  }

  private withFrozen(layers: readonly number[], frozen: boolean): Network<S, H> {
    layers.forEach((l, i) => {
      if (!Number.isInteger(l) || l < 0 || l >= this.depth) throw new ValueError(`layers[${i}] is ${describe(l)}, but a layer index is an integer in [0, ${this.depth})`);
    });
    const copy = this.clone();
    copy.frozenLayers = this.frozenLayers.map((f, l) => (layers.includes(l) ? frozen : f));
    return copy;
  }

  /**
   * The network in the saved format (version 1: sizes, activations with the head last, and each
   * layer's weights and bias), what {@link saveNetwork} returns: so `JSON.stringify(net)` is text
   * that `loadNetwork` reads back to the same network, bit for bit. Frozen flags are not saved.
   *
   * @example
   * ```ts
   * const text = JSON.stringify(net); // '{"format":"typed-mlp","version":1,"sizes":[2,3,1],"activations":["relu","sigmoid"],"layers":[…]}'
   * const same = loadNetwork(text, [2, 3, 1], { head: 'sigmoid' });
   * ```
   */
  toJSON(): SavedNetwork {
    return {
      format: 'typed-mlp',
      version: 1,
      sizes: [...this.layerSizes],
      activations: [...this.layerActivations],
      layers: this.list.map((w, l) => ({ weights: w.toArray(), bias: this.biasList[l] ? Array.from(this.biasList[l]!.data) : null })),
    };
  }

  private get outputs(): number {
    return this.layerSizes[this.depth]!;
  }

  private checkBatch(x: Matrix, y: Matrix): void {
    checkInputs(x, this.layerSizes[0]!);
    checkLabels(y, x.rows, this.outputs, 'Y', this.unit);
  }

  /**
   * Hands the matrices out: from now on their `data` stays their storage. First, if they have no
   * workspace of their own yet, they move into one (rows for a mini-batch of HOME_ROWS, and dropout's
   * buffers), so that computing never needs to copy them; a network too large for one keeps them
   * where they are (and copies them in whenever it computes).
   */
  private pin(): void {
    if (this.pinned) return;
    this.pinned = true;
    const home = this.params.home;
    if (this.params.movable && !(home && home.holds(this.list, this.biasList))) {
      try {
        this.place(HOME_ROWS, true);
      } catch (e) {
        if (!(e instanceof ShapeError)) throw e; // a matrix reshaped through a cast is named when the network next computes
      }
    }
    this.params.pin();
  }

  /**
   * A workspace of at least `rows` rows (and dropout's buffers) holding the parameters: their own
   * workspace when it fits (O(layers), nothing copied), else one they move to, or, once they were
   * handed out, one that takes a copy of them.
   */
  private place(rows: number, dropout: boolean): Workspace {
    const { params } = this;
    const home = params.home;
    if (home !== undefined && fits(home, rows, dropout) && home.holds(this.list, this.biasList)) return home;
    const spare = this.spare;
    const ws =
      home !== undefined && fits(home, rows, dropout) ? home
      : spare !== undefined && fits(spare, rows, dropout) ? spare
      : new Workspace(this.layerSizes, this.biasList.map((b) => b !== null), rows, this.layerActivations, kernelBackend(), dropout);
    if (params.settle(ws)) {
      if (ws === spare) this.spare = undefined;
      return ws;
    }
    ws.loadParams(this.list, this.biasList);
    if (ws !== params.home) this.spare = ws;
    return ws;
  }

  /**
   * The network's workspace for `rows` rows (and dropout's buffers), with the current parameters in
   * it and, when given, X (and Y) copied into its first rows.
   */
  private workspace(rows: number, x?: Matrix, y?: Matrix, dropout = false): Workspace {
    const ws = this.place(rows, dropout);
    const frozen = this.frozenLayers;
    for (let l = 0; l < frozen.length; l++) ws.frozen[l] = frozen[l] ? 1 : 0;
    ws.rowsOwner = undefined;
    if (x) ws.loadRows(x.data, 0, x.rows, x.cols, ws.X[0]!);
    if (y) ws.loadRows(y.data, 0, y.rows, y.cols, ws.Y);
    return ws;
  }

  private makeTrainer(x: Matrix, y: Matrix, options: TrainerOptions, syncEachStep: boolean): Trainer {
    const settings = trainerSettings(options, x.rows, this.depth - 1, syncEachStep);
    // The matrices are the user's to write to; a NaN put there since construction is named here.
    this.list.forEach((w, l) => checkFinite(w.data, w.cols, `weights[${l}]`));
    this.biasList.forEach((b, l) => b && checkFinite(b.data, b.cols, `biases[${l}]`));
    this.checkBatch(x, y);
    return new Trainer(this.params, this.workspace(settings.batchSize, undefined, undefined, settings.dropout !== undefined), x, y, settings);
  }
}

/**
 * The rows a network's first workspace gets when its matrices are handed out before it has computed
 * (a common mini-batch): it stays their storage, so later batches up to this size copy nothing.
 */
const HOME_ROWS = 32;

/** Whether a workspace can run a computation of `rows` rows (with dropout, if asked) on the current kernels. */
function fits(ws: Workspace, rows: number, dropout: boolean): boolean {
  return ws.capacity >= rows && ws.backend === kernelBackend() && (!dropout || ws.dropout);
}

/**
 * A network's weight and bias lists (fresh lists of its own matrices), for the library's own code
 * that copies them (composition): unlike the getters, this does not hand the matrices out.
 */
export function parametersOf<S extends readonly number[], H extends HeadName>(net: Network<S, H>): { weights: readonly Matrix[]; biases: readonly (Matrix | null)[] } {
  return { weights: [...net['list']], biases: [...net['biasList']] };
}

/** Refuses anything but a Network where one is needed (from plain JavaScript), naming the argument. */
export function checkNetwork(value: unknown, field: string): asserts value is Network<readonly number[], HeadName> {
  if (!(value instanceof Network)) throw new ValueError(`${field} must be a Network, got ${describe(value)}`);
}

/** J itself, or a ValueError when it overflowed (a regression target or output near ±1e154 squares to Infinity). */
function finiteLoss(J: number): number {
  if (!Number.isFinite(J)) throw new ValueError(`the loss is ${J}: the outputs or labels are too large for float64 (a squared error overflows)`);
  return J;
}
