// The three workloads of issue 4, built exactly as the issue says, plus the float64 reference
// helpers every adapter's result is judged by. Nothing here depends on any library under test.

/** mulberry32(seed): the well-known 32-bit PRNG; returns uniforms in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal by Box-Muller, cos branch only, two uniforms per normal. */
export function normal(uniform) {
  const u1 = uniform();
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/** He-normal [fanIn][fanOut] row-major: N(0,1)·sqrt(2/fanIn), drawn in storage order. */
export function heNormal(fanIn, fanOut, uniform) {
  const w = new Float64Array(fanIn * fanOut);
  const scale = Math.sqrt(2 / fanIn);
  for (let i = 0; i < w.length; i++) w[i] = normal(uniform) * scale;
  return w;
}

/** He-normal weights for consecutive layer sizes from one stream: W1, then W2, … */
export function initWeights(sizes, seed) {
  const rng = mulberry32(seed);
  const ws = [];
  for (let l = 0; l + 1 < sizes.length; l++) ws.push(heNormal(sizes[l], sizes[l + 1], rng));
  return ws;
}

/**
 * Workload B: N = 4096 × D = 64 from mulberry32(42), row by row, x = 2u − 1; y = 1 iff x0+…+x7 > 0.
 * Net 64-128-128-1 (ReLU, ReLU, sigmoid), no biases, He-normal from mulberry32(7), SGD lr 0.1,
 * batch 32 (batch b = samples 32b…32b+31), 5 epochs, no shuffle, mean BCE.
 */
export function workloadB() {
  const N = 4096;
  const D = 64;
  const rng = mulberry32(42);
  const X = new Float64Array(N * D);
  const Y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let j = 0; j < D; j++) {
      const x = 2 * rng() - 1;
      X[i * D + j] = x;
      if (j < 8) s += x;
    }
    Y[i] = s > 0 ? 1 : 0;
  }
  const sizes = [64, 128, 128, 1];
  return {
    name: 'B',
    N,
    D,
    X,
    Y,
    sizes,
    biases: false,
    weights: () => initWeights(sizes, 7), // a fresh copy for every run
    lr: 0.1,
    batchSize: 32,
    epochs: 5,
  };
}

/** Workload C: XOR 2-3-1 with biases (0), He-normal from mulberry32(3), full batch of 4, 10,000 steps, lr 0.5. */
export function workloadC() {
  const sizes = [2, 3, 1];
  return {
    name: 'C',
    N: 4,
    D: 2,
    X: Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1]),
    Y: Float64Array.from([0, 1, 1, 0]),
    sizes,
    biases: true,
    weights: () => initWeights(sizes, 3),
    lr: 0.5,
    batchSize: 4,
    steps: 10_000,
  };
}

/** Workload A: square operands for n = 64, 256, 512, 1024; entries 2u − 1 from mulberry32(n) (A then B). */
export const matmulSizes = [64, 256, 512, 1024];
export function workloadA(n) {
  const rng = mulberry32(n);
  const A = new Float64Array(n * n);
  const B = new Float64Array(n * n);
  for (let i = 0; i < A.length; i++) A[i] = 2 * rng() - 1;
  for (let i = 0; i < B.length; i++) B[i] = 2 * rng() - 1;
  return { n, A, B };
}

/** The float64 reference product, a plain i-k-j loop. */
export function referenceMatmul(A, B, n) {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let k = 0; k < n; k++) {
      const a = A[ci + k];
      const bk = k * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[bk + j];
    }
  }
  return C;
}

export function maxAbsDiff(a, b) {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = d; // NaN wins
  }
  return m;
}

const softplus = (z) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/**
 * Float64 forward pass of a ReLU…ReLU-sigmoid net from any library's final weights
 * (ws[l] is [in][out] row-major, bs[l] optional biases) → { loss (mean BCE), accuracy, logits }.
 */
export function evaluateWeights(ws, bs, X, Y, sizes) {
  const N = Y.length;
  let a = X;
  let z;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nin = sizes[l];
    const nout = sizes[l + 1];
    const w = ws[l];
    const b = bs?.[l];
    z = new Float64Array(N * nout);
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < nout; j++) {
        let s = b ? b[j] : 0;
        for (let k = 0; k < nin; k++) s += a[i * nin + k] * w[k * nout + j];
        z[i * nout + j] = s;
      }
    }
    if (l + 2 < sizes.length) a = z.map((v) => (v > 0 ? v : 0));
  }
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < N; i++) {
    const y = Y[i];
    loss += y * softplus(-z[i]) + (1 - y) * softplus(z[i]);
    const p = 1 / (1 + Math.exp(-z[i])) > 0.5 ? 1 : 0;
    if (p === y) correct++;
  }
  return { loss: loss / N, accuracy: correct / N, logits: z };
}

/** The rows a final loss is computed on: the workload's own, or the first rows only (the sweeps). */
export function evalSet(w) {
  return [w.evalX ?? w.X, w.evalY ?? w.Y];
}

