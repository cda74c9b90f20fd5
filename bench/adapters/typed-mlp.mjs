// (a) typed-mlp, from the freshly built dist/ (npm run bench builds it first). Float64 throughout,
// on the kernels kernelBackend() picks (WebAssembly SIMD here; run the bench with
// TYPED_MLP_KERNELS=js to measure the plain TypeScript fallback, in its own process, so the two
// kernel sets never share call sites).
import { evalSet, evaluateWeights } from '../workloads.mjs';

const DIST = process.env.TYPED_MLP_DIST ? new URL(`file://${process.env.TYPED_MLP_DIST}/src/index.js`) : new URL('../../dist/src/index.js', import.meta.url);
let lib;

async function load() {
  lib ??= await import(DIST.href);
}

function paramsOf(net) {
  const W = net.weights.map((m) => m.data);
  const b = net.biases.some((x) => x != null) ? net.biases.map((x) => x?.data ?? null) : null;
  return { W, b };
}

function build(w, withBiases) {
  const ws = w.weights().map((a, l) => lib.fromArray(a, w.sizes[l], w.sizes[l + 1]));
  return lib.fromWeights(ws, { biases: withBiases });
}

function evaluate(net, w) {
  const { W, b } = paramsOf(net);
  return evaluateWeights(W, b, ...evalSet(w), w.sizes);
}

const data = (w) => [lib.fromArray(w.X, w.N, w.D), lib.fromArray(w.Y, w.N, 1)];

/** Workload Bopt's variant v as typed-mlp fit options (src/train/options.ts): the rule and its options, dropout, weightDecay. */
function fitOptionsOf(v) {
  const optimizer =
    v.optimizer === 'momentum'
      ? { type: 'momentum', momentum: v.momentum }
      : v.optimizer === 'adam'
        ? { type: 'adam', beta1: v.beta1, beta2: v.beta2, epsilon: v.epsilon }
        : 'sgd';
  return { optimizer, ...(v.dropout ? { dropout: v.dropout } : {}), ...(v.weightDecay ? { weightDecay: v.weightDecay } : {}) };
}

export function typedMlp() {
  const self = {
    name: 'typed-mlp',
    short: 'typed-mlp',
    note: '',
    sweeps: ['width', 'batch'],

    async init() {
      await load();
      self.name = `typed-mlp (${lib.kernelBackend()} kernels)`;
    },

    A: {
      prepare({ n, A, B }) {
        const a = lib.fromArray(A, n, n);
        const b = lib.fromArray(B, n, n);
        let c = null;
        return { run: () => (c = lib.matmul(a, b)), result: () => c.data };
      },
    },

    // D: net.forward(X) on a Matrix made before the clock; the float64 Ŷ comes back as a new Matrix.
    D: {
      prepare({ n, X, sizes, weights }) {
        const net = build({ sizes, weights: () => weights }, false);
        const x = lib.fromArray(X, n, sizes[0]);
        let y = null;
        return { net, run: () => (y = net.forward(x)), output: () => y.data };
      },
    },

    async B(w) {
      const net = build(w, false);
      const [X, Y] = data(w);
      const t0 = performance.now();
      net.fit(X, Y, { lr: w.lr, epochs: w.epochs, batchSize: w.batchSize, shuffle: false });
      const ms = performance.now() - t0;
      return { ms, ...evaluate(net, w), model: net };
    },

    async C(w) {
      const net = build(w, true);
      const [X, Y] = data(w);
      const t0 = performance.now();
      net.fit(X, Y, { lr: w.lr, epochs: w.steps, shuffle: false });
      const ms = performance.now() - t0;
      return { ms, ...evaluate(net, w), model: net };
    },

    // Bopt: B through fit with the variant's optimizer, dropout (seed: fit's default, 1) and weight
    // decay. With w.checkDecay, a second fit outside the clock, the same but without weight decay,
    // must end on other weights: decayEffect = the largest |ΔW| between the two (0: the option did nothing).
    Bopt: {
      variants: ['sgd', 'momentum', 'adam', 'adam+dropout+wd'],
      async run(w) {
        const net = build(w, false);
        const [X, Y] = data(w);
        const options = { lr: w.lr, epochs: w.epochs, batchSize: w.batchSize, shuffle: false, ...fitOptionsOf(w.opt) };
        const t0 = performance.now();
        net.fit(X, Y, options);
        const ms = performance.now() - t0;
        const r = { ms, ...evaluate(net, w), model: net };
        if (w.checkDecay && options.weightDecay) {
          const other = build(w, false);
          const { weightDecay: _, ...without } = options;
          other.fit(X, Y, without);
          let d = 0;
          net.weights.forEach((m, l) => m.data.forEach((x, i) => (d = Math.max(d, Math.abs(x - other.weights[l].data[i])))));
          r.decayEffect = d;
        }
        return r;
      },
    },
  };
  return self;
}

