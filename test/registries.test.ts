// Each unit's record says what it is (name, label, initialiser, ONNX op, the definition `at`); the
// builder, loader, exporter and diagram read these. Here every record is held to its own words:
// its kernels compute `at`, its derivative is the slope of `at`, and the registries refuse names
// that are not theirs (including Object.prototype's).
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, activationRecord, HIDDEN_ACTIVATIONS, type HiddenActivation } from '../src/activations/index.js';
import { HEAD_NAMES, headOf, HEADS } from '../src/heads/index.js';
import { jsKernels } from '../src/kernels/js.js';
import { network, networkSvg, ValueError } from '../src/index.js';
import { createRule, OPTIMIZERS } from '../src/optimizers/index.js';

/** What each record must say, written out here: a new activation needs its line (the compiler asks). */
const EXPECTED = {
  relu: { label: 'ReLU', init: 'he', onnx: 'Relu', at0: 0, slopeAt0: 0 },
  leakyRelu: { label: 'leaky ReLU', init: 'he', onnx: 'LeakyRelu', at0: 0, slopeAt0: 0.01 },
  tanh: { label: 'tanh', init: 'glorot', onnx: 'Tanh', at0: 0, slopeAt0: 1 },
  sigmoid: { label: 'sigmoid', init: 'glorot', onnx: 'Sigmoid', at0: 0.5, slopeAt0: 0.25 },
  linear: { label: 'linear', init: 'glorot', onnx: null, at0: 0, slopeAt0: 1 },
  softsign: { label: 'softsign', init: 'glorot', onnx: 'Softsign', at0: 0, slopeAt0: 1 },
} as const satisfies Record<HiddenActivation, { label: string; init: 'he' | 'glorot'; onnx: string | null; at0: number; slopeAt0: number }>;

const POINTS = [-1e3, -40, -3, -1, -0.5, -1e-3, -1e-300, 0, 1e-300, 1e-3, 0.5, 1, 3, 40, 1e3];

/** Forward over POINTS through the plain kernels, and backward with δ_{l+1} = 1 and W = 1 (so δ_l = a'(z)). */
function run(name: HiddenActivation) {
  const n = POINTS.length;
  const k = jsKernels(new ArrayBuffer(8 * (5 * n + 2)));
  const [z, a, d, dNext, w] = [0, 8 * n, 16 * n, 24 * n, 32 * n];
  k.f64.set(POINTS, 0);
  k.f64.fill(1, dNext >> 3, (dNext >> 3) + n);
  k.f64[w >> 3] = 1;
  const rec = ACTIVATIONS[name];
  rec.forward(k, z, a, n);
  rec.backward(k, dNext, w, z, a, d, n, 1, 1);
  return { a: Array.from(k.f64.subarray(a >> 3, (a >> 3) + n)), slope: Array.from(k.f64.subarray(d >> 3, (d >> 3) + n)) };
}