/**
 * Workload D — inference: forward only on B's network (64-128-128-1, ReLU, ReLU, sigmoid, no
 * biases) with B's initial weights (He-normal from mulberry32(7)), on the first n rows of B's X,
 * for n = 1, 32 and 4096 rows per call. The float64 reference probabilities come from
 * evaluateWeights.
 */
export const inferenceRows = [1, 32, 4096];
export function workloadD(b = workloadB()) {
  const weights = b.weights();
  const { logits } = evaluateWeights(weights, null, b.X, b.Y, b.sizes);
  const probs = logits.map((z) => 1 / (1 + Math.exp(-z)));
  return {
    name: 'D',
    sizes: b.sizes,
    weights,
    rows: inferenceRows,
    /** The call's inputs and float64 reference outputs for n rows. */
    at: (n) => ({ n, X: b.X.subarray(0, n * b.D), sizes: b.sizes, weights, ref: probs.subarray(0, n) }),
    /** FLOPs of one call: 2·n·(number of weights); the activations are not counted. */
    flops: (n) => 2 * n * b.sizes.slice(1).reduce((s, m, l) => s + b.sizes[l] * m, 0),
  };
}

/** Weights in a net of these layer sizes without biases: P = Σ n_l·n_{l+1}. */
export const weightCount = (sizes) => sizes.slice(1).reduce((s, m, l) => s + sizes[l] * m, 0);

/**
 * FLOPs of one SGD step on a batch of b rows of a net without biases, counting multiply-adds as 2:
 *   forward            2·b·P
 *   weight gradients   2·b·P            (Xₗᵀ·δₗ for every layer)
 *   input deltas       2·b·(P − n₀·n₁)  (δₗ·Wₗᵀ for every layer but the first)
 *   update             2·P              (w − lr·g)
 * = b·(6P − 2·n₀·n₁) + 2P. Activations, their derivatives and the loss are O(b·units) and left out.
 */
export function stepFlops(sizes, b) {
  const P = weightCount(sizes);
  return b * (6 * P - 2 * sizes[0] * sizes[1]) + 2 * P;
}

/**
 * The width sweep: training throughput of 64-W-W-1 (ReLU, ReLU, sigmoid, no biases, He-normal from
 * mulberry32(7)) on B's data, batch 32 (consecutive batches), SGD lr 0.05, no shuffle, for
 * W = 16 … 512. Every library runs the same number of steps at a given width:
 * steps = ⌈targetFlop / stepFlops⌉ clamped to 32 … 2048, so a timing of the fastest library lasts
 * about 0.05-0.1 s whatever the width. Up to 128 steps are one epoch over the first 32·steps samples;
 * more are whole epochs over all 4096. The final loss is computed on the first 256 samples: a check
 * that every library trained the same net, not a result.
 */
export const sweepWidths = [16, 32, 64, 128, 256, 512];
export function workloadWidth(W, { targetFlop = 0.5e9, b = workloadB() } = {}) {
  const sizes = [b.D, W, W, 1];
  const batchSize = 32;
  const per = stepFlops(sizes, batchSize);
  const wanted = Math.min(2048, Math.max(32, Math.ceil(targetFlop / per)));
  const perEpoch = b.N / batchSize;
  const epochs = Math.ceil(wanted / perEpoch);
  const N = epochs === 1 ? wanted * batchSize : b.N;
  const steps = epochs * (N / batchSize);
  return {
    ...b,
    name: `width ${W}`,
    W,
    N,
    X: b.X.subarray(0, N * b.D),
    Y: b.Y.subarray(0, N),
    sizes,
    params: weightCount(sizes),
    weights: () => initWeights(sizes, 7),
    lr: 0.05,
    batchSize,
    epochs,
    steps,
    flops: steps * per,
    evalX: b.X.subarray(0, 256 * b.D),
    evalY: b.Y.subarray(0, 256),
  };
}

/**
 * The batch sweep: B (64-128-128-1, SGD lr 0.1, no shuffle, consecutive batches) for `epochs`
 * epochs (default 2) of 4096 samples at batch 1, 8, 32, 128 and 512. samples/s = 4096·epochs /
 * wall time. Final loss on the first 512 samples (a check that every library ran the same steps).
 */
export const sweepBatches = [1, 8, 32, 128, 512];
export function workloadBatch(batchSize, b = workloadB(), epochs = 2) {
  return {
    ...b,
    name: `batch ${batchSize}`,
    batchSize,
    epochs,
    steps: (epochs * b.N) / batchSize,
    params: weightCount(b.sizes),
    flops: ((epochs * b.N) / batchSize) * stepFlops(b.sizes, batchSize),
    evalX: b.X.subarray(0, 512 * b.D),
    evalY: b.Y.subarray(0, 512),
  };
}

/** Mean squared error and accuracy (output > 0.5) of raw outputs, for libraries with other losses. */
export function evaluateOutputs(out, Y) {
  let se = 0;
  let correct = 0;
  for (let i = 0; i < Y.length; i++) {
    se += (out[i] - Y[i]) ** 2;
    if ((out[i] > 0.5 ? 1 : 0) === Y[i]) correct++;
  }
  return { loss: se / Y.length, accuracy: correct / Y.length };
}