/**
 * The per-step cost of the two updates Bopt compares, on a block of `count` parameters (B's 24,704),
 * through the library's kernels directly (internal modules of dist/, on the backend `fit` picks):
 * Adam's `adam` (the whole update, β = 0.9/0.999) and SGD's `sgdCheck` + `sgd`. Medians of `reps`
 * timings of `calls` calls each, in µs per call. The Bopt section sets them beside the divider's floor.
 */
export async function typedMlpUpdateCost(count, reps = 9, calls = 100) {
  const { createKernels } = await import(new URL('kernels/select.js', DIST).href);
  const { ADAM_SLOTS: A } = await import(new URL('kernels/types.js', DIST).href);
  const block = count * 8 + 64;
  const k = createKernels(7 * block + 4096);
  const f = k.f64;
  const [W, G, M, V, M2, V2, S] = Array.from({ length: 7 }, (_, i) => i * block);
  const C = 7 * block;
  for (let i = 0; i < count; i++) {
    f[(W >> 3) + i] = Math.sin(i);
    f[(G >> 3) + i] = 1e-3 * Math.cos(i);
  }
  // Adam's constants where its kernel reads them (ADAM_SLOTS: step 1, lr 1e-3, no decay), SGD's lr after them.
  const c = C >> 3;
  const root = Math.sqrt(1 - 0.999);
  f[c + A.step] = (1e-3 * root) / (1 - 0.9);
  f[c + A.lrDecay] = 0;
  f[c + A.beta1] = 0.9;
  f[c + A.oneMinusBeta1] = 1 - 0.9;
  f[c + A.beta2] = 0.999;
  f[c + A.oneMinusBeta2] = 1 - 0.999;
  f[c + A.epsHat] = 1e-8 * root;
  const lrAt = C + A.count * 8;
  f[lrAt >> 3] = 1e-9;
  const time = (step) => {
    const ts = [];
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      for (let j = 0; j < calls; j++) step();
      ts.push(((performance.now() - t0) * 1000) / calls);
    }
    return ts.sort((a, b) => a - b)[reps >> 1];
  };
  const adam = () => {
    if (k.adam(W, G, M, V, M2, V2, S, count, C) >= 0) throw new Error('update cost: adam refused a finite step');
  };
  const sgd = () => {
    if (k.sgdCheck(W, G, lrAt, count) >= 0) throw new Error('update cost: sgdCheck refused a finite step');
    k.sgd(W, G, lrAt, count);
  };
  for (let i = 0; i < 50; i++) adam(), sgd(); // tier-up
  return { adamUs: time(adam), sgdUs: time(sgd) };
}

/** A through `matmul(a, b, out)`: the product written into one result made before the clock (a second typed-mlp row, A only). */
export function typedMlpInto() {
  const base = typedMlp();
  return {
    ...base,
    short: 'typed-mlp matmul into out',
    async init() {
      await base.init();
      this.name = `${base.name} matmul(a, b, out)`;
    },
    B: undefined,
    Bopt: undefined,
    C: undefined,
    D: undefined,
    sweeps: [],
    A: {
      prepare({ n, A, B }) {
        const a = lib.fromArray(A, n, n);
        const b = lib.fromArray(B, n, n);
        const c = lib.zeros(n, n);
        return { run: () => lib.matmul(a, b, c), result: () => c.data };
      },
    },
  };
}

/** C driven by net.trainer(…).step(), the allocation-free step API (a second typed-mlp row). */
export function typedMlpTrainer() {
  const base = typedMlp();
  return {
    ...base,
    short: 'typed-mlp trainer.step',
    async init() {
      await base.init();
      this.name = `${base.name} trainer.step()`;
    },
    A: undefined,
    D: undefined,
    Bopt: undefined,
    sweeps: ['batch'],
    // B driven by trainer().step(): epochs · ⌈N / batchSize⌉ steps over consecutive batches, as fit does.
    async B(w) {
      const net = build(w, false);
      const [X, Y] = data(w);
      const t = net.trainer(X, Y, { lr: w.lr, batchSize: w.batchSize });
      const steps = w.epochs * t.batchesPerEpoch;
      const t0 = performance.now();
      for (let s = 0; s < steps; s++) t.step();
      const ms = performance.now() - t0;
      return { ms, ...evaluate(net, w), model: net };
    },
    async C(w) {
      const net = build(w, true);
      const [X, Y] = data(w);
      const t = net.trainer(X, Y, { lr: w.lr, batchSize: w.N });
      const t0 = performance.now();
      for (let s = 0; s < w.steps; s++) t.step();
      const ms = performance.now() - t0;
      return { ms, ...evaluate(net, w), model: net };
    },
  };
}

