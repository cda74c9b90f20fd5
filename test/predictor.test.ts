/**
 * The float32 predictor (src/predictor/) against the float64 network it was made from: every fixture
 * (test/fixtures, ../shared/fixtures, and their model/ cases: every activation and head, with and
 * without biases) and a grid of activation × head × bias, on both backends, held to 1e-5 relative
 * on the probabilities and regression outputs; its errors; and that it is frozen.
 */
import { describe, expect, it } from 'vitest';
import {
  float32Predictor,
  fromArray,
  type HeadName,
  type HiddenActivation,
  Matrix,
  Matrix32,
  matrix,
  mulberry32,
  network,
  Network,
  ShapeError,
  ValueError,
} from '../src/index.js';
import { BACKENDS, useBackend } from './helpers/backends.js';
import { loadFixtures, loadModelFixtures } from './helpers/fixtures.js';

/** The tolerance of issue 12: the float32 outputs within 1e-5 relative of the float64 network's. */
const TOL = 1e-5;

/** The largest |a − b| / |b| over the entries (b the float64 reference; 0 when both are 0). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (d === 0) continue;
    worst = Math.max(worst, d / Math.abs(b[i]!));
  }
  return worst;
}

type Case = { name: string; net: Network<number[], HeadName>; X: Matrix };

function fixtureCases(): Case[] {
  const plain = loadFixtures().map((f) => ({ name: f.name, net: new Network<number[], HeadName>(f.weights.map((w) => matrix(w))), X: matrix(f.X) }));
  const model = loadModelFixtures().map((f) => {
    const weights = f.weights.map((w) => matrix(w));
    const biases = f.biases ? f.biases.map((b) => (b === null ? null : matrix([b]))) : undefined;
    return { name: `model/${f.name}`, net: new Network<number[], HeadName>(weights, biases, f.activations as never), X: matrix(f.X) };
  });
  return [...plain, ...model];
}

const ACTS: HiddenActivation[] = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'softsign', 'linear'];
const HEADS: HeadName[] = ['sigmoid', 'softmax', 'linear'];

/** X ~ U(−1, 1), rows × cols, from a seed. */
function uniform<C extends number>(rows: number, cols: C, seed: number): Matrix<number, C> {
  const r = mulberry32(seed);
  return new Matrix(rows, cols, Float64Array.from({ length: rows * cols }, () => 2 * r() - 1));
}

