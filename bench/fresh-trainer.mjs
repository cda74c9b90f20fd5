// A new network's first steps, on workload C's XOR net: for each of --runs new networks, the time to
// make its trainer (which makes a workspace: a WebAssembly.Memory and an instance of the kernels),
// then µs per step over its first 1,000 steps and over the next 9,000. With --churn, ~30 MB of
// short-lived objects and a gc() come before each network, as another library's run and the
// benchmark's gc() do. Compare with V8's flags, e.g. --no-wasm-generic-wrapper (every instance's
// exports called through compiled wrappers from the first call) or --single-threaded-gc.
//   node --expose-gc [V8 flags] bench/fresh-trainer.mjs [--runs N] [--churn]
import { fromArray, fromWeights, mulberry32, normal } from '../dist/src/index.js';

const argv = process.argv.slice(2);
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 10;
const churnFirst = argv.includes('--churn');
if (typeof gc !== 'function') throw new Error('usage: node --expose-gc bench/fresh-trainer.mjs [--runs N] [--churn]');

const X = fromArray([0, 0, 0, 1, 1, 0, 1, 1], 4, 2);
const Y = fromArray([0, 1, 1, 0], 4, 1);
const u = mulberry32(3);
const xor = () => fromWeights([fromArray([0, 1, 2, 3, 4, 5].map(() => normal(u)), 2, 3), fromArray([0, 1, 2].map(() => normal(u)), 3, 1)], { biases: true });
let junk = null;
const churn = () => {
  junk = [];
  for (let i = 0; i < 3e5; i++) junk.push({ a: [i, i + 1], b: `x${i}` });
  junk = null;
  gc();
};

for (let i = 0; i < 30; i++) xor().fit(X, Y, { lr: 0.5, epochs: 10_000, shuffle: false }); // warm-up, as the benchmark's
console.log('trainer made (ms) | µs/step, steps 1-1,000 | µs/step, steps 1,001-10,000');
for (let r = 0; r < runs; r++) {
  if (churnFirst) churn();
  const net = xor();
  const t0 = performance.now();
  const trainer = net.trainer(X, Y, { lr: 0.5, batchSize: 4 });
  const t1 = performance.now();
  for (let s = 0; s < 1000; s++) trainer.step();
  const t2 = performance.now();
  for (let s = 0; s < 9000; s++) trainer.step();
  const t3 = performance.now();
  console.log(`${(t1 - t0).toFixed(2)} | ${(t2 - t1).toFixed(3)} | ${((t3 - t2) / 9).toFixed(3)}`);
}
