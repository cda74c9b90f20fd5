import { describe, expect, it } from 'vitest';
import { fromArray, fromWeights, glorotUniform, loadNetwork, matrix, mulberry32, network, Network, normal, saveNetwork, ShapeError, ValueError, type HiddenActivation, type HeadName } from '../src/index.js';
import { BACKENDS, useBackend } from './helpers/backends.js';

const HIDDEN: HiddenActivation[] = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear'];

/** A random net with the given hidden activation and output, biases on, plus data and valid labels. */
function randomCase(hidden: HiddenActivation, output: 'sigmoid' | 'softmax', seed: number) {
  const u = mulberry32(seed);
  const sizes = [4, 6, 5, output === 'softmax' ? 3 : 2];
  const ws = sizes.slice(1).map((m, l) => fromArray(Array.from({ length: sizes[l]! * m }, () => normal(u) * 0.7), sizes[l]!, m));
  const bs = ws.map((w) => fromArray(Array.from({ length: w.cols }, () => normal(u) * 0.1), 1, w.cols));
  const net = new Network<number[], HeadName>(ws, bs, [hidden, hidden, output]);
  const n = 7;
  const X = fromArray(Array.from({ length: n * 4 }, () => normal(u)), n, 4);
  const K = sizes[3]!;
  const labels = Array.from({ length: n }, (_, i) =>
    output === 'softmax' ? Array.from({ length: K }, (_, k) => (k === i % K ? 1 : 0)) : Array.from({ length: K }, () => (u() < 0.5 ? 0 : 1)),
  );
  return { net, X, Y: fromArray(labels.flat(), n, K) };
}

describe.each(BACKENDS)('every activation back-propagates correctly on %s kernels', (backend) => {
  useBackend(backend);
  it.each(HIDDEN.flatMap((h) => (['sigmoid', 'softmax'] as const).map((o) => [h, o] as const)))('%s hidden, %s output: gradcheck < 1e-6', (hidden, output) => {
    const { net, X, Y } = randomCase(hidden, output, 31);
    // eps 1e-5, not the default 1e-6: saturating activations give gradients under the 1e-4 floor, where
    // the central difference's own round-off (≈ 2e-16·J/eps) is what 1e-6 eps would measure.
    const r = net.gradcheck(X, Y, 1e-5);
    expect(r.maxRelErr).toBeLessThan(1e-6);
  });
});

describe('the forward pass of each activation, against a direct computation', () => {
  it.each(HIDDEN)('%s', (hidden) => {
    const { net, X } = randomCase(hidden, 'sigmoid', 5);
    const a = { relu: (z: number) => Math.max(z, 0), leakyRelu: (z: number) => (z > 0 ? z : 0.01 * z), tanh: Math.tanh, sigmoid: (z: number) => 1 / (1 + Math.exp(-z)), linear: (z: number) => z }[hidden];
    let rows = X.toArray();
    net.weights.forEach((W, l) => {
      const b = net.biases[l]!.data;
      const z = rows.map((r) => Array.from({ length: W.cols }, (_, j) => r.reduce((s, x, i) => s + x * W.get(i, j), 0) + b[j]!));
      rows = l < net.depth - 1 ? z.map((r) => r.map(a)) : z.map((r) => r.map((v) => 1 / (1 + Math.exp(-v))));
    });
    const got = net.forward(X).toArray();
    got.forEach((r, i) => r.forEach((v, j) => expect(Math.abs(v - rows[i]![j]!)).toBeLessThan(1e-14)));
  });
});

