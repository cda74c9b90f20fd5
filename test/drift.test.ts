// Issue 10, point 1: nothing a caller does to what a network hands out (its sizes, weights, biases,
// activations, an evaluation's layerSizes) changes the network, and a matrix of the network whose
// shape is changed through a cast is a named ShapeError the next time it is used, never a wrong
// number or a write over the workspace.
import { describe, expect, it } from 'vitest';
import { column, fromArray, type Matrix, matmul, matrix, network, saveNetwork, ShapeError, transpose, zeros } from '../src/index.js';

const X = matrix([[0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 1, 1]]);
const Y = column([0, 1, 1, 0]);
const fresh = () => network(3, { seed: 5, bias: true }).tanh(4).relu(4).sigmoid(1);
type Net = ReturnType<typeof fresh>;

/** Mutations through the public properties, as plain JavaScript (or a cast) could do them. */
const mutations: [string, (net: Net) => void][] = [
  ['weights.reverse()', (n) => void (n.weights as unknown as Matrix[]).reverse()],
  ['weights.push(a matrix)', (n) => void (n.weights as unknown as Matrix[]).push(n.weights[0])],
  ['weights[1] = weights[0]', (n) => void ((n.weights as unknown as Matrix[])[1] = n.weights[0])],
  ['biases.reverse()', (n) => void (n.biases as unknown as Matrix[]).reverse()],
  ['biases[0] = null', (n) => void ((n.biases as unknown as (Matrix | null)[])[0] = null)],
  ['sizes.fill(1)', (n) => void (n.sizes as unknown as number[]).fill(1)],
  ['sizes.push(6)', (n) => void (n.sizes as unknown as number[]).push(6)],
  ['activations.reverse()', (n) => void (n.activations as unknown as string[]).reverse()],
  ["evaluate(…).layerSizes.fill(2)", (n) => void (n.evaluate(X, Y).layerSizes as unknown as number[]).fill(2)],
];

describe('the lists a network hands out are copies', () => {
  it.each(mutations)('%s leaves the network as it was', (_, mutate) => {
    const net = fresh();
    const before = JSON.stringify(saveNetwork(net));
    const out = net.forward(X).toArray();
    mutate(net);
    expect(JSON.stringify(saveNetwork(net))).toBe(before);
    expect(net.forward(X).toArray()).toEqual(out);
    expect(net.sizes).toEqual([3, 4, 4, 1]);
    net.fit(X, Y, { lr: 0.1, epochs: 2 }); // trains as before, no error
  });

  it('the constructor copies the lists it is given', () => {
    const net = fresh();
    const Ws = [...net.weights] as Matrix[];
    const copy = new (net.constructor as new (w: Matrix[], b: (Matrix | null)[], a: string[]) => Net)(Ws, [...net.biases] as Matrix[], [...net.activations]);
    Ws.reverse();
    expect(copy.sizes).toEqual([3, 4, 4, 1]);
    expect(copy.forward(X).toArray()).toEqual(net.forward(X).toArray());
  });

  it('the matrices themselves are the network’s own: writing an entry changes it', () => {
    const net = fresh();
    const before = net.forward(X).toArray();
    net.weights[2].data[0] = net.weights[2].data[0]! + 1;
    expect(net.forward(X).toArray()).not.toEqual(before);
  });
});

