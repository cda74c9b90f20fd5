// Issue 10, point 7: composition keeps every layer's weights, biases and activations, the head and
// the frozen flags, in new networks with their own parameters; freeze leaves frozen layers as they
// were through fit, with every optimizer, clipping and weight decay.
import { describe, expect, it } from 'vitest';
import { append, concat, fromArray, matmul, matrix, network, saveNetwork, ShapeError, slice, ValueError, zeros } from '../src/index.js';

const X = fromArray(Array.from({ length: 12 * 4 }, (_, i) => Math.sin(i * 1.7)), 12, 4);
const rows = (m: { toArray(): number[][] }) => m.toArray();

describe('append', () => {
  it('adds a layer after the old output, which becomes hidden with the named activation', () => {
    const body = network(4, { seed: 1 }).tanh(5).linear(3);
    const W = fromArray(Array.from({ length: 3 * 2 }, (_, i) => (i - 2.5) / 3), 3, 2);
    const b = matrix([[0.1, -0.2]]);
    const net = append(body, W, { head: 'softmax', activation: 'relu', bias: b });
    expect(net.sizes).toEqual([4, 5, 3, 2]);
    expect(net.activations).toEqual(['tanh', 'relu', 'softmax']);
    // softmax(relu(body(X)) · W + b), row by row.
    const hidden = body.forward(X).toArray().map((r) => r.map((v) => Math.max(v, 0)));
    const z = matmul(matrix(hidden as never) as never, W as never).toArray().map((r) => r.map((v, j) => v + b.data[j]!));
    const expected = z.map((r) => {
      const m = Math.max(...r);
      const e = r.map((v) => Math.exp(v - m));
      const s = e.reduce((a, c) => a + c, 0);
      return e.map((v) => v / s);
    });
    net.forward(X).toArray().forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 14)));
  });

  it('keeps a sigmoid or linear head as the hidden activation by default, and refuses softmax', () => {
    const body = network(4, { seed: 1 }).relu(5).sigmoid(3);
    expect(append(body, zeros(3, 1), { head: 'linear' }).activations).toEqual(['relu', 'sigmoid', 'linear']);
    const soft = network(4, { seed: 1 }).relu(5).softmax(3);
    expect(() => append(soft, zeros(3, 1), { head: 'linear' })).toThrow(ValueError);
    expect(() => append(soft, zeros(3, 1), { head: 'linear' })).toThrow(/softmax head of the first network cannot be a hidden activation; name one with options.activation/);
  });

  it('refuses a W that does not take the outputs, by name, at run time too', () => {
    const body = network(4, { seed: 1 }).relu(5).linear(3);
    expect(() => append(body, zeros(2, 1) as never, { head: 'linear' })).toThrow(new ShapeError('the network gives 3 outputs, but what follows expects 2 inputs (W is 2×1)'));
  });

  it('copies: training the result leaves the source as it was', () => {
    const body = network(4, { seed: 1 }).relu(5).linear(3);
    const before = JSON.stringify(saveNetwork(body));
    const net = append(body, fromArray([0.3, -0.2, 0.5], 3, 1), { head: 'sigmoid', activation: 'relu' });
    net.fit(X, fromArray(Array.from({ length: 12 }, (_, i) => i % 2), 12, 1), { lr: 0.5, epochs: 5 });
    expect(JSON.stringify(saveNetwork(body))).toBe(before);
  });
});

describe('slice and concat', () => {
  const net = network(4, { seed: 3 }).relu(6).tanh(5).sigmoid(2);

  it('slice(net, 0, depth) is the same network, and a cut put back together with the cut layer’s activation is too, bit for bit', () => {
    expect(rows(slice(net, 0, 3).forward(X))).toEqual(rows(net.forward(X)));
    for (const cut of [1, 2]) {
      const front = slice(net, 0, cut, { head: 'linear' });
      const back = slice(net, cut, 3);
      const joined = concat(front, back, net.activations[cut - 1] as 'relu' | 'tanh');
      expect(joined.sizes).toEqual(net.sizes);
      expect(joined.activations).toEqual(net.activations);
      expect(rows(joined.forward(X))).toEqual(rows(net.forward(X)));
    }
  });

  it('concat of a linear-headed first network feeds its outputs straight to the second', () => {
    const enc = network(4, { seed: 1 }).relu(3).linear(2);
    const dec = network(2, { seed: 2 }).tanh(3).sigmoid(4);
    expect(rows(concat(enc, dec).forward(X))).toEqual(rows(dec.forward(enc.forward(X) as never)));
  });

  it('keeps biases and their absence per layer', () => {
    const mixed = network(4, { seed: 1, bias: false }).relu(3, { bias: true }).relu(3).linear(2, { bias: true });
    const back = slice(mixed, 1, 3);
    expect(back.biases.map((b) => b !== null)).toEqual([false, true]);
    expect(slice(mixed, 0, 1, { head: 'linear' }).biases.map((b) => b !== null)).toEqual([true]);
  });

  it('refuses bad bounds, and a last layer with no head, by name', () => {
    expect(() => slice(net, 2, 1 as never)).toThrow(new ValueError('from is 2 and to is 1, but a slice needs at least one layer (from < to)'));
    expect(() => slice(net, 0, 4 as never)).toThrow(new ValueError('to is 4, but it must be an integer in [0, 3]'));
    expect(() => slice(net, 0.5 as number, 2)).toThrow(/^from is 0\.5, but it must be an integer in \[0, 3\]$/);
    expect(() => slice(net, 0, 1)).toThrow(/layer 0 has the hidden activation "relu", which is not a head; name one with options.head/);
    expect(() => concat(net, net as never)).toThrow(new ShapeError('the network gives 2 outputs, but what follows expects 4 inputs'));
  });
});