/**
 * The zero-allocation check on workload C: heapUsed after global.gc() before and after 10,000
 * trainer steps, plus heapUsed right after the steps (before any gc) and the number of garbage
 * collections that ran during them — both 0-ish only if a step really allocates nothing.
 */
export async function allocationCheck(w, { steps = 10_000, warmup = 1_000, measure }) {
  await load();
  const net = build(w, true);
  const [X, Y] = data(w);
  const t = net.trainer(X, Y, { lr: w.lr, batchSize: w.N });
  return { how: 'net.trainer(X, Y, { lr: 0.5, batchSize: 4 }).step()', ...(await measure(() => t.step(), steps, warmup)) };
}

// ---- the float32 inference path (issue 12, point 3), when the build has one -----------------------
// typed-mlp's is `float32Predictor(net)` (src/predictor/), called as p.forward(Matrix): float32 Ŷ as a
// Matrix32. The row is feature-detected, so a build without it (an older dist/ through
// TYPED_MLP_DIST) leaves it out. Other spellings are tried after it: lib.X(net) or net.X(). The
// object it returns is called as p.forward(x) or p.predict(x) (or p(x) if it is a function), x first
// a Matrix, then a Float32Array of the rows (with the row count as a second argument); the first form
// whose output has n finite values is used and named in the row.
// (`freeze` is taken: it marks layers that training leaves alone. A maker that returns a Network is
// not a predictor and is passed over.)
const PREDICTOR_NAMES = ['float32Predictor', 'toInference', 'inference', 'predictor', 'toPredictor', 'toFloat32', 'float32', 'frozenPredictor'];

function findPredictorMaker(net) {
  const notANetwork = (p) => p != null && !(lib.Network && p instanceof lib.Network);
  for (const name of PREDICTOR_NAMES) {
    for (const [how, make] of [
      [`${name}(net)`, typeof lib[name] === 'function' ? () => lib[name](net) : null],
      [`net.${name}()`, typeof net[name] === 'function' ? () => net[name]() : null],
    ]) {
      if (!make) continue;
      try {
        if (notANetwork(make())) return { how, make };
      } catch {
        // not a predictor maker (or not one that takes these arguments)
      }
    }
  }
  return null;
}

const callForms = [
  { how: '.forward(Matrix)', call: (p, x) => p.forward?.(x.m) },
  { how: '.predict(Matrix)', call: (p, x) => p.predict?.(x.m) },
  { how: '.forward(Float32Array, rows)', call: (p, x) => p.forward?.(x.f32, x.n) },
  { how: '.predict(Float32Array, rows)', call: (p, x) => p.predict?.(x.f32, x.n) },
  { how: '.run(Float32Array, rows)', call: (p, x) => p.run?.(x.f32, x.n) },
  { how: '(Matrix)', call: (p, x) => (typeof p === 'function' ? p(x.m) : undefined) },
  { how: '(Float32Array, rows)', call: (p, x) => (typeof p === 'function' ? p(x.f32, x.n) : undefined) },
];
const valuesOf = (out) => (out == null ? null : ArrayBuffer.isView(out) ? out : ArrayBuffer.isView(out.data) ? out.data : Array.isArray(out) ? out.flat() : null);

/** typed-mlp's float32 predictor in workload D, feature-detected (absent: the row is left out, silently). */
export function typedMlpFloat32() {
  let maker = null;
  const self = {
    name: 'typed-mlp float32 predictor',
    short: 'typed-mlp f32',
    note: '',
    async init() {
      await load();
      const probe = build({ sizes: [2, 2, 1], weights: () => [new Float64Array(4), new Float64Array(2)] }, false);
      maker = findPredictorMaker(probe);
      if (!maker) throw Object.assign(new Error(`this build has no float32 predictor (looked for ${PREDICTOR_NAMES.join(', ')})`), { silent: true });
      self.name = `typed-mlp ${maker.how} (float32)`;
    },
    D: {
      prepare({ n, X, sizes, weights }) {
        const net = build({ sizes, weights: () => weights }, false);
        const found = findPredictorMaker(net);
        const p = found.make();
        const x = { n, m: lib.fromArray(X, n, sizes[0]), f32: Float32Array.from(X) };
        const form = callForms.find((f) => {
          try {
            const v = valuesOf(f.call(p, x));
            return v != null && v.length === n * sizes.at(-1) && Array.prototype.every.call(v, Number.isFinite);
          } catch {
            return false;
          }
        });
        if (!form) throw new Error(`${found.how} exists, but none of the call forms ${callForms.map((f) => f.how).join(', ')} gave ${n} outputs`);
        self.name = `typed-mlp ${found.how}${form.how} (float32)`;
        let y = null;
        return { run: () => (y = form.call(p, x)), output: () => valuesOf(y) };
      },
    },
  };
  return self;
}