/** Changes to the shape of one of the network's matrices, through casts. */
const reshapes: [string, (net: Net) => void, RegExp][] = [
  ['a weight matrix’s rows', (n) => void ((n.weights[1] as { rows: number }).rows = 2), /^weights\[1\] is 2×4 with 16 entries, but the network was made with a 4×4 Float64Array there/],
  ['a weight matrix’s cols', (n) => void ((n.weights[0] as { cols: number }).cols = 6), /^weights\[0\] is 3×6 with 12 entries, but the network was made with a 3×4 Float64Array there/],
  ['a weight matrix’s data, shorter', (n) => void ((n.weights[2] as { data: Float64Array }).data = new Float64Array(2)), /^weights\[2\] is 4×1 with 2 entries, but the network was made with a 4×1 Float64Array there/],
  ['a weight matrix’s data, longer', (n) => void ((n.weights[2] as { data: Float64Array }).data = new Float64Array(400)), /^weights\[2\] is 4×1 with 400 entries/],
  ['a weight matrix’s data, a plain array', (n) => void ((n.weights[2] as { data: unknown }).data = [1, 2, 3, 4]), /^weights\[2\] is 4×1 with data that is not a Float64Array \(an array\), but the network was made with a 4×1 Float64Array there/],
  ['a bias row’s cols', (n) => void ((n.biases[0] as { cols: number }).cols = 3), /^biases\[0\] is 1×3 with 4 entries, but the network was made with a 1×4 Float64Array there/],
];

describe('a matrix reshaped through a cast is a named ShapeError, and nothing is written', () => {
  const uses: [string, (net: Net) => unknown][] = [
    ['forward', (n) => n.forward(X)],
    ['loss', (n) => n.loss(X, Y)],
    ['evaluate', (n) => n.evaluate(X, Y)],
    ['fit', (n) => n.fit(X, Y, { lr: 0.1, epochs: 1 })],
    ['train', (n) => n.train(X, Y, { lr: 0.1, epochs: 1 })],
    ['trainer().step()', (n) => n.trainer(X, Y, { lr: 0.1, batchSize: 2 }).step()],
  ];
  for (const [what, reshape, message] of reshapes) {
    it.each(uses)(`${what}, then %s`, (_, use) => {
      const net = fresh();
      net.forward(X); // the workspace exists before the change
      const data = net.weights.map((w) => Float64Array.from(w.data));
      reshape(net);
      expect(() => use(net)).toThrow(ShapeError);
      expect(() => use(net)).toThrow(message);
      // The other matrices still hold what they held.
      net.weights.forEach((w, l) => {
        if (w.data instanceof Float64Array && w.data.length === data[l]!.length) expect(Array.from(w.data)).toEqual(Array.from(data[l]!));
      });
    });
  }

  it('a trainer whose network is reshaped between steps stops with the error', () => {
    const net = fresh();
    const t = net.trainer(X, Y, { lr: 0.1, batchSize: 2 });
    t.step();
    (net.weights[1] as { rows: number }).rows = 3;
    expect(() => t.step()).toThrow(/^weights\[1\] is 3×4/);
  });
});

describe('inputs and operands changed through a cast are named errors, never numbers read past their end', () => {
  const shortened = () => {
    const m = zeros(2, 2);
    (m as { data: Float64Array }).data = new Float64Array(1);
    return m;
  };
  const taller = () => {
    const m = fromArray([1, 2, 3, 4], 2, 2);
    (m as { rows: number }).rows = 3;
    return m;
  };
  it('matmul and transpose', () => {
    expect(() => matmul(shortened(), zeros(2, 1))).toThrow(new ShapeError('matmul: the left matrix says it is 2×2 but holds 1 entry; was it changed through a cast?'));
    expect(() => matmul(zeros(1, 3) as never, taller())).toThrow(new ShapeError('matmul: the right matrix says it is 3×2 but holds 4 entries; was it changed through a cast?'));
    expect(() => transpose(taller())).toThrow(/^transpose: the matrix says it is 3×2 but holds 4 entries/);
  });
  it('X and Y of forward, loss, fit and validation', () => {
    const net = fresh();
    const x = fromArray(Array.from({ length: 12 }, (_, i) => i / 12), 4, 3);
    (x as { data: Float64Array }).data = new Float64Array(5);
    expect(() => net.forward(x as never)).toThrow(new ShapeError('X says it is 4×3 but holds 5 entries; was it changed through a cast?'));
    const y = column([0, 1, 1, 0]);
    (y as { rows: number }).rows = -1;
    expect(() => net.loss(X, y as never)).toThrow(new ShapeError('Y says it is -1×1 but holds 4 entries; was it changed through a cast?'));
    expect(() => net.fit(X, Y, { lr: 0.1, epochs: 1, validation: [X] as never })).toThrow(new ShapeError('validation Y must be a Matrix, got undefined'));
  });
  it('get outside the matrix', () => {
    const m = fromArray([1, 2, 3, 4], 2, 2);
    expect(m.get(1, 1)).toBe(4);
    expect(() => m.get(0, 2)).toThrow(new ShapeError('get(0, 2) is outside the 2×2 matrix (rows 0 … 1, columns 0 … 1)'));
    expect(() => m.get(5, 5)).toThrow(ShapeError);
    expect(() => m.get(-1, 0)).toThrow(ShapeError);
    expect(() => m.get(0.5, 0)).toThrow(ShapeError);
  });
});

