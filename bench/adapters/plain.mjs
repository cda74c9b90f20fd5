// (f) The "plain loop" baseline: straightforward Float64Array code that a competent person would
// write for this exact net — buffers allocated once per run, simple i-k-j loops, no unrolling, no
// blocking, no SIMD, no tricks. Plus (A) a best-effort blocked float64 GEMM in plain JS.
import { evalSet, evaluateWeights } from '../workloads.mjs';

/**
 * A small MLP trainer for sizes[0]-…-sizes[L] with ReLU hidden layers, sigmoid output, mean BCE,
 * optional biases, mini-batch SGD over consecutive batches (no shuffle).
 */
export class PlainMlp {
  constructor(sizes, weights, biases, batchSize) {
    this.sizes = sizes;
    this.L = sizes.length - 1;
    this.W = weights.map((w) => Float64Array.from(w));
    this.b = biases ? sizes.slice(1).map((n) => new Float64Array(n)) : null;
    this.bs = batchSize;
    // acts[0] is the input batch; acts[l] for l ≥ 1 holds Z then ReLU(Z) in place (the last is Z).
    this.acts = sizes.map((n) => new Float64Array(batchSize * n));
    this.deltas = sizes.map((n) => new Float64Array(batchSize * n));
    this.grads = this.W.map((w) => new Float64Array(w.length));
    this.loss = NaN;
  }

  /** One SGD step on rows [start, start + bs) of X/Y; leaves the batch's mean BCE in this.loss. */
  step(X, Y, start, lr) {
    const { sizes, L, W, b, acts, deltas, grads, bs } = this;
    const x0 = acts[0];
    for (let q = 0, o = start * sizes[0]; q < x0.length; q++) x0[q] = X[o + q];
    // forward
    for (let l = 0; l < L; l++) {
      const nin = sizes[l];
      const nout = sizes[l + 1];
      const a = acts[l];
      const z = acts[l + 1];
      const w = W[l];
      z.fill(0);
      for (let i = 0; i < bs; i++) {
        for (let k = 0; k < nin; k++) {
          const aik = a[i * nin + k];
          for (let j = 0; j < nout; j++) z[i * nout + j] += aik * w[k * nout + j];
        }
      }
      if (b) for (let i = 0; i < bs; i++) for (let j = 0; j < nout; j++) z[i * nout + j] += b[l][j];
      if (l < L - 1) for (let i = 0; i < z.length; i++) if (z[i] < 0) z[i] = 0;
    }
    // loss and output delta (sigmoid + BCE: δ = (ŷ − y) / bs); single output unit
    const zL = acts[L];
    const dL = deltas[L];
    let loss = 0;
    for (let i = 0; i < bs; i++) {
      const z = zL[i];
      const y = Y[start + i];
      loss += y * (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z))) + (1 - y) * (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
      dL[i] = (1 / (1 + Math.exp(-z)) - y) / bs;
    }
    // backward
    for (let l = L - 1; l >= 0; l--) {
      const nin = sizes[l];
      const nout = sizes[l + 1];
      const a = acts[l];
      const d = deltas[l + 1];
      const g = grads[l];
      const w = W[l];
      // g = aᵀ · d
      g.fill(0);
      for (let i = 0; i < bs; i++) {
        for (let k = 0; k < nin; k++) {
          const aik = a[i * nin + k];
          for (let j = 0; j < nout; j++) g[k * nout + j] += aik * d[i * nout + j];
        }
      }
      // δ_prev = (d · wᵀ) ∘ ReLU'(a), with the pre-update weights
      if (l > 0) {
        const dp = deltas[l];
        for (let i = 0; i < bs; i++) {
          for (let k = 0; k < nin; k++) {
            if (a[i * nin + k] > 0) {
              let s = 0;
              for (let j = 0; j < nout; j++) s += d[i * nout + j] * w[k * nout + j];
              dp[i * nin + k] = s;
            } else dp[i * nin + k] = 0;
          }
        }
      }
      // SGD update
      for (let q = 0; q < w.length; q++) w[q] -= lr * g[q];
      if (b) {
        const bl = b[l];
        for (let j = 0; j < nout; j++) {
          let s = 0;
          for (let i = 0; i < bs; i++) s += d[i * nout + j];
          bl[j] -= lr * s;
        }
      }
    }
    this.loss = loss / bs;
  }
}

/**
 * A best-effort plain-JS float64 GEMM, C = A·B (square n, row-major): B is transposed once into a
 * reused buffer (counted in the time), then C is computed in 4×4 register tiles, each a set of 16
 * running dot products held in locals. On this kind of machine that is several times faster than
 * the i-k-j loop and faster than k/j cache blocking with C updates in memory (both were tried).
 */
const transposed = new Map();
export function gemmBlocked(A, B, C, n) {
  let bt = transposed.get(n);
  if (!bt) transposed.set(n, (bt = new Float64Array(n * n)));
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) bt[j * n + k] = B[k * n + j];
  const n4 = n - (n % 4);
  for (let i = 0; i < n4; i += 4) {
    const a0 = i * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
    for (let j = 0; j < n4; j += 4) {
      const b0 = j * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0; k < n; k++) {
        const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
        const y0 = bt[b0 + k], y1 = bt[b1 + k], y2 = bt[b2 + k], y3 = bt[b3 + k];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      C[a0 + j] = c00; C[a0 + j + 1] = c01; C[a0 + j + 2] = c02; C[a0 + j + 3] = c03;
      C[a1 + j] = c10; C[a1 + j + 1] = c11; C[a1 + j + 2] = c12; C[a1 + j + 3] = c13;
      C[a2 + j] = c20; C[a2 + j + 1] = c21; C[a2 + j + 2] = c22; C[a2 + j + 3] = c23;
      C[a3 + j] = c30; C[a3 + j + 1] = c31; C[a3 + j + 2] = c32; C[a3 + j + 3] = c33;
    }
  }
  // edges when n is not a multiple of 4 (not hit by the workload's n, kept for correctness)
  for (let i = 0; i < n; i++) {
    for (let j = i < n4 ? n4 : 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += A[i * n + k] * bt[j * n + k];
      C[i * n + j] = s;
    }
  }
}

