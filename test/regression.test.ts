// Regression with the linear head (SPEC section 5), through the public API only.
import { describe, expect, it } from 'vitest';
import { fitSine, noisySine } from '../examples/sine.js';
import { fromWeights, loadNetwork, Matrix, matrix, network, networkSvg, saveNetwork, ShapeError, ValueError, withHead } from '../src/index.js';

describe('the sine example: noisy sin(πx), tanh hidden layers, a linear head', () => {
  // The floor is stated in advance: R² ≥ 0.99 on 200 rows the training never saw (noise σ 0.05 alone
  // leaves 1 − 0.0025/0.5 ≈ 0.995 at best).
  it.each([1, 2, 3])('reaches R² ≥ 0.99 on held-out rows (seed %i)', (seed) => {
    const { testR2, testRmse, history } = fitSine(seed);
    expect(testR2).toBeGreaterThanOrEqual(0.99);
    expect(testRmse).toBeLessThan(0.07);
    expect(history.mae.length).toBe(history.loss.length);
    expect(history.valMae!.length).toBe(history.loss.length);
  });
});

describe('the linear head', () => {
  const net = fromWeights([matrix([[0.5, -1], [2, 0.25]]), matrix([[1, 0, 2], [-1, 3, 0.5]])], { activations: ['tanh', 'linear'], biases: [null, [0.1, -0.2, 0.3]] });
  const X = matrix([[1, 2], [-0.5, 0.25], [3, -1]]);
  const Y = matrix([[1000, -2.5, 0], [-7, 1e6, 3], [0.125, 0, -1]]); // any finite reals

  it('predicts Ŷ = Z_L itself, with K = 3 outputs', () => {
    const hand = X.toArray().map((row) => {
      const h = [0, 1].map((j) => Math.tanh(row[0]! * [0.5, -1][j]! + row[1]! * [2, 0.25][j]!));
      return [0, 1, 2].map((k) => h[0]! * [1, 0, 2][k]! + h[1]! * [-1, 3, 0.5][k]! + [0.1, -0.2, 0.3][k]!);
    });
    const got = net.predict(X).toArray();
    got.forEach((r, i) => r.forEach((v, k) => expect(Math.abs(v - hand[i]![k]!)).toBeLessThan(1e-14)));
    expect(net.forward(X).toArray()).toEqual(got);
  });

  it('has loss (1/(N·K)) Σ (ŷ − y)², mae and r2 and no accuracy', () => {
    const yhat = net.forward(X).data;
    let se = 0;
    let ae = 0;
    Y.data.forEach((y, i) => {
      se += (yhat[i]! - y) ** 2;
      ae += Math.abs(yhat[i]! - y);
    });
    const ev = net.evaluate(X, Y);
    expect(Math.abs(ev.loss - se / 9)).toBeLessThan(1e-12 * (se / 9));
    expect(Math.abs(ev.mae - ae / 9)).toBeLessThan(1e-12 * (ae / 9));
    expect(ev.perSampleLoss).toHaveLength(3);
    expect('accuracy' in ev).toBe(false);
    expect(ev.predictions.toArray()).toEqual(ev.Yhat.toArray());
    expect(ev.r2).toBeLessThan(0);
  });

  it('takes labels outside [0, 1], refuses non-finite ones by name, and says when the squared error overflows', () => {
    expect(() => net.loss(X, Y)).not.toThrow();
    const bad = new Matrix(3, 3, Float64Array.of(1, 2, 3, 4, Number.NaN, 6, 7, 8, 9));
    expect(() => net.loss(X, bad)).toThrow(new ValueError('Y[1][1] is NaN, expected a finite number'));
    expect(() => net.loss(X, matrix([[1e200, 0, 0], [0, 0, 0], [0, 0, 0]]))).toThrow(/the loss is Infinity: the outputs or labels are too large for float64/);
  });

  it('trains: a batch of one with large targets moves toward them, and fit reports the mae', () => {
    const one = network(2, { seed: 4 }).relu(4).linear(2);
    const x = matrix([[0.5, -0.5]]);
    const y = matrix([[300, -120]]);
    const before = one.loss(x, y);
    const yhat0 = one.forward(x).data;
    const h = one.fit(x, y, { lr: 1e-3, epochs: 50, optimizer: 'adam' });
    expect(one.loss(x, y)).toBeLessThan(before);
    // Epoch 0's mae is measured on its one batch before its update: the untrained net's.
    expect(h.mae[0]).toBe((Math.abs(yhat0[0]! - 300) + Math.abs(yhat0[1]! + 120)) / 2);
    expect(h.loss[0]).toBe(before);
    expect(h.mae[49]!).toBeLessThan(h.mae[0]!);
  });

  it('saves and loads with its head, bit for bit, and the loaded net narrows with withHead', () => {
    const text = JSON.stringify(saveNetwork(net));
    const back = withHead(loadNetwork(text, [2, 2, 3]), 'linear');
    expect(back.head).toBe('linear');
    expect(back.activations).toEqual(['tanh', 'linear']);
    expect(back.forward(X).toArray()).toEqual(net.forward(X).toArray());
    expect(() => withHead(loadNetwork(text), 'sigmoid')).toThrow(new ShapeError('the network has a linear head but a sigmoid head was expected'));
    expect(() => loadNetwork(text, [2, 2, 3], { head: 'softmax' })).toThrow(/the saved network has a linear head but a softmax head was expected/);
  });

  it('is drawn as the output column "(linear)"', () => {
    expect(networkSvg(net)).toContain('output 3 (linear)');
  });

  it('is what `.linear(k)` ends a builder with', () => {
    const reg = network(1, { seed: 2 }).tanh(16).linear(1);
    expect(reg.head).toBe('linear');
    expect(reg.activations).toEqual(['tanh', 'linear']);
    const { x, y } = noisySine(20, 9);
    expect(typeof reg.fit(x, y, { lr: 0.01, epochs: 2 }).mae[1]).toBe('number');
  });
});