describe('the head is fixed when a network is made', () => {
  it('assigning one through a cast is a named error, and the network keeps its head', () => {
    const net = fresh();
    expect(() => {
      (net as { head: string }).head = 'linear';
    }).toThrow(/^head is fixed when a network is made \(this one's is "sigmoid"\)/);
    expect(net.head).toBe('sigmoid');
    expect(net.evaluate(X, Y)).toHaveProperty('accuracy');
  });
});

// Issue 12: the network's matrices are views of its workspace, and an array a caller can hold stays
// the network's storage. A cast can still swap a matrix's storage for another array: checked, it is
// then that matrix's storage (copied in for each computation, never more than the layout's size).
describe('a matrix whose data was replaced through a cast by an array of the right size', () => {
  const replace = (m: Matrix, values: number[]) => {
    const data = Float64Array.from(values);
    (m as { data: Float64Array }).data = data;
    return data;
  };

  it('is its storage from then on: forward uses it, training writes into it, nothing beside it changes', () => {
    const net = fresh();
    net.forward(X);
    const ref = net.clone();
    const others = [0, 1].map((l) => Array.from(net.weights[l]!.data));
    const data = replace(net.weights[2], [0.5, -0.5, 0.25, 1]);
    ref.weights[2].data.set([0.5, -0.5, 0.25, 1]);
    expect(net.forward(X).toArray()).toEqual(ref.forward(X).toArray());
    expect([0, 1].map((l) => Array.from(net.weights[l]!.data))).toEqual(others);
    net.fit(X, Y, { lr: 0.1, epochs: 2 });
    ref.fit(X, Y, { lr: 0.1, epochs: 2 });
    expect(net.weights[2].data).toBe(data);
    expect(Array.from(data)).toEqual(Array.from(ref.weights[2].data));
    expect(JSON.stringify(saveNetwork(net))).toBe(JSON.stringify(saveNetwork(ref)));
  });

  it('between trainer steps: the next step starts from the new values', () => {
    const net = fresh();
    const t = net.trainer(X, Y, { lr: 0.1 });
    t.step();
    replace(net.biases[1]!, [0.1, 0.2, 0.3, 0.4]);
    const ref = net.clone();
    t.step();
    ref.trainer(X, Y, { lr: 0.1 }).step();
    expect(JSON.stringify(saveNetwork(net))).toBe(JSON.stringify(saveNetwork(ref)));
  });
});

describe('a matrix reshaped through a cast while fit runs (in onEpochEnd)', () => {
  it('stops fit with the named error at the next batch, and the other matrices keep their values', () => {
    const net = fresh();
    let kept: number[][] = [];
    const reshape = (epoch: number) => {
      if (epoch !== 1) return;
      kept = [0, 2].map((l) => Array.from(net.weights[l]!.data));
      (net.weights[1] as { cols: number }).cols = 2;
    };
    expect(() => net.fit(X, Y, { lr: 0.1, epochs: 4, batchSize: 2, onEpochEnd: reshape })).toThrow(/^weights\[1\] is 4×2 with 16 entries, but the network was made with a 4×4 Float64Array there/);
    expect([0, 2].map((l) => Array.from(net.weights[l]!.data))).toEqual(kept);
  });
});
