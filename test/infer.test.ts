// `forward` and `predict` run engine/infer.ts (bias, ReLU and the finiteness checks folded into
// the kernels); `evaluate` runs the checked forward pass of backprop.ts. The two must give the same
// Ŷ bit for bit, and the same errors, word for word.
import { describe, expect, it } from 'vitest';
import { fromArray, type Matrix, mulberry32, network, type Network, normal } from '../src/index.js';
import { BACKENDS, useBackend } from './helpers/backends.js';

type Net = Network<readonly number[], 'sigmoid' | 'softmax' | 'linear'>;

/** Networks over every hidden activation and head, with and without biases (set non-zero through `biases[l].data`). */
function nets(): { name: string; net: Net }[] {
  const made = [
    { name: 'relu relu sigmoid, biases', net: network(6, { seed: 2 }).relu(33).relu(17).sigmoid(1) as Net },
    { name: 'relu relu sigmoid, no biases (B\'s shape)', net: network(6, { seed: 3, bias: false }).relu(40).relu(24).sigmoid(1) as Net },
    { name: 'tanh leakyRelu softmax', net: network(6, { seed: 4 }).tanh(9).leakyRelu(18).softmax(3) as Net },
    { name: 'sigmoid linear softsign linear head', net: network(6, { seed: 5 }).hidden(7, 'sigmoid').hidden(5, 'linear').hidden(12, 'softsign').linear(2) as Net },
    { name: 'relu, then a layer without bias, linear head', net: network(6, { seed: 6 }).relu(20, { bias: false }).relu(31).linear(1) as Net },
  ];
  const u = mulberry32(11);
  for (const { net } of made) for (const b of net.biases) if (b) for (let j = 0; j < b.data.length; j++) (b.data as Float64Array)[j] = normal(u) * 0.5;
  return made;
}

function inputs(rows: number, seed: number): Matrix {
  const u = mulberry32(seed);
  // Some exact zeros and negative values, so that ReLU sees ±0 and both signs.
  return fromArray(Array.from({ length: rows * 6 }, () => (u() < 0.1 ? 0 : normal(u))), rows, 6);
}

function labels(net: Net, rows: number): Matrix {
  const k = net.sizes[net.sizes.length - 1]!;
  return fromArray(Array.from({ length: rows * k }, (_, i) => (i % k === 0 ? 1 : 0)), rows, k);
}

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return 'no error';
};

for (const backend of BACKENDS) {
  describe(`inference (${backend} kernels)`, () => {
    useBackend(backend);

    it('gives the checked forward pass\'s Ŷ bit for bit: every activation and head, 1 to 300 rows (more than one block of rows)', () => {
      for (const { name, net } of nets()) {
        for (const rows of [1, 3, 24, 32, 100, 128, 300]) {
          const x = inputs(rows, rows);
          const fast = net.forward(x).data;
          const checked = net.evaluate(x, labels(net, rows)).Yhat.data;
          expect(same(fast, checked), `${name}, ${rows} rows`).toBe(true);
          expect(net.predict(x).data.length, `${name}, ${rows} rows`).toBe(rows * net.sizes[net.sizes.length - 1]!);
        }
      }
    });

    it('sees a write through weights[l].data and biases[l].data at the next call', () => {
      const { net } = nets()[0]!;
      const x = inputs(32, 1);
      const before = net.forward(x).data;
      (net.biases[1]!.data as Float64Array)[3]! += 0.25;
      const afterBias = net.forward(x).data;
      expect(same(afterBias, before)).toBe(false);
      expect(same(afterBias, net.evaluate(x, labels(net, 32)).Yhat.data)).toBe(true);
      (net.weights[2]!.data as Float64Array)[0] = -3;
      const afterWeight = net.forward(x).data;
      expect(same(afterWeight, afterBias)).toBe(false);
      expect(same(afterWeight, net.evaluate(x, labels(net, 32)).Yhat.data)).toBe(true);
    });

    it('names a non-finite input as the checked path does, wherever it is (even where its weights are all 0)', () => {
      for (const { name, net } of nets()) {
        for (const [r, c, v] of [[0, 0, Number.NaN], [31, 5, Number.POSITIVE_INFINITY], [7, 2, Number.NEGATIVE_INFINITY], [250, 1, Number.NaN]] as const) {
          const x = inputs(300, 2);
          (x.data as Float64Array)[r * 6 + c] = v;
          const want = messageOf(() => net.evaluate(x, labels(net, 300)));
          expect(want).toBe(`ValueError: X[${r}][${c}] is ${v}, expected a finite number`);
          expect(messageOf(() => net.forward(x)), name).toBe(want);
          expect(messageOf(() => net.predict(x)), name).toBe(want);
        }
      }
      // ∞ · 0 is NaN: input 4's row of W_1 all zero still makes Z_1 non-finite, and X is named.
      const { net } = nets()[0]!;
      const w = net.weights[0]!.data as Float64Array;
      for (let j = 0; j < net.weights[0]!.cols; j++) w[4 * net.weights[0]!.cols + j] = 0;
      const x = inputs(5, 3);
      (x.data as Float64Array)[2 * 6 + 4] = Number.POSITIVE_INFINITY;
      expect(messageOf(() => net.forward(x))).toBe('ValueError: X[2][4] is Infinity, expected a finite number');
    });

    it('names Z_2 when it overflows after a finite Z_1', () => {
      const { net } = nets()[1]!; // ReLU then ReLU: Z_2 sums non-negative values, all times 1e308
      (net.weights[1]!.data as Float64Array).fill(1e308);
      const x = inputs(32, 5);
      const want = messageOf(() => net.evaluate(x, labels(net, 32)));
      expect(want).toMatch(/^ValueError: Z_2\[0\]\[0\] is Infinity: /);
      expect(messageOf(() => net.forward(x))).toBe(want);
    });

    it('names the first Z_l that overflows, or a weight made NaN, as the checked path does', () => {
      for (const { name, net } of nets()) {
        const x = inputs(32, 4);
        const L = net.weights.length;
        // W_1 all 1e307 and row 9 of X all 50: Z_1[9][·] = 6 · 50e307 overflows (from finite X and W).
        const w = net.weights[0]!.data as Float64Array;
        const saved = Float64Array.from(w);
        w.fill(1e307);
        (x.data as Float64Array).fill(50, 9 * 6, 10 * 6);
        const want = messageOf(() => net.evaluate(x, labels(net, 32)));
        expect(want, name).toBe('ValueError: Z_1[9][0] is Infinity: the inputs or weights are too large for float64 (a product overflows)');
        expect(messageOf(() => net.forward(x)), name).toBe(want);
        w.set(saved);
        // Then one NaN weight in the last layer: Z_L's first row is named.
        (net.weights[L - 1]!.data as Float64Array)[1] = Number.NaN;
        const wantNaN = messageOf(() => net.evaluate(x, labels(net, 32)));
        expect(wantNaN, name).toMatch(new RegExp(`^ValueError: Z_${L}\\[0\\]\\[\\d+\\] is NaN`));
        expect(messageOf(() => net.forward(x)), name).toBe(wantNaN);
      }
    });
  });
}
