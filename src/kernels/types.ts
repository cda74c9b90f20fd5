/**
 * The hot loops, as one interface with two implementations: WebAssembly SIMD (`wasm.ts`) and plain
 * TypeScript (`js.ts`), chosen once at start-up. Every argument is a number, so a training step
 * calls them without allocating anything.
 *
 * Pointers are BYTE offsets into the kernel set's memory (a wasm `Memory`, or an ArrayBuffer for
 * the plain path), 16-byte aligned. Matrices are float64, row-major; `out` is overwritten unless
 * the doc says otherwise. Sizes are element counts.
 *
 * Results are exact IEEE float64 operations in a fixed order per output element, except that the
 * order of the terms of a dot product may differ between implementations (|difference| is a few
 * ulps of Σ|terms|). No fused multiply-add is used, so `w − lr·g` and `s / div` round identically.
 */
export interface Kernels {
  /** 'wasm-simd' or 'js'. */
  readonly name: string;
  /** The memory the pointers index, as float64s (a fresh view: re-read after the memory grows). */
  readonly f64: Float64Array;

  /** c (n×m) = a (n×k) · b (k×m). */
  gemm(a: number, b: number, c: number, n: number, k: number, m: number): void;
  /** c (n×m) = (aᵀ · b) / div, where a is k×n and b is k×m. The gradient X_lᵀ·δ_l / N. */
  gemmTA(a: number, b: number, c: number, k: number, n: number, m: number, div: number): void;
  /** c (n×m) = a · bᵀ, where a is n×k and b is m×k. */
  gemmTB(a: number, b: number, c: number, n: number, k: number, m: number): void;
  /** c (n×m) = (a · bᵀ) ∘ ReLU'(z), z n×m, ReLU'(z) = 1 if z > 0 else 0. The hidden δ step. c may not alias a, b. */
  gemmTBRelu(a: number, b: number, z: number, c: number, n: number, k: number, m: number): void;
  /** c (n×m) += bias (1×m) on every row. */
  addRows(c: number, bias: number, n: number, m: number): void;
  /** x = max(z, 0), `count` elements (x may equal z). */
  relu(z: number, x: number, count: number): void;
  /** out (1×m) = (Σ_rows d) / div, d n×m. The bias gradient. */
  colSums(d: number, out: number, n: number, m: number, div: number): void;
  /** The index of the first i with w[i] − lr·g[i] not finite, or −1. Writes nothing. */
  sgdCheck(w: number, g: number, lr: number, count: number): number;
  /** w[i] = w[i] − lr·g[i], `count` elements. */
  sgd(w: number, g: number, lr: number, count: number): void;
}
