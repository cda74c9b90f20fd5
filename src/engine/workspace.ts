import { createKernels, kernelBackend, type KernelBackend } from '../kernels/select.js';
import type { Kernels } from '../kernels/types.js';
import { activationRecord, type ActivationRecord } from '../activations/index.js';
import { headOf, type Head } from '../heads/index.js';
import { ShapeError } from '../errors.js';
import { Matrix } from '../matrix.js';
import { count, describe, shapeText } from '../validate.js';

/**
 * Everything a network computes with, in ONE block of memory laid out once: the parameters
 * (W_l, b_l), their gradients, and the buffers of a batch of up to `capacity` rows (X_l, Z_l, δ_l,
 * Y, Ŷ, per-row loss). The kernels address it by byte offset.
 *
 * Why: a training step then allocates nothing. Every buffer is made here, once per network and
 * batch size (a smaller batch reuses a larger workspace, using only its first rows), and the step
 * itself only passes numbers to kernels. It is also what lets the WebAssembly kernels work in place:
 * the block is the wasm module's memory, so nothing is copied across the boundary per step.
 *
 * The parameters live here, not beside it. A network's weight and bias Matrix objects are views of
 * its "home" workspace: each one's `data` is a Float64Array over its own slice of the parameter
 * block (`adopt` makes them so, `holds` checks it). Why: before, the matrices were the source of
 * truth, copied in before every computation and back after every trainer step, O(parameters) a
 * call: 39 % of a 1-row `forward` of 64-128-128-1 (24,704 weights copied to multiply one row by
 * them) and 54 % of a `trainer().step()` at batch 1. With one copy of the parameters there is
 * nothing to keep in step: a write to `net.weights[l].data[i]` lands in the block, an update in the
 * block is what the matrices read. A computation pays `holds`, O(layers): is every matrix still
 * this block's view, with the rows and cols the layout was made for? That one test also catches a
 * matrix changed through a cast (a named ShapeError before anything is written: a wrong-sized copy
 * would spill into the neighbouring blocks), and parameters that moved (below).
 *
 * Where they move, and where they do not (engine/params.ts). A workspace has a fixed capacity of
 * rows (and dropout's buffers or not), and a larger batch needs another one. While nobody outside
 * holds the matrices, the parameters move to it: one checked copy, and the matrices re-pointed
 * (`adopt`); an older workspace (a Trainer's) that finds its views no longer in the matrices moves
 * them back the same way, one copy per move, never per call. But once the network has handed its
 * matrices out (its `weights` and `biases` getters), a caller may hold their `data` arrays, and
 * those must stay the network's storage, as they always were: written between calls, they are what
 * the next call uses; read after training, they hold the trained values. So from then on they never
 * move again: the getters first give them a home if they have none (HOME_ROWS rows, with dropout's
 * buffers: a common mini-batch, so that later batches up to it copy nothing), and a batch larger
 * than their home runs in a workspace that takes a copy (`loadParams`: O(parameters) per call, as
 * before, against rows·O(parameters) of products). A trainer working on such a copy reloads it when the network's
 * `Params.version` has moved (training elsewhere) and writes it back (`storeParams`) after every
 * step (trainer()) or at the end (fit, train): the behaviour every trainer had before, kept for
 * this case only. Matrices the constructor is given are the network's own the same way: until
 * handed out by a getter they move with its workspaces (an array taken from them before then is
 * left behind). A same-sized array put in `data` through a cast is, likewise, that matrix's
 * storage from then on (checked, and copied in).
 *
 * The views are made after the kernels are instantiated (the WebAssembly kernels grow the memory
 * once then, which detaches earlier views). Should the memory ever grow later, `follow` makes them
 * again over the new buffer and re-points the matrices that held the old ones: nothing is copied
 * (an array taken from one before that would be detached, length 0: growth is to be avoided).
 */
