// net.predict and net.forward on plain arrays: the same numbers as through a Matrix, the output in
// the input's form (one row → number[], rows → Matrix), and run-time checks for what the compiler
// cannot see (a number[] of the wrong width, entries that are not numbers), changing nothing.
import { describe, expect, it } from 'vitest';
import { type HeadName, matrix, network, type Network, saveNetwork, ShapeError, ValueError } from '../src/index.js';

const nets = {
  sigmoid: () => network(2, { seed: 5, bias: true }).relu(4).sigmoid(1),
  softmax: () => network(2, { seed: 5, bias: true }).relu(4).softmax(3),
  linear: () => network(2, { seed: 5, bias: true }).tanh(4).linear(2),
};
const rows = [[0, 1], [1, 1], [-0.5, 2], [3, -1]];

describe.each(Object.entries(nets))('a %s head', (_, make) => {
  const net = make() as unknown as Network<number[], HeadName>; // one type for the three (a union of networks has no callable overloads)
  const viaMatrix = { forward: net.forward(matrix(rows as number[][])).toArray(), predict: net.predict(matrix(rows as number[][])).toArray() };

  it('one row gives its output row as a number[]: the same numbers as a 1-row Matrix', () => {
    rows.forEach((row, i) => {
      const f = net.forward(row);
      const p = net.predict(row);
      expect(Array.isArray(f) && Array.isArray(p)).toBe(true);
      expect(f).toEqual(viaMatrix.forward[i]);
      expect(p).toEqual(viaMatrix.predict[i]);
    });
  });

  it('rows give a Matrix: the same numbers as matrix(rows)', () => {
    expect(net.forward(rows).toArray()).toEqual(viaMatrix.forward);
    expect(net.predict(rows).toArray()).toEqual(viaMatrix.predict);
    expect(net.predict([[0, 1], [1, 1]]).shape).toEqual([2, net.sizes[net.sizes.length - 1]]);
  });
});

describe('bad plain input is a named error, and changes nothing', () => {
  const net = nets.sigmoid();
  const dyn = (v: unknown) => v as number[];
  it.each([
    ['a row of 3 for 2 inputs', () => net.predict(dyn([1, 0, 1])), new ShapeError("row has 3 entries but the network's input size is 2")],
    ['a row of 1', () => net.forward(dyn([1])), new ShapeError("row has 1 entry but the network's input size is 2")],
    ['rows, the second of 3', () => net.predict([[1, 0], [1, 0, 1]] as number[][]), new ShapeError("row 1 has 3 entries but the network's input size is 2")],
    ['an empty row list', () => net.predict(dyn([])), new ShapeError("the input has no rows (an empty list); give one row [x1, x2, …] or rows [[…], …] of 2 entries")],
    ['a string entry', () => net.predict(dyn([1, '0'])), new ValueError('row[1] is "0", expected a number')],
    ['a null entry', () => net.forward(dyn([null, 0])), new ValueError('row[0] is null, expected a number')],
    ['NaN', () => net.forward(dyn([NaN, 0])), new ValueError('row[0] is NaN, expected a finite number')],
    ['a null in rows', () => net.predict([[1, 0], [null, 1]] as never), new ValueError('rows[1][0] is null, expected a number')],
    ['a row that is not an array', () => net.predict([[1, 0], 5] as never), new ShapeError('rows[1] must be an array of numbers, got 5')],
    ['not an array or Matrix', () => net.predict('1,0' as never), new ShapeError('X must be a Matrix, got "1,0"')],
    ['a Float32Array (no rows)', () => net.forward(Float32Array.of(1, 0) as never), new ShapeError('X is a Float32Array, which has no rows: give a Matrix (fromArray(Array.from(x), rows, 2)), one row (number[]) or rows (number[][])')],
  ])('%s', (_, act, error) => {
    const before = JSON.stringify(saveNetwork(net));
    expect(act).toThrow(error);
    expect(JSON.stringify(saveNetwork(net))).toBe(before);
  });

  it('leaves the input arrays as they were', () => {
    const row = [0.5, -1];
    const list = [[1, 2], [3, 4]];
    net.predict(row);
    net.forward(list);
    expect(row).toEqual([0.5, -1]);
    expect(list).toEqual([[1, 2], [3, 4]]);
  });
});
