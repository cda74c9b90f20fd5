import { describe, expect, it } from 'vitest';
import { assertCols, column, fromArray, fromWeights, matrix, mulberry32, network, Network, normal, ShapeError, ValueError, zeros } from '../src/index.js';
import { heNormal } from '../src/random.js';

const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = column([0, 1, 1, 0]);

function xorWithBiases(seed = 3) {
  const u = mulberry32(seed);
  return fromWeights([fromArray(heNormal(2, 3, u), 2, 3), fromArray(heNormal(3, 1, u), 3, 1)], { biases: true });
}

function randomData(n: number, d: number, seed: number) {
  const u = mulberry32(seed);
  const x = fromArray(Array.from({ length: n * d }, () => normal(u)), n, d);
  const y = fromArray(Array.from({ length: n }, () => (u() < 0.5 ? 0 : 1)), n, 1);
  return { x, y };
}

describe('biases', () => {
  it('XOR 2-3-1 with biases reaches 100 % accuracy (the seed net cannot)', () => {
    const net = xorWithBiases();
    const { loss } = net.fit(X, Y, { lr: 0.5, epochs: 10_000 });
    expect(net.predict(X).toArray()).toEqual([[0], [1], [1], [0]]);
    expect(loss[loss.length - 1]).toBeLessThan(0.01);
  });

  it('enter Z as + b_l on every row, and their gradient is the column mean of δ', () => {
    const net = fromWeights([matrix([[1, -1], [2, 0.5]]), matrix([[0.3], [-0.7]])], { biases: [[0.25, -0.375], [0.125]] });
    const ev = net.evaluate(X, Y);
    expect(ev.Zs[0].toArray()).toEqual([[0.25, -0.375], [2.25, 0.125], [1.25, -1.375], [3.25, -0.875]]);
    const d = ev.deltas[1].toArray().map((r) => r[0]!);
    expect(ev.biasGrads[1]!.get(0, 0)).toBe((d[0]! + d[1]! + d[2]! + d[3]!) / 4);
    expect(net.gradcheck(X, Y).maxRelErr).toBeLessThan(1e-6);
  });

  it('are checked: wrong length, wrong count', () => {
    expect(() => fromWeights([matrix([[1, 2]]), matrix([[1], [2]])], { biases: [[1, 2, 3], null] } as never)).toThrow(
      new ShapeError('biases[0] is 1×3 but weights[0] gives 2 outputs, so it must be 1×2'),
    );
    expect(() => fromWeights([matrix([[1, 2]]), matrix([[1], [2]])], { biases: [null] } as never)).toThrow(/biases has 1 entry but there are 2 layers/);
  });

  it('gradcheck covers them on deeper random nets', () => {
    const u = mulberry32(11);
    const sizes = [5, 7, 6, 2];
    const ws = sizes.slice(1).map((m, l) => fromArray(heNormal(sizes[l]!, m, u), sizes[l]!, m));
    const net = new Network<number[]>(ws, ws.map((w) => fromArray(Array.from({ length: w.cols }, () => normal(u) * 0.1), 1, w.cols)));
    const { x } = randomData(6, 5, 12);
    const y = fromArray(Array.from({ length: 12 }, () => (u() < 0.5 ? 0 : 1)), 6, 2);
    const r = net.gradcheck(x, y);
    expect(r.maxRelErr).toBeLessThan(1e-6);
  });
});

