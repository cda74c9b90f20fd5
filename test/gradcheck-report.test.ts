// What gradcheck reports, recomputed here from its definition: for every parameter (weights, then
// the bias of each layer that has one), the central difference (J(θ+ε) − J(θ−ε)) / 2ε of the
// network's own loss against the gradient from `evaluate`; maxAbsErr, maxRelErr (denominator
// max(|a|, |n|, 1e-4)) and the worst entry. And gradcheck must be able to say "wrong": a step so
// large that the difference quotient is far from the derivative shows up as a large error.
import { describe, expect, it } from 'vitest';
import { fromWeights, Matrix, matrix, mulberry32, network, type Network } from '../src/index.js';
import { BACKENDS, useBackend } from './helpers/backends.js';

type Net = Network<readonly number[]>;
interface Entry {
  layer: number;
  kind: 'weight' | 'bias';
  index: [number, number];
  analytic: number;
  numeric: number;
}

function byDefinition(net: Net, x: Matrix, y: Matrix, eps: number) {
  const ev = net.evaluate(x, y);
  const entries: Entry[] = [];
  const probe = (m: Matrix, grad: Matrix, layer: number, kind: Entry['kind']) => {
    for (let i = 0; i < m.data.length; i++) {
      const saved = m.data[i]!;
      m.data[i] = saved + eps;
      const plus = net.loss(x, y);
      m.data[i] = saved - eps;
      const minus = net.loss(x, y);
      m.data[i] = saved;
      entries.push({ layer, kind, index: [Math.floor(i / m.cols), i % m.cols], analytic: grad.data[i]!, numeric: (plus - minus) / (2 * eps) });
    }
  };
  net.weights.forEach((w, l) => {
    probe(w, ev.grads[l]!, l + 1, 'weight');
    const b = net.biases[l];
    if (b) probe(b, ev.biasGrads[l]!, l + 1, 'bias');
  });
  const abs = (e: Entry) => Math.abs(e.analytic - e.numeric);
  const rel = (e: Entry) => abs(e) / Math.max(Math.abs(e.analytic), Math.abs(e.numeric), 1e-4);
  const worst = entries.reduce((w, e) => (rel(e) > rel(w) ? e : w));
  return { maxAbsErr: Math.max(...entries.map(abs)), maxRelErr: rel(worst), worst };
}

const nets: [string, () => Net, Matrix, Matrix][] = [
  ['2-3-1 relu, biases', () => network(2, { seed: 4, bias: true }).relu(3).sigmoid(1) as unknown as Net, matrix([[0, 0], [0, 1], [1, 0], [1, 1]]), matrix([[0], [1], [1], [0]])],
  // Seeds chosen so that the worst entry is inside a matrix (row 2, column 1: seed 11) and is a bias
  // (seed 9) for the larger steps, so a wrong index or a skipped bias would show.
  ...[11, 9].map((seed): [string, () => Net, Matrix, Matrix] => [`3-4-2-3 tanh/sigmoid, softmax, bias on layer 2 only (seed ${seed})`, () => {
    const r = mulberry32(seed);
    const m = (a: number, b: number) => new Matrix(a, b, Float64Array.from({ length: a * b }, () => r() * 2 - 1));
    return fromWeights([m(3, 4), m(4, 2), m(2, 3)], { biases: [null, [0.3, -0.2], null], activations: ['tanh', 'sigmoid', 'softmax'] }) as unknown as Net;
  }, matrix([[0.5, -1, 2], [1, 0, -0.5]]), matrix([[0, 1, 0], [1, 0, 0]])]),
];

describe.each(BACKENDS)('%s kernels', (backend) => {
  useBackend(backend);
  describe.each(nets)('%s', (_, make, x, y) => {
    it.each([1e-6, 1e-3, 0.5])('reports the errors of its definition (eps %s)', (eps) => {
      const got = make().gradcheck(x, y, eps);
      const want = byDefinition(make(), x, y, eps);
      expect(got.eps).toBe(eps);
      expect(got.worst.layer).toBe(want.worst.layer);
      expect(got.worst.kind).toBe(want.worst.kind);
      expect(got.worst.index).toEqual(want.worst.index);
      expect(got.worst.analytic).toBe(want.worst.analytic);
      for (const [a, b] of [[got.worst.numeric, want.worst.numeric], [got.maxAbsErr, want.maxAbsErr], [got.maxRelErr, want.maxRelErr]] as const) {
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(b), 1e-6));
      }
    });
  });

  it('says "wrong" when the difference quotient is far from the derivative', () => {
    const [, make, x, y] = nets[1]!; // smooth activations: no ReLU kink for the small step to straddle
    expect(make().gradcheck(x, y, 0.5).maxRelErr).toBeGreaterThan(1e-3);
    expect(make().gradcheck(x, y).maxRelErr).toBeLessThan(1e-6);
  });

  it('checks the biases too: with X = 0 the weights cannot matter, and the worst entry is a bias', () => {
    // Z_1 = 0·W_1 + b_1: every weight gradient is exactly 0 both ways, so only the biases can err.
    const net = fromWeights([matrix([[0.5, -0.3], [0.2, 0.8]]), matrix([[1.5], [-2]])], { biases: [[0.4, 0.9], [0.1]], activations: ['tanh', 'sigmoid'] });
    const report = net.gradcheck(matrix([[0, 0]]), matrix([[1]]), 0.3);
    expect(report.worst.kind).toBe('bias');
    expect(report.maxRelErr).toBeGreaterThan(1e-4);
  });

  it('a network without biases is checked on its weights only, every one of them', () => {
    const net = fromWeights([matrix([[0.5, -0.3, 0.1]]), matrix([[1.5], [-2], [0.7]])], { activations: ['tanh', 'sigmoid'] });
    const report = net.gradcheck(matrix([[1], [-1]]), matrix([[1], [0]]), 0.3);
    const want = byDefinition(net as unknown as Net, matrix([[1], [-1]]), matrix([[1], [0]]), 0.3);
    expect(report.worst).toMatchObject({ layer: want.worst.layer, kind: 'weight', index: want.worst.index });
    expect(report.maxRelErr).toBeCloseTo(want.maxRelErr, 12);
  });

  it('on ties the first worst entry is reported (here every error is exactly 0)', () => {
    // X = 0 and no biases: every gradient is 0, analytic and numeric alike.
    const net = fromWeights([matrix([[0.5, -0.3], [0.2, 0.8]]), matrix([[1.5], [-2]])]);
    const report = net.gradcheck(matrix([[0, 0]]), matrix([[1]]));
    expect(report.maxRelErr).toBe(0);
    expect(report.worst).toEqual({ layer: 1, kind: 'weight', index: [0, 0], analytic: 0, numeric: 0 });
  });

  it('refuses a step that is not a finite number > 0, by name', () => {
    const [, make, x, y] = nets[0]!;
    for (const eps of [0, -1e-6, Number.NaN, Infinity]) expect(() => make().gradcheck(x, y, eps)).toThrow(new RegExp(`^eps is ${eps}, but it must be a finite number > 0$`));
  });
});
