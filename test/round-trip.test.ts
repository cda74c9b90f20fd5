// Issue 13, point 2: every way a user saves a network loads back exactly. JSON.stringify(net) writes
// the saved format (net.toJSON() is saveNetwork(net)), so loadNetwork reads it back; clone() keeps
// everything too. Bit for bit: the parameters compare with Object.is, and so do the outputs.
import { describe, expect, it } from 'vitest';
import { HIDDEN_ACTIVATIONS } from '../src/activations/index.js';
import { fromArray, type HeadName, loadNetwork, network, type Network, saveNetwork } from '../src/index.js';

const X = fromArray(Array.from({ length: 6 * 3 }, (_, i) => Math.sin(i * 0.9) * 2), 6, 3);
const heads: [HeadName, number][] = [['sigmoid', 2], ['softmax', 3], ['linear', 2]];
const biasLayouts = [
  ['all biases', [true, true, true]],
  ['no biases', [false, false, false]],
  ['mixed', [true, false, true]],
  ['mixed, the other way', [false, true, false]],
] as const;

/** A trained-looking net: weights from the seed, biases shifted off zero so they matter. */
function make(hidden: readonly [string, string], head: HeadName, outputs: number, bias: readonly boolean[]): Network<number[], HeadName> {
  const net = network(3, { seed: 11 })
    .hidden(4, hidden[0] as never, { bias: bias[0]! })
    .hidden(5, hidden[1] as never, { bias: bias[1]! })
    .output(outputs, head, { bias: bias[2]! }) as unknown as Network<number[], HeadName>;
  net.biases.forEach((b, l) => b?.data.forEach((_, j) => (b.data[j] = 0.1 * (l + 1) - 0.07 * j)));
  return net;
}

const same = (a: Network<number[], HeadName>, b: Network<number[], HeadName>) => {
  expect(b.sizes).toEqual(a.sizes);
  expect(b.activations).toEqual(a.activations);
  expect(b.head).toBe(a.head);
  a.weights.forEach((w, l) => expect(Array.from(b.weights[l]!.data)).toEqual(Array.from(w.data)));
  a.biases.forEach((bias, l) => expect(b.biases[l] === null ? null : Array.from(b.biases[l]!.data)).toEqual(bias === null ? null : Array.from(bias.data)));
  expect(b.forward(X as never).toArray()).toEqual(a.forward(X as never).toArray());
};

describe.each(heads)('the %s head', (head, outputs) => {
  // Every hidden activation appears in each position across the cases.
  const pairs = HIDDEN_ACTIVATIONS.map((a, i) => [a, HIDDEN_ACTIVATIONS[(i + 1) % HIDDEN_ACTIVATIONS.length]!] as const);
  describe.each(biasLayouts)('%s', (_, bias) => {
    it.each(pairs)('hidden %s then %s: JSON.stringify(net) → loadNetwork, and clone()', (a, b) => {
      const net = make([a, b], head, outputs, bias);
      const text = JSON.stringify(net);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(saveNetwork(net))));
      same(net, loadNetwork(text) as unknown as Network<number[], HeadName>);
      same(net, net.clone());
    });
  });
});

it('a value that is not exactly representable in decimal survives', () => {
  const net = make(['tanh', 'relu'], 'linear', 1, [true, true, true]);
  net.weights[0]!.data[0] = 0.1 + 0.2;
  net.weights[1]!.data[1] = -Number.MIN_VALUE;
  net.weights[2]!.data[2] = 1.7976931348623157e308 / 3;
  same(net, loadNetwork(JSON.stringify(net)) as unknown as Network<number[], HeadName>);
  expect(Object.is(loadNetwork(JSON.stringify(net)).weights[1]!.data[1], -Number.MIN_VALUE)).toBe(true);
});