describe.each(BACKENDS)('on %s kernels', (backend) => {
  useBackend(backend);

  it('is made on the backend chosen for the library', () => {
    expect(float32Predictor(network(2).relu(3).sigmoid(1)).backend).toBe(backend);
  });

  it.each(fixtureCases().map((c) => [c.name, c] as const))('fixture %s: Ŷ within 1e-5 relative of the float64 network', (_, c) => {
    const p = float32Predictor(c.net);
    const y = p.forward(c.X);
    expect(y).toBeInstanceOf(Matrix32);
    expect(y.data).toBeInstanceOf(Float32Array);
    expect(y.shape).toEqual([c.X.rows, c.net.sizes.at(-1)]);
    const ref = c.net.forward(c.X);
    expect(maxRelDiff(y.data, ref.data)).toBeLessThanOrEqual(TOL);
    // Classes exactly (no fixture has a Ŷ within float32 rounding of 0.5 or of a tie); a linear head's Ŷ within the tolerance.
    if (c.net.head === 'linear') expect(maxRelDiff(p.predict(c.X).data, c.net.predict(c.X).data)).toBeLessThanOrEqual(TOL);
    else expect(Array.from(p.predict(c.X).data)).toEqual(Array.from(c.net.predict(c.X).data));
  });

  // A grid the fixtures do not cover alone: every hidden activation under every head, with and
  // without biases, widths that are not multiples of 8 (the packing's padding) and more rows than one block.
  describe.each(HEADS)('%s head', (head) => {
    it.each(ACTS.flatMap((act) => [[act, true] as const, [act, false] as const]))('%s hidden layers, biases %s', (act, biases) => {
      const net = network(13, { seed: 11, bias: biases }).hidden(21, act).hidden(9, act).output(3, head);
      if (biases) for (const b of net.biases) b!.data.forEach((_, j, d) => (d[j] = 0.1 * Math.sin(j + 1)));
      const X = uniform(300, 13, 5);
      const p = float32Predictor(net);
      const y = p.forward(X);
      const ref = net.forward(X).data;
      if (head === 'linear') {
        // Regression outputs: relative to the output where |ŷ| ≥ 0.1; below, an output that is a
        // cancellation near 0 has no meaningful relative error, and its absolute error is held to 1e-6.
        let worst = 0;
        let worstSmall = 0;
        for (let i = 0; i < ref.length; i++) {
          const d = Math.abs(y.data[i]! - ref[i]!);
          if (Math.abs(ref[i]!) >= 0.1) worst = Math.max(worst, d / Math.abs(ref[i]!));
          else worstSmall = Math.max(worstSmall, d);
        }
        expect(worst).toBeLessThanOrEqual(TOL);
        expect(worstSmall).toBeLessThanOrEqual(1e-6);
      } else expect(maxRelDiff(y.data, ref)).toBeLessThanOrEqual(TOL);
    });
  });

  it('agrees on the benchmark net (64-128-128-1, ReLU, sigmoid head) at 1, 32 and 4096 rows', () => {
    const net = network(64, { seed: 7 }).relu(128).relu(128).sigmoid(1);
    const p = float32Predictor(net);
    for (const n of [1, 32, 4096]) {
      const X = uniform(n, 64, n);
      expect(maxRelDiff(p.forward(X).data, net.forward(X).data), `${n} rows`).toBeLessThanOrEqual(TOL);
    }
  });

  it('agrees at every row count modulo 4 (the row tiles and their 1-row tail), across blocks of 128 rows and slices of 4096', () => {
    const net = network(10, { seed: 4 }).leakyRelu(17).tanh(8).softmax(3);
    const p = float32Predictor(net);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 127, 128, 129, 130, 131, 257, 4097, 8195, 5]) {
      const X = uniform(n, 10, 100 + n);
      expect(maxRelDiff(p.forward(X).data, net.forward(X).data), `${n} rows`).toBeLessThanOrEqual(TOL);
    }
  });

  it('takes plain rows as the network does: one row gives a number[], rows a Matrix32', () => {
    const net = network(2, { seed: 1 }).relu(3).softmax(2);
    const p = float32Predictor(net);
    const row = p.forward([0.5, -1]);
    expect(Array.isArray(row)).toBe(true);
    expect(maxRelDiff(row, net.forward([0.5, -1]))).toBeLessThanOrEqual(TOL);
    const rows = p.forward([[0.5, -1], [1, 1]]);
    expect(rows).toBeInstanceOf(Matrix32);
    expect(rows.shape).toEqual([2, 2]);
    expect(p.predict([0.5, -1])).toEqual(net.predict([0.5, -1]));
  });

  it('JSON.stringify shows the sizes, head and backend, not the kernels\' memory', () => {
    const p = float32Predictor(network(2, { seed: 3 }).relu(4).softmax(3));
    expect(JSON.parse(JSON.stringify(p))).toEqual({ type: 'Float32Predictor', sizes: [2, 4, 3], head: 'softmax', backend: p.backend });
  });

  it('toMatrix gives the same entries as a float64 Matrix, which the metrics and argmax take', () => {
    const net = network(2, { seed: 3 }).relu(4).softmax(3);
    const p = float32Predictor(net);
    const X = matrix([[0.5, -1], [1, 1], [-2, 0.25]]);
    const y = p.forward(X);
    const m = y.toMatrix();
    expect(m).toBeInstanceOf(Matrix);
    expect(m.shape).toEqual([3, 3]);
    expect(Array.from(m.data)).toEqual(Array.from(y.data)); // every float32 exact in float64
    expect(m.data).not.toBe(y.data);
    expect(p.predict(X).toMatrix().toArray()).toEqual(net.predict(X).toArray());
  });

  it('is frozen: training or editing the network afterwards does not change it', () => {
    const net = network(4, { seed: 3 }).tanh(6).sigmoid(1);
    const X = uniform(16, 4, 9);
    const Y = fromArray(Array.from({ length: 16 }, (_, i) => i % 2), 16, 1);
    const original = net.clone();
    const p = float32Predictor(net); // made before training, first used after it
    net.fit(X, Y, { lr: 0.5, epochs: 20 });
    net.weights[0].data[0] = 42;
    expect(maxRelDiff(net.forward(X).data, original.forward(X).data)).toBeGreaterThan(1e-3); // the network did change
    const y = p.forward(X);
    expect(Array.from(y.data)).toEqual(Array.from(float32Predictor(original).forward(X).data));
    expect(maxRelDiff(y.data, original.forward(X).data)).toBeLessThanOrEqual(TOL);
    expect(maxRelDiff(float32Predictor(net).forward(X).data, net.forward(X).data)).toBeLessThanOrEqual(TOL); // a new one follows
  });

  it('allocates its memory once: calls of up to the largest batch seen reuse it', () => {
    const net = network(5, { seed: 2 }).relu(7).softmax(3);
    const p = float32Predictor(net);
    const big = uniform(300, 5, 1);
    const small = uniform(3, 5, 2);
    p.forward(big);
    const buffer = (p as unknown as { k: { f32: Float32Array } }).k.f32.buffer;
    for (let i = 0; i < 3; i++) {
      p.forward(small);
      p.predict(big);
    }
    expect((p as unknown as { k: { f32: Float32Array } }).k.f32.buffer).toBe(buffer);
    expect(maxRelDiff(p.forward(small).data, net.forward(small).data)).toBeLessThanOrEqual(TOL); // and a grown memory still holds the weights
  });

  it('refuses X of the wrong width, naming both widths', () => {
    const p = float32Predictor(network(3).relu(4).sigmoid(1));
    expect(() => p.forward(new Matrix(2, 4) as never)).toThrow(ShapeError);
    expect(() => p.forward(new Matrix(2, 4) as never)).toThrow('X is 2×4 but the network expects 3 columns');
    expect(() => p.predict([1, 2] as never)).toThrow("row has 2 entries but the network's input size is 3");
    expect(() => p.forward([] as never)).toThrow(ShapeError);
  });

  it('refuses non-finite inputs and inputs beyond float32, naming the entry', () => {
    const p = float32Predictor(network(2).relu(3).linear(1));
    const nan = new Matrix(2, 2, Float64Array.from([0, 1, NaN, 0]));
    expect(() => p.forward(nan)).toThrow(ValueError);
    expect(() => p.forward(nan)).toThrow('X[1][0] is NaN');
    expect(() => p.forward(matrix([[0, 1], [0, 1e39]]))).toThrow("X[1][1] is 1e+39, beyond float32's range");
    const big = uniform(8195, 2, 3);
    big.data[5000 * 2 + 1] = -Infinity; // in the second slice of 4096 rows
    expect(() => p.forward(big)).toThrow('X[5000][1] is -Infinity, expected a finite number');
    // Plain input is named as the network names it: one row as row[j], rows as rows[i][j].
    expect(() => p.forward([1e39, 1])).toThrow("row[0] is 1e+39, beyond float32's range");
    expect(() => p.forward([[0, 1], [2, -1e39]])).toThrow("rows[1][1] is -1e+39, beyond float32's range");
    expect(() => p.forward([NaN, 1])).toThrow('row[0] is NaN');
  });

  it('refuses weights beyond float32 when it is made, and names a logit that overflows float32', () => {
    expect(() => float32Predictor(new Network([matrix([[1e39]]), matrix([[1]])]))).toThrow("weights[0][0][0] is 1e+39, beyond float32's range");
    const written = network(2, { seed: 1 }).relu(3).sigmoid(1);
    written.weights[1].data[2] = NaN; // written in after the network was made
    expect(() => float32Predictor(written)).toThrow('weights[1][2][0] is NaN, expected a finite number');
    expect(() => float32Predictor(new Network([matrix([[1]]), matrix([[1]])], [null, matrix([[-4e38]])]))).toThrow(ValueError);
    const p = float32Predictor(new Network([matrix([[3e38, 3e38]]), matrix([[3e38], [3e38]])], undefined, ['linear', 'linear']));
    expect(() => p.forward(matrix([[1]]))).toThrow('Z_2[0][0] is Infinity: the inputs or weights are too large for float32');
  });

  it('refuses what is not a Network', () => {
    expect(() => float32Predictor({} as never)).toThrow(ValueError);
    expect(() => float32Predictor({} as never)).toThrow('net must be a Network');
  });
});
