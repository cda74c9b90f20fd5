// Finite inputs whose arithmetic leaves float64: each is stopped with a ValueError that names the
// entry (which Z_l, which row and column; which weight or bias an update would break; which batch's
// loss), through every door that computes, and the network is left exactly as it was.
import { describe, expect, it } from 'vitest';
import { fromWeights, matrix, saveNetwork, ValueError, type Network } from '../src/index.js';
import { BACKENDS, useBackend } from './helpers/backends.js';
import { expectNamed } from './helpers/named.js';

type Net = Network<readonly number[]>;

/** `before`: the network as it must be left (default: as it is now; after earlier, good steps when given). */
/** A training step's refusal: the sentence, then where it diverged and what to try (src/train/trainer.ts). */
function diverged(message: string, lr: number, epoch = 0, batch = 0): string {
  return `${message} (epoch ${epoch}, batch ${batch}, lr ${lr}). Training diverged: try a lower learning rate (e.g. lr ${Number((lr / 10).toPrecision(2))}), inputs standardized to mean 0 and variance 1, or gradient clipping (clipNorm)`;
}

function expectRefusal(net: Net, act: () => unknown, message: string | RegExp, before = JSON.stringify(saveNetwork(net))): void {
  expectNamed(act, ValueError, message, 'E_VALUE');
  expect(JSON.stringify(saveNetwork(net)), 'the network is not as it was before the failing step').toBe(before);
}

const overflowOf = (z: string, v: string) => `${z} is ${v}: the inputs or weights are too large for float64 (a product overflows)`;

