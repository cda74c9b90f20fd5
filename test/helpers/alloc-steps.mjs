// Runs trainer steps under a configuration given as JSON in argv[2] and prints the bytes of JS heap
// the measured steps allocated (see test/allocation.test.ts). Run with --expose-gc, from the repository root after a build.
import v8 from 'node:v8';
import { fromArray, kernelBackend, mulberry32, network, normal } from '../../dist/src/index.js';

const config = JSON.parse(process.argv[2] ?? '{}');
const steps = config.steps ?? 50_000;
const u = mulberry32(7);
const N = 64;
const X = fromArray(Array.from({ length: N * 8 }, () => normal(u)), N, 8);
const head = config.head ?? 'sigmoid';
const K = head === 'softmax' ? 3 : 1;
const labels = Array.from({ length: N }, (_, i) => (head === 'softmax' ? [0, 1, 2].map((k) => (k === i % 3 ? 1 : 0)) : head === 'linear' ? [normal(u) * 3] : [i % 2]));
const Y = fromArray(labels.flat(), N, K);
const hidden = config.hidden ?? ['relu', 'tanh'];
let b = network(8, { seed: 1 });
for (const a of hidden) b = b.hidden(16, a);
const net = b.output(K, head);
const { steps: _s, head: _h, hidden: _x, ...options } = config;
if (options.lrSchedule === 'function') options.lrSchedule = (epoch) => 0.01 / (1 + epoch);
const trainer = net.trainer(X, Y, { lr: 0.01, ...options });
// The steps run in a function of their own, called by the warm-up and by every window. A loop at the
// top level would be compiled on stack (OSR) again in each window, after the code that follows the
// previous loop deoptimised it: a code object of about 240 KB per window, the harness's, not the step's.
function run(count) {
  for (let i = 0; i < count; i++) trainer.step();
}
for (let i = 0; i < 50; i++) run(100); // warm up: compile and tier up
// Three windows of `steps` steps; the least allocation is reported. An allocation in every step shows in
// every window, while a one-off event of the runtime (a late compilation's code, a new page: about
// 1.2 MB, seen in some runs) lands in one window only.
// A window's allocation is the heap's growth PLUS what the collections during the window freed
// (v8.GCProfiler): growth alone misses garbage a scavenge has already swept away, so a step that
// allocates a lot (a float boxed per element, 1 KB a step) would show as a random fraction of the
// young generation, often under the threshold. `collections` counts them (0 in a clean run).
const collections = [];
const windows = [0, 1, 2].map(() => {
  globalThis.gc();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const before = v8.getHeapStatistics().used_heap_size;
  run(steps);
  const after = v8.getHeapStatistics().used_heap_size;
  const { statistics } = profiler.stop();
  let freed = 0;
  for (const gc of statistics) freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  collections.push(statistics.length);
  return after - before + freed;
});
process.stdout.write(JSON.stringify({ bytes: Math.min(...windows), windows, collections, steps, kernels: kernelBackend() }));
