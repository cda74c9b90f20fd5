// Issue 13, point 1: values that are not numbers never become numbers. Every door that takes
// numbers from a caller (matrix, fromArray, column, the Matrix constructor) checks each one the
// way matrix() does, with a named error that gives its index.
import { describe, expect, it } from 'vitest';
import { column, fromArray, Matrix, matrix, network, ValueError } from '../src/index.js';

const notNumbers: [string, unknown, string][] = [
  ['null', null, 'null'],
  ['undefined', undefined, 'undefined'],
  ['a numeric string', '0.97', '"0.97"'],
  ['a hex string', '0x10', '"0x10"'],
  ['an empty string', '', '""'],
  ['a blank string', ' ', '" "'],
  ['true', true, 'true'],
  ['false', false, 'false'],
  ['a nested array', [1], 'an array'],
  ['an object', { valueOf: () => 1 }, 'an object'],
  ['a bigint', 1n, '1n'],
];

describe.each(notNumbers)('%s', (_, value, shown) => {
  it('fromArray names the entry by row and column', () => {
    const data = [0.5, 0.25, value, 0.125];
    const message = new RegExp(`^data\\[1\\]\\[0\\] is ${shown.replace(/[[\]().*+?^$\\|{}]/g, '\\$&')}`);
    expect(() => fromArray(data as never, 2, 2)).toThrow(ValueError);
    expect(() => fromArray(data as never, 2, 2)).toThrow(message);
  });

  it('column names the label by index, and a null label never becomes class 0', () => {
    const values = [1, 0, value];
    expect(() => column(values as never)).toThrow(ValueError);
    expect(() => column(values as never)).toThrow(new RegExp(`^values\\[2\\] is `));
  });

  it('matrix names the entry (as before)', () => {
    expect(() => matrix([[1, 2], [3, value]] as never)).toThrow(/^rows\[1\]\[1\] is /);
  });
});

describe('the exact messages', () => {
  it('fromArray of JSON with a null', () => {
    expect(() => fromArray(JSON.parse('[0.97, null, 0.24, 0.54]'), 2, 2)).toThrow(new ValueError('data[0][1] is null, expected a number'));
  });
  it('column with a string', () => {
    expect(() => column(['1', 0] as never)).toThrow(new ValueError('values[0] is "1", expected a number'));
  });
  it('non-finite numbers keep their message', () => {
    expect(() => fromArray([1, Number.NaN], 1, 2)).toThrow(new ValueError('data[0][1] is NaN, expected a finite number'));
    expect(() => column([Infinity])).toThrow(new ValueError('values[0] is Infinity, expected a finite number'));
  });
  it('the Matrix constructor takes only a Float64Array as storage, and says what to use instead', () => {
    expect(() => new Matrix(2, 2, [1, 2, 3, 4] as never)).toThrow(
      new ValueError('data must be a Float64Array (it is used as the matrix\'s storage), got an array; for a list of numbers use fromArray(data, 2, 2)'),
    );
    expect(() => new Matrix(1, 2, new Float32Array(2) as never)).toThrow(ValueError);
  });
  it('typed arrays of numbers and plain numbers still pass', () => {
    expect(fromArray(new Float32Array([1, 2]), 1, 2).toArray()).toEqual([[1, 2]]);
    expect(fromArray(new Int8Array([-1, 2]), 2, 1).toArray()).toEqual([[-1], [2]]);
    expect(column([0, 1, 0.5]).toArray()).toEqual([[0], [1], [0.5]]);
  });
  it('a network trained on checked labels is unchanged by a refused one', () => {
    const net = network(1, { seed: 1 }).sigmoid(1);
    const before = Array.from(net.weights[0].data);
    expect(() => net.fit(fromArray([0, 1], 2, 1), column([0, null] as never), { lr: 0.1, epochs: 1 })).toThrow(ValueError);
    expect(Array.from(net.weights[0].data)).toEqual(before);
  });
});