describe.each(HIDDEN_ACTIVATIONS)('the %s record', (name) => {
  const rec = ACTIVATIONS[name];
  const want = EXPECTED[name];

  it('is registered under its own name, with its label, initialiser and ONNX op', () => {
    expect(rec.name).toBe(name);
    expect(rec.label).toBe(want.label);
    expect(rec.init).toBe(want.init);
    expect(rec.onnx?.op ?? null).toBe(want.onnx);
    expect(activationRecord(name)).toBe(rec);
  });

  it('forward computes `at` at every point, ±0 and far tails included', () => {
    const { a } = run(name);
    a.forEach((v, i) => expect(v, `a(${POINTS[i]})`).toBe(rec.at(POINTS[i]!)));
    expect(rec.at(0)).toBe(want.at0);
  });

  it("backward gives the slope of `at` (central differences away from 0), and the documented a'(0)", () => {
    const { slope } = run(name);
    POINTS.forEach((z, i) => {
      if (Math.abs(z) < 1e-2) return;
      const h = 1e-6 * Math.max(1, Math.abs(z));
      const numeric = (rec.at(z + h) - rec.at(z - h)) / (2 * h);
      expect(Math.abs(slope[i]! - numeric), `a'(${z}) = ${slope[i]} vs ${numeric}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
    });
    expect(slope[POINTS.indexOf(0)]).toBe(want.slopeAt0);
  });

  it('is drawn with its label and built with its initialiser', () => {
    expect(networkSvg(network(2, { seed: 1 }).hidden(3, name).sigmoid(1))).toContain(`hidden 3 (${want.label})`);
    const w = network(300, { seed: 2 }).hidden(200, name).sigmoid(1).weights[0].data;
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    const expected = want.init === 'he' ? 2 / 300 : 2 / (300 + 200);
    expect(variance).toBeGreaterThan(expected * 0.95);
    expect(variance).toBeLessThan(expected * 1.05);
  });
});

describe('the registries refuse what is not theirs', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'Relu', '', 'softmax'])('activationRecord(%j) is undefined', (name) => {
    expect(activationRecord(name)).toBeUndefined();
  });
  it.each([3, null, undefined, {}, ['relu']])('activationRecord(%j), not a string, is undefined', (name) => {
    expect(activationRecord(name)).toBeUndefined();
  });
  it.each(['toString', 'constructor', 'Sigmoid', 'relu', ''])('headOf(%j) is undefined', (name) => {
    expect(headOf(name)).toBeUndefined();
  });
  it.each([1, null, undefined, ['linear']])('headOf(%j), not a string, is undefined', (name) => {
    expect(headOf(name)).toBeUndefined();
  });
  it('lists every activation and head by its registry name', () => {
    expect(HIDDEN_ACTIVATIONS).toEqual(Object.keys(EXPECTED));
    expect(HEAD_NAMES).toEqual(['sigmoid', 'softmax', 'linear']);
    for (const h of HEAD_NAMES) expect(headOf(h)).toBe(HEADS[h]);
    expect(Object.keys(OPTIMIZERS)).toEqual(['sgd', 'momentum', 'adam']);
  });
});

describe('an optimizer spec', () => {
  it('is a name or an object with a type and that rule\'s options', () => {
    for (const spec of ['sgd', 'momentum', 'adam', { type: 'sgd' }, { type: 'momentum', momentum: 0.5 }, { type: 'adam', beta1: 0.8, beta2: 0.99, epsilon: 1e-7 }, undefined]) {
      expect(() => createRule(spec)).not.toThrow();
    }
    expect(createRule('sgd').decay).toBe('coupled');
    expect(createRule('momentum').decay).toBe('coupled');
    expect(createRule('adam').decay).toBe('decoupled');
  });
  it.each([
    [5, 'optimizer is 5, expected "sgd", "momentum" or "adam" or an object with a "type"'],
    [null, 'optimizer is null, expected "sgd", "momentum" or "adam" or an object with a "type"'],
    [['adam'], 'optimizer is an array, expected "sgd", "momentum" or "adam" or an object with a "type"'],
    [{ beta1: 0.9 }, 'optimizer is undefined, expected "sgd", "momentum" or "adam"'],
    [{ type: 'toString' }, 'optimizer is "toString", expected "sgd", "momentum" or "adam"'],
    [{ type: 7 }, 'optimizer is 7, expected "sgd", "momentum" or "adam"'],
    [{ type: 'sgd', momentum: 0.9 }, 'optimizer.momentum is not an option of "sgd": it takes no options'],
    [{ type: 'adam', momentum: 0.9 }, 'optimizer.momentum is not an option of "adam": it takes "beta1", "beta2", "epsilon"'],
    [{ type: 'momentum', learningRate: 0.1 }, 'optimizer.learningRate is not an option of "momentum": it takes "momentum"'],
  ])('%j is refused by name', (spec, message) => {
    expect(() => createRule(spec)).toThrow(new ValueError(message));
  });
});
