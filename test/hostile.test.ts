// Hostile inputs through the library API: each gets a named error (a TypedMlpError with a code),
// and nothing changes — the network's parameters are compared before and after.
import { describe, expect, it, vi } from 'vitest';
import {
  assertCols, column, DEFAULT_MAX_BYTES, FormatError, fromArray, fromWeights, loadNetwork, matrix, network, saveNetwork, ShapeError, TypedMlpError, ValueError, withShape, zeros,
} from '../src/index.js';
import { expectNamed } from './helpers/named.js';

const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = column([0, 1, 1, 0]);
const fresh = () => network(2, { seed: 3, bias: true }).relu(3).sigmoid(1);
const state = (net: ReturnType<typeof fresh>) => JSON.stringify(saveNetwork(net));
const poison = <M extends { clone(): M; data: Float64Array }>(m: M, at: number, v: number) => {
  const c = m.clone();
  c.data[at] = v;
  return c;
};

describe('fit refuses, by name, and changes nothing', () => {
  const cases: [string, (net: ReturnType<typeof fresh>) => unknown, new (m: string) => TypedMlpError, RegExp][] = [
    ['NaN in X', (n) => n.fit(poison(X, 3, Number.NaN), Y, { lr: 0.1, epochs: 1 }), ValueError, /^X\[1\]\[1\] is NaN/],
    ['+Infinity in X', (n) => n.fit(poison(X, 0, Infinity), Y, { lr: 0.1, epochs: 1 }), ValueError, /^X\[0\]\[0\] is Infinity/],
    ['-Infinity in Y', (n) => n.fit(X, poison(Y, 2, -Infinity), { lr: 0.1, epochs: 1 }), ValueError, /^Y\[2\]\[0\] is -Infinity/],
    ['NaN in Y', (n) => n.fit(X, poison(Y, 1, Number.NaN), { lr: 0.1, epochs: 1 }), ValueError, /^Y\[1\]\[0\] is NaN/],
    ['a label outside [0, 1]', (n) => n.fit(X, poison(Y, 0, -0.5), { lr: 0.1, epochs: 1 }), ValueError, /^Y\[0\]\[0\] is -0\.5, but labels must lie in \[0, 1\]/],
    ['Y of the wrong length', (n) => n.fit(X, column([0, 1, 1]) as never, { lr: 0.1, epochs: 1 }), ShapeError, /^Y is 3×1 but X has 4 rows/],
    ['X of the wrong width', (n) => n.fit(zeros(4, 3) as never, Y, { lr: 0.1, epochs: 1 }), ShapeError, /^X is 4×3 but the network expects 2 columns/],
    ['lr = 0', (n) => n.fit(X, Y, { lr: 0, epochs: 1 }), ValueError, /^lr is 0/],
    ['lr < 0', (n) => n.fit(X, Y, { lr: -1, epochs: 1 }), ValueError, /^lr is -1/],
    ['lr = Infinity', (n) => n.fit(X, Y, { lr: Infinity, epochs: 1 }), ValueError, /^lr is Infinity/],
    ['lr = NaN', (n) => n.fit(X, Y, { lr: Number.NaN, epochs: 1 }), ValueError, /^lr is NaN/],
    ['batch size 0', (n) => n.fit(X, Y, { lr: 0.1, epochs: 1, batchSize: 0 }), ValueError, /^batchSize is 0/],
    ['a negative batch size', (n) => n.fit(X, Y, { lr: 0.1, epochs: 1, batchSize: -4 }), ValueError, /^batchSize is -4/],
    ['a fractional batch size', (n) => n.fit(X, Y, { lr: 0.1, epochs: 1, batchSize: 1.5 }), ValueError, /^batchSize is 1\.5/],
    ['epochs 0', (n) => n.fit(X, Y, { lr: 0.1, epochs: 0 }), ValueError, /^epochs is 0/],
    ['fractional epochs', (n) => n.fit(X, Y, { lr: 0.1, epochs: 2.5 }), ValueError, /^epochs is 2\.5/],
    ['a weight set to NaN after construction', (n) => ((n.weights[1].data[2] = Number.NaN), n.fit(X, Y, { lr: 0.1, epochs: 1 })), ValueError, /^weights\[1\]\[2\]\[0\] is NaN/],
  ];
  it.each(cases)('%s', (name, act, kind, message) => {
    const net = fresh();
    const before = state(net);
    expectNamed(() => act(net), kind, message);
    if (name.startsWith('a weight set to NaN')) net.weights[1].data[2] = JSON.parse(before).layers[1].weights[2][0];
    expect(state(net)).toBe(before);
  });

  it('a batch size larger than N is not an error: it means one batch (as in Keras)', () => {
    const a = fresh();
    const b = fresh();
    a.fit(X, Y, { lr: 0.5, epochs: 3, batchSize: 100 });
    b.fit(X, Y, { lr: 0.5, epochs: 3 });
    expect(state(a)).toBe(state(b));
  });

  it('a step whose loss is not finite stops training, leaving the weights as they were before that step', () => {
    // Inputs of 1e308 overflow Z_1 to ±Infinity in the first step: it stops there, naming the entry.
    const net = fresh();
    const before = state(net);
    const huge = fromArray([1e308, 1e308, 1e308, 1e308, 0, 0, 0, 0], 4, 2);
    expectNamed(
      () => net.fit(huge, Y, { lr: 0.1, epochs: 3 }),
      ValueError,
      /^Z_1\[0\]\[\d\] is -?Infinity: the inputs or weights are too large for float64 \(a product overflows\) \(epoch 0, batch 0, lr 0\.1\)\. Training diverged: try a lower learning rate \(e\.g\. lr 0\.01\), inputs standardized to mean 0 and variance 1, or gradient clipping \(clipNorm\)$/,
    );
    expect(state(net)).toBe(before);
  });
});

