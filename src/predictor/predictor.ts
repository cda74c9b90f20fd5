import type { InputCheck, InputSize, OutputSize } from '../../types/index.js';
import { activationRecord } from '../activations/index.js';
import { LEAKY_RELU_SLOPE } from '../activations/leaky-relu.js';
import { type OutputOf, toBatch } from '../data/input.js';
import { ShapeError, ValueError } from '../errors.js';
import type { HeadName } from '../heads/index.js';
import { binaryClass } from '../heads/sigmoid.js';
import { argmaxRow } from '../heads/softmax.js';
import { kernelBackend } from '../kernels/select.js';
import { checkMatrix, type Matrix } from '../matrix.js';
import { type Batch, checkNetwork, type Network, parametersOf } from '../network.js';
import { count, describe, shapeText } from '../validate.js';
import { ACT, jsKernels32, type Kernels32, wasmKernels32 } from './kernels32.js';
import { Matrix32 } from './matrix32.js';

/**
 * What a float32 predictor's forward and predict return for an input X and K outputs: the network's
 * `OutputOf` (data/input.ts, which decides the forms of input), with each Matrix a {@link Matrix32}:
 * a Matrix32 of as many rows for a Matrix or for plain rows, a `number[]` (the one output row) for
 * one plain row.
 *
 * @example
 * ```ts
 * type A = Output32Of<Matrix<5, 2>, 1>;                          // Matrix32<5, 1>
 * type B = Output32Of<readonly [1, 0], 1>;                       // number[]
 * type C = Output32Of<readonly [readonly [1, 0], readonly [0, 1]], 3>; // Matrix32<2, 3>
 * ```
 */
export type Output32Of<X, K extends number> = As32<OutputOf<X, K>>;

/** Each Matrix<R, C> of a union as Matrix32<R, C>, anything else as it is (distributes over the union). */
type As32<T> = T extends Matrix<infer R, infer C> ? Matrix32<R, C> : T;

/** The largest finite float32, 3.4028234663852886e38. */
const F32_MAX = 3.4028234663852886e38;
/**
 * Rows per pass through all the layers: a block's activations (at most CHUNK · width floats per
 * layer, 64 KiB for 128 units) stay in L2 between one layer and the next, and their buffers are
 * fixed at creation whatever the batch size. (64, 128 and 256 measured alike.)
 */
const CHUNK = 128;
/**
 * Rows of X copied into the memory at a time (float64, as given): the staging area grows to
 * min(N, STAGE)·n_1·8 bytes for the largest batch seen and is kept. A batch of more rows is copied
 * in slices (one subarray view each).
 */
const STAGE = 4096;

/**
 * Layers of at most this many outputs take the `narrow` kernel (unpadded, a tile's 4 rows in one
 * vector) instead of computing 8 padded columns: a classifier's or a regression's last layer.
 */
const NARROW = 4;

const align16 = (bytes: number) => (bytes + 15) & ~15;
const pad8 = (k: number) => (k + 7) & ~7;

