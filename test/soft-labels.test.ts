// Issue 13, point 4: accuracy means the same thing everywhere. A sigmoid head thresholds labels at
// 0.5 the way it thresholds predictions, so soft labels (0.1 / 0.9) are scored as 0 / 1, in
// evaluate, accuracyOf, fit's history and the CLI, as the softmax head scores a soft row's argmax.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { accuracyOf, fromWeights, matrix } from '../src/index.js';

// A 2-1 net whose outputs are σ(±4): 0.982 for x = 1, 0.018 for x = −1.
const net = fromWeights([matrix([[4], [0]])]);
const X = matrix([[1, 0], [-1, 0], [1, 0], [-1, 0]]);
const soft = matrix([[0.9], [0.1], [0.9], [0.1]]);
const wrong = matrix([[0.1], [0.9], [0.9], [0.1]]);

describe('soft labels on a sigmoid head', () => {
  it('evaluate: every row right scores 1, not 0', () => {
    expect(net.evaluate(X, soft).accuracy).toBe(1);
    expect(net.evaluate(X, wrong).accuracy).toBe(0.5);
  });

  it('accuracyOf agrees with evaluate', () => {
    expect(accuracyOf(net.predict(X), soft)).toBe(1);
    expect(accuracyOf(net.predict(X), wrong)).toBe(0.5);
  });

  it('a label of exactly 0.5 counts as 0, as a prediction of exactly 0.5 does', () => {
    const half = fromWeights([matrix([[0], [0]])]); // every output σ(0) = 0.5 → class 0
    expect(half.evaluate(matrix([[1, 0]]), matrix([[0.5]])).accuracy).toBe(1);
    expect(half.evaluate(matrix([[1, 0]]), matrix([[0.51]])).accuracy).toBe(0);
  });

  it('fit’s history: the epoch accuracy before the update', () => {
    const copy = net.clone();
    const h = copy.fit(X, soft, { lr: 1e-9, epochs: 1 });
    expect(h.accuracy[0]).toBe(1);
  });

  it('the CLI: eval prints the same accuracy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'typed-mlp-soft-'));
    const file = join(dir, 'in.json');
    writeFileSync(file, JSON.stringify({ weights: [[[4], [0]]], X: X.toArray(), Y: soft.toArray() }));
    const bin = fileURLToPath(new URL('../bin/typed-mlp.js', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'eval', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).accuracy).toBe(1);
  });
});