describe('freeze', () => {
  const Y = fromArray(Array.from({ length: 12 * 3 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0)), 12, 3);
  const base = network(4, { seed: 5 }).relu(6).tanh(5).softmax(3);

  it.each([
    ['sgd', {}],
    ['momentum, weight decay', { optimizer: 'momentum', weightDecay: 0.01 }],
    ['adam, decoupled weight decay, clipping', { optimizer: 'adam', weightDecay: 0.05, clipNorm: 0.1 }],
    ['adam, dropout, shuffled batches', { optimizer: 'adam', dropout: 0.3, batchSize: 4, shuffle: true, seed: 2 }],
  ] as const)('leaves frozen layers bit for bit as they were and trains the others (%s)', (_, options) => {
    const net = base.freeze(0, 1);
    expect(net.frozen).toEqual([true, true, false]);
    const before = net.weights.map((w) => Array.from(w.data));
    const biasBefore = net.biases.map((b) => Array.from(b!.data));
    net.fit(X, Y, { lr: 0.1, epochs: 5, ...options } as never);
    expect(Array.from(net.weights[0].data)).toEqual(before[0]);
    expect(Array.from(net.weights[1].data)).toEqual(before[1]);
    expect(Array.from(net.biases[0]!.data)).toEqual(biasBefore[0]);
    expect(Array.from(net.biases[1]!.data)).toEqual(biasBefore[1]);
    expect(Array.from(net.weights[2].data)).not.toEqual(before[2]);
  });

  it('is a copy: the source stays trainable; flags carry through clone, slice, append and concat', () => {
    const net = base.freeze(1);
    expect(base.frozen).toEqual([false, false, false]);
    expect(net.clone().frozen).toEqual([false, true, false]);
    expect(slice(net, 1, 3).frozen).toEqual([true, false]);
    expect(append(slice(net, 0, 2, { head: 'linear' }), zeros(5, 2), { head: 'sigmoid', activation: 'tanh' }).frozen).toEqual([false, true, false]);
    expect(net.unfreeze().frozen).toEqual([false, false, false]);
    expect(net.unfreeze(1).frozen).toEqual([false, false, false]);
  });

  it('gradients still report the true ∂J/∂W of frozen layers', () => {
    const frozen = base.freeze(0);
    expect(rows(frozen.gradients(X, Y)[0])).toEqual(rows(base.gradients(X, Y)[0]));
  });

  it('refuses layer indices out of range, by name', () => {
    expect(() => base.freeze(3)).toThrow(new ValueError('layers[0] is 3, but a layer index is an integer in [0, 3)'));
    expect(() => base.freeze(0, -1)).toThrow(new ValueError('layers[1] is -1, but a layer index is an integer in [0, 3)'));
  });
});

describe('plain JavaScript mistakes are named errors, not TypeErrors', () => {
  const net = network(4, { seed: 3 }).relu(6).linear(2);
  it.each([
    ['append without options', () => append(net, zeros(2, 1), undefined as never), ValueError, /^options must be an object with a head, got undefined$/],
    ['append to something else', () => append({} as never, zeros(2, 1), { head: 'linear' }), ValueError, /^net must be a Network, got an object$/],
    ['append a W that is not a Matrix', () => append(net, [[1], [2]] as never, { head: 'linear' }), ShapeError, /^W must be a Matrix, got an array$/],
    ['append with a 1-output net: singular', () => append(network(2).linear(1), zeros(2, 1) as never, { head: 'linear' }), ShapeError, /^the network gives 1 output, but what follows expects 2 inputs \(W is 2×1\)$/],
    ['concat with something else', () => concat(net, 5 as never), ValueError, /^second must be a Network, got 5$/],
    ['slice of something else', () => slice(null as never, 0, 1), ValueError, /^net must be a Network, got null$/],
    ['slice with a hidden activation as the head', () => slice(net, 0, 1, { head: 'relu' as never }), ValueError, /^options.head is "relu", but a head is "sigmoid", "softmax", "linear"$/],
    ['append with a hidden activation as the head', () => append(net, zeros(2, 1), { head: 'relu' as never }), ValueError, /^options.head is "relu", but a head is "sigmoid", "softmax", "linear"$/],
  ] as const)('%s', (_, act, kind, message) => {
    expect(act).toThrow(kind);
    expect(act).toThrow(message);
  });

  it('append takes a bias as a list of numbers, as fromWeights does', () => {
    const grown = append(net, zeros(2, 3), { head: 'softmax', activation: 'relu', bias: [0.5, -0.5, 0] });
    expect(Array.from(grown.biases[2]!.data)).toEqual([0.5, -0.5, 0]);
    expect(() => append(net, zeros(2, 3), { head: 'softmax', activation: 'relu', bias: [0.5, null] as never })).toThrow(/^bias\[0\]\[1\] is null, expected a number$/);
  });
});