/**
 * A frozen float32 copy of a trained network, for inference only: its weights and biases are
 * converted to float32 once, when it is made (later training or edits of the network do not change
 * it; make a new one to pick them up), and packed in the layout its f32x4 micro-kernel reads, with
 * each layer's bias and activation fused into the product. Make one with {@link float32Predictor}.
 *
 * Shapes: `forward(X)` takes N rows of n_1 columns (a `Matrix<N, n_1>`, one plain row or plain rows,
 * as the network's `forward`) and returns Ŷ as a `Matrix32<N, K>` of float32: probabilities for a
 * sigmoid or softmax head, values for a linear one. `predict(X)` returns the head's predictions as
 * the network's `predict` does (classes 0/1 or one-hot, or Ŷ for a linear head), also float32.
 *
 * Precision: inputs, weights, biases and every layer's outputs are float32. On WebAssembly SIMD
 * ('wasm-simd') every sum is accumulated in float32; on the plain TypeScript fallback ('js', no
 * WebAssembly SIMD or `TYPED_MLP_KERNELS=js`) in float64 and rounded to float32 when stored; tanh
 * and sigmoid hidden layers are float32 to within 1 ulp; the sigmoid and softmax heads are computed in
 * float64 from the float32 logits and rounded once.
 * Measured against the float64 network (test/predictor.test.ts), the largest relative difference
 * |ŷ32 − ŷ64| / |ŷ64| of a probability or a regression output: on the 25 fixtures (test/fixtures,
 * shared fixtures and their model/ cases: every activation and head, with and without biases)
 * 6.7e-6 on 'wasm-simd' and 9.0e-7 on 'js' (both at a regression output of
 * gen_reg_2_5_4_1_sigmoid_tanh_headnobias); on the benchmark's 64-128-128-1 sigmoid net over 4096
 * rows 8.8e-7 and 1.8e-7; on a grid of every hidden activation × head × bias (13-21-9-3, 300 rows)
 * 5.4e-7 on probabilities and 2.8e-6 on regression outputs with |ŷ| ≥ 0.1. The tests hold all of
 * these to 1e-5. A regression output that is a cancellation near 0 has no useful relative bound:
 * there the difference is absolute, float32's rounding of the hidden layers (≤ 2.5e-7 on that grid,
 * tested at 1e-6). Classes (`predict`) differ only where Ŷ is that close to 0.5 or to a tie.
 *
 * Memory: its own WebAssembly.Memory (or ArrayBuffer): the packed parameters, three buffers of
 * 128 rows in float32 (a batch passes through every layer in blocks of 128 rows, so a block's
 * activations stay in cache whatever N is) and a staging area where X is copied as given, which
 * grows to min(N, 4096)·n_1·8 bytes for the largest batch seen and is kept. A call allocates only
 * its result (and, for plain-array input, the batch made from it; above 4096 rows, one subarray
 * view per 4096).
 *
 * @example
 * ```ts
 * const net = network(64).relu(128).relu(128).sigmoid(1);
 * net.fit(X, Y, { lr: 0.05, epochs: 10 });
 * const p = float32Predictor(net); // Float32Predictor<[64, 128, 128, 1], "sigmoid">
 * p.forward(X);                    // Matrix32<N, 1> of probabilities
 * p.predict(X);                    // Matrix32<N, 1> of 0s and 1s
 * ```
 */
export class Float32Predictor<S extends readonly number[] = readonly number[], H extends HeadName = HeadName> {
  /** The kernels this predictor runs on, chosen when it was made: 'wasm-simd' (f32x4) or 'js'. */
  readonly backend: 'wasm-simd' | 'js';
  private readonly k: Kernels32;
  private readonly layerSizes: readonly number[];
  private readonly headName: H;
  /** Per layer: byte offsets of the packed weights and the bias (0: none), input width m (the previous kp for l > 0), output width kp (padded to 8, or k itself when k ≤ NARROW), activation code. */
  private readonly W: readonly number[];
  private readonly B: readonly number[];
  private readonly M: readonly number[];
  private readonly KP: readonly number[];
  private readonly acts: readonly number[];
  /** Byte offsets of the input block (CHUNK × n_1) and the two activation blocks (CHUNK × max kp), all in row tiles. */
  private readonly xAt: number;
  private readonly bufs: readonly [number, number];
  /** Byte offset of the staging area for X (float64, up to STAGE × n_1), the memory's last bytes. */
  private readonly stageAt: number;

