// (b) tfjs-core on the cpu backend and (c) tfjs-core on the wasm backend (SIMD, 1 thread).
// The training step is what a tfjs user writes by hand: tf.variable weights, optimizer.minimize
// over a closure that runs the forward pass and returns tf.losses.sigmoidCrossEntropy of the
// logits (the numerically stable BCE form; its default reduction is the mean), tf.train.sgd.
// Everything is float32 (tfjs has no float64 kernels). Batch tensors are made before the clock
// starts (a small advantage to tfjs: typed-mlp slices its batches inside the timed fit call).
// Workload Bopt (wasm backend only): the same step with tf.train.adam(lr, 0.9, 0.999, 1e-8) in place
// of tf.train.sgd (tfjs's default ε is 1e-7); Adam only (dropout and weight decay are not in this
// hand-written step).
import { evalSet, evaluateWeights } from '../workloads.mjs';
import { loadTf, toF64, useBackend } from './tf.mjs';

function makeVars(tf, w) {
  const ws = w.weights();
  // tf.variable(t) keeps t's data but t stays a live tensor: tidy disposes the initial values.
  return tf.tidy(() => {
    const W = ws.map((a, l) => tf.variable(tf.tensor2d(Float32Array.from(a), [w.sizes[l], w.sizes[l + 1]])));
    const b = w.biases ? w.sizes.slice(1).map((n) => tf.variable(tf.zeros([n]))) : [];
    return { W, b, all: [...W, ...b] };
  });
}

/** The logits of a ReLU…ReLU-linear stack; the sigmoid is inside the loss. */
function logitsOf(tf, x, W, b) {
  let a = x;
  for (let l = 0; l < W.length; l++) {
    let z = tf.matMul(a, W[l]);
    if (b.length) z = tf.add(z, b[l]);
    a = l < W.length - 1 ? tf.relu(z) : z;
  }
  return a;
}

/** B's optimizer, or Bopt's variant's (w.opt): sgd, momentum or adam, with the variant's options. */
function optimizerOf(tf, w) {
  const v = w.opt;
  if (!v || v.optimizer === 'sgd') return tf.train.sgd(w.lr);
  if (v.dropout || v.weightDecay) throw new Error(`${v.key}: the tfjs-core step has no dropout or weight decay`);
  if (v.optimizer === 'momentum') return tf.train.momentum(w.lr, v.momentum);
  if (v.optimizer === 'adam') return tf.train.adam(w.lr, v.beta1, v.beta2, v.epsilon);
  throw new Error(`no tfjs optimizer for ${v.optimizer}`);
}

function evaluateVars(vars, w) {
  return evaluateWeights(vars.W.map(toF64), vars.b.length ? vars.b.map(toF64) : null, ...evalSet(w), w.sizes);
}

export function tfjsCore(backend) {
  let tf;
  const self = {
    name: `tfjs-core 4.22 (${backend}${backend === 'wasm' ? ', SIMD, 1 thread' : ''})`,
    short: `tfjs-${backend}`,
    note: '',

    async init() {
      const t = await loadTf();
      tf = t.tf;
      self.name = self.name.replace('4.22', t.version);
      if (backend === 'wasm') {
        if (!t.wasm) throw t.wasmError ?? new Error('@tensorflow/tfjs-backend-wasm did not load');
        self.note = `binary ${t.wasm.binary}`;
      }
      await useBackend(tf, backend);
    },

    async activate() {
      await useBackend(tf, backend);
    },

    // Sweeps and D on the wasm backend only (the peer typed-mlp is measured against there).
    sweeps: backend === 'wasm' ? ['width', 'batch'] : [],
    // D: the forward pass as tfjs-core ops (matMul, relu, sigmoid) in a tidy, the input tensor made
    // before the clock; dataSync() inside it, so the work is done, then the output is disposed.
    D:
      backend === 'wasm'
        ? {
            prepare({ n, X, sizes, weights }) {
              const W = weights.map((a, l) => tf.tensor2d(Float32Array.from(a), [sizes[l], sizes[l + 1]]));
              const x = tf.tensor2d(Float32Array.from(X), [n, sizes[0]]);
              let last = null;
              return {
                run() {
                  const y = tf.tidy(() => tf.sigmoid(logitsOf(tf, x, W, [])));
                  last = y.dataSync();
                  y.dispose();
                },
                output: () => last,
                tensors: () => tf.memory().numTensors,
                dispose: () => tf.dispose([x, ...W]),
              };
            },
          }
        : undefined,

    A: {
      prepare({ n, A, B }) {
        const a = tf.tensor2d(Float32Array.from(A), [n, n]);
        const b = tf.tensor2d(Float32Array.from(B), [n, n]);
        let last = null;
        return {
          run() {
            const c = tf.matMul(a, b);
            last = c.dataSync();
            c.dispose();
          },
          result: () => last,
          dispose() {
            a.dispose();
            b.dispose();
          },
        };
      },
    },

    async B(w) {
      const vars = makeVars(tf, w);
      const batches = [];
      for (let s = 0; s < w.N; s += w.batchSize) {
        batches.push([
          tf.tensor2d(Float32Array.from(w.X.subarray(s * w.D, (s + w.batchSize) * w.D)), [w.batchSize, w.D]),
          tf.tensor2d(Float32Array.from(w.Y.subarray(s, s + w.batchSize)), [w.batchSize, 1]),
        ]);
      }
      const opt = optimizerOf(tf, w);
      const t0 = performance.now();
      for (let e = 0; e < w.epochs; e++) {
        for (const [x, y] of batches) opt.minimize(() => tf.losses.sigmoidCrossEntropy(y, logitsOf(tf, x, vars.W, vars.b)), false, vars.all);
      }
      const ms = performance.now() - t0;
      const r = evaluateVars(vars, w);
      tf.dispose([...vars.all, ...batches.flat()]);
      opt.dispose();
      return { ms, ...r, model: { vars, opt } };
    },

    // Bopt: B's step with Adam, on the wasm backend (the peer typed-mlp is measured against).
    Bopt: backend === 'wasm' ? { variants: ['adam'], run: (w) => self.B(w) } : undefined,

    async C(w) {
      const vars = makeVars(tf, w);
      const x = tf.tensor2d(Float32Array.from(w.X), [w.N, w.D]);
      const y = tf.tensor2d(Float32Array.from(w.Y), [w.N, 1]);
      const opt = tf.train.sgd(w.lr);
      const t0 = performance.now();
      for (let s = 0; s < w.steps; s++) opt.minimize(() => tf.losses.sigmoidCrossEntropy(y, logitsOf(tf, x, vars.W, vars.b)), false, vars.all);
      const ms = performance.now() - t0;
      const r = evaluateVars(vars, w);
      tf.dispose([...vars.all, x, y]);
      opt.dispose();
      return { ms, ...r, model: { vars, opt } };
    },
  };
  return self;
}