type Case = [string, () => unknown, new (m: string) => TypedMlpError, RegExp];

describe('the checked door and the constructors refuse by name', () => {
  const cases: Case[] = [
    ['NaN in a literal', () => matrix([[1, Number.NaN]]), ValueError, /^rows\[0\]\[1\] is NaN/],
    ['an empty matrix', () => matrix([] as number[][]), ShapeError, /^rows has no rows$/],
    ['a zero-width matrix', () => zeros(3, 0 as never), ShapeError, /^cols must be a positive integer, got 0$/],
    ['a negative size', () => zeros(-2 as never, 3), ShapeError, /^rows must be a positive integer, got -2$/],
    ['a fractional size', () => fromArray([1, 2], 1.5 as never, 1), ShapeError, /^rows must be a positive integer, got 1\.5$/],
    ['withShape of the wrong shape', () => withShape(zeros(2, 3), 3, 2, 'X'), ShapeError, /^X is 2×3 but 3×2 was expected$/],
    ['assertCols of the wrong width', () => assertCols(zeros(2, 3), 9, 'X'), ShapeError, /^X is 2×3 but 9 columns were expected$/],
    ['a zero-width layer', () => network(3).relu(0 as number), ShapeError, /^units must be a positive integer, got 0$/],
    ['a non-integer layer size', () => network(3.5 as number), ShapeError, /^inputs must be a positive integer, got 3\.5$/],
    ['weights that do not chain', () => fromWeights([zeros(2, 3), zeros(4, 1)] as never), ShapeError, /^weights\[1\] is 4×1 but weights\[0\] gives 3 columns$/],
  ];
  it.each(cases)('%s', (_, act, kind, message) => {
    expectNamed(act, kind, message);
  });
});