  /** @internal Use {@link float32Predictor}. */
  constructor(net: Network<S, H>) {
    checkNetwork(net, 'net');
    const { weights, biases } = parametersOf(net);
    const names = net.activations;
    const L = weights.length;
    this.layerSizes = [weights[0]!.rows, ...weights.map((w) => w.cols)];
    this.headName = net.head;
    const M: number[] = [];
    const KP: number[] = [];
    for (let l = 0; l < L; l++) {
      M.push(l === 0 ? weights[0]!.rows : KP[l - 1]!);
      KP.push(weights[l]!.cols <= NARROW ? weights[l]!.cols : pad8(weights[l]!.cols));
    }
    // The layout: packed weights and biases, then the input block and two activation blocks, all
    // fixed now (a batch passes through in blocks of CHUNK rows).
    const { kernels, backend } = makeKernels();
    this.k = kernels;
    this.backend = backend;
    let at = kernels.base; // > 0: 0 means "no bias"
    const W: number[] = [];
    const B: number[] = [];
    for (let l = 0; l < L; l++) {
      W.push(at);
      at = align16(at + M[l]! * KP[l]! * 4);
      B.push(biases[l] ? at : 0);
      if (biases[l]) at = align16(at + KP[l]! * 4);
    }
    const widest = Math.max(...KP);
    const buf0 = at;
    at = align16(at + CHUNK * widest * 4);
    const buf1 = at;
    at = align16(at + CHUNK * widest * 4);
    const xAt = at;
    at = align16(at + CHUNK * this.layerSizes[0]! * 4);
    // Last, the staging area for X itself (float64, as given; see STAGE), grown when a batch needs it.
    this.stageAt = at;
    kernels.reserve(at);
    const f = kernels.f32;
    for (let l = 0; l < L; l++) {
      const w = weights[l]!;
      const kp = KP[l]!;
      const m = M[l]!;
      // Panel q, row p, lane c ← W[p][8q + c]; padding rows (p ≥ w.rows) and columns stay zero.
      // A narrow layer's W is p-major as it is (kp = k), with the padding rows zero.
      const at = (p: number, j: number) => (W[l]! >> 2) + (kp === w.cols && kp <= NARROW ? p * kp + j : (j >> 3) * m * 8 + p * 8 + (j & 7));
      for (let p = 0; p < w.rows; p++) {
        for (let j = 0; j < w.cols; j++) f[at(p, j)] = float32(w.data[p * w.cols + j]!, `weights[${l}]`, p, j);
      }
      const b = biases[l];
      if (b) for (let j = 0; j < b.cols; j++) f[(B[l]! >> 2) + j] = float32(b.data[j]!, `biases[${l}]`, 0, j);
    }
    this.W = W;
    this.B = B;
    this.M = M;
    this.KP = KP;
    // The head's own activation is applied by the host (sigmoid, softmax), after the logits are checked.
    this.acts = names.map((name, l) => (l === L - 1 ? ACT.linear : actCode(name)));
    this.xAt = xAt;
    this.bufs = [buf0, buf1];
  }

  /** The layer sizes n_1 … n_{L+1} (a fresh copy on each read). */
  get sizes(): Readonly<S> {
    return [...this.layerSizes] as unknown as Readonly<S>;
  }

  /** The output head's name, the network's. */
  get head(): H {
    return this.headName;
  }

  /**
   * What `JSON.stringify` and loggers show: the sizes, head and backend, not the kernels' memory
   * (a predictor is not saved as JSON: save the network with `saveNetwork` and make a predictor of
   * it again).
   *
   * @example
   * ```ts
   * JSON.stringify(float32Predictor(net)); // '{"type":"Float32Predictor","sizes":[2,8,1],"head":"sigmoid","backend":"wasm-simd"}'
   * ```
   */
  toJSON(): { type: 'Float32Predictor'; sizes: readonly number[]; head: H; backend: 'wasm-simd' | 'js' } {
    return { type: 'Float32Predictor', sizes: [...this.layerSizes], head: this.headName, backend: this.backend };
  }

  /**
   * Ŷ in float32 for a batch of any number of rows: `Matrix<N, n_1>` in, `Matrix32<N, K>` out
   * (probabilities for a classifier head, values for a linear one). Plain arrays as the network's
   * `forward`: one row gives its output row as a `number[]`.
   *
   * @throws {ShapeError} X of the wrong width (naming both), an empty or ragged list of rows.
   * @throws {ValueError} an entry that is not a finite number or lies beyond float32's range (±3.4e38),
   *   naming it; a logit that overflows float32 (naming Z_L's row and column).
   *
   * @example
   * ```ts
   * p.forward(matrix([[0, 1]])); // Matrix32<1, 1>
   * p.forward([0, 1]);           // number[]: the one output row
   * p.forward([0, 1, 1]);        // compile error: "row has 3 entries but the network's input size is 2"
   * ```
   */
  forward<N extends number>(x: Matrix<N, InputSize<S>>): Matrix32<N, OutputSize<S>>;
  forward<N extends number, C extends number>(x: Batch<S, N, C>): Matrix32<N, OutputSize<S>>;
  forward<const X extends Matrix | readonly unknown[], S2 extends readonly number[], H2 extends HeadName>(this: Float32Predictor<S2, H2>, x: X & InputCheck<X, InputSize<S2>>): Output32Of<X, OutputSize<S2>>;
  forward(input: Matrix | readonly unknown[]): Matrix32 | number[] {
    const { batch, single } = toBatch(input, this.layerSizes[0]!);
    const y = this.run(batch, inputName(input, single));
    return single ? Array.from(y.data) : y;
  }