export class Workspace {
  readonly k: Kernels;
  readonly L: number;
  /** The parameter block [W_1, b_1, …] and the gradient block with the same layout: offsets and size. */
  readonly params: number;
  readonly grads: number;
  readonly paramBytes: number;
  /** Optimizer state blocks, laid out like the parameters. */
  readonly state1: number;
  readonly state2: number;
  /** A scratch block with the same layout: the parameters before Adam's update, to put them back if it fails. */
  readonly state3: number;
  /**
   * Adam's second pair of moment blocks (m, v): each step reads one pair and writes the other, so a
   * step that fails leaves the current moments as they were. Like every block, untouched (so not
   * resident) unless Adam runs.
   */
  readonly state4: number;
  readonly state5: number;
  /** Byte offsets; b[l] and db[l] are −1 for a layer without bias. X[0] is the batch itself. */
  readonly W: number[] = [];
  readonly b: number[] = [];
  readonly dW: number[] = [];
  readonly db: number[] = [];
  readonly X: number[] = [];
  /** Z_l. After inference (engine/infer.ts) it holds the bare product X_l·W_l for a ReLU layer (its X_{l+1} is written directly). */
  readonly Z: number[] = [];
  /**
   * A_l = a(Z_l) before dropout, for l < L − 1. Without dropout buffers it is X_{l+1} itself; with
   * them, X_{l+1} = A_l ∘ mask_l and the activation's derivative still reads the undropped A_l.
   */
  readonly A: number[] = [];
  /** Dropout's scale per unit (0 or 1/(1 − p)), n × n_{l+1} for hidden layer l; −1 without dropout buffers. */
  readonly mask: number[] = [];
  /** dropped[l] is 1 when the last forward pass dropped units of hidden layer l (so backward applies mask_l). */
  readonly dropped: Uint8Array;
  /** frozen[l] is 1 when training must leave layer l's parameters as they are (set by the network). */
  readonly frozen: Uint8Array;
  readonly delta: number[] = [];
  /** Each hidden layer's activation, resolved once. */
  readonly hidden: readonly ActivationRecord[];
  /** The output head, resolved once. */
  readonly head: Head;
  readonly Y: number;
  readonly Yhat: number;
  readonly perRow: number;
  /** One float64: the batch's mean loss J, written by `loss`. */
  readonly J: number;
  /** One float64: the batch's sum for the head's running metric (see Head.metricSum). */
  readonly metric: number;
  /**
   * The settings of the update, one float64 each, written by the trainer before every step and read
   * by the update rule and the driver: the learning rate, λ of weight decay, and the clipping norm
   * (Infinity for none). Numbers in memory, not arguments: a float passed to a call V8 does not
   * inline is boxed, and a training step allocates nothing.
   */
  readonly lr: number;
  readonly weightDecay: number;
  readonly clipNorm: number;
  /** The update rule's float64 constants (ADAM_SLOTS, MOMENTUM_SLOTS in kernels/types.ts), read by its kernels from memory for the same reason. */
  readonly ruleSlots: number;
  /** Clipping's two float64s: Σ g² (sumSquares writes it) and the factor c/G (scale reads it). */
  readonly clipSlots: number;
  /** Dropout's constants and stream state for the layer being dropped (DROPOUT_SLOTS in kernels/types.ts). */
  readonly dropoutSlots: number;
  /** Whoever last loaded the batch rows (X_1, Y), so a trainer can tell its data is still in place. */
  rowsOwner: unknown;
  /** W_l and b_l as views of this block (null: no bias), what the network's matrices hold as `data` while this is their workspace. */
  private wViews: Float64Array[] = [];
  private bViews: (Float64Array | null)[] = [];
  /** The kernels' f64 the views were made over (another one means the memory grew: make them again). */
  private viewsOf: Float64Array | undefined;