/** Batch b of a row-major N×D array: rows bs·b … bs·b + bs − 1 (a copy). */
export function batchOf(data, cols, b, bs) {
  return data.slice(b * bs * cols, (b + 1) * bs * cols);
}

/**
 * Workload Bopt (issue 12, point 4): B exactly (data, 64-128-128-1 net, initial weights, batch 32,
 * consecutive batches, no shuffle, 5 epochs, mean BCE) with each of these updates. The time does not
 * depend on lr; each lr is one at which the rule trains this net well (momentum 0.9 at lr 0.01 moves
 * about as far per step as SGD at 0.1). `libraries` is not a restriction of the workload: it is
 * which variants the bench runs for whom (typed-mlp all; tfjs-core wasm Adam; tfjs-layers Adam and
 * the combined options; see bench/README.md).
 */
export const optimizerVariants = [
  { key: 'sgd', label: 'SGD, lr 0.1', optimizer: 'sgd', lr: 0.1 },
  { key: 'momentum', label: 'momentum 0.9, lr 0.01', optimizer: 'momentum', momentum: 0.9, lr: 0.01 },
  { key: 'adam', label: 'Adam, lr 0.001 (β 0.9, 0.999, ε 1e-8)', optimizer: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  {
    key: 'adam+dropout+wd',
    label: 'Adam, lr 0.001 + dropout 0.2 on each hidden layer + weight decay 1e-4',
    optimizer: 'adam',
    lr: 0.001,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    dropout: 0.2,
    weightDecay: 1e-4,
  },
];

/**
 * The final mean BCE over B's 4096 samples after the deterministic variants, from the float64
 * reference (`plainOptimizerRun` in adapters/plain.mjs: PlainMlp's gradient, the update rule
 * written out). `node --expose-gc bench/run.mjs --only Bopt --bopt-reference` recomputes them and
 * fails if they no longer match.
 */
export const optimizerReference = {
  sgd: { loss: 0.0312661769, accuracy: 0.994873046875 },
  momentum: { loss: 0.0303232159, accuracy: 0.99609375 },
  adam: { loss: 0.0160719710, accuracy: 0.999755859375 },
};

/**
 * How far a final loss may be from the reference and still pass: 1e-3 absolute (float32 libraries
 * land within about 1e-4; float64 ones within 1e-9). A library that ignored the optimizer option
 * (SGD 0.0313, momentum 0.0303, Adam 0.0161, no training 0.759) would be caught.
 */
export const optimizerTolerance = 1e-3;

/**
 * The checks of one Bopt run, by the result's loss and accuracy on all 4096 samples (null: it passed;
 * else why not). With a reference (no dropout): within optimizerTolerance of it. With dropout (masks
 * are each library's own, so there is no reference): it trained (loss ≤ ¼ of the initial loss,
 * accuracy ≥ 0.95), and it did not train the same as Adam alone, i.e. the dropout was applied
 * (|loss − Adam's reference| > 2·optimizerTolerance).
 */
export function checkOptimizerRun(v, r, initial) {
  const ref = optimizerReference[v.key];
  if (ref) {
    const d = Math.abs(r.loss - ref.loss);
    return d <= optimizerTolerance ? null : `final loss ${r.loss.toFixed(5)}, but the float64 reference ends at ${ref.loss.toFixed(5)} (|Δ| ${d.toExponential(1)} > ${optimizerTolerance})`;
  }
  if (!(r.loss <= initial.loss / 4 && r.accuracy >= 0.95)) {
    return `final loss ${r.loss.toFixed(4)}, accuracy ${r.accuracy.toFixed(4)}: not trained (the initial weights give ${initial.loss.toFixed(4)}, ${initial.accuracy.toFixed(4)})`;
  }
  if (v.dropout && Math.abs(r.loss - optimizerReference.adam.loss) <= 2 * optimizerTolerance) {
    return `final loss ${r.loss.toFixed(5)}, the same as Adam without dropout (${optimizerReference.adam.loss.toFixed(5)}): was the dropout applied?`;
  }
  return null;
}

export function workloadBopt(b = workloadB()) {
  const initial = evaluateWeights(b.weights(), null, b.X, b.Y, b.sizes);
  return {
    name: 'Bopt',
    sizes: b.sizes,
    /** The weights (no biases): 64·128 + 128·128 + 128·1 = 24,704. */
    params: b.sizes.slice(1).reduce((n, m, l) => n + b.sizes[l] * m, 0),
    N: b.N,
    batchSize: b.batchSize,
    epochs: b.epochs,
    variants: optimizerVariants,
    initial: { loss: initial.loss, accuracy: initial.accuracy },
    /** B with variant v: its lr, and the update in `opt`. */
    with: (v) => ({ ...b, name: `Bopt ${v.key}`, lr: v.lr, opt: v }),
  };
}