describe('fit', () => {
  it('with the whole data as one batch equals full-batch train, bit for bit', () => {
    const a = xorWithBiases();
    const b = xorWithBiases();
    const { loss } = a.fit(X, Y, { lr: 0.5, epochs: 50 });
    const { losses } = b.train(X, Y, { lr: 0.5, epochs: 50 });
    expect(loss).toEqual(losses);
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('mini-batches: each step is the SGD update on that batch alone (checked against gradients of the slices)', () => {
    const u = mulberry32(5);
    const weights = [fromArray(heNormal(3, 4, u), 3, 4), fromArray(heNormal(4, 1, u), 4, 1)];
    const { x, y } = randomData(7, 3, 6);
    const net = new Network<number[]>(weights.map((w) => w.clone()));
    const ref = new Network<number[]>(weights.map((w) => w.clone()));
    const history = net.fit(x, y, { lr: 0.2, epochs: 2, batchSize: 3 });
    const expected: number[] = [];
    for (let epoch = 0; epoch < 2; epoch++) {
      let total = 0;
      for (const [from, rows] of [[0, 3], [3, 3], [6, 1]] as const) {
        const xb = fromArray(x.data.subarray(from * 3, (from + rows) * 3), rows, 3);
        const yb = fromArray(y.data.subarray(from, from + rows), rows, 1);
        const ev = ref.evaluate(xb, yb);
        total += ev.loss * rows;
        ref.weights.forEach((w, l) => w.data.forEach((v, i) => (w.data[i] = v - 0.2 * ev.grads[l]!.data[i]!)));
      }
      expected.push(total / 7);
    }
    expect(history.loss).toEqual(expected);
    expect(net.toJSON()).toEqual(ref.toJSON());
  });

  it('a batch size larger than N means one batch', () => {
    const a = xorWithBiases();
    const b = xorWithBiases();
    a.fit(X, Y, { lr: 0.5, epochs: 5, batchSize: 1000 });
    b.fit(X, Y, { lr: 0.5, epochs: 5 });
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('seeded shuffling: the same seed gives bit-identical weights, another seed different ones', () => {
    const { x, y } = randomData(40, 6, 9);
    const run = (seed: number) => {
      const net = network(6, { seed: 1 }).relu(5).sigmoid(1);
      net.fit(assertCols(x, 6), assertCols(y, 1), { lr: 0.1, epochs: 3, batchSize: 8, shuffle: true, seed });
      return net.toJSON();
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('rejects bad batch sizes and leaves the weights alone', () => {
    const net = xorWithBiases();
    const before = net.toJSON();
    for (const batchSize of [0, -1, 1.5, Number.NaN]) {
      expect(() => net.fit(X, Y, { lr: 0.5, epochs: 1, batchSize })).toThrow(ValueError);
    }
    expect(() => net.fit(X, Y, { lr: 0.5, epochs: 1, batchSize: 0 })).toThrow(/batchSize is 0, but it must be a positive integer/);
    expect(net.toJSON()).toEqual(before);
  });
});

describe('trainer', () => {
  it('steps cycle through the batches and write each update back to the network', () => {
    const a = xorWithBiases();
    const b = xorWithBiases();
    const t = a.trainer(X, Y, { lr: 0.5, batchSize: 2 });
    expect(t.batchesPerEpoch).toBe(2);
    for (let i = 0; i < 10; i++) t.step();
    b.fit(X, Y, { lr: 0.5, epochs: 5, batchSize: 2 });
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('notices parameters changed by other training in between', () => {
    const a = xorWithBiases();
    const b = xorWithBiases();
    const t = a.trainer(X, Y, { lr: 0.5 });
    t.step();
    a.train(X, Y, { lr: 0.5, epochs: 1 });
    t.step();
    b.train(X, Y, { lr: 0.5, epochs: 3 });
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('… also when that training grew the network a new workspace (the trainer\'s own still holds the old weights)', () => {
    const a = xorWithBiases();
    const t = a.trainer(X, Y, { lr: 0.5, batchSize: 2 }); // a workspace of 2 rows
    t.step();
    a.train(X, Y, { lr: 0.5, epochs: 3 }); // 4 rows: a new, larger workspace
    const expected = a.loss(matrix([[1, 0], [1, 1]]), column([1, 0]));
    t.step(); // batch 1: rows 2 and 3
    expect(t.loss).toBe(expected);
  });
});

it('a full-batch trainer reloads its rows when the network was used on other data in between', () => {
  const a = xorWithBiases();
  const b = xorWithBiases();
  const t = a.trainer(X, Y, { lr: 0.5 });
  t.step();
  a.forward(matrix([[5, 5], [6, 6], [7, 7]])); // overwrites the workspace's batch rows
  t.step();
  b.train(X, Y, { lr: 0.5, epochs: 2 });
  expect(a.toJSON()).toEqual(b.toJSON());
});

describe('fit history, validation and onEpochEnd', () => {
  const data = randomData(50, 4, 21);
  const val = randomData(30, 4, 22);
  const fresh = () => network(4, { seed: 5 }).relu(6).sigmoid(1);
  const X4 = assertCols(data.x, 4);
  const Y1 = assertCols(data.y, 1);
  const VX = assertCols(val.x, 4);
  const VY = assertCols(val.y, 1);

  it('records train accuracy per epoch, counted on each batch before its update', () => {
    const net = fresh();
    const ref = fresh();
    const h = net.fit(X4, Y1, { lr: 0.3, epochs: 3, batchSize: 50 });
    // One batch per epoch: the epoch's accuracy is the accuracy before that epoch's single update.
    for (let e = 0; e < 3; e++) {
      expect(h.accuracy[e]).toBe(ref.evaluate(X4, Y1).accuracy);
      ref.train(X4, Y1, { lr: 0.3, epochs: 1 });
    }
    expect(h.loss).toHaveLength(3);
  });

  it('measures the validation data after every epoch without training on it', () => {
    const net = fresh();
    const seen: number[] = [];
    const h = net.fit(X4, Y1, {
      lr: 0.3,
      epochs: 4,
      batchSize: 16,
      validation: [VX, VY],
      onEpochEnd: (epoch, logs) => {
        const ev = net.evaluate(VX, VY); // the weights are up to date inside the callback
        expect(logs.valLoss).toBeCloseTo(ev.loss, 12);
        expect(logs.valAccuracy).toBe(ev.accuracy);
        seen.push(epoch);
      },
    });
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(h.valLoss).toHaveLength(4);
    expect(h.valAccuracy).toHaveLength(4);
    const other = fresh();
    other.fit(X4, Y1, { lr: 0.3, epochs: 4, batchSize: 16 });
    expect(other.toJSON()).toEqual(net.toJSON());
  });

  it('stops when onEpochEnd returns false, keeping what was trained', () => {
    const net = fresh();
    const h = net.fit(X4, Y1, { lr: 0.3, epochs: 100, onEpochEnd: (epoch) => epoch < 2 });
    expect(h.loss).toHaveLength(3);
  });

  it('rejects validation data of the wrong shape by name', () => {
    const net = fresh();
    expect(() => net.fit(X4, Y1, { lr: 0.3, epochs: 1, validation: [zeros(3, 5), VY] as never })).toThrow(/validation X is 3×5 but the network expects 4 columns/);
    expect(() => net.fit(X4, Y1, { lr: 0.3, epochs: 1, validation: [VX, assertCols(zeros(2, 1), 1)] })).toThrow(
      /validation Y is 2×1 but validation X has 30 rows and the network has 1 output, so validation Y must be 30×1/,
    );
  });
});