  constructor(
    readonly sizes: readonly number[],
    readonly hasBias: readonly boolean[],
    readonly capacity: number,
    /** One name per layer: hidden activations, then the head ('sigmoid', 'softmax' or 'linear'). */
    readonly activations: readonly string[],
    readonly backend: KernelBackend = kernelBackend(),
    /** Lay out dropout's buffers too (A_l and mask_l for every hidden layer). */
    readonly dropout = false,
  ) {
    const L = sizes.length - 1;
    this.hidden = activations.slice(0, L - 1).map((a) => activationRecord(a)!);
    this.head = headOf(activations[L - 1])!;
    this.dropped = new Uint8Array(Math.max(L - 1, 0));
    this.frozen = new Uint8Array(L);
    let top = 0;
    const take = (count: number) => {
      const at = top;
      top += Math.ceil((count * 8) / 16) * 16; // 16-byte aligned, as the SIMD kernels prefer
      return at;
    };
    // Parameters first, as one block [W_1, b_1, W_2, b_2, …], then their gradients as a second block
    // with the same layout: the SGD update is then one pass over one block (padding stays zero).
    for (let l = 0; l < L; l++) {
      this.W.push(take(sizes[l]! * sizes[l + 1]!));
      this.b.push(hasBias[l] ? take(sizes[l + 1]!) : -1);
    }
    this.params = 0;
    this.grads = top;
    this.paramBytes = top;
    for (let l = 0; l < L; l++) {
      this.dW.push(this.W[l]! + this.grads);
      this.db.push(hasBias[l] ? this.b[l]! + this.grads : -1);
    }
    top += this.paramBytes;
    // Two more blocks with the same layout, for optimizer state (momentum's velocity, Adam's m and v).
    this.state1 = top;
    top += this.paramBytes;
    this.state2 = top;
    top += this.paramBytes;
    this.state3 = top;
    top += this.paramBytes;
    this.state4 = top;
    top += this.paramBytes;
    this.state5 = top;
    top += this.paramBytes;
    for (let l = 0; l < L; l++) {
      this.X.push(take(capacity * sizes[l]!));
      this.Z.push(take(capacity * sizes[l + 1]!));
      this.delta.push(take(capacity * sizes[l + 1]!));
    }
    for (let l = 0; l < L - 1; l++) {
      this.A.push(dropout ? take(capacity * sizes[l + 1]!) : this.X[l + 1]!);
      this.mask.push(dropout ? take(capacity * sizes[l + 1]!) : -1);
    }
    const K = sizes[L]!;
    this.Y = take(capacity * K);
    this.Yhat = take(capacity * K);
    this.perRow = take(capacity);
    this.J = take(1);
    this.metric = take(1);
    this.lr = take(1);
    this.weightDecay = take(1);
    this.clipNorm = take(1);
    this.ruleSlots = take(16);
    this.clipSlots = take(2);
    this.dropoutSlots = take(3);
    this.L = L;
    this.k = allocate(top, backend, capacity);
    this.makeViews();
  }

  /** (Re)makes the views of W_l and b_l over the kernels' current memory. */
  private makeViews(): void {
    const f = this.k.f64;
    this.viewsOf = f;
    this.wViews = this.W.map((at, l) => f.subarray(at >> 3, (at >> 3) + this.sizes[l]! * this.sizes[l + 1]!));
    this.bViews = this.b.map((at, l) => (at < 0 ? null : f.subarray(at >> 3, (at >> 3) + this.sizes[l + 1]!)));
  }

  /** The last loss written by `loss` (J of the batch). */
  get loss(): number {
    return this.f64[this.J >> 3]!;
  }

  /** The memory as float64s; index = byte offset / 8. */
  get f64(): Float64Array {
    return this.k.f64;
  }

  /** Whether every matrix is this block's view of its layer, with the layout's shape: O(layers), allocates nothing. */
  holds(weights: readonly Matrix[], biases: readonly (Matrix | null)[]): boolean {
    const L = this.L;
    if (this.k.f64 !== this.viewsOf || weights.length !== L || biases.length !== L) return false;
    const { sizes, wViews, bViews } = this;
    for (let l = 0; l < L; l++) {
      const w = weights[l]!;
      if (w.data !== wViews[l] || w.rows !== sizes[l] || w.cols !== sizes[l + 1]) return false;
      const b = biases[l]!;
      const v = bViews[l]!;
      if (b === null ? v !== null : b.data !== v || b.rows !== 1 || b.cols !== sizes[l + 1]) return false;
    }
    return true;
  }