describe('load refuses hostile files by name', () => {
  const good = () => JSON.parse(JSON.stringify(saveNetwork(fresh())));
  const corruptions: [string, (o: any) => unknown, new (m: string) => TypedMlpError, RegExp][] = [
    ['numbers as strings', (o: any) => (o.layers[0].weights[0][0] = '1'), ValueError, /layers\[0\]\.weights\[0\]\[0\] is "1", expected a number/],
    ['NaN spelled as a string', (o: any) => (o.layers[0].bias[1] = 'NaN'), ValueError, /layers\[0\]\.bias\[0\]\[1\] is "NaN", expected a number/],
    ['a negative size', (o: any) => (o.sizes[1] = -3), FormatError, /sizes\[1\] is -3, but it must be a positive integer/],
    ['a layer object replaced by a number', (o: any) => (o.layers[1] = 7), FormatError, /layers\[1\] must be an object, got 7/],
    ['missing weights', (o: any) => delete o.layers[1].weights, FormatError, /layers\[1\]\.weights is missing/],
    ['fewer layers than sizes says', (o: any) => o.layers.pop(), FormatError, /layers has 1 entry but sizes \[2, 3, 1\] gives 2 layers/],
  ];
  it.each(corruptions)('%s', (_, corrupt, kind, message) => {
    const o = good();
    corrupt(o);
    expectNamed(() => loadNetwork(JSON.stringify(o)), kind, message);
  });

  it('a JSON text with a __proto__ key reaches no prototype', () => {
    const text = JSON.stringify(good()).replace('{"format"', '{"__proto__": {"polluted": true}, "format"');
    loadNetwork(text);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('load refuses a 200 MB saved network, and bytes instead of text, by name', () => {
  /**
   * A genuine saved network of sizes [k, 1]: k weight rows of one 17-digit number each (21 characters
   * a row). Built with String.prototype.repeat, so 200 MB costs next to nothing until it is read.
   */
  const bigSaved = (k: number) =>
    `{"format":"typed-mlp","version":1,"sizes":[${k},1],"activations":["sigmoid"],"layers":[{"weights":[${'[0.123456789012345],'.repeat(k - 1)}[0.123456789012345]],"bias":null}]}`;

  it('the same builder gives a valid file at a small size (so the big one is a real saved network)', () => {
    const net = loadNetwork(bigSaved(3), [3, 1]);
    expect(Array.from(net.weights[0].data)).toEqual([0.123456789012345, 0.123456789012345, 0.123456789012345]);
  });

  it('a 200 MB file: a FormatError naming its length and the limit, raised before JSON.parse is reached', () => {
    const text = bigSaved(10_500_000);
    expect(text.length).toBeGreaterThan(200 * 2 ** 20);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expectNamed(() => loadNetwork(text, [10_500_000, 1]), FormatError, new RegExp(`^the saved network is ${text.length} characters, over the limit of ${DEFAULT_MAX_BYTES} bytes \\(pass maxBytes to raise it\\)$`));
      expect(() => loadNetwork(text)).toThrow(expect.objectContaining({ name: 'FormatError', code: 'E_FORMAT' }));
      expect(parse, 'JSON.parse was reached').not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    expect(DEFAULT_MAX_BYTES).toBe(64 * 2 ** 20);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('whitespace padding to 200 MB around a valid small file: refused the same way', () => {
    const good = JSON.stringify(saveNetwork(fresh()));
    const pad = (n: number) => `${good.slice(0, -1)}${' '.repeat(n)}}`;
    const padded = pad(200 * 2 ** 20);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expectNamed(() => loadNetwork(padded, [2, 3, 1]), FormatError, /^the saved network is 209715\d{3} characters, over the limit of 67108864 bytes/);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    expect(loadNetwork(pad(1000), [2, 3, 1]).sizes).toEqual([2, 3, 1]); // padding is valid JSON: only the size is refused
  });

  it('a Buffer, Uint8Array or ArrayBuffer (readFileSync without "utf8") is a FormatError saying to decode it, not "format is missing"', () => {
    const text = JSON.stringify(saveNetwork(fresh()));
    const bytes = new TextEncoder().encode(text);
    expectNamed(() => loadNetwork(bytes), FormatError, new RegExp(`^a saved network must be a JSON object or its text \\(a string\\), got a Uint8Array of ${bytes.length} bytes: decode it first`));
    expect(() => loadNetwork(Buffer.from(text))).toThrow(expect.objectContaining({ name: 'FormatError', code: 'E_FORMAT', message: expect.stringMatching(/got a Uint8Array of \d+ bytes/) }));
    expectNamed(() => loadNetwork(bytes.buffer), FormatError, /got an ArrayBuffer of \d+ bytes/);
    expectNamed(() => loadNetwork(new Float64Array(3)), FormatError, /got a Float64Array of 24 bytes/);
    for (const v of [undefined, null, 5, true, Symbol('x'), () => 1, [1]]) expectNamed(() => loadNetwork(v), FormatError, /^a saved network must be a JSON object, got /);
    expect(loadNetwork(new TextDecoder().decode(bytes)).sizes).toEqual([2, 3, 1]); // decoded, it loads
  });
});