  /**
   * The head's predictions in float32, as the network's `predict`: classes for a classifier
   * (sigmoid: 1 where Ŷ > 0.5, else 0; softmax: one-hot at the largest Ŷ, the first on ties), Ŷ
   * itself for a linear head.
   *
   * @throws {ShapeError} as {@link forward}.
   * @throws {ValueError} as {@link forward}.
   *
   * @example
   * ```ts
   * p.predict(X).toArray(); // [[0], [1], [1], [0]]
   * p.predict([1, 0]);      // [1]
   * ```
   */
  predict<N extends number>(x: Matrix<N, InputSize<S>>): Matrix32<N, OutputSize<S>>;
  predict<N extends number, C extends number>(x: Batch<S, N, C>): Matrix32<N, OutputSize<S>>;
  predict<const X extends Matrix | readonly unknown[], S2 extends readonly number[], H2 extends HeadName>(this: Float32Predictor<S2, H2>, x: X & InputCheck<X, InputSize<S2>>): Output32Of<X, OutputSize<S2>>;
  predict(input: Matrix | readonly unknown[]): Matrix32 | number[] {
    const { batch, single } = toBatch(input, this.layerSizes[0]!);
    const y = this.run(batch, inputName(input, single));
    const d = y.data;
    const k = y.cols;
    if (this.headName === 'sigmoid') for (let i = 0; i < d.length; i++) d[i] = binaryClass(d[i]!);
    else if (this.headName === 'softmax') {
      for (let i = 0; i < y.rows; i++) {
        const best = argmaxRow(d, i * k, k);
        for (let j = 0; j < k; j++) d[i * k + j] = j === best ? 1 : 0;
      }
    }
    return single ? Array.from(d) : y;
  }

  /** Ŷ for a batch, block by block (CHUNK rows) through every layer. */
  private run(x: Matrix, name: InputName): Matrix32 {
    const n0 = this.layerSizes[0]!;
    checkMatrix(x, 'X');
    if (x.cols !== n0) throw new ShapeError(`X is ${shapeText(x.rows, x.cols)} but the network expects ${count(n0, 'column')}`);
    const L = this.W.length;
    const K = this.layerSizes[L]!;
    const k = this.k;
    const out = new Float32Array(x.rows * K);
    const xd = x.data;
    // X goes in (float64, as given) by typed-array copies of at most STAGE rows, each block of CHUNK
    // rows is packed to float32 tiles by the kernels, then runs through every layer.
    k.reserve(this.stageAt + Math.min(x.rows, STAGE) * n0 * 8);
    for (let s0 = 0; s0 < x.rows; s0 += STAGE) {
      const staged = Math.min(STAGE, x.rows - s0);
      k.f64.set(staged === x.rows ? xd : xd.subarray(s0 * n0, (s0 + staged) * n0), this.stageAt >> 3);
      for (let r0 = s0; r0 < s0 + staged; r0 += CHUNK) {
        const n = Math.min(CHUNK, s0 + staged - r0);
        const bad = k.pack(this.stageAt + (r0 - s0) * n0 * 8, this.xAt, n, n0);
        if (bad >= 0) throw badInput(xd[r0 * n0 + bad]!, r0 + Math.floor(bad / n0), bad % n0, name);
        let src = this.xAt;
        for (let l = 0; l < L; l++) {
          const dst = this.bufs[l & 1]!;
          const kp = this.KP[l]!;
          const act = this.acts[l]!;
          if (kp <= NARROW) k.narrow(src, this.W[l]!, this.B[l]!, dst, n, this.M[l]!, kp, act, LEAKY_RELU_SLOPE);
          else k.layer(src, this.W[l]!, this.B[l]!, dst, n, this.M[l]!, kp, act, LEAKY_RELU_SLOPE);
          if (act === ACT.tanh) k.tanhInPlace(dst, ((n + 3) & ~3) * kp);
          else if (act === ACT.sigmoid) k.sigmoidInPlace(dst, ((n + 3) & ~3) * kp);
          src = dst;
        }
        this.finish(src >> 2, this.KP[L - 1]!, out, r0, n, K);
      }
    }
    return new Matrix32(x.rows, K, out);
  }