describe.each(BACKENDS)('%s kernels', (backend) => {
  useBackend(backend);

  describe('a logit that overflows is named by layer, row and column, wherever it is computed', () => {
    // Row 1 of X times column 1 of W_1 is 1e200 · 1e200; everything else is ordinary.
    const first = () => fromWeights([matrix([[0.5, 1e200, 0.5], [1, 1, 1]]), matrix([[1], [1], [1]])]) as unknown as Net;
    const X1 = matrix([[1, 1], [1e200, 0]]);
    // Only in layer 2, row 2: X_2 holds 1e200 there, and W_2 multiplies it by 1e200 again.
    const second = () => fromWeights([matrix([[1e200, 1], [1, 1]]), matrix([[1e200], [1]])]) as unknown as Net;
    const X2 = matrix([[0, 0], [0, 1], [1, 0]]);
    const Y2 = matrix([[0], [1], [1]]);
    const cases: [string, () => Net, ReturnType<typeof matrix>, ReturnType<typeof matrix>, string][] = [
      ['Z_1, row 1, column 1', first, X1, matrix([[0], [1]]), overflowOf('Z_1[1][1]', 'Infinity')],
      ['Z_2, row 2, column 0 (the first layer is fine)', second, X2, Y2, overflowOf('Z_2[2][0]', 'Infinity')],
    ];
    describe.each(cases)('%s', (_, make, x, y, message) => {
      const doors: [string, (n: Net) => unknown, ((n: Net) => unknown)?][] = [
        ['forward', (n) => n.forward(x)],
        ['predict', (n) => n.predict(x)],
        ['loss', (n) => n.loss(x, y)],
        ['evaluate', (n) => n.evaluate(x, y)],
        ['gradcheck', (n) => n.gradcheck(x, y)],
        ['train', (n) => n.train(x, y, { lr: 0.1, epochs: 2 })],
        ['fit', (n) => n.fit(x, y, { lr: 0.1, epochs: 2 })],
        // Batch 0 is fine and is applied; the state to compare with is after that one step.
        ['fit in batches of 1 (the row is named as in X, not in its batch)', (n) => n.fit(x, y, { lr: 0.1, epochs: 2, batchSize: 1 }), (n) => n.trainer(x, y, { lr: 0.1, batchSize: 1 }).step()],
        ['fit in shuffled batches of 2', (n) => n.fit(x, y, { lr: 0.1, epochs: 2, batchSize: 2, shuffle: true, seed: 3 })],
        ['fit with validation', (n) => n.fit(matrix([[0, 0]]) as never, matrix([[1]]) as never, { lr: 0.1, epochs: 1, validation: [x, y] })],
        ['trainer.step', (n) => n.trainer(x, y, { lr: 0.1 }).step()],
      ];
      // A training step adds where it diverged and what to try; the other doors give the bare sentence.
      const inStep = (door: string) => ['train', 'fit', 'trainer.step'].some((d) => door === d || door.startsWith('fit in'));
      const escape = (t: string) => t.replace(/[[\]().*+?^$\\|{}]/g, '\\$&');
      it.each(doors)('%s', (door, act, goodSteps) => {
        const net = make();
        const good = make();
        goodSteps?.(good);
        const expected = inStep(door)
          ? new RegExp(`^${escape(message)} \\(epoch \\d+, batch \\d+, lr 0\\.1\\)\\. Training diverged: try a lower learning rate \\(e\\.g\\. lr 0\\.01\\), inputs standardized to mean 0 and variance 1, or gradient clipping \\(clipNorm\\)$`)
          : message;
        expectRefusal(net, () => act(net), expected, JSON.stringify(saveNetwork(good)));
      });
    });

    it('the sum of two infinite terms is NaN, and named as such', () => {
      const net = fromWeights([matrix([[1e200], [-1e200]])]) as unknown as Net;
      expectRefusal(net, () => net.forward(matrix([[1e200, 1e200]])), overflowOf('Z_1[0][0]', 'NaN'));
    });
  });

  describe('an update that would not be finite names the parameter, and changes none', () => {
    // X = [0, 1]: only row 1 of W_1 gets a gradient, and unit 0 is dead (Z = −1), so the one large
    // gradient (≈ 10, through W_2 = 10) is ∂J/∂W_1[1][1]; lr·10 overflows.
    const weightNet = () => fromWeights([matrix([[0.3, 0.2], [-1, 1]]), matrix([[10], [10]])]) as unknown as Net;
    // X = 0: no weight of layer 1 gets a gradient; the live bias b_1[1] gets ≈ 10.
    const biasNet = () => fromWeights([matrix([[0.5, 0.5]]), matrix([[10], [10]])], { biases: [[-1, 1], null] }) as unknown as Net;
    const cases: [string, () => Net, ReturnType<typeof matrix>, string, (n: Net) => number][] = [
      ['weights[0][1][1]', weightNet, matrix([[0, 1]]), 'weights[0][1][1]', (n) => n.gradients(matrix([[0, 1]]), matrix([[0]]))[0]!.data[3]!],
      ['biases[0][1]', biasNet, matrix([[0]]), 'biases[0][1]', (n) => n.evaluate(matrix([[0]]), matrix([[0]])).biasGrads[0]!.data[1]!],
    ];
    describe.each(cases)('%s', (_, make, x, where, gradient) => {
      const y = matrix([[0]]);
      const doors: [string, (n: Net) => unknown][] = [
        ['train (sgd)', (n) => n.train(x, y, { lr: 1e308, epochs: 1 })],
        ['fit, momentum', (n) => n.fit(x, y, { lr: 1e308, epochs: 1, optimizer: 'momentum' })],
        ['trainer.step', (n) => n.trainer(x, y, { lr: 1e308 }).step()],
      ];
      it.each(doors)('%s', (_, act) => {
        const net = make();
        expectRefusal(net, () => act(net), diverged(`the update of ${where} is not finite (gradient ${gradient(net)}); no parameter was changed`, 1e308));
      });
    });

    it('sgd: the very first parameter of the block (index 0) is checked too', () => {
      // Z = 1e308 − 1e308 = 0, so both gradients are 0.5: −1e308 − 1.7e308 · 0.5 overflows.
      const net = fromWeights([matrix([[-1e308], [1e308]])]) as unknown as Net;
      expectRefusal(net, () => net.train(matrix([[1, 1]]), matrix([[0]]), { lr: 1.7e308, epochs: 1 }), diverged('the update of weights[0][0][0] is not finite (gradient 0.5); no parameter was changed', 1.7e308));
      // Momentum's first velocity is the gradient: the same step, the same refusal.
      expectRefusal(net, () => net.fit(matrix([[1, 1]]), matrix([[0]]), { lr: 1.7e308, epochs: 1, optimizer: 'momentum' }), diverged('the update of weights[0][0][0] is not finite (gradient 0.5); no parameter was changed', 1.7e308));
    });

    it('the first weight right after a bias row is named as that weight, not as one bias too many', () => {
      // b_1 has 2 entries (no padding after it), so W_2[0][0] follows it directly in the block.
      // X_2[0] = 1e300 makes ∂J/∂W_2[0][0] ≈ 1e300·δ_2, and lr = 1e10 overflows it; W_2 = 1e-300
      // keeps Z_2 ordinary and every other gradient tiny.
      const net = fromWeights([matrix([[1e300, 0]]), matrix([[1e-300], [1e-300]])], { biases: [[0, 0], null] }) as unknown as Net;
      const x = matrix([[1]]);
      const y = matrix([[0]]);
      const g = net.gradients(x, y)[1]!.data[0]!;
      expectRefusal(net, () => net.train(x, y, { lr: 1e10, epochs: 1 }), diverged(`the update of weights[1][0][0] is not finite (gradient ${g}); no parameter was changed`, 1e10));
    });

    it('adam: a step of ≈ lr that would carry a weight past ±1.8e308', () => {
      // Z = 1e308 − 1e308 = 0, so both gradients are 0.5 > 0 and Adam's first step is ≈ lr for each.
      const net = fromWeights([matrix([[-1e308], [1e308]])]) as unknown as Net;
      expectRefusal(net, () => net.fit(matrix([[1, 1]]), matrix([[0]]), { lr: 1e308, epochs: 1, optimizer: 'adam' }), diverged('the update of weights[0][0][0] is not finite (gradient 0.5); no parameter was changed', 1e308));
    });

    it('adam: a gradient whose square overflows the second moment (the step itself would be finite)', () => {
      // δ_1 = δ_2 · W_2 = 1e200: v = (1 − β2)·g² is Infinity, and m / √v would quietly be 0.
      const net = fromWeights([matrix([[0.5]]), matrix([[1e200]])], { biases: [[1], null] }) as unknown as Net;
      expectRefusal(net, () => net.fit(matrix([[0]]), matrix([[0]]), { lr: 0.01, epochs: 1, optimizer: 'adam' }), diverged('the update of biases[0][0] is not finite (gradient 1e+200); no parameter was changed', 0.01));
    });

    it('adam: a refusal in a later block puts back the weights it had already updated', () => {
      // As above, but x = 1e-190 gives W_1 a gradient of 1e10: its update (≈ lr) is computed and
      // written before b_1's second moment overflows, and must be undone.
      const net = fromWeights([matrix([[0.5]]), matrix([[1e200]])], { biases: [[1], null] }) as unknown as Net;
      expect(net.gradients(matrix([[1e-190]]), matrix([[0]]))[0]!.data[0]).toBeGreaterThan(0);
      expectRefusal(net, () => net.fit(matrix([[1e-190]]), matrix([[0]]), { lr: 0.01, epochs: 1, optimizer: 'adam' }), diverged('the update of biases[0][0] is not finite (gradient 1e+200); no parameter was changed', 0.01));
    });

    // Three more ways an Adam step leaves float64 with ordinary gradients elsewhere: a decay factor
    // lr·λ > 1, a second moment that underflows to 0 under a tiny ε, and a NaN gradient.
    it('adam: lr·λ > 1, decoupled decay that overflows a large weight', () => {
      // x = 0: the gradient is 0 and Adam's step is 0, but W − (lr·λ)·W = 1.5e308 − 1.5·1.5e308.
      const net = fromWeights([matrix([[1.5e308]])]) as unknown as Net;
      expectRefusal(net, () => net.fit(matrix([[0]]), matrix([[0]]), { lr: 1, epochs: 1, optimizer: 'adam', weightDecay: 1.5 }), diverged('the update of weights[0][0][0] is not finite (gradient 0); no parameter was changed', 1));
    });

    it('adam: a second moment that underflows to 0 under a tiny ε', () => {
      // g ≈ 5e-171: (1 − β2)·g·g underflows to v = 0, so the step is a·m/ε̂ ≈ 0.3·lr · 5e-172 / 3e-302,
      // past ±1.8e308 at lr = 1e200: the step overflows, not the gradient or the moments.
      const net = fromWeights([matrix([[0]])]) as unknown as Net;
      const x = matrix([[1e-170]]);
      const y = matrix([[0]]);
      const g = net.gradients(x, y)[0]!.data[0]!;
      expect(g * g * 0.001).toBe(0);
      expectRefusal(net, () => net.fit(x, y, { lr: 1e200, epochs: 1, optimizer: { type: 'adam', epsilon: 1e-300 } }), diverged(`the update of weights[0][0][0] is not finite (gradient ${g}); no parameter was changed`, 1e200));
    });

    it('adam: a NaN in the gradient (every other gradient ordinary)', () => {
      // a_1 = 1e-200 and W_2 = 1e200 keep the forward pass at 1s and 0s; δ_2 = 0.5·(1e200, −1e200), so
      // δ_1 = δ_2·W_2ᵀ = 5e399 − 5e399: NaN, the gradient of b_1 (and of W_1, times x = 0).
      const net = fromWeights([matrix([[1]]), matrix([[1e200, 1e200]]), matrix([[1e200], [-1e200]])], { biases: [[1e-200], null, null] }) as unknown as Net;
      const x = matrix([[0]]);
      const y = matrix([[0]]);
      const grads = net.gradients(x, y).flatMap((m) => Array.from(m.data));
      expect(grads.filter((g) => !(Math.abs(g) <= 1))).toEqual([NaN]);
      expectRefusal(net, () => net.fit(x, y, { lr: 0.01, epochs: 1, optimizer: 'adam' }), diverged('the update of weights[0][0][0] is not finite (gradient NaN); no parameter was changed', 0.01));
    });

    it('the hint suggests lr/10 rounded to two digits (1.7e+307, not 1.7400000000000002e+307)', () => {
      const net = fromWeights([matrix([[-1e308], [1e308]])]) as unknown as Net;
      expect(() => net.fit(matrix([[1, 1]]), matrix([[0]]), { lr: 1.74e308, epochs: 1, optimizer: 'momentum' })).toThrow(/try a lower learning rate \(e\.g\. lr 1\.7e\+307\)/);
    });

    it('momentum: a velocity that overflows names the parameter too', () => {
      // ∂J/∂b_1 = δ_2 · W_2 = 1.5e308 at each step; lr is so small that the steps barely move b_1,
      // so the second step's velocity μ·v + g = 0.99 · 1.5e308 + 1.5e308 overflows.
      const make = () => fromWeights([matrix([[0.5]]), matrix([[1.5e308]])], { biases: [[1], null] }) as unknown as Net;
      const options = { lr: 1e-320, optimizer: { type: 'momentum', momentum: 0.99 } } as const;
      const afterFirstStep = make();
      afterFirstStep.fit(matrix([[0]]), matrix([[0]]), { ...options, epochs: 1 });
      const net = make();
      expectRefusal(net, () => net.fit(matrix([[0]]), matrix([[0]]), { ...options, epochs: 2 }), diverged('the update of biases[0][0] is not finite (gradient 1.5e+308); no parameter was changed', 1e-320, 1), JSON.stringify(saveNetwork(afterFirstStep)));
    });
  });

  it('a batch whose mean loss overflows stops training at that batch, named', () => {
    // Batch 0 (X = 0) is ordinary and changes nothing (its gradients are 0); in batch 1 each row's
    // loss is 1e308 and their sum is Infinity.
    const net = fromWeights([matrix([[1e308]])]) as unknown as Net;
    const x = matrix([[0], [0], [1], [1]]);
    const y = matrix([[1], [1], [0], [0]]);
    expectRefusal(net, () => net.fit(x, y, { lr: 0.1, epochs: 1, batchSize: 2 }), diverged('the loss of batch 1 is Infinity; no parameter was changed by that step', 0.1, 0, 1));
  });
});
