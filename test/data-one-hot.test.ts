// oneHot and argmax: each other's inverse on class indices, numpy's argmax on ties, named refusals.
import { describe, expect, it } from 'vitest';
import { argmax, fromArray, matrix, oneHot, ShapeError, ValueError } from '../src/index.js';

describe('oneHot', () => {
  it('puts a single 1 in column c of each row', () => {
    expect(oneHot([0, 2, 1, 2], 3).toArray()).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]]);
    expect(oneHot([0], 1).toArray()).toEqual([[1]]);
  });

  it('is undone by argmax, for every class count and many rows', () => {
    for (const k of [1, 2, 3, 7]) {
      const classes = Array.from({ length: 50 }, (_, i) => (i * 7 + 3) % k);
      const m = oneHot(classes, k);
      expect(m.shape).toEqual([50, k]);
      expect(argmax(m)).toEqual(classes);
      for (let i = 0; i < 50; i++) expect(m.toArray()[i]!.reduce((a, b) => a + b, 0)).toBe(1);
    }
  });

  it.each([
    [[0, 3], 'classIndices[1] is 3, but a class index is an integer in [0, 3)'],
    [[-1], 'classIndices[0] is -1, but a class index is an integer in [0, 3)'],
    [[1.5], 'classIndices[0] is 1.5, but a class index is an integer in [0, 3)'],
    [[NaN], 'classIndices[0] is NaN, but a class index is an integer in [0, 3)'],
    [['1'], 'classIndices[0] is "1", but a class index is an integer in [0, 3)'],
    [[null], 'classIndices[0] is null, but a class index is an integer in [0, 3)'],
  ])('refuses %j by position and value', (classes, message) => {
    const before = JSON.stringify(classes);
    expect(() => oneHot(classes as never, 3)).toThrow(new ValueError(message));
    expect(JSON.stringify(classes)).toBe(before);
  });

  it('refuses an empty list and a class count that is not a positive integer', () => {
    expect(() => oneHot([] as number[], 3)).toThrow(new ShapeError('classIndices has no entries'));
    expect(() => oneHot([0], 0 as number)).toThrow(new ShapeError('numClasses must be a positive integer, got 0'));
    expect(() => oneHot([0], 2.5 as number)).toThrow(new ShapeError('numClasses must be a positive integer, got 2.5'));
    expect(() => oneHot('012' as never, 3)).toThrow(new ShapeError('classIndices must be an array of class indices, got "012"'));
  });
});

describe('argmax', () => {
  it("gives each row's largest entry, the first on ties (as numpy.argmax)", () => {
    expect(argmax(matrix([[0.1, 0.7, 0.2], [0.5, 0.5, 0], [0, 0, 0], [-3, -1, -1], [-0, 0, 0]]))).toEqual([1, 0, 0, 1, 0]);
  });

  it('is all zeros for one column', () => {
    expect(argmax(matrix([[0.9], [0.1]]))).toEqual([0, 0]);
  });

  it('refuses NaN and ±Infinity by row and column, and what is not a Matrix', () => {
    const m = fromArray([0, 1, 2, 3], 2, 2);
    m.data[3] = NaN;
    expect(() => argmax(m)).toThrow(new ValueError('m[1][1] is NaN, expected a finite number'));
    expect(() => argmax([[1, 2]] as never)).toThrow(new ShapeError('m must be a Matrix, got an array'));
  });
});