  /** Checks the block's logits Z_L (row tiles of width kp), applies the head and writes the n rows into out. */
  private finish(z: number, kp: number, out: Float32Array, r0: number, n: number, K: number): void {
    const f = this.k.f32;
    // Row i's column j is at row + 4j, row = z + (i >> 2)·kp·4 + (i & 3).
    for (let i = 0; i < n; i++) {
      const row = z + (i >> 2) * kp * 4 + (i & 3);
      for (let j = 0; j < K; j++) {
        const v = f[row + 4 * j]!;
        if (v - v !== 0) throw new ValueError(`Z_${this.W.length}[${r0 + i}][${j}] is ${v}: the inputs or weights are too large for float32 (a product overflows); use the float64 network`);
      }
    }
    const head = this.headName;
    for (let i = 0; i < n; i++) {
      const row = z + (i >> 2) * kp * 4 + (i & 3);
      const o = (r0 + i) * K;
      if (head === 'softmax') {
        let m = -Infinity;
        for (let j = 0; j < K; j++) m = Math.max(m, f[row + 4 * j]!);
        let sum = 0;
        for (let j = 0; j < K; j++) sum += Math.exp(f[row + 4 * j]! - m);
        for (let j = 0; j < K; j++) out[o + j] = Math.exp(f[row + 4 * j]! - m) / sum;
      } else if (head === 'sigmoid') {
        for (let j = 0; j < K; j++) {
          const v = f[row + 4 * j]!;
          const e = Math.exp(-Math.abs(v)); //                         σ(z) from the float32 logit, as the network's sigmoid
          out[o + j] = v >= 0 ? 1 / (1 + e) : e / (1 + e);
        }
      } else for (let j = 0; j < K; j++) out[o + j] = f[row + 4 * j]!;
    }
  }
}

/**
 * A frozen float32 predictor of a trained network (see {@link Float32Predictor}): its weights and
 * biases converted to float32 and packed once, now, so training the network afterwards does not
 * change it. Runs on f32x4 WebAssembly SIMD kernels, or on plain TypeScript where those are
 * unavailable or `TYPED_MLP_KERNELS=js` / `setKernelBackend('js')` asks for them (the choice is
 * made when the predictor is made; `p.backend` says which). Its outputs differ from the float64
 * network's by float32 rounding: below 1e-5 relative on the fixtures (see Float32Predictor).
 *
 * @throws {ValueError} net is not a Network; a weight or bias that is not finite or lies beyond float32's range (±3.4e38), naming it.
 *
 * @example
 * ```ts
 * const p = float32Predictor(net); // Float32Predictor<[64, 128, 128, 1], "sigmoid">
 * p.forward(X);                    // Matrix32<N, 1>: float32 probabilities
 * net.fit(X, Y, { lr: 0.1, epochs: 5 }); // p keeps the weights it was made with
 * ```
 */
export function float32Predictor<S extends readonly number[], H extends HeadName>(net: Network<S, H>): Float32Predictor<S, H> {
  return new Float32Predictor(net);
}

/** How the input is named in messages, as toBatch names it: a Matrix X, one plain row, or plain rows. */
type InputName = 'X' | 'row' | 'rows';

function inputName(input: unknown, single: boolean): InputName {
  return single ? 'row' : Array.isArray(input) ? 'rows' : 'X';
}

/** The error for entry (row, col) = v of the input, which is not finite or lies beyond float32's range: `X[1][0]`, `row[0]` or `rows[1][0]`. */
function badInput(v: number, row: number, col: number, name: InputName): ValueError {
  const at = `${name === 'row' ? `row[${col}]` : `${name}[${row}][${col}]`} is ${describe(v)}`;
  return new ValueError(Number.isFinite(v) ? `${at}, beyond float32's range (±3.4e38): use the float64 network` : `${at}, expected a finite number`);
}

/** A weight or bias as float32, or a ValueError naming it when it is not finite (written in since) or lies beyond float32's range. */
function float32(v: number, field: string, i: number, j: number): number {
  if (!Number.isFinite(v)) throw new ValueError(`${field}[${i}][${j}] is ${describe(v)}, expected a finite number`);
  if (!(Math.abs(v) <= F32_MAX)) throw new ValueError(`${field}[${i}][${j}] is ${describe(v)}, beyond float32's range (±3.4e38): this network cannot be made float32`);
  return v;
}

function actCode(name: string): number {
  const code = (ACT as Record<string, number>)[name];
  if (code === undefined || activationRecord(name) === undefined) throw new ValueError(`activation "${name}" has no float32 kernel`);
  return code;
}

/** The f32x4 kernels when the library's kernels are WebAssembly SIMD and this module compiles; else the plain ones. */
function makeKernels(): { kernels: Kernels32; backend: 'wasm-simd' | 'js' } {
  if (kernelBackend() === 'wasm-simd') {
    try {
      return { kernels: wasmKernels32(), backend: 'wasm-simd' };
    } catch {
      // An engine that refuses to compile this module (a strict Content-Security-Policy): the plain kernels.
    }
  }
  return { kernels: jsKernels32(), backend: 'js' };
}
