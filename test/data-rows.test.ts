// takeRows and sliceRows, against the same selection made on the rows as plain arrays.
import { describe, expect, it } from 'vitest';
import { fromArray, matrix, ShapeError, sliceRows, takeRows } from '../src/index.js';

const X = fromArray(Array.from({ length: 5 * 3 }, (_, i) => i * 1.5 - 4), 5, 3);
const rows = X.toArray();

describe('takeRows', () => {
  it.each([[[0]], [[4, 0, 2]], [[3, 3, 3, 1]], [[0, 1, 2, 3, 4]], [[4, 3, 2, 1, 0, 0]]])('takes %j in that order, repeats allowed', (indices) => {
    const before = Array.from(X.data);
    const m = takeRows(X, indices);
    expect(m.toArray()).toEqual(indices.map((i) => rows[i]));
    expect(m.data).not.toBe(X.data);
    m.data[0] = 99;
    expect(Array.from(X.data)).toEqual(before);
  });

  it.each([
    [[5], 'indices[0] is 5, but x has 5 rows (indices 0 … 4)'],
    [[0, -1], 'indices[1] is -1, but x has 5 rows (indices 0 … 4)'],
    [[1.5], 'indices[0] is 1.5, but x has 5 rows (indices 0 … 4)'],
    [[NaN], 'indices[0] is NaN, but x has 5 rows (indices 0 … 4)'],
    [['1'], 'indices[0] is "1", but x has 5 rows (indices 0 … 4)'],
    [[], 'indices has no entries (a matrix has at least 1 row)'],
  ])('refuses %j: %s', (indices, message) => {
    expect(() => takeRows(X, indices as never)).toThrow(new ShapeError(message));
  });

  it('refuses what is not a Matrix', () => {
    expect(() => takeRows([[1, 2]] as never, [0])).toThrow(new ShapeError('x must be a Matrix, got an array'));
  });
});

describe('sliceRows', () => {
  it.each([[0, 5], [0, 1], [2, 4], [4, 5], [1, undefined], [0, undefined]])('rows %i … %s match Array.prototype.slice', (start, end) => {
    const m = sliceRows(X, start, end);
    expect(m.toArray()).toEqual(rows.slice(start, end));
    m.data[0] = 99;
    expect(X.toArray()).toEqual(rows);
  });

  it.each([
    [-1, 2, 'start is -1, but x has 5 rows (start is an integer in [0, 4])'],
    [5, undefined, 'start is 5, but x has 5 rows (start is an integer in [0, 4])'],
    [0.5, 2, 'start is 0.5, but x has 5 rows (start is an integer in [0, 4])'],
    [0, 6, 'end is 6, but x has 5 rows (end is an integer with end ≤ 5)'],
    [0, -1, 'end is -1, but x has 5 rows (end is an integer with end ≤ 5)'],
    [3, 2, 'start is 3 and end is 2, but a slice needs start < end (at least 1 row; x is 5×3)'],
    [2, 2, 'start is 2 and end is 2, but a slice needs start < end (at least 1 row; x is 5×3)'],
  ])('refuses start %s, end %s instead of clamping: %s', (start, end, message) => {
    expect(() => sliceRows(X, start, end)).toThrow(new ShapeError(message));
  });

  it('keeps the column type of a literal matrix', () => {
    const m = sliceRows(matrix([[1, 2], [3, 4]]), 1);
    expect(m.toArray()).toEqual([[3, 4]]);
  });
});
