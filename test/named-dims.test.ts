// Issue 10, point 6: dim() names a run-time dim after checking it; withRows is the door for rows.
import { describe, expect, it } from 'vitest';
import { dim, fromArray, network, ShapeError, withRows } from '../src/index.js';

describe('named run-time dims', () => {
  it('dim() is the number itself, checked', () => {
    expect(dim('n', 5)).toBe(5);
    expect(() => dim('n', 0)).toThrow(new ShapeError('n must be a positive integer, got 0'));
    expect(() => dim('rows', 2.5)).toThrow(new ShapeError('rows must be a positive integer, got 2.5'));
    expect(() => dim('n', Number.NaN)).toThrow(ShapeError);
  });

  it('a batch and its labels read separately train once named the same', () => {
    const rows = 8;
    const n = dim('n', rows);
    const X = fromArray(Array.from({ length: rows * 2 }, (_, i) => (i % 3) - 1), n, 2);
    const Y = fromArray(Array.from({ length: rows }, (_, i) => i % 2), n, 1);
    const net = network(2, { seed: 1 }).tanh(4).sigmoid(1);
    expect(net.fit(X, Y, { lr: 0.1, epochs: 3 }).loss).toHaveLength(3);
  });

  it('withRows checks the row count and returns the same matrix', () => {
    const m = fromArray([1, 2, 3], 3, 1);
    expect(withRows(m, dim('n', 3))).toBe(m);
    expect(() => withRows(m, 4, 'Y')).toThrow(new ShapeError('Y is 3×1 but 4 rows were expected'));
    expect(() => withRows(fromArray([1, 2], 2, 1), 1, 'Y')).toThrow(new ShapeError('Y is 2×1 but 1 row was expected'));
  });
});