  /**
   * Makes the matrices this block's views: each one that is not yet is checked, copied in and
   * re-pointed (its `data` becomes the view). Every matrix is checked before anything is written.
   *
   * @throws {ShapeError} naming the first matrix whose shape or storage no longer fits; nothing is written.
   */
  adopt(weights: readonly Matrix[], biases: readonly (Matrix | null)[]): void {
    this.follow(weights, biases);
    this.checkParams(weights, biases);
    for (let l = 0; l < this.L; l++) {
      const w = weights[l]!;
      const view = this.wViews[l]!;
      if (w.data !== view) {
        view.set(w.data);
        setData(w, view);
      }
      const b = biases[l];
      const bView = this.bViews[l];
      if (b && bView && b.data !== bView) {
        bView.set(b.data);
        setData(b, bView);
      }
    }
  }

  /**
   * After the memory grew under the views (the kernels' `f64` is then another array over a new
   * buffer, and the old views are detached), makes them again and re-points the matrices that
   * held the old ones: the values are where they were. Nothing to do otherwise.
   */
  follow(weights: readonly Matrix[], biases: readonly (Matrix | null)[]): void {
    if (this.k.f64 === this.viewsOf) return;
    const [oldW, oldB] = [this.wViews, this.bViews];
    this.makeViews();
    for (let l = 0; l < Math.min(this.L, weights.length); l++) {
      const w = weights[l];
      if (w instanceof Matrix && w.data === oldW[l]) setData(w, this.wViews[l]!);
      const b = biases[l];
      if (b instanceof Matrix && b.data === oldB[l]) setData(b, this.bViews[l]!);
    }
  }

  /**
   * Copies parameters in, the matrices keeping their own storage (for a workspace that holds a
   * copy: see the design comment), after checking that each still has the shape this workspace was
   * laid out for (a matrix whose rows, cols or data were changed through a cast would otherwise be
   * copied over its neighbours).
   *
   * @throws {ShapeError} naming the first matrix whose shape or storage no longer fits.
   */
  loadParams(weights: readonly Matrix[], biases: readonly (Matrix | null)[]): void {
    this.checkParams(weights, biases);
    if (this.k.f64 !== this.viewsOf) this.makeViews();
    for (let l = 0; l < this.L; l++) {
      this.wViews[l]!.set(weights[l]!.data);
      const bias = biases[l];
      if (bias) this.bViews[l]!.set(bias.data);
    }
  }

  /** Copies this block's parameters out into the matrices' own storage (updated in place), checked as in `loadParams`. */
  storeParams(weights: readonly Matrix[], biases: readonly (Matrix | null)[]): void {
    // A trainer working on a copy stores after every step: the full check only when a length is off (what a write needs to stay in bounds).
    if (!this.lengthsFit(weights, biases)) this.checkParams(weights, biases);
    const f = this.f64;
    for (let l = 0; l < this.L; l++) {
      copyOut(f, this.W[l]!, weights[l]!.data);
      const bias = biases[l];
      if (bias) copyOut(f, this.b[l]!, bias.data);
    }
  }

  /** The storage lengths alone, checked cheaply: each a rows·cols (or cols) array where this layout expects it. */
  private lengthsFit(weights: readonly Matrix[], biases: readonly (Matrix | null)[]): boolean {
    if (weights.length !== this.L || biases.length !== this.L) return false;
    for (let l = 0; l < this.L; l++) {
      const w = weights[l];
      if (w === undefined || w.data === undefined || w.data.length !== this.sizes[l]! * this.sizes[l + 1]! || w.rows !== this.sizes[l]) return false;
      const b = biases[l];
      if ((b !== null) !== this.hasBias[l] || (b !== null && (b === undefined || b.data === undefined || b.data.length !== this.sizes[l + 1]!))) return false;
    }
    return true;
  }