/**
 * The plain forward pass for workload D: the same i-k-j loops as PlainMlp's step, ReLU hidden
 * layers, sigmoid output, into buffers allocated once per row count (outside the clock).
 */
export function plainForward(sizes, weights, n) {
  const W = weights.map((w) => Float64Array.from(w));
  const acts = sizes.map((m) => new Float64Array(n * m));
  const L = sizes.length - 1;
  return (X) => {
    let a = X;
    for (let l = 0; l < L; l++) {
      const nin = sizes[l];
      const nout = sizes[l + 1];
      const z = acts[l + 1];
      const w = W[l];
      z.fill(0);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < nin; k++) {
          const aik = a[i * nin + k];
          for (let j = 0; j < nout; j++) z[i * nout + j] += aik * w[k * nout + j];
        }
      }
      if (l < L - 1) for (let i = 0; i < z.length; i++) if (z[i] < 0) z[i] = 0;
      a = z;
    }
    for (let i = 0; i < a.length; i++) a[i] = 1 / (1 + Math.exp(-a[i]));
    return a;
  };
}

export const plain = {
  name: 'plain Float64Array loop',
  short: 'plain loop',
  sweeps: ['width', 'batch'],
  async init() {},
  async activate() {},

  D: {
    prepare({ n, X, sizes, weights }) {
      const f = plainForward(sizes, weights, n);
      const x = Float64Array.from(X);
      let y = null;
      return { run: () => (y = f(x)), output: () => y };
    },
  },

  A: {
    prepare({ n, A, B }) {
      const a = Float64Array.from(A);
      const b = Float64Array.from(B);
      const c = new Float64Array(n * n);
      return { run: () => gemmBlocked(a, b, c, n), result: () => c };
    },
  },

  async B(w) {
    const net = new PlainMlp(w.sizes, w.weights(), false, w.batchSize);
    const batches = w.N / w.batchSize;
    const t0 = performance.now();
    for (let e = 0; e < w.epochs; e++) for (let bi = 0; bi < batches; bi++) net.step(w.X, w.Y, bi * w.batchSize, w.lr);
    const ms = performance.now() - t0;
    return { ms, ...evaluateWeights(net.W, null, ...evalSet(w), w.sizes), model: net };
  },

  async C(w) {
    const net = new PlainMlp(w.sizes, w.weights(), true, w.batchSize);
    const t0 = performance.now();
    for (let s = 0; s < w.steps; s++) net.step(w.X, w.Y, 0, w.lr);
    const ms = performance.now() - t0;
    return { ms, ...evaluateWeights(net.W, net.b, ...evalSet(w), w.sizes), model: net };
  },
};

/**
 * The float64 reference of workload Bopt's deterministic variants (SGD, momentum, Adam; no dropout,
 * no weight decay): PlainMlp's step with lr 0 gives the batch gradient (its own update then adds
 * nothing), and the update rule is applied here, with the formulas typed-mlp and tfjs document:
 *   momentum  v ← μ·v + g;  W ← W − lr·v                                  (PyTorch SGD(momentum))
 *   adam      m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  t ← t + 1
 *             W ← W − lr·(m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)             (Kingma & Ba; tf.train.adam)
 * Returns the final weights. Slow (the plain loop: about 3 s on a quiet core), so run.mjs checks
 * against the constants `optimizerReference` in workloads.mjs, and recomputes them only when asked
 * (`--bopt-reference`).
 */
export function plainOptimizerRun(w, v) {
  if (v.dropout || v.weightDecay) throw new Error(`no float64 reference for ${v.key}: dropout's masks are each library's own`);
  const net = new PlainMlp(w.sizes, w.weights(), false, w.batchSize);
  const s1 = net.W.map((x) => new Float64Array(x.length));
  const s2 = net.W.map((x) => new Float64Array(x.length));
  let t = 0;
  for (let e = 0; e < w.epochs; e++) {
    for (let start = 0; start + w.batchSize <= w.N; start += w.batchSize) {
      net.step(w.X, w.Y, start, 0);
      t++;
      for (let l = 0; l < net.W.length; l++) {
        const W = net.W[l];
        const g = net.grads[l];
        const m = s1[l];
        const s = s2[l];
        if (v.optimizer === 'sgd') for (let q = 0; q < W.length; q++) W[q] -= v.lr * g[q];
        else if (v.optimizer === 'momentum') {
          for (let q = 0; q < W.length; q++) {
            m[q] = v.momentum * m[q] + g[q];
            W[q] -= v.lr * m[q];
          }
        } else if (v.optimizer === 'adam') {
          const c1 = 1 - v.beta1 ** t;
          const c2 = 1 - v.beta2 ** t;
          for (let q = 0; q < W.length; q++) {
            m[q] = v.beta1 * m[q] + (1 - v.beta1) * g[q];
            s[q] = v.beta2 * s[q] + (1 - v.beta2) * g[q] * g[q];
            W[q] -= (v.lr * (m[q] / c1)) / (Math.sqrt(s[q] / c2) + v.epsilon);
          }
        } else throw new Error(`no reference for optimizer ${v.optimizer}`);
      }
    }
  }
  return net.W;
}
