import { backward, checkLogits, type Dropout, forward, loss } from '../backprop.js';
import { infer } from '../engine/infer.js';
import type { Params } from '../engine/params.js';
import type { Workspace } from '../engine/workspace.js';
import { ValueError } from '../errors.js';
import type { Matrix } from '../matrix.js';
import { createRule, Driver } from '../optimizers/index.js';
import { uniforms } from '../random.js';
import type { TrainerSettings } from './options.js';
import { type Scheduler, scheduleOf } from './schedule.js';

/**
 * Mini-batch training over one data set, one step at a time. Each `step()` takes the next batch
 * (rows batchSize·b … batchSize·b + batchSize − 1; the last batch may be shorter), runs forward
 * (with dropout, if set), loss, backward and the update (clipping, weight decay, the rule), and
 * leaves the batch's loss before the update in `loss`. An epoch is one pass over the batches; the
 * learning rate is set from the schedule when an epoch starts.
 *
 * After the first step a step allocates nothing: batches are copied into the workspace's
 * preallocated buffers, everything else passes numbers to the kernels, and the batch loss is left
 * in `loss` rather than returned (V8 boxes a float returned from a call it does not inline).
 *
 * Where the parameters are (see engine/workspace.ts): usually the workspace is their home, the
 * network's matrices being views of it, so an update is the network's at once and nothing is
 * copied. Each step first checks that (O(layers)); if the network has moved them since (it needed
 * a larger workspace), they move back, one copy. Once the network has handed its matrices out,
 * their storage stays where it is, and a trainer whose workspace is another one trains a copy:
 * loaded when the network's parameters changed since its last write (`Params.version`), written
 * back after every step (trainer()) or at the end (fit, train). A matrix changed through a cast is
 * a ShapeError before anything is written.
 */
export class Trainer {
  /** Batches per epoch. */
  readonly batchesPerEpoch: number;
  /** Rows per batch (the last batch of an epoch may have fewer). */
  readonly batchSize: number;
  /** The epoch the next step belongs to (from 0). */
  epoch = 0;
  /** Updates made so far. */
  steps = 0;
  private batch = 0;
  /** Whether the last step's parameters were the network's own (this workspace their home), or a copy. */
  private shared = true;
  /** With a copy: the network's parameter version it was loaded from or last written back as. */
  private seen = -1;
  private readonly order: Uint32Array | undefined;
  /** The shuffle's mulberry32 state and one epoch's draws. */
  private readonly shuffleState: Uint32Array | undefined;
  private readonly draws: Float64Array | undefined;
  private readonly driver: Driver;
  private readonly dropout: Dropout | undefined;
  private readonly schedule: Scheduler;
  /** The current learning rate, in memory so that setting it allocates nothing. */
  private readonly rate = new Float64Array(1);
  /**
   * The last step's batch loss and metric sum. In a typed array, not in fields: a float stored in
   * a field whose representation V8 has generalised is boxed, one heap number per step.
   */
  private readonly last = Float64Array.of(Number.NaN, 0);
  /**
   * The ReLU hidden layers (their units can all die) and, per hidden layer, the last epoch in which
   * it had a unit > 0 (−1 before any). An epoch number rather than flags reset every epoch: the
   * reset (a fill per epoch) cost workload C, one step per epoch, about 12 % a step.
   */
  private readonly reluLayers: Int32Array;
  private readonly activeIn: Int32Array;
  /** True while a step computes (forward to update): a ValueError then is a divergence, not a bad option. */
  private computing = false;

