import { backward, checkLogits, forward, loss } from '../backprop.js';
import type { Workspace } from '../engine/workspace.js';
import { ValueError } from '../errors.js';
import type { Matrix } from '../matrix.js';
import { argmaxRow } from '../metrics.js';
import { mulberry32 } from '../random.js';
import { createOptimizer, type Optimizer, type OptimizerSpec } from './optimizers.js';

/** What a Trainer needs from its network: the parameters, and a counter bumped whenever they change. */
export interface Params {
  readonly weights: readonly Matrix[];
  readonly biases: readonly (Matrix | null)[];
  readonly state: { version: number };
}

/**
 * Mini-batch SGD over one data set, one step at a time. Each `step()` takes the next batch
 * (rows batchSize·b … batchSize·b + batchSize − 1; the last batch may be shorter), runs forward,
 * loss, backward and the update, and returns the batch's loss before the update.
 *
 * After the first step a step allocates nothing: batches are copied into the workspace's
 * preallocated buffers, everything else passes numbers to the kernels, and the batch loss is left
 * in `loss` rather than returned (V8 boxes a float returned from a call it does not inline).
 */
export class Trainer {
  /** Batches per epoch. */
  readonly batchesPerEpoch: number;
  /** The loss of the batch of the last step, before its update (NaN before the first step). */
  loss = Number.NaN;
  /** How many label entries the last step's batch predicted right (Ŷ > 0.5 ⇔ label 1), before its update. */
  correct = 0;
  private batch = 0;
  private seen: number;
  private readonly order: Uint32Array | undefined;
  private readonly uniform: (() => number) | undefined;
  private readonly optimizer: Optimizer;

  constructor(
    private readonly params: Params,
    private readonly ws: Workspace,
    private readonly x: Matrix,
    private readonly y: Matrix,
    readonly lr: number,
    readonly batchSize: number,
    shuffleSeed: number | undefined,
    /** Write the parameters back to the network after every step (false inside fit, which writes once). */
    private readonly syncEachStep: boolean,
    optimizer?: OptimizerSpec,
  ) {
    this.optimizer = createOptimizer(optimizer, ws);
    this.batchesPerEpoch = Math.ceil(x.rows / batchSize);
    ws.loadParams(params.weights, params.biases);
    this.seen = params.state.version;
    if (shuffleSeed !== undefined) {
      this.order = new Uint32Array(x.rows);
      this.uniform = mulberry32(shuffleSeed);
    }
  }

  /** Rows in the batch the next step will take. */
  get nextBatchRows(): number {
    return Math.min(this.batchSize, this.x.rows - this.batch * this.batchSize);
  }

  /** One SGD step on the next batch; its loss before the update is then in `loss`. */
  step(): void {
    const { ws, x, y, params } = this;
    if (params.state.version !== this.seen) ws.loadParams(params.weights, params.biases); // changed elsewhere since
    if (this.batch === 0 && this.order !== undefined) this.shuffle();
    const from = this.batch * this.batchSize;
    const n = this.nextBatchRows;
    if (ws.rowsOwner === this && this.batchesPerEpoch === 1 && this.order === undefined) {
      // Full batch, no shuffle: the data is still in place from this trainer's previous step.
    } else if (this.order === undefined) {
      ws.loadRows(x.data, from, n, x.cols, ws.X[0]!);
      ws.loadRows(y.data, from, n, y.cols, ws.Y);
    } else {
      ws.gatherRows(x.data, this.order, from, n, x.cols, ws.X[0]!);
      ws.gatherRows(y.data, this.order, from, n, y.cols, ws.Y);
    }
    ws.rowsOwner = this;
    forward(ws, n);
    checkLogits(ws, n, from, this.order);
    loss(ws, n);
    const J = ws.f64[ws.J >> 3]!;
    if (!Number.isFinite(J)) throw new ValueError(`the loss of batch ${this.batch} is ${J}; no parameter was changed by that step`);
    this.loss = J;
    this.correct = countCorrect(ws, n, y.cols);
    backward(ws, n);
    this.optimizer.step(ws, this.lr);
    this.batch = (this.batch + 1) % this.batchesPerEpoch;
    if (this.syncEachStep) this.sync();
  }

  /**
   * One full pass over the data. Afterwards `epochLoss` is the mean over its rows of their batch's
   * loss and `epochAccuracy` the fraction of label entries predicted right, both before each
   * batch's update. The loop lives here, in a small method, so the JIT compiles it once and well.
   */
  runEpoch(): void {
    let total = 0;
    let correct = 0;
    for (let b = 0; b < this.batchesPerEpoch; b++) {
      const rows = this.nextBatchRows;
      this.step();
      total += this.loss * rows;
      correct += this.correct;
    }
    this.epochLoss = total / this.x.rows;
    this.epochAccuracy = correct / this.units(this.y);
  }

  /** See {@link runEpoch}. */
  epochLoss = Number.NaN;
  epochAccuracy = Number.NaN;

  /**
   * Loss and accuracy of other data (validation) with the current parameters, in chunks of the
   * workspace's capacity; changes no parameter. Results go to `evalLoss` and `evalAccuracy`.
   */
  measure(x: Matrix, y: Matrix): void {
    const { ws } = this;
    ws.rowsOwner = undefined;
    let total = 0;
    let correct = 0;
    for (let from = 0; from < x.rows; from += ws.capacity) {
      const n = Math.min(ws.capacity, x.rows - from);
      ws.loadRows(x.data, from, n, x.cols, ws.X[0]!);
      ws.loadRows(y.data, from, n, y.cols, ws.Y);
      forward(ws, n);
      checkLogits(ws, n, from);
      loss(ws, n);
      total += ws.f64[ws.J >> 3]! * n;
      correct += countCorrect(ws, n, y.cols);
    }
    this.evalLoss = total / x.rows;
    this.evalAccuracy = correct / this.units(y);
  }

  evalLoss = Number.NaN;
  evalAccuracy = Number.NaN;

  /** Writes the trained parameters back into the network's matrices. */
  sync(): void {
    this.ws.storeParams(this.params.weights, this.params.biases);
    this.seen = ++this.params.state.version;
  }

  /** The loss of the whole data set with the current parameters (full passes in batches; no update). */
  datasetLoss(): number {
    this.measure(this.x, this.y);
    return this.evalLoss;
  }


  /** What accuracy counts: label entries, or rows for softmax. */
  private units(y: Matrix): number {
    return this.ws.activations[this.ws.L - 1] === 'softmax' ? y.rows : y.data.length;
  }

  /** Fisher–Yates over 0 … N−1 with the seeded stream, in place. */
  private shuffle(): void {
    const order = this.order!;
    for (let i = 0; i < order.length; i++) order[i] = i;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.uniform!() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
  }
}

/**
 * Right predictions in the batch: label entries where (Ŷ > 0.5 → 1, else 0) equals the label, or
 * for softmax, rows whose largest Ŷ is at the label's largest entry.
 */
function countCorrect(ws: Workspace, n: number, k: number): number {
  const f = ws.f64;
  const yhat = ws.Yhat >> 3;
  const y = ws.Y >> 3;
  let hits = 0;
  if (ws.activations[ws.L - 1] === 'softmax') {
    for (let i = 0; i < n; i++) if (argmaxRow(f, yhat + i * k, k) === argmaxRow(f, y + i * k, k)) hits++;
    return hits;
  }
  for (let i = 0; i < n * k; i++) if ((f[yhat + i]! > 0.5 ? 1 : 0) === f[y + i]) hits++;
  return hits;
}