describe('softmax with categorical cross-entropy', () => {
  const net = fromWeights([matrix([[1, 2, 3], [0.5, -1, 0]])], { activations: ['softmax'], biases: [[0, 0, 1]] });
  const X = matrix([[1, 0], [0, 1], [1000, 0]]);
  const Y = matrix([[0, 0, 1], [1, 0, 0], [1, 0, 0]]);

  it('gives rows that sum to 1, without overflow at logits of 1000', () => {
    const yhat = net.forward(X).toArray();
    yhat.forEach((r) => expect(Math.abs(r.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-15));
    expect(yhat[2]!.every(Number.isFinite)).toBe(true);
  });

  it('has per-row loss lse(z) − z_label, computed from the logits', () => {
    const ev = net.evaluate(X, Y);
    const z = ev.Zs[0].toArray();
    const lse = (r: number[]) => { const m = Math.max(...r); return m + Math.log(r.reduce((s, v) => s + Math.exp(v - m), 0)); };
    expect(ev.perSampleLoss[0]).toBeCloseTo(lse(z[0]!) - z[0]![2]!, 14);
    expect(ev.perSampleLoss[1]).toBeCloseTo(lse(z[1]!) - z[1]![0]!, 14);
    expect(ev.perSampleLoss[2]).toBe(lse(z[2]!) - z[2]![0]!); // 2001: finite, where log(ŷ_0) = log(0) would be −Infinity
    expect(ev.deltas[0].toArray()).toEqual(ev.Yhat.toArray().map((r, i) => r.map((v, k) => v - Y.get(i, k))));
  });

  it('predicts one-hot rows at the largest Ŷ and counts accuracy by rows', () => {
    const ev = net.evaluate(X, Y);
    // Logits: [1, 2, 4], [0.5, −1, 1], [1000, 2000, 3001]: class 2 everywhere; only row 0's label is 2.
    expect(ev.predictions.toArray()).toEqual([[0, 0, 1], [0, 0, 1], [0, 0, 1]]);
    expect(ev.accuracy).toBeCloseTo(1 / 3, 15);
  });

  it('rejects labels whose rows do not sum to 1, and a softmax of one output', () => {
    expect(() => net.loss(X, matrix([[0, 0, 1], [1, 1, 0], [1, 0, 0]]))).toThrow(new ValueError('Y[1] sums to 2, but softmax labels must sum to 1 on every row (one-hot or probabilities)'));
    expect(() => fromWeights([matrix([[1], [2]])], { activations: ['softmax'] })).toThrow(ShapeError);
    expect(() => fromWeights([matrix([[1], [2]])], { activations: ['tanh'] as never })).toThrow(/activations\[0\] is "tanh", but the output takes "sigmoid", "softmax", "linear"/);
  });

  it('learns a 3-class problem from the builder', () => {
    const u = mulberry32(8);
    const n = 150;
    const xs = Array.from({ length: n * 2 }, () => 2 * u() - 1);
    const cls = (i: number) => (xs[2 * i]! > 0.3 ? 0 : xs[2 * i + 1]! > 0 ? 1 : 2);
    const ys = Array.from({ length: n }, (_, i) => [0, 1, 2].map((k) => (k === cls(i) ? 1 : 0))).flat();
    const x = fromArray(xs, n, 2);
    const y = fromArray(ys, n, 3);
    const clf = network(2, { seed: 4, bias: true }).relu(16).softmax(3);
    const h = clf.fit(x, y, { lr: 0.05, epochs: 300, batchSize: 16, optimizer: 'adam' });
    expect(h.accuracy[h.accuracy.length - 1]).toBeGreaterThan(0.93);
  });
});

describe('the builder and save/load carry activations, biases and the initialiser', () => {
  it('records each layer', () => {
    const net = network(3, { seed: 2, init: 'glorot', bias: false }).tanh(4, { bias: true }).leakyRelu(5).hidden(2, 'sigmoid').softmax(3, { bias: true });
    expect(net.activations).toEqual(['tanh', 'leakyRelu', 'sigmoid', 'softmax']);
    expect(net.biases.map((b) => b !== null)).toEqual([true, false, false, true]);
    expect(net.head).toBe('softmax');
    const back = loadNetwork(JSON.stringify(saveNetwork(net)), [3, 4, 5, 2, 3]);
    expect(back.activations).toEqual(net.activations);
    expect(saveNetwork(back)).toEqual(saveNetwork(net));
  });

  it('Glorot-uniform stays within ±sqrt(6 / (in + out)) and is seeded', () => {
    const w = glorotUniform(4, 3, mulberry32(1));
    const r = Math.sqrt(6 / 7);
    expect(Array.from(w).every((v) => Math.abs(v) < r)).toBe(true);
    expect(Array.from(glorotUniform(4, 3, mulberry32(1)))).toEqual(Array.from(w));
  });
});
