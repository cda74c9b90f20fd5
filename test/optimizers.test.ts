import { describe, expect, it } from 'vitest';
import { column, fromArray, fromWeights, matrix, mulberry32, network, type Network, ValueError } from '../src/index.js';
import { heNormal } from '../src/random.js';
import { expectClose } from './helpers/close.js';

const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = column([0, 1, 1, 0]);

function xor(): Network<[2, 3, 1]> {
  const u = mulberry32(3);
  return fromWeights([fromArray(heNormal(2, 3, u), 2, 3), fromArray(heNormal(3, 1, u), 3, 1)], { biases: true });
}

/** All parameters as one list (W_1, b_1, W_2, b_2), and a setter, for the reference updates below. */
const params = (net: Network<[2, 3, 1]>) => [net.weights[0].data, net.biases[0]!.data, net.weights[1].data, net.biases[1]!.data];
function grads(net: Network<[2, 3, 1]>): Float64Array[] {
  const ev = net.evaluate(X, Y);
  return [ev.grads[0].data, ev.biasGrads[0]!.data, ev.grads[1].data, ev.biasGrads[1]!.data];
}

describe('optimizers match their textbook rules, written out independently here', () => {
  it('momentum: v ← μ·v + g; θ ← θ − lr·v', () => {
    const net = xor();
    const ref = xor();
    const mu = 0.8;
    const lr = 0.3;
    const v = params(ref).map((p) => new Float64Array(p.length));
    for (let step = 0; step < 5; step++) {
      const g = grads(ref);
      params(ref).forEach((p, k) => p.forEach((_, i) => {
        v[k]![i] = mu * v[k]![i]! + g[k]![i]!;
        p[i] = p[i]! - lr * v[k]![i]!;
      }));
    }
    net.fit(X, Y, { lr, epochs: 5, optimizer: { type: 'momentum', momentum: mu } });
    expect(params(net).map((p) => Array.from(p))).toEqual(params(ref).map((p) => Array.from(p)));
  });

  it('adam: bias-corrected first and second moments', () => {
    const net = xor();
    const ref = xor();
    const [b1, b2, eps, lr] = [0.9, 0.999, 1e-8, 0.05];
    const m = params(ref).map((p) => new Float64Array(p.length));
    const v = params(ref).map((p) => new Float64Array(p.length));
    for (let t = 1; t <= 5; t++) {
      const g = grads(ref);
      params(ref).forEach((p, k) => p.forEach((_, i) => {
        const gi = g[k]![i]!;
        m[k]![i] = b1 * m[k]![i]! + (1 - b1) * gi;
        v[k]![i] = b2 * v[k]![i]! + (1 - b2) * gi * gi;
        p[i] = p[i]! - (lr * (m[k]![i]! / (1 - b1 ** t))) / (Math.sqrt(v[k]![i]! / (1 - b2 ** t)) + eps);
      }));
    }
    net.fit(X, Y, { lr, epochs: 5, optimizer: 'adam' });
    // The kernels compute the same value in the paper's efficient form (a·m/(√v + ε̂)): it differs
    // from this line in the last bits only (bit for bit: test/optimizer-kernels.test.ts).
    expectClose(params(net).map((p) => Array.from(p)), params(ref).map((p) => Array.from(p)), 1e-14);
  });

  it("'sgd' is the default", () => {
    const a = xor();
    const b = xor();
    a.fit(X, Y, { lr: 0.5, epochs: 7 });
    b.fit(X, Y, { lr: 0.5, epochs: 7, optimizer: 'sgd' });
    expect(params(a).map((p) => Array.from(p))).toEqual(params(b).map((p) => Array.from(p)));
  });

  it('momentum and Adam both train a 9-6-6-1 net on a learnable task (labels x0·x1 + x2 − x3 > 0)', () => {
    const u = mulberry32(42);
    const n = 256;
    const xs = Array.from({ length: n * 9 }, () => 2 * u() - 1);
    const ys = Array.from({ length: n }, (_, i) => (xs[i * 9]! * xs[i * 9 + 1]! + xs[i * 9 + 2]! - xs[i * 9 + 3]! > 0 ? 1 : 0));
    const x = fromArray(xs, n, 9);
    const y = fromArray(ys, n, 1);
    for (const [optimizer, lr] of [['momentum', 0.05], ['adam', 0.01]] as const) {
      const net = network(9, { seed: 2024 }).relu(6).relu(6).sigmoid(1);
      const { loss } = net.fit(x, y, { lr, epochs: 300, batchSize: 32, optimizer });
      expect(loss[loss.length - 1]).toBeLessThan(loss[0]! / 4);
      expect(net.evaluate(x, y).accuracy).toBeGreaterThan(0.9);
    }
  });

  it('bad options are named errors that change nothing', () => {
    const net = xor();
    const before = JSON.stringify(net);
    expect(() => net.fit(X, Y, { lr: 0.1, epochs: 1, optimizer: { type: 'momentum', momentum: 1 } })).toThrow(new ValueError('optimizer.momentum is 1, but it must be in [0, 1)'));
    expect(() => net.fit(X, Y, { lr: 0.1, epochs: 1, optimizer: { type: 'adam', epsilon: 0 } })).toThrow(/optimizer.epsilon is 0/);
    expect(() => net.fit(X, Y, { lr: 0.1, epochs: 1, optimizer: 'rmsprop' as never })).toThrow(/optimizer is "rmsprop", expected "sgd", "momentum" or "adam"/);
    expect(JSON.stringify(net)).toBe(before);
  });
});
