// Issue 13, point 5: a ReLU layer whose units all died is detected, recorded in the history and
// reported once (through onWarning, or the console), never silently.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromArray, mulberry32, network, normal } from '../src/index.js';

const u = mulberry32(3);
const N = 64;
const big = fromArray(Array.from({ length: N * 2 }, () => 1e4 + Math.abs(normal(u)) * 5e3), N, 2); // positive inputs on a scale of 1e4 (prices, say)
const labels = fromArray(Array.from({ length: N }, (_, i) => i % 2), N, 1);
const unit = fromArray(Array.from({ length: N * 2 }, () => normal(u)), N, 2);

afterEach(() => vi.restoreAllMocks());

describe('dead ReLU layers', () => {
  it('inputs of scale 1e4 kill every unit after a step: recorded once per layer, said once', () => {
    const warnings: string[] = [];
    const net = network(2, { seed: 1 }).relu(8).sigmoid(1);
    const h = net.fit(big, labels, { lr: 0.5, epochs: 6, onWarning: (m) => warnings.push(m) });
    expect(h.inactiveLayers).toBeDefined();
    expect(h.inactiveLayers!.map((d) => d.layer)).toEqual([0]);
    expect(h.inactiveLayers![0]!.epoch).toBeLessThan(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^hidden layer 0 \(ReLU\) had no active unit in epoch \d+: every unit output 0 for every row, so it passes no gradient and will not learn again\. Usual causes: inputs far from unit scale/);
    // And indeed every output is the same: nothing reaches the head but its bias.
    const out = net.forward(big).toArray().flat();
    expect(new Set(out).size).toBe(1);
  });

  it('without onWarning, the console is told, once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    network(2, { seed: 1 }).relu(8).relu(4).sigmoid(1).fit(big, labels, { lr: 0.5, epochs: 5 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^typed-mlp: hidden layer /);
  });

  it('a healthy network on standardized inputs: nothing recorded, nothing said', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const h = network(2, { seed: 1 }).relu(8).relu(8).sigmoid(1).fit(unit, labels, { lr: 0.1, epochs: 20 });
    expect(h.inactiveLayers).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it('tanh layers are not watched (a saturated unit still passes a small gradient)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const h = network(2, { seed: 1 }).tanh(8).sigmoid(1).fit(big, labels, { lr: 0.5, epochs: 3 });
    expect(h.inactiveLayers).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it('the trainer reports the last completed epoch', () => {
    const t = network(2, { seed: 1 }).relu(8).sigmoid(1).trainer(big, labels, { lr: 0.5, batchSize: N });
    expect(t.inactiveLayers()).toEqual([]); // no epoch completed yet
    for (let i = 0; i < 4; i++) t.step();
    expect(t.inactiveLayers()).toEqual([0]);
    expect(t.anyInactive).toBe(true);
  });
});
