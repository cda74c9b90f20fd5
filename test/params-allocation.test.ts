// Issue 12: a training step still allocates nothing in each place the parameters can be (see
// engine/workspace.ts): in the network's own workspace after its matrices were handed out, and in a
// trainer's copy (handed-out matrices, batches larger than their workspace: loaded when stale,
// written back every step). Measured as test/allocation.test.ts does (a child process with
// --expose-gc, the least of three windows of JS heap taken, collections included), on the compiled dist/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const STEPS = 50_000;
const dist = fileURLToPath(new URL('../dist/src/index.js', import.meta.url));

const script = (batchSize: number, otherTrainer: boolean) => `
import v8 from 'node:v8';
import { fromArray, mulberry32, network, normal } from ${JSON.stringify(dist)};
const u = mulberry32(7);
const N = 64;
const X = fromArray(Array.from({ length: N * 8 }, () => normal(u)), N, 8);
const Y = fromArray(Array.from({ length: N }, (_, i) => i % 2), N, 1);
const net = network(8, { seed: 1 }).relu(16).tanh(16).sigmoid(1);
void net.weights; // handed out: the matrices stay in the workspace they get now (32 rows)
const t = net.trainer(X, Y, { lr: 0.01, batchSize: ${batchSize} });
const other = ${otherTrainer} ? net.trainer(X, Y, { lr: 0.01, batchSize: 8 }) : undefined;
function run(count) {
  for (let i = 0; i < count; i++) {
    t.step();
    if (other !== undefined && (i & 63) === 0) other.step(); // the copy then reloads at its next step
  }
}
for (let i = 0; i < 50; i++) run(100);
const windows = [0, 1, 2].map(() => {
  globalThis.gc();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const before = v8.getHeapStatistics().used_heap_size;
  run(${STEPS});
  const after = v8.getHeapStatistics().used_heap_size;
  let freed = 0;
  for (const gc of profiler.stop().statistics) freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  return after - before + freed;
});
process.stdout.write(JSON.stringify({ bytes: Math.min(...windows), windows }));
`;

function heapGrowth(batchSize: number, otherTrainer = false): number {
  const { TYPED_MLP_KERNELS: _inherited, ...env } = process.env;
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script(batchSize, otherTrainer)], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout) as { bytes: number }).bytes;
}

describe('a training step allocates nothing wherever the parameters are', () => {
  it('in the network’s own workspace, its matrices handed out (batches of 8)', () => {
    expect(heapGrowth(8)).toBeLessThan(STEPS * 4);
  }, 60_000);

  it('in a trainer’s copy, written back every step (full batches of 64, more than the 32 rows of their workspace)', () => {
    expect(heapGrowth(64)).toBeLessThan(STEPS * 4);
  }, 60_000);

  it('in a trainer’s copy that reloads after another trainer’s steps', () => {
    expect(heapGrowth(64, true)).toBeLessThan(STEPS * 4);
  }, 60_000);
});
