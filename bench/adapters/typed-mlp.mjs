// (a) typed-mlp, from the freshly built dist/ (npm run bench builds it first). Float64 throughout,
// on the kernels kernelBackend() picks (WebAssembly SIMD here; run the bench with
// TYPED_MLP_KERNELS=js to measure the plain TypeScript fallback, in its own process, so the two
// kernel sets never share call sites).
import { evaluateWeights } from '../workloads.mjs';

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
  return evaluateWeights(W, b, w.X, w.Y, w.sizes);
}

const data = (w) => [lib.fromArray(w.X, w.N, w.D), lib.fromArray(w.Y, w.N, 1)];

export function typedMlp() {
  const self = {
    name: 'typed-mlp',
    short: 'typed-mlp',
    note: '',

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
  };
  return self;
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
    B: undefined,
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
