/**
 * The hot loops, as one interface with two implementations: WebAssembly SIMD (`wasm.ts`) and plain
 * TypeScript (`js.ts`), chosen once at start-up.
 *
 * Every argument and every result is an INTEGER (a byte offset, a count or an index), never a
 * float: V8 boxes a float (a heap number, 16 bytes) passed to or returned from a call it does not
 * inline, and a training step must allocate nothing. A float a kernel needs is read from memory
 * instead: the learning rate of `sgd`/`sgdCheck` is passed as the byte offset of a float64 holding
 * it (the workspace's `ws.lr` slot), and the divisors of `gemmTA`/`colSums` are integer counts.
 *
 * Pointers are BYTE offsets into the kernel set's memory (a wasm `Memory`, or an ArrayBuffer for
 * the plain path), 16-byte aligned (`lrAt` needs only 8). Matrices are float64, row-major; `out`
 * is overwritten unless the doc says otherwise. Sizes are element counts.
 *
 * Results are exact IEEE float64 operations in a fixed order per output element. gemm and gemmTA
 * (and gemmTB where WebAssembly packs it: n, m ≥ 16, k ≥ 4) sum each output in ascending p from the
 * p = 0 product in both implementations, bit for bit; only WebAssembly's direct gemmTB splits the
 * sum into even and odd p (|difference| a few ulps of Σ|terms|). No fused multiply-add is used, so
 * `w − lr·g` and `s / div` round identically.
 */
export interface Kernels {
  /** 'wasm-simd' or 'js'. */
  readonly name: string;
  /** The memory the pointers index, as float64s (a fresh view: re-read after the memory grows). */
  readonly f64: Float64Array;

  /** c (n×m) = a (n×k) · b (k×m). */
  gemm(a: number, b: number, c: number, n: number, k: number, m: number): void;
  /** c (n×m) = (aᵀ · b) / div, where a is k×n and b is k×m, div an integer count. The gradient X_lᵀ·δ_l / N. */
  gemmTA(a: number, b: number, c: number, k: number, n: number, m: number, div: number): void;
  /** c (n×m) = a · bᵀ, where a is n×k and b is m×k. */
  gemmTB(a: number, b: number, c: number, n: number, k: number, m: number): void;
  /** c (n×m) = (a · bᵀ) ∘ ReLU'(z), z n×m, ReLU'(z) = 1 if z > 0 else 0. The hidden δ step. c may not alias a, b. */
  gemmTBRelu(a: number, b: number, z: number, c: number, n: number, k: number, m: number): void;
  /** c (n×m) += bias (1×m) on every row. */
  addRows(c: number, bias: number, n: number, m: number): void;
  /** x = max(z, 0), `count` elements (x may equal z). */
  relu(z: number, x: number, count: number): void;
  /**
   * x (n×m) = act(z + bias): `flags` & 1 adds bias (1×m) to every row (as addRows), & 2 applies
   * ReLU (as relu), else the identity; x may equal z. The index of the first row where a value
   * z + bias is not finite, or −1 (rows up to and including it are written, later ones not).
   * Inference's epilogue of a layer and its logit check in one pass (engine/infer.ts).
   */
  biasAct(z: number, bias: number, x: number, n: number, m: number, flags: number): number;
  /** out (1×m) = (Σ_rows d) / div, d n×m, div an integer count. The bias gradient. */
  colSums(d: number, out: number, n: number, m: number, div: number): void;
  /**
   * The index of the first i with w[i] − lr·g[i] not finite, or −1. Writes nothing. `lrAt` is the
   * BYTE offset of a float64 in this memory holding lr (not lr itself: see above).
   */
  sgdCheck(w: number, g: number, lrAt: number, count: number): number;
  /** w[i] = w[i] − lr·g[i], `count` elements, lr the float64 at byte offset `lrAt`. */
  sgd(w: number, g: number, lrAt: number, count: number): void;
}
