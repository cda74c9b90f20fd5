// fromSizes: the builder's network from a literal list of sizes (issue 10, point 8: the form for deep nets).
import { describe, expect, it } from 'vitest';
import { fromSizes, network, saveNetwork, ShapeError, ValueError } from '../src/index.js';

const json = (net: Parameters<typeof saveNetwork>[0]) => JSON.stringify(saveNetwork(net));

describe('fromSizes', () => {
  it('is the builder’s network, weight for weight', () => {
    expect(json(fromSizes([9, 6, 6, 1], { hidden: 'tanh', seed: 7 }))).toBe(json(network(9, { seed: 7 }).tanh(6).tanh(6).sigmoid(1)));
    expect(json(fromSizes([4, 8, 3], { head: 'softmax' }))).toBe(json(network(4).relu(8).softmax(3)));
    expect(json(fromSizes([1, 16, 8, 1], { hidden: ['tanh', 'leakyRelu'], head: 'linear', bias: false, seed: 3 }))).toBe(
      json(network(1, { bias: false, seed: 3 }).tanh(16).leakyRelu(8).linear(1)),
    );
    expect(json(fromSizes([3, 2]))).toBe(json(network(3).sigmoid(2)));
  });

  it('builds a 1000-layer net', () => {
    const sizes = Array.from({ length: 1001 }, (_, i) => (i === 1000 ? 1 : 3));
    const net = fromSizes(sizes, { hidden: 'tanh', bias: false });
    expect(net.depth).toBe(1000);
  });

  it('refuses bad sizes and lists by name', () => {
    expect(() => fromSizes([9] as never)).toThrow(new ShapeError('sizes has 1 entry, but a network needs at least 2 (inputs and outputs)'));
    expect(() => fromSizes([9, 0, 1] as never)).toThrow(new ShapeError('sizes[1] must be a positive integer, got 0'));
    expect(() => fromSizes([9, 6, 6, 1], { hidden: ['relu'] })).toThrow(new ShapeError('hidden has 1 entry but there are 2 hidden layers'));
    expect(() => fromSizes([9, 6, 1], { hidden: 'softmax' as never })).toThrow(ValueError);
    expect(() => fromSizes([9, 6, 1] as number[], { head: 'softmax' })).toThrow(/softmax/);
  });
});
