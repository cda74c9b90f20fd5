// A new network's first steps, on workload C's XOR net: for each of --runs new networks, the time to
// make its trainer (which makes a workspace: a WebAssembly.Memory and an instance of the kernels),
// then µs per step over its first 1,000 steps and over the next 9,000. With --churn, ~30 MB of
// short-lived objects and a gc() come before each network, as another library's run and the
// benchmark's gc() do. Compare with V8's flags, e.g. --no-wasm-generic-wrapper (every instance's
// exports called through compiled wrappers from the first call) or --single-threaded-gc.
//   node --expose-gc [V8 flags] bench/fresh-trainer.mjs [--runs N] [--churn]
import { fromArray, fromWeights } from '../dist/src/index.js';
import { workloadC } from './workloads.mjs';

const argv = process.argv.slice(2);
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 10;
const churnFirst = argv.includes('--churn');
if (typeof gc !== 'function') throw new Error('usage: node --expose-gc bench/fresh-trainer.mjs [--runs N] [--churn]');

// C's data, initial weights and options, as the benchmark's typed-mlp rows build them.
const w = workloadC();
const X = fromArray(w.X, w.N, w.D);
const Y = fromArray(w.Y, w.N, 1);
const xor = () => fromWeights(w.weights().map((a, l) => fromArray(a, w.sizes[l], w.sizes[l + 1])), { biases: w.biases });
const FIRST = 1000;
let junk = null;
const churn = () => {
  junk = [];
  for (let i = 0; i < 3e5; i++) junk.push({ a: [i, i + 1], b: `x${i}` });
  junk = null;
  gc();
};

for (let i = 0; i < 30; i++) xor().fit(X, Y, { lr: w.lr, epochs: w.steps, shuffle: false }); // warm-up, as the benchmark's
console.log(`trainer made (ms) | µs/step, steps 1-${FIRST} | µs/step, steps ${FIRST + 1}-${w.steps}`);
for (let r = 0; r < runs; r++) {
  if (churnFirst) churn();
  const net = xor();
  const t0 = performance.now();
  const trainer = net.trainer(X, Y, { lr: w.lr, batchSize: w.batchSize });
  const t1 = performance.now();
  for (let s = 0; s < FIRST; s++) trainer.step();
  const t2 = performance.now();
  for (let s = FIRST; s < w.steps; s++) trainer.step();
  const t3 = performance.now();
  console.log(`${(t1 - t0).toFixed(2)} | ${(((t2 - t1) * 1000) / FIRST).toFixed(3)} | ${(((t3 - t2) * 1000) / (w.steps - FIRST)).toFixed(3)}`);
}
