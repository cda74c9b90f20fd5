// "A training step allocates nothing", measured: a child process (node --expose-gc) warms a trainer
// up, collects garbage, runs 100 000 steps and reports how many bytes the JS heap took meanwhile
// (its growth plus whatever collections during the steps freed), the least of three such windows.
// One heap number per step (a float boxed on its way through a call V8 did not inline) would be 16
// bytes a step, 1.6 MB here; the noise of the runtime itself (code and feedback objects of late
// compilation) stays under 0.3 MB. Both kernel backends are measured: the WebAssembly one, and the
// plain TypeScript one (TYPED_MLP_KERNELS=js), where the kernels are JS functions that V8 may or
// may not inline. The compiled dist/ is measured, as users run it; `npm test` builds it first.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./helpers/alloc-steps.mjs', import.meta.url));
const STEPS = 100_000;

function heapGrowth(config: Record<string, unknown>, kernels?: 'js'): number {
  // The backend is the child's default (WebAssembly SIMD) unless `kernels` says otherwise, whatever this process was given.
  const { TYPED_MLP_KERNELS: _inherited, ...inherited } = process.env;
  const env = kernels ? { ...inherited, TYPED_MLP_KERNELS: kernels } : inherited;
  const r = spawnSync(process.execPath, ['--expose-gc', script, JSON.stringify({ steps: STEPS, ...config })], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(r.stderr);
  const out = JSON.parse(r.stdout) as { bytes: number; kernels: string };
  expect(out.kernels).toBe(kernels ?? 'wasm-simd');
  return out.bytes;
}

describe('a training step allocates nothing after the first', () => {
  it.each([
    ['full batch, sgd', {}],
    ['batches of 8, shuffled', { batchSize: 8, shuffle: true }],
    ['dropout 0.3 on both hidden layers', { batchSize: 8, dropout: 0.3 }],
    ['gradient clipping and weight decay (coupled, sgd)', { batchSize: 8, clipNorm: 0.5, weightDecay: 0.01 }],
    ['adam with decoupled weight decay', { batchSize: 8, optimizer: 'adam', weightDecay: 0.01 }],
    ['momentum, softmax head', { batchSize: 8, optimizer: 'momentum', head: 'softmax' }],
    ['cosine schedule', { batchSize: 8, lrSchedule: { type: 'cosine', epochs: 100 } }],
    ['step schedule, linear head, everything on', { batchSize: 8, shuffle: true, head: 'linear', optimizer: 'adam', dropout: 0.2, clipNorm: 1, weightDecay: 1e-3, lrSchedule: { type: 'step', stepSize: 5, gamma: 0.9 } }],
  ])('%s', (_, config) => {
    expect(heapGrowth(config)).toBeLessThan(STEPS * 4);
  }, 60_000);

  it.each([
    ['plain TypeScript kernels: full batch, sgd', {}],
    ['plain TypeScript kernels: batches of 8, clipping and weight decay (sgd)', { batchSize: 8, clipNorm: 0.5, weightDecay: 0.01 }],
    ['plain TypeScript kernels: step schedule, linear head, everything on', { batchSize: 8, shuffle: true, head: 'linear', optimizer: 'adam', dropout: 0.2, clipNorm: 1, weightDecay: 1e-3, lrSchedule: { type: 'step', stepSize: 5, gamma: 0.9 } }],
  ])('%s', (_, config) => {
    expect(heapGrowth(config, 'js')).toBeLessThan(STEPS * 4);
  }, 180_000); // the full batch takes about 40 s here: the plain kernels are slower
});
