import { describe, expect, it } from 'vitest';
import { column, type Matrix, fromWeights, matrix, network, Network, ShapeError, ValueError, withSizes, zeros } from '../src/index.js';

const W1 = () => matrix([[0.1, 0.6, 0.3], [0.1, -0.2, 0.4]]);
const W2 = () => matrix([[-0.2], [1.1], [1.3]]);
const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = column([0, 1, 1, 0]);

const snapshot = (net: Network<readonly number[]>) => net.weights.map((w) => Array.from(w.data));

describe('fromWeights', () => {
  it('reads the sizes off the matrices and copies them', () => {
    const w1 = W1();
    const net = fromWeights([w1, W2()]);
    expect(net.sizes).toEqual([2, 3, 1]);
    expect(net.depth).toBe(2);
    net.train(X, Y, { lr: 1, epochs: 2 });
    expect(w1.toArray()).toEqual(W1().toArray());
  });

  it('checks the chain at run time with the CLI wording', () => {
    const bad = [zeros(2, 3), zeros(4, 1)] as never;
    expect(() => fromWeights(bad)).toThrow(new ShapeError('weights[1] is 4×1 but weights[0] gives 3 columns'));
    expect(() => fromWeights([] as never)).toThrow(/weights is empty/);
  });
});

describe('the builder', () => {
  it('records every size and draws He-normal weights from the seed', () => {
    const a = network(9, { seed: 5 }).relu(6).relu(6).sigmoid(1);
    const b = network(9, { seed: 5 }).relu(6).relu(6).sigmoid(1);
    const c = network(9, { seed: 6 }).relu(6).relu(6).sigmoid(1);
    expect(a.sizes).toEqual([9, 6, 6, 1]);
    expect(a.weights.map((w) => w.shape)).toEqual([[9, 6], [6, 6], [6, 1]]);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(snapshot(a)).not.toEqual(snapshot(c));
  });

  it('rejects sizes that are not positive integers at run time', () => {
    expect(() => network(3).relu(0 as number)).toThrow(/units must be a positive integer, got 0/);
    expect(() => network(-1 as number)).toThrow(/inputs must be a positive integer, got -1/);
  });

  const variance = (w: Matrix) => w.data.reduce((s, v) => s + v * v, 0) / w.data.length;

  it('He scale: the first layer of a wide net has variance near 2/fan_in', () => {
    const v = variance(network(400, { seed: 1, init: 'he' }).sigmoid(50).weights[0]);
    expect(v).toBeGreaterThan((2 / 400) * 0.9);
    expect(v).toBeLessThan((2 / 400) * 1.1);
  });

  it('by default each layer takes its activation\'s initialiser: He for relu and leakyRelu, Glorot (2/(fan_in + fan_out)) for tanh, sigmoid and every head', () => {
    const net = network(400, { seed: 2 }).relu(300).leakyRelu(300).tanh(200).hidden(200, 'sigmoid').linear(100);
    const expected = [2 / 400, 2 / 300, 2 / (300 + 200), 2 / (200 + 200), 2 / (200 + 100)];
    net.weights.forEach((w, l) => {
      expect(variance(w)).toBeGreaterThan(expected[l]! * 0.95);
      expect(variance(w)).toBeLessThan(expected[l]! * 1.05);
    });
  });

  it('gives every layer a zero bias by default, as Keras and PyTorch do; bias: false (network or layer) turns them off', () => {
    expect(network(2).relu(3).sigmoid(1).biases.map((b) => b?.toArray())).toEqual([[[0, 0, 0]], [[0]]]);
    expect(network(2, { bias: false }).relu(3).sigmoid(1).biases).toEqual([null, null]);
    expect(network(2).relu(3, { bias: false }).sigmoid(1).biases.map((b) => b?.toArray() ?? null)).toEqual([null, [[0]]]);
    expect(network(2, { bias: false }).relu(3).sigmoid(1, { bias: true }).biases.map((b) => b?.toArray() ?? null)).toEqual([null, [[0]]]);
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, (net: Network<[2, 3, 1]>) => unknown, RegExp][] = [
    ['X of the wrong width', (n) => n.train(matrix([[1, 2, 3]]) as never, column([1]), { lr: 1, epochs: 1 }), /X is 1×3 but the network expects 2 columns/],
    ['Y of the wrong length', (n) => n.train(X, column([0, 1, 1]) as never, { lr: 1, epochs: 1 }), /Y is 3×1 but X has 4 rows/],
    ['NaN in X', (n) => n.train(withNaN(X), Y, { lr: 1, epochs: 1 }), /X\[1\]\[1\] is NaN, expected a finite number/],
    ['a label outside [0, 1]', (n) => n.train(X, column([0, 1, 2, 0]), { lr: 1, epochs: 1 }), /Y\[2\]\[0\] is 2, but labels must lie in \[0, 1\]/],
    ['lr = 0', (n) => n.train(X, Y, { lr: 0, epochs: 1 }), /lr is 0, but it must be a finite number > 0/],
    ['lr = NaN', (n) => n.train(X, Y, { lr: Number.NaN, epochs: 1 }), /lr is NaN/],
    ['epochs = 1.5', (n) => n.train(X, Y, { lr: 1, epochs: 1.5 }), /epochs is 1\.5, but it must be a positive integer/],
  ];
  it.each(cases)('%s: a named error, and the weights are untouched', (_, act, message) => {
    const net = fromWeights([W1(), W2()]);
    const before = snapshot(net);
    expect(() => act(net)).toThrow(message);
    expect(snapshot(net)).toEqual(before);
  });
});

it('an update that would overflow throws before any weight is written', () => {
  // Hidden activations near 1e300 give layer-2 gradients near 1e299; lr·g overflows to Infinity.
  const net = fromWeights([matrix([[1e300, 1e300, 1e300], [1e300, 1e300, 1e300]]), W2()]);
  const before = snapshot(net);
  expect(() => net.train(X, Y, { lr: 1e10, epochs: 1 })).toThrow(/the update of weights\[1\]\[\d\]\[0\] is not finite .*no parameter was changed/);
  expect(snapshot(net)).toEqual(before);
});

function withNaN<M extends { data: Float64Array; clone(): M }>(m: M): M {
  const c = m.clone();
  c.data[3] = Number.NaN;
  return c;
}

describe('training', () => {
  it('full-batch SGD: losses[k] is the loss before update k and falls', () => {
    const net = fromWeights([W1(), W2()]);
    const start = net.loss(X, Y);
    const { losses, finalLoss } = net.train(X, Y, { lr: 0.5, epochs: 50 });
    expect(losses[0]).toBe(start);
    expect(finalLoss).toBe(net.loss(X, Y));
    expect(finalLoss).toBeLessThan(start);
  });

  it('one step equals W − lr·grad exactly', () => {
    const net = fromWeights([W1(), W2()]);
    const grads = net.gradients(X, Y);
    const expected = net.weights.map((w, l) => Array.from(w.data, (v, i) => v - 0.25 * grads[l]!.data[i]!));
    net.train(X, Y, { lr: 0.25, epochs: 1 });
    expect(snapshot(net)).toEqual(expected);
  });

  it('clone is deep', () => {
    const net = fromWeights([W1(), W2()]);
    const copy = net.clone();
    net.train(X, Y, { lr: 1, epochs: 1 });
    expect(snapshot(copy)).not.toEqual(snapshot(net));
    expect(copy.sizes).toEqual([2, 3, 1]);
  });
});

describe('withSizes', () => {
  it('narrows a run-time network after checking its sizes', () => {
    const dyn = new Network<number[]>([zeros(2, 3), zeros(3, 1)]);
    expect(withSizes(dyn, [2, 3, 1] as const)).toBe(dyn);
    expect(() => withSizes(dyn, [2, 4, 1] as const)).toThrow(new ShapeError('the network has sizes [2, 3, 1] but [2, 4, 1] was expected'));
  });
});

it('ValueError and ShapeError are distinct, coded classes', () => {
  expect(new ValueError('x').code).toBe('E_VALUE');
  expect(new ShapeError('x')).not.toBeInstanceOf(ValueError);
});

it('activations: ReLU on every hidden layer, sigmoid on the output', () => {
  expect(network(4).relu(3).relu(2).sigmoid(1).activations).toEqual(['relu', 'relu', 'sigmoid']);
  expect(fromWeights([zeros(2, 1)]).activations).toEqual(['sigmoid']);
});