  private checkParams(weights: readonly Matrix[], biases: readonly (Matrix | null)[]): void {
    if (weights.length !== this.L || biases.length !== this.L) {
      throw new ShapeError(`the network has ${weights.length} weight matrices and ${biases.length} bias rows, but it was made with ${count(this.L, 'layer')}; was a list changed through a cast?`);
    }
    // Nothing is allocated unless a check fails.
    for (let l = 0; l < this.L; l++) {
      const w = weights[l];
      if (!fits(w, this.sizes[l]!, this.sizes[l + 1]!)) throw notStored(w, `weights[${l}]`, this.sizes[l]!, this.sizes[l + 1]!);
      const bias = biases[l];
      if ((bias !== null) !== this.hasBias[l]) {
        throw new ShapeError(`biases[${l}] is ${bias === null ? 'null' : 'a row'}, but the network was made ${this.hasBias[l] ? 'with' : 'without'} a bias in layer ${l}`);
      }
      if (bias !== null && !fits(bias, 1, this.sizes[l + 1]!)) throw notStored(bias, `biases[${l}]`, 1, this.sizes[l + 1]!);
    }
  }

  /** Copies `rows` rows of width `width`, starting at row `from` of `src`, to offset `dst`. No allocation. */
  loadRows(src: Float64Array, from: number, rows: number, width: number, dst: number): void {
    const f = this.f64;
    const d = dst >> 3;
    const s = from * width;
    const count = rows * width;
    for (let i = 0; i < count; i++) f[d + i] = src[s + i]!;
  }

  /** Gathers the listed rows of `src` (width `width`) to offset `dst`, for shuffled batches. No allocation. */
  gatherRows(src: Float64Array, order: Uint32Array, from: number, rows: number, width: number, dst: number): void {
    const f = this.f64;
    let d = dst >> 3;
    for (let r = 0; r < rows; r++) {
      const s = order[from + r]! * width;
      for (let j = 0; j < width; j++) f[d++] = src[s + j]!;
    }
  }

  /** A copy of `rows`×`cols` values at offset `at`, as a fresh Float64Array (for results handed to users). */
  read(at: number, count: number): Float64Array {
    return this.f64.slice(at >> 3, (at >> 3) + count);
  }
}

/** The most bytes a workspace may take: 4 GiB, the size of a 32-bit WebAssembly memory. */
export const MAX_WORKSPACE_BYTES = 2 ** 32;

/** The kernels over `bytes` of memory, or a named ShapeError when that is more than a workspace can have or get. */
function allocate(bytes: number, backend: KernelBackend, capacity: number): Kernels {
  const tooLarge = (why: string) =>
    new ShapeError(`the network's workspace for batches of ${count(capacity, 'row')} needs ${(bytes / 2 ** 20).toFixed(0)} MiB, ${why}: use fewer or smaller layers, or smaller batches`);
  if (bytes > MAX_WORKSPACE_BYTES) throw tooLarge('over the limit of 4096 MiB (a WebAssembly memory)');
  try {
    return createKernels(bytes, backend);
  } catch (e) {
    if (e instanceof RangeError) throw tooLarge(`more than this runtime could allocate (${e.message})`);
    throw e;
  }
}

/** A parameter matrix must still be rows×cols with a Float64Array of rows·cols entries. */
function fits(m: Matrix | undefined, rows: number, cols: number): boolean {
  return m instanceof Matrix && m.rows === rows && m.cols === cols && m.data instanceof Float64Array && m.data.length === rows * cols;
}

function notStored(m: Matrix | undefined, field: string, rows: number, cols: number): ShapeError {
  const now = m instanceof Matrix ? `${shapeText(m.rows, m.cols)} with ${m.data instanceof Float64Array ? `${count(m.data.length, 'entry')}` : `data that is not a Float64Array (${describe(m.data)})`}` : describe(m);
  return new ShapeError(`${field} is ${now}, but the network was made with a ${shapeText(rows, cols)} Float64Array there; was it changed through a cast?`);
}

function copyOut(f: Float64Array, at: number, dst: Float64Array): void {
  const o = at >> 3;
  for (let i = 0; i < dst.length; i++) dst[i] = f[o + i]!;
}

/** Points a matrix at new storage of the same length. `data` is readonly to users; the workspace is its owner here. */
function setData(m: Matrix, data: Float64Array): void {
  (m as { data: Float64Array }).data = data;
}
