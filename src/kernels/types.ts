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
  /**
   * Adam's update of `count` elements in one pass, all or nothing:
   *   m' = β1·m + (1−β1)·g;  v' = β2·v + ((1−β2)·g)·g;  θ' = (w − (lr·λ)·w) − (a·m') / (√v' + ε̂)
   * with a = lr·√c2/c1 and ε̂ = ε·√c2 (c1 = 1−β1ᵗ, c2 = 1−β2ᵗ: one square root and one division an
   * element, the same value as lr·m̂/(√v̂ + ε) up to rounding), the float64 constants at BYTE offset
   * `c` laid out as ADAM_SLOTS says. Writes θ' over w (the old w to `saved`), m' and v' to mOut and
   * vOut (m and v are only read), and returns −1; or returns the first i whose θ' or v' is not
   * finite, with w as it was (saved, mOut and vOut then hold scratch).
   */
  adam(w: number, g: number, m: number, v: number, mOut: number, vOut: number, saved: number, count: number, c: number): number;
  /** The index of the first i whose v' = μ·v + g or θ' = w − lr·v' is not finite, or −1. Writes nothing. Constants at `c`: MOMENTUM_SLOTS. */
  momentumCheck(w: number, g: number, v: number, count: number, c: number): number;
  /** v ← μ·v + g, then w ← w − lr·v (PyTorch's SGD with momentum), `count` elements. */
  momentum(w: number, g: number, v: number, count: number, c: number): void;
  /** y ← y + α·x, α the float64 at BYTE offset `alphaAt`. Coupled weight decay: g_W ← g_W + λ·W. */
  addScaled(y: number, x: number, alphaAt: number, count: number): void;
  /**
   * The float64 at BYTE offset `outAt` ← Σ x[i]², in four running sums s_r over the i with
   * i mod 4 = r (ascending), then (s0 + s2) + (s1 + s3). Clipping's global norm.
   */
  sumSquares(x: number, count: number, outAt: number): void;
  /** x ← x·s, s the float64 at BYTE offset `sAt`. Clipping: g ← g·c/G. */
  scale(x: number, count: number, sAt: number): void;
  /** x ← x ∘ y, element by element. Dropout's backward: δ_l ← δ_l ∘ m_l. */
  multiply(x: number, y: number, count: number): void;
  /**
   * Inverted dropout's forward, `count` elements: u = the next uniform of the mulberry32 stream
   * (src/random.ts `uniforms`), m = 0 if u < p else 1/(1 − p), mask ← m, x ← a·m. Constants and
   * the stream's state (which moves on) at `c`: DROPOUT_SLOTS.
   */
  dropout(a: number, mask: number, x: number, count: number, c: number): void;
}

/** Where Adam's constants lie in its slot block (float64 index from the block's start), and how many there are. */
export const ADAM_SLOTS = { step: 0, lrDecay: 1, beta1: 2, oneMinusBeta1: 3, beta2: 4, oneMinusBeta2: 5, epsHat: 6, count: 7 } as const;

/** Where momentum's constants lie in its slot block (float64 index from the block's start). */
export const MOMENTUM_SLOTS = { lr: 0, momentum: 1, count: 2 } as const;

/** Dropout's slot block: p, 1/(1 − p), and the mulberry32 stream's state (a uint32, held as a float64). */
export const DROPOUT_SLOTS = { rate: 0, keep: 1, state: 2, count: 3 } as const;
