// The conventions SPEC §1 pins, each checked against values computed here independently.
import { describe, expect, it } from 'vitest';
import { bceWithLogits, column, fromWeights, matrix, sigmoid, softplus } from '../src/index.js';
import { jsKernels } from '../src/kernels/js.js';

describe('the stable loss', () => {
  it('at z = 40, y = 0 is 40 (the naive log form gives Infinity)', () => {
    const naive = -Math.log(1 - 1 / (1 + Math.exp(-40)));
    expect(naive).toBe(Infinity);
    expect(bceWithLogits(40, 0)).toBe(40 + Math.log1p(Math.exp(-40)));
    expect(bceWithLogits(40, 0)).toBeCloseTo(40, 12);
  });

  it('at z = 40, y = 1 is 4.25e-18, not NaN or 0', () => {
    expect(bceWithLogits(40, 1)).toBe(Math.log1p(Math.exp(-40)));
    expect(bceWithLogits(40, 1)).toBeGreaterThan(4.24e-18);
    expect(bceWithLogits(40, 1)).toBeLessThan(4.26e-18);
  });

  it('is exact, not clipped, at ±800 (Keras-style 1e-7 clipping would give 16.1)', () => {
    expect(bceWithLogits(800, 0)).toBe(800);
    expect(bceWithLogits(-800, 1)).toBe(800);
    expect(bceWithLogits(800, 1)).toBe(0);
    expect(softplus(-800)).toBe(0);
  });

  it('equals −y·log σ(z) − (1−y)·log(1−σ(z)) where that is well conditioned', () => {
    for (const z of [-3, -0.5, 0, 0.25, 2]) {
      for (const y of [0, 0.3, 1]) {
        const s = 1 / (1 + Math.exp(-z));
        const naive = -y * Math.log(s) - (1 - y) * Math.log(1 - s);
        expect(Math.abs(bceWithLogits(z, y) - naive)).toBeLessThan(1e-14);
      }
    }
  });
});

describe('the sigmoid', () => {
  it('does not overflow for large |z| and stays in [0, 1]', () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-40)).toBeCloseTo(Math.exp(-40), 30);
  });
});

describe('a saturated network', () => {
  // One layer, Z = X·W: rows give z = 800, −800, 40, −40 exactly.
  const net = fromWeights([matrix([[1]])]);
  const X = matrix([[800], [-800], [40], [-40]]);
  const Y = column([0, 1, 0, 1]);

  it('gives finite losses and finite, non-NaN gradients', () => {
    const ev = net.evaluate(X, Y);
    expect(ev.perSampleLoss).toEqual([800, 800, bceWithLogits(40, 0), bceWithLogits(-40, 1)]);
    expect(ev.Yhat.toArray()).toEqual([[1], [0], [sigmoid(40)], [sigmoid(-40)]]);
    // δ_L = Ŷ − Y, never the quotient (which is 0/0 here).
    expect(ev.deltas[0]!.toArray()).toEqual([[1], [-1], [sigmoid(40)], [sigmoid(-40) - 1]]);
    expect(Number.isFinite(ev.grads[0]!.get(0, 0))).toBe(true);
  });

  it('trains without producing NaN', () => {
    const { losses, finalLoss } = net.train(X, Y, { lr: 1e-3, epochs: 5 });
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(finalLoss)).toBe(true);
  });
});

describe('ReLU', () => {
  it("has ReLU'(0) = 0: a unit exactly at zero passes no gradient", () => {
    // δ (1×1) = [7], W (3×1) = [1, 1, 1]ᵀ: δ·Wᵀ = [7, 7, 7], masked by Z = [−1e-300, 0, 1e-300].
    const k = jsKernels(new ArrayBuffer(16 * 8));
    k.f64.set([7, 0, 1, 1, 1, 0, -1e-300, 0, 1e-300, 0, 9, 9, 9]);
    k.gemmTBRelu(0, 16, 48, 80, 1, 1, 3);
    expect(Array.from(k.f64.subarray(10, 13))).toEqual([0, 0, 7]);
  });

  it('at zero pre-activation inside a network gives a zero delta and a zero gradient row', () => {
    // Hidden unit 0 gets z = 1·0.5 + 1·(−0.5) = 0 exactly on the only row.
    const net = fromWeights([matrix([[0.5, 1], [-0.5, 1]]), matrix([[2], [0.25]])]);
    const ev = net.evaluate(matrix([[1, 1]]), column([1]));
    expect(ev.Zs[0].get(0, 0)).toBe(0);
    expect(ev.deltas[0].get(0, 0)).toBe(0);
    expect(ev.grads[0].toArray().map((row) => row[0])).toEqual([0, 0]);
    expect(ev.deltas[0].get(0, 1)).not.toBe(0);
  });
});