  constructor(
    private readonly params: Params,
    private readonly ws: Workspace,
    private readonly x: Matrix,
    private readonly y: Matrix,
    private readonly settings: TrainerSettings,
  ) {
    this.driver = new Driver(createRule(settings.optimizer), settings, ws);
    this.schedule = scheduleOf(settings.lr, settings.lrSchedule);
    this.rate[0] = settings.lr;
    this.batchSize = settings.batchSize;
    this.batchesPerEpoch = Math.ceil(x.rows / settings.batchSize);
    this.enter();
    if (settings.shuffle) {
      this.order = new Uint32Array(x.rows);
      this.shuffleState = Uint32Array.of(settings.seed);
      this.draws = new Float64Array(x.rows);
    }
    // Dropout's masks come from a stream of their own, so turning dropout on leaves the shuffle as it was.
    if (settings.dropout) this.dropout = { rates: Float64Array.from(settings.dropout), state: Uint32Array.of(dropoutSeed(settings.seed)) };
    this.reluLayers = Int32Array.from(ws.hidden.flatMap((a, l) => (a.name === 'relu' ? [l] : [])));
    this.activeIn = new Int32Array(ws.hidden.length).fill(-1);
  }

  /** The learning rate of the current epoch (lr0 before the first step). */
  get lr(): number {
    return this.rate[0]!;
  }

  /** The loss of the batch of the last step, before its update (NaN before the first step). */
  get loss(): number {
    return this.last[0]!;
  }

  /** The last step's batch sum of the head's metric, before its update: right predictions, or Σ|ŷ − y|. */
  get metricSum(): number {
    return this.last[1]!;
  }

  /** Rows in the batch the next step will take. */
  get nextBatchRows(): number {
    return Math.min(this.batchSize, this.x.rows - this.batch * this.batchSize);
  }

  /**
   * One update on the next batch; its loss before the update is then in `loss`. A step that
   * diverges throws a ValueError naming the entry, the epoch, the batch and the learning rate.
   */
  step(): void {
    try {
      this.advance();
    } catch (e) {
      throw this.withContext(e);
    }
  }

  /**
   * The step itself. Its callers add the context to a failure (step(), and fit's loop around all its
   * epochs): a try/catch in here, around every batch, cost workload C several per cent a step.
   */
  private advance(): void {
    const { ws, x, y, params } = this;
    this.enter(); // O(layers) when this workspace is the parameters' home
    if (this.batch === 0) {
      if (this.settings.lrSchedule !== undefined) this.schedule(this.epoch, this.steps, this.rate, 0); // else lr0 throughout
      if (this.order !== undefined) this.shuffle();
    }
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
    this.computing = true; // from here to the update, a ValueError means the step diverged
    forward(ws, n, this.dropout);
    checkLogits(ws, n, from, this.order);
    this.markActive(n);
    loss(ws, n);
    const J = ws.f64[ws.J >> 3]!;
    if (!Number.isFinite(J)) throw new ValueError(`the loss of batch ${this.batch} is ${J}; no parameter was changed by that step`);
    this.last[0] = J;
    ws.head.metricSum(ws.f64, ws.Yhat >> 3, ws.Y >> 3, ws.metric >> 3, n, y.cols);
    this.last[1] = ws.f64[ws.metric >> 3]!;
    backward(ws, n);
    ws.f64[ws.lr >> 3] = this.rate[0]!;
    this.driver.step(ws);
    this.computing = false;
    this.steps++;
    this.batch++;
    if (this.batch === this.batchesPerEpoch) {
      this.batch = 0;
      this.epoch++;
    }
    if (this.shared) params.version++; // the network's parameters changed
    else if (this.settings.syncEachStep) this.sync();
  }

  /** Makes this workspace hold the parameters the next computation needs (see the class comment). */
  private enter(): void {
    if (this.ws.holds(this.params.weights, this.params.biases)) this.shared = true;
    else this.enterSlow();
  }

  private enterSlow(): void {
    const { ws, params } = this;
    if (params.settle(ws)) {
      this.shared = true;
      return;
    }
    // A copy: reloaded when the network's parameters changed since this trainer last had them.
    if (this.shared || params.version !== this.seen) {
      ws.loadParams(params.weights, params.biases);
      this.seen = params.version;
    }
    this.shared = false;
  }

