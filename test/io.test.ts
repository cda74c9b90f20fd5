import { describe, expect, it } from 'vitest';
import { column, fromArray, fromWeights, FormatError, loadNetwork, matrix, mulberry32, network, saveNetwork, ShapeError, ValueError } from '../src/index.js';
import { heNormal } from '../src/random.js';

const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = column([0, 1, 1, 0]);

function trained() {
  const u = mulberry32(3);
  const net = fromWeights([fromArray(heNormal(2, 3, u), 2, 3), fromArray(heNormal(3, 1, u), 3, 1)], { biases: [[0.1, -0.2, 0.3], null] });
  net.fit(X, Y, { lr: 0.5, epochs: 200 });
  return net;
}

const savedText = () => JSON.stringify(saveNetwork(trained()));
const edit = (f: (o: any) => void) => {
  const o = JSON.parse(savedText());
  f(o);
  return JSON.stringify(o);
};

describe('save and load', () => {
  it('writes a versioned, self-describing object', () => {
    const s = saveNetwork(network(3, { seed: 1 }).relu(4).sigmoid(2, { bias: false }));
    expect(s.format).toBe('typed-mlp');
    expect(s.version).toBe(1);
    expect(s.sizes).toEqual([3, 4, 2]);
    expect(s.activations).toEqual(['relu', 'sigmoid']);
    expect(s.layers.map((l) => [l.weights.length, l.weights[0]!.length, l.bias])).toEqual([[3, 4, [0, 0, 0, 0]], [4, 2, null]]);
  });

  it('round-trips exactly, through the object and through JSON text', () => {
    const net = trained();
    const back = loadNetwork(JSON.stringify(saveNetwork(net)), [2, 3, 1]);
    expect(back.sizes).toEqual([2, 3, 1]);
    back.weights.forEach((w, l) => expect(Array.from(w.data)).toEqual(Array.from(net.weights[l]!.data)));
    expect(Array.from(back.biases[0]!.data)).toEqual(Array.from(net.biases[0]!.data));
    expect(back.biases[1]).toBeNull();
    expect(Array.from(back.forward(X).data)).toEqual(Array.from(net.forward(X).data));
    expect(saveNetwork(loadNetwork(saveNetwork(net)))).toEqual(saveNetwork(net));
  });

  it('loads a network that keeps training like the original', () => {
    const a = trained();
    const b = loadNetwork(savedText(), [2, 3, 1]);
    a.fit(X, Y, { lr: 0.5, epochs: 10 });
    b.fit(X, Y, { lr: 0.5, epochs: 10 });
    expect(saveNetwork(b)).toEqual(saveNetwork(a));
  });
});

describe('a saved file that does not fit gives a named error saying what differs', () => {
  const cases: [string, () => unknown, (new (m: string) => Error), RegExp][] = [
    ['not JSON', () => '{"format": "typed-mlp", ', FormatError, /the saved network is not valid JSON/],
    ['not an object', () => '[1, 2]', FormatError, /a saved network must be a JSON object, got an array/],
    ['another format', () => edit((o) => (o.format = 'keras')), FormatError, /format is "keras", expected "typed-mlp"/],
    ['a wrong version', () => edit((o) => (o.version = 2)), FormatError, /version is 2, but this library reads version 1/],
    ['a missing field', () => edit((o) => delete o.layers), FormatError, /^layers is missing$/],
    ['an extra layer', () => edit((o) => o.layers.push(o.layers[1])), FormatError, /layers has 3 entries but sizes \[2, 3, 1\] gives 2 layers/],
    ['sizes that disagree with the weights', () => edit((o) => (o.sizes = [2, 4, 1])), FormatError, /layers\[0\]\.weights is 2×3 but sizes says 2×4/],
    ['a truncated weight row', () => edit((o) => o.layers[0].weights[1].pop()), ShapeError, /layers\[0\]\.weights is ragged: layers\[0\]\.weights\[1\] has 2 entries but layers\[0\]\.weights\[0\] has 3/],
    ['a truncated bias', () => edit((o) => o.layers[0].bias.pop()), FormatError, /layers\[0\]\.bias has 2 entries but sizes says 3/],
    ['numbers as strings', () => edit((o) => (o.layers[1].weights[2][0] = '0.5')), ValueError, /layers\[1\]\.weights\[2\]\[0\] is "0\.5", expected a number/],
    ['a non-finite weight', () => savedText().replace(/("weights":\[\[)[-0-9.e]+/, '$11e999'), ValueError, /layers\[0\]\.weights\[0\]\[0\] is Infinity, expected a finite number/],
    ['an unknown activation', () => edit((o) => (o.activations[0] = 'swish')), FormatError, /activations\[0\] is "swish"/],
    ['a size that is not a positive integer', () => edit((o) => (o.sizes[1] = 2.5)), FormatError, /sizes\[1\] is 2\.5, but it must be a positive integer/],
  ];
  it.each(cases)('%s', (_, text, kind, message) => {
    let error: unknown;
    try {
      loadNetwork(text());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
  });

  it('a file of other sizes than expected', () => {
    expect(() => loadNetwork(savedText(), [2, 4, 1])).toThrow(new FormatError('the saved network has sizes [2, 3, 1] but [2, 4, 1] was expected'));
  });

  it('text over the size limit is refused before parsing', () => {
    const text = savedText();
    expect(() => loadNetwork(text, undefined, { maxBytes: 100 })).toThrow(new FormatError(`the saved network is ${text.length} characters, over the limit of 100 bytes (pass maxBytes to raise it)`));
    expect(loadNetwork(text, undefined, { maxBytes: text.length }).sizes).toEqual([2, 3, 1]); // the limit itself is allowed
    expect(loadNetwork(text, undefined, { maxBytes: Infinity }).sizes).toEqual([2, 3, 1]);
  });

  it('the limit counts UTF-8 bytes, not characters: 62 characters of é and 😀 can be 122 bytes', () => {
    // Each é is 2 bytes, each 😀 two UTF-16 units but 4 bytes: under 100 characters, over 100 bytes.
    for (const [text, bytes] of [[`"${'é'.repeat(60)}"`, 122], [`"${'😀'.repeat(30)}"`, 122], [`"${'\ud800'.repeat(60)}"`, 182]] as const) {
      expect(() => loadNetwork(text, undefined, { maxBytes: 100 })).toThrow(new FormatError(`the saved network is ${bytes} bytes in UTF-8 (${text.length} characters), over the limit of 100 bytes (pass maxBytes to raise it)`));
      expect(() => loadNetwork(text, undefined, { maxBytes: bytes })).toThrow(/^a saved network must be a JSON object, got "/); // at the limit: parsed
    }
    expect(new TextEncoder().encode('"' + 'é'.repeat(60) + '"').length).toBe(122);
    expect(new TextEncoder().encode('"' + '\ud800'.repeat(60) + '"').length).toBe(182); // a lone surrogate is written as U+FFFD, 3 bytes
  });

  it('a maxBytes that is not a number ≥ 0 is a ValueError (NaN used to mean no limit at all)', () => {
    for (const maxBytes of [Number.NaN, -1, '100', null]) {
      expect(() => loadNetwork(savedText(), undefined, { maxBytes } as never)).toThrow(ValueError);
    }
    expect(() => loadNetwork(savedText(), undefined, { maxBytes: Number.NaN })).toThrow(new ValueError('maxBytes is NaN, but it must be a number ≥ 0 (Infinity for no limit)'));
  });

  it('a __proto__ key does not reach Object.prototype', () => {
    loadNetwork(savedText().replace('{"format"', '{"__proto__":{"polluted":1},"format"'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
