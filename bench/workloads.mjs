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