  /**
   * One full pass over the data. Afterwards `epochLoss` is the mean over its rows of their batch's
   * loss and `epochMetric` the head's metric (accuracy or mae), both before each batch's update.
   * The loop lives here, in a small method, so the JIT compiles it once and well.
   */
  runEpoch(): void {
    let total = 0;
    let metric = 0;
    for (let b = 0; b < this.batchesPerEpoch; b++) {
      const rows = this.nextBatchRows;
      this.advance(); // a failure is given its context by the caller (fitLoop's catch: one try for the whole fit)
      total += this.loss * rows;
      metric += this.metricSum;
    }
    this.epochLoss = total / this.x.rows;
    this.epochMetric = metric / this.ws.head.metricUnits(this.x.rows, this.y.cols);
  }

  /**
   * Epochs `from` … `to` − 1 of a fit that reports nothing between them (no validation, progress,
   * `onEpochEnd` or early stopping): runs them, writing each one's `epochLoss`, `epochMetric` and
   * learning rate at its index in the three arrays (made `to` long beforehand, of doubles: see
   * fitLoop), and returns the number of the next epoch, `to`, or less: it returns right after an
   * epoch in which a ReLU hidden layer was wholly inactive ({@link anyInactive}), for the caller to
   * note it.
   *
   * Why a method of its own: it is the loop that runs once per epoch, which in a fit of many tiny
   * epochs (one step each) is the hot loop. Inside fitLoop, with its set-up and the history object
   * around it, its compiled code was thrown away whenever any of that met something new (another
   * fit's options of another shape, a history's hidden class dropped by a collection), and the next
   * fit then ran its epochs in V8's baseline tier until the loop was compiled again on stack: in the
   * benchmark's process, twice the time of a step (workload C). Here it sees only this class and
   * three arrays of one kind, so its code stays valid from fit to fit.
   *
   * @internal fit's loop; drive training yourself with {@link step}.
   */
  runEpochs(from: number, to: number, loss: number[], metric: number[], lr: number[]): number {
    for (let epoch = from; epoch < to; ) {
      this.runEpoch();
      loss[epoch] = this.epochLoss;
      metric[epoch] = this.epochMetric;
      lr[epoch] = this.rate[0]!;
      epoch++;
      if (this.anyInactive) return epoch;
    }
    return to;
  }

  /** See {@link runEpoch}. */
  epochLoss = Number.NaN;
  epochMetric = Number.NaN;

  /**
   * Loss and the head's metric on other data (validation) with the current parameters, in chunks
   * of the workspace's capacity, never dropping units; changes no parameter. Both are over all the
   * rows at once (sums divided once), in `evalLoss` and `evalMetric`.
   */
  measure(x: Matrix, y: Matrix): void {
    const { ws } = this;
    this.enter();
    ws.rowsOwner = undefined;
    let total = 0;
    let metric = 0;
    for (let from = 0; from < x.rows; from += ws.capacity) {
      const n = Math.min(ws.capacity, x.rows - from);
      ws.loadRows(x.data, from, n, x.cols, ws.X[0]!);
      ws.loadRows(y.data, from, n, y.cols, ws.Y);
      // The inference pass (engine/infer.ts: the same Ŷ and Z_L, its checks in the kernels); on a
      // value that is not finite, the checked pass, which names it.
      if (!infer(ws, n)) {
        forward(ws, n);
        checkLogits(ws, n, from);
      }
      loss(ws, n);
      total += ws.f64[ws.J >> 3]! * n;
      ws.head.metricSum(ws.f64, ws.Yhat >> 3, ws.Y >> 3, ws.metric >> 3, n, y.cols);
      metric += ws.f64[ws.metric >> 3]!;
    }
    this.evalLoss = total / x.rows;
    this.evalMetric = metric / ws.head.metricUnits(x.rows, y.cols);
  }

  evalLoss = Number.NaN;
  evalMetric = Number.NaN;

  /**
   * Makes the network's matrices hold the trained parameters. Nothing to do when this workspace is
   * their home (the usual case); a trainer working on a copy writes it back.
   */
  sync(): void {
    if (this.shared) return;
    this.ws.storeParams(this.params.weights, this.params.biases);
    this.seen = ++this.params.version;
  }

