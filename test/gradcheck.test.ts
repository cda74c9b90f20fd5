import { describe, expect, it } from 'vitest';
import { fromArray, Matrix, mulberry32, network, Network, normal } from '../src/index.js';
import { heNormal } from '../src/random.js';
import { BACKENDS, useBackend } from './helpers/backends.js';

/** A random network with the given sizes, random inputs and random 0/1 labels, from one seed. */
function randomCase(sizes: number[], batch: number, seed: number) {
  const u = mulberry32(seed);
  const weights = sizes.slice(1).map((n, l) => new Matrix(sizes[l]!, n, heNormal(sizes[l]!, n, u)));
  const X = fromArray(Array.from({ length: batch * sizes[0]! }, () => normal(u)), batch, sizes[0]!);
  const K = sizes[sizes.length - 1]!;
  const Y = fromArray(Array.from({ length: batch * K }, () => (u() < 0.5 ? 0 : 1)), batch, K);
  return { net: new Network<number[]>(weights), X, Y };
}

describe.each(BACKENDS)('back-propagation agrees with central finite differences on %s kernels', (backend) => {
  useBackend(backend);
  const shapes: number[][] = [
    [3, 1],
    [4, 5, 1],
    [6, 8, 4, 1],
    [5, 7, 7, 6, 2],
    [9, 6, 6, 6, 6, 1],
    [3, 12, 10, 8, 6, 4, 3],
  ];
  it.each(shapes.flatMap((s, i) => [1, 7].map((batch) => [s.join('-'), batch, s, 100 + i * 10 + batch] as const)))(
    'on a random %s net, batch %i',
    (_, batch, sizes, seed) => {
      const { net, X, Y } = randomCase([...sizes], batch, seed);
      const before = net.weights.map((w) => w.data.slice());
      const r = net.gradcheck(X, Y);
      expect(r.maxRelErr).toBeLessThan(1e-6);
      expect(r.worst.layer).toBeGreaterThanOrEqual(1);
      // The check perturbs weights one at a time and must restore them bit for bit.
      net.weights.forEach((w, l) => expect(w.data).toEqual(before[l]));
    },
  );

  it('works on a builder-made net', () => {
    const net = network(5, { seed: 3 }).relu(4).relu(3).sigmoid(1);
    const u = mulberry32(9);
    const X = fromArray(Array.from({ length: 20 }, () => normal(u)), 4, 5);
    const Y = fromArray([0, 1, 1, 0], 4, 1);
    expect(net.gradcheck(X, Y).maxRelErr).toBeLessThan(1e-6);
  });
});