describe('predictions', () => {
  it('an all-zero input row of a bias-free net gives Ŷ = 0.5 exactly, predicted 0', () => {
    const net = fromWeights([matrix([[0.3, -2], [1, 0.1]]), matrix([[1], [-1]])]);
    const ev = net.evaluate(matrix([[0, 0], [1, 1]]), column([0, 1]));
    expect(ev.Yhat.get(0, 0)).toBe(0.5);
    expect(ev.predictions.get(0, 0)).toBe(0);
    expect(ev.perSampleLoss[0]).toBe(Math.log(2));
  });

  it('bias-free XOR cannot go below log(2)/4: the [0, 0] row is stuck at Ŷ = 0.5', () => {
    const net = fromWeights([
      matrix([[0.13806543856194997, 0.6086474408046969, 0.29065872031153117], [0.12694881223337018, -0.2159368363940326, 0.4126508667385178]]),
      matrix([[-0.17653002459565403], [1.108101382155245], [1.3114363285358077]]),
    ]);
    const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const { finalLoss } = net.train(X, column([0, 1, 1, 0]), { lr: 1, epochs: 3000 });
    expect(finalLoss).toBeGreaterThan(Math.log(2) / 4);
    expect(finalLoss).toBeLessThan(Math.log(2) / 4 + 1e-3);
    expect(net.predict(X).toArray()).toEqual([[0], [1], [1], [0]]);
  });
});

describe('labels', () => {
  it('are never broadcast: a 1×N label row against an N×1 output is an error', () => {
    const net = fromWeights([matrix([[1], [1]])]);
    const X = matrix([[0, 1], [1, 0], [1, 1]]);
    expect(() => net.loss(X, matrix([[0, 1, 1]]) as never)).toThrow(/Y is 1×3 but X has 3 rows and the network has 1 output, so Y must be 3×1/);
  });
});

describe('leakyRelu', () => {
  it("has leakyRelu'(0) = α (0.01), like ReLU'(0) = 0: the slope of the left side", () => {
    // Z_1 = 1·1 + 1·(−1) = 0 exactly, so δ_1 = δ_2·W_2ᵀ·α and ∂J/∂W_1 = X_1ᵀ·δ_1.
    const net = fromWeights([matrix([[1], [-1]]), matrix([[2]])], { activations: ['leakyRelu', 'sigmoid'] });
    const ev = net.evaluate(matrix([[1, 1]]), column([1]));
    expect(ev.Zs[0].data[0]).toBe(0);
    const delta2 = sigmoid(0) - 1; // Z_2 = 0·2
    expect(ev.deltas[0].data[0]).toBe(delta2 * 2 * 0.01);
    expect(Array.from(ev.grads[0].data)).toEqual([delta2 * 2 * 0.01, delta2 * 2 * 0.01]);
  });
});

describe('the sigmoid\'s far tail', () => {
  it('keeps σ(z) = e^z / (1 + e^z) > 0 where e^{−z} already overflows (z = −720)', () => {
    expect(Math.exp(720)).toBe(Infinity);
    expect(sigmoid(-720)).toBe(Math.exp(-720));
    expect(sigmoid(-720)).toBeGreaterThan(0);
  });
});

describe('softplus', () => {
  it('is log(1 + eᵗ), without overflow at either end', () => {
    expect(softplus(0)).toBe(Math.LN2);
    expect(softplus(1)).toBeCloseTo(Math.log(1 + Math.E), 15);
    expect(softplus(-1)).toBeCloseTo(Math.log(1 + Math.exp(-1)), 15);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(softplus(-40)).toBe(Math.log1p(Math.exp(-40)));
  });
});