  /** A copy of the parameter block (for early stopping's best weights); `restore` puts one back. */
  snapshot(into?: Float64Array): Float64Array {
    this.enter();
    const at = this.ws.params >> 3;
    const count = this.ws.paramBytes >> 3;
    const out = into ?? new Float64Array(count);
    out.set(this.ws.f64.subarray(at, at + count));
    return out;
  }

  /** Puts a snapshot back (into the network's parameters, or this trainer's copy, which `sync` then writes back). */
  restore(saved: Float64Array): void {
    this.enter();
    this.ws.f64.set(saved, this.ws.params >> 3);
    if (this.shared) this.params.version++;
  }

  /** The loss of the whole data set with the current parameters (full passes in batches; no update). */
  datasetLoss(): number {
    this.measure(this.x, this.y);
    return this.evalLoss;
  }

  /**
   * The ReLU hidden layers none of whose units was active (Z > 0, before dropout) for any row of the
   * last completed epoch: dead units pass no gradient, so such a layer will never learn again (the
   * usual cause is inputs far from unit scale, or a learning rate too large). Empty when none.
   */
  inactiveLayers(): number[] {
    const out: number[] = [];
    for (let r = 0; r < this.reluLayers.length; r++) if (this.wasInactive(this.reluLayers[r]!)) out.push(this.reluLayers[r]!);
    return out;
  }

  /** Whether any ReLU hidden layer was wholly inactive in the last completed epoch (allocates nothing). */
  get anyInactive(): boolean {
    for (let r = 0; r < this.reluLayers.length; r++) if (this.wasInactive(this.reluLayers[r]!)) return true;
    return false;
  }

  /** Hidden layer l had no active unit in the last completed epoch (false before one has completed). */
  private wasInactive(l: number): boolean {
    return this.epoch > 0 && this.activeIn[l]! < this.epoch - 1;
  }

  /** Marks each ReLU hidden layer that has a unit with Z > 0 in this batch (a layer already marked this epoch is not scanned again). */
  private markActive(n: number): void {
    const { ws, reluLayers, activeIn, epoch } = this;
    const f = ws.f64;
    for (let r = 0; r < reluLayers.length; r++) {
      const l = reluLayers[r]!;
      if (activeIn[l] === epoch) continue;
      const z = ws.Z[l]! >> 3;
      const count = n * ws.sizes[l + 1]!;
      for (let i = 0; i < count; i++) {
        if (f[z + i]! > 0) {
          activeIn[l] = epoch;
          break;
        }
      }
    }
  }

  /**
   * `e` with the step's context added when it is a divergence (an overflow, a non-finite loss or a
   * non-finite update while the step computed): where it happened and what to try, as the usual
   * causes are a learning rate too large for the data and inputs far from unit scale. Anything else
   * is returned as it is.
   */
  withContext(e: unknown): unknown {
    const diverged = this.computing;
    this.computing = false;
    if (!(e instanceof ValueError) || !diverged) return e;
    return new ValueError(
      `${e.message} (epoch ${this.epoch}, batch ${this.batch}, lr ${this.rate[0]}). Training diverged: try a lower learning rate (e.g. lr ${Number((this.rate[0]! / 10).toPrecision(2))}), inputs standardized to mean 0 and variance 1, or gradient clipping (clipNorm)`,
    );
  }

  /** Fisher–Yates over 0 … N−1 with the seeded stream (draw k is used at i = N − 1 − k), in place. */
  private shuffle(): void {
    const order = this.order!;
    const draws = this.draws!;
    uniforms(this.shuffleState!, draws, 0, order.length - 1);
    for (let i = 0; i < order.length; i++) order[i] = i;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(draws[order.length - 1 - i]! * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
  }
}

/**
 * The seed of dropout's stream: the shuffle's seed moved by the golden-ratio constant, so the two
 * streams differ for every seed.
 */
export function dropoutSeed(seed: number): number {
  return (seed + 0x9e3779b9) >>> 0;
}
