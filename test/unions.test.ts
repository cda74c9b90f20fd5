// Issue 10, point 4: what a union dim lets through at compile time (test-d/compile/unions.ts) is
// checked at run time: a named ShapeError with both sizes (matmul's starts with the compile-time sentence).
import { describe, expect, it } from 'vitest';
import { column, matmul, network, ShapeError, zeros } from '../src/index.js';

const either = <A, B>(pick: boolean, a: A, b: B): A | B => (pick ? a : b);

describe('union dims are checked at run time', () => {
  it('matmul with inner dims 2 | 3 on both sides: fine when equal, the compile-time sentence when not', () => {
    for (const f of [true, false]) expect(matmul(zeros(4, either(f, 2, 3)), zeros(either(f, 2, 3), 1)).shape).toEqual([4, 1]);
    expect(() => matmul(zeros(4, either(true, 2, 3)), zeros(either(true, 3, 2), 1))).toThrow(new ShapeError('matmul: the left matrix has 2 columns but the right one has 3 rows (4×2 · 3×1)'));
    expect(() => matmul(zeros(4, 1), zeros(2, 1) as never)).toThrow(new ShapeError('matmul: the left matrix has 1 column but the right one has 2 rows (4×1 · 2×1)'));
  });

  it('a network of input width 2 | 3 takes a batch of 3 columns only when it is 3 wide', () => {
    const wide = network(either(false, 2, 3), { seed: 1 }).relu(4).sigmoid(1);
    expect(wide.forward(zeros(5, 3)).shape).toEqual([5, 1]);
    const narrow = network(either(true, 2, 3), { seed: 1 }).relu(4).sigmoid(1);
    expect(() => narrow.forward(zeros(5, 3))).toThrow(new ShapeError('X is 5×3 but the network expects 2 columns'));
  });

  it('labels of 5 rows for a batch of 5 | 6 rows', () => {
    const net = network(2, { seed: 1 }).relu(4).sigmoid(1);
    expect(Number.isFinite(net.loss(zeros(either(true, 5, 6), 2), column([0, 1, 1, 0, 1])))).toBe(true);
    expect(() => net.loss(zeros(either(false, 5, 6), 2), column([0, 1, 1, 0, 1]))).toThrow(
      new ShapeError('Y is 5×1 but X has 6 rows and the network has 1 output, so Y must be 6×1'),
    );
  });

  it('a layer size of 0 | 3 that is 0 at run time', () => {
    expect(() => network(2).relu(either(true, 0, 3) as never)).toThrow(ShapeError);
  });
});
