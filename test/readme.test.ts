// The README's XOR example ("A new user's first network"), as a new user writes it: the builder
// (biases on by default), tanh, plain full-batch SGD. It must solve XOR, not just for a lucky seed.
// (test/readme-snippets.test.ts compiles and runs every block of the README as it stands.)
import { describe, expect, it } from 'vitest';
import { column, matrix, network } from '../src/index.js';

describe("the README's XOR example", () => {
  const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const Y = column([0, 1, 1, 0]);
  it.each([undefined, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('predicts [[0], [1], [1], [0]] (seed %s)', (seed) => {
    const net = seed === undefined ? network(2).tanh(4).sigmoid(1) : network(2, { seed }).tanh(4).sigmoid(1);
    net.fit(X, Y, { lr: 0.5, epochs: 5000 });
    expect(net.predict(X).toArray()).toEqual([[0], [1], [1], [0]]);
    expect(net.loss(X, Y)).toBeLessThan(0.01);
  });
});
