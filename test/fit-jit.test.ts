// fit's per-epoch loop keeps its compiled code from one fit to the next, whatever other fits ran in
// between. In a fit of many tiny epochs (XOR, one step per epoch: bench/README.md's workload C), that
// loop is the hot one. When it lived in fitLoop, among the set-up and the history object, other fits'
// options of other shapes and a garbage collection threw its code away, so the next fit ran its
// 10,000 epochs in V8's baseline tier (1.66 µs a step in the benchmark's process, against 0.84 for
// trainer().step()). It is now Trainer.runEpochs, which sees only the trainer and three arrays.
// Measured, not timed: a child process (node --allow-natives-syntax) asks V8 whether the loop is
// optimized after the warm-up and again after the other fits and a collection. The compiled dist/ is
// measured, as users run it; `npm test` builds it first.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromArray, mulberry32, network, normal } from '../src/index.js';

const script = fileURLToPath(new URL('./helpers/fit-jit.mjs', import.meta.url));

describe("fit's epoch loop", () => {
  it('stays optimized across fits with other options and a garbage collection', () => {
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const out = JSON.parse(r.stdout) as { warm: boolean; fits: number; after: boolean; status: number };
    expect(out.warm, `not optimized after ${out.fits} warm-up fits (V8 status ${out.status})`).toBe(true);
    expect(out.after, `deoptimized by the other fits or the collection (V8 status ${out.status})`).toBe(true);
  }, 60_000);

  // The loop without reporting (Trainer.runEpochs) and the one with it (validation, progress,
  // onEpochEnd, early stopping) must give the same history, weights and warnings.
  const u = mulberry32(5);
  const N = 32;
  const unit = fromArray(Array.from({ length: N * 3 }, () => normal(u)), N, 3);
  const big = fromArray(Array.from({ length: N * 3 }, () => 1e4 + Math.abs(normal(u)) * 5e3), N, 3); // kills ReLU layers (test/inactive-layers.test.ts)
  const y = fromArray(Array.from({ length: N }, (_, i) => i % 2), N, 1);
  it.each([
    ['full batch', unit, { lr: 0.1, epochs: 30 }],
    ['batches of 8, shuffled, adam, dropout', unit, { lr: 0.01, epochs: 12, batchSize: 8, shuffle: true, optimizer: 'adam' as const, dropout: 0.2 }],
    ['a step schedule', unit, { lr: 0.1, epochs: 12, batchSize: 8, lrSchedule: { type: 'step' as const, stepSize: 3, gamma: 0.5 } }],
    ['dead ReLU layers', big, { lr: 0.5, epochs: 8 }],
  ])('with or without reporting, the same fit: %s', (_, x, options) => {
    const make = () => network(3, { seed: 2 }).relu(6).relu(4).sigmoid(1);
    const [a, b] = [make(), make()];
    const warnings: string[][] = [[], []];
    const quiet = a.fit(x, y, { ...options, onWarning: (m) => warnings[0]!.push(m) });
    const epochs: number[] = [];
    const reported = b.fit(x, y, { ...options, onWarning: (m) => warnings[1]!.push(m), onEpochEnd: (e) => void epochs.push(e) });
    expect(epochs).toEqual(Array.from({ length: options.epochs }, (_, e) => e));
    expect(quiet).toEqual(reported);
    expect(quiet.loss).toHaveLength(options.epochs);
    expect(warnings[0]).toEqual(warnings[1]);
    expect(a.weights.map((w) => w.toArray())).toEqual(b.weights.map((w) => w.toArray()));
  });

  it('notes each dead layer at its first inactive epoch, as the reporting loop does', () => {
    const h = network(3, { seed: 2 }).relu(6).relu(4).sigmoid(1).fit(big, y, { lr: 0.5, epochs: 8, onWarning: () => {} });
    expect(h.inactiveLayers).toBeDefined();
    expect(h.inactiveLayers!.length).toBeGreaterThan(0);
  });
});
