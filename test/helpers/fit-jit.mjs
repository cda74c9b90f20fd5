// Whether fit's per-epoch loop (Trainer.prototype.runEpochs) keeps its optimized code when other fits,
// with options of other shapes, and a garbage collection come between two fits (see
// test/fit-jit.test.ts). Run with --allow-natives-syntax --expose-gc, from the repository root after a
// build; prints JSON: V8's optimization status of the loop after the warm-up and after the others.
import { fromArray, fromWeights, mulberry32, normal } from '../../dist/src/index.js';

const optimized = (f) => (%GetOptimizationStatus(f) & 16) !== 0; // V8's OptimizationStatus::kOptimized

const X = fromArray([0, 0, 0, 1, 1, 0, 1, 1], 4, 2);
const Y = fromArray([0, 1, 1, 0], 4, 1);
const u = mulberry32(3);
// XOR 2-3-1 with biases: bench/README.md's workload C, whose epochs are one step each.
const xor = () => fromWeights([fromArray([0, 1, 2, 3, 4, 5].map(() => normal(u)), 2, 3), fromArray([0, 1, 2].map(() => normal(u)), 3, 1)], { biases: true });
// The networks stay referenced, as an application keeps its models (and as the benchmark does); the
// histories are dropped, as the benchmark drops them.
const kept = [];
const fit = (options) => {
  const net = xor();
  net.fit(X, Y, options);
  kept.push(net);
};
const others = () => {
  for (const options of [
    { lr: 0.1, epochs: 5, batchSize: 2, shuffle: false },
    { lr: 0.1, epochs: 5, batchSize: 2, optimizer: { type: 'momentum', momentum: 0.9 } },
    { lr: 0.01, epochs: 5, batchSize: 2, shuffle: false, optimizer: 'adam', dropout: 0.2, weightDecay: 1e-4 },
    { lr: 0.01, epochs: 5, optimizer: { type: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, clipNorm: 1 },
  ]) fit(options);
};

// The benchmark's order: the other fits first, then twenty long fits, as its warm-up (more, up to
// 200, until the loop is compiled: a busy machine can delay the compiler's thread).
others();
const loop = Object.getPrototypeOf(xor().trainer(X, Y, { lr: 0.5 })).runEpochs;
let fits = 0;
while (fits < 200) {
  fit({ lr: 0.5, epochs: 10_000, shuffle: false });
  fits++;
  %FinalizeOptimization();
  if (fits >= 20 && optimized(loop)) break;
}
const warm = optimized(loop);
// Then the other fits again, and a collection (the histories and options of all those fits are garbage by then).
others();
globalThis.gc();
process.stdout.write(JSON.stringify({ warm, fits, after: optimized(loop), status: %GetOptimizationStatus(loop) }));
