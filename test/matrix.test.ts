import { describe, expect, it } from 'vitest';
import { assertCols, column, fromArray, Matrix, matmul, matrix, mulberry32, ShapeError, transpose, ValueError, withShape, zeros } from '../src/index.js';

describe('construction', () => {
  it('matrix() stores rows row-major in a Float64Array', () => {
    const m = matrix([[1, 2, 3], [4, 5, 6]]);
    expect(m.shape).toEqual([2, 3]);
    expect(m.data).toBeInstanceOf(Float64Array);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.get(1, 0)).toBe(4);
    expect(m.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('rejects a ragged array at run time too, naming the row', () => {
    const ragged = [[1, 2, 3], [4, 5]] as number[][];
    expect(() => matrix(ragged)).toThrow(new ShapeError('rows is ragged: rows[1] has 2 entries but rows[0] has 3'));
  });

  it('rejects NaN and ±Infinity, naming the entry', () => {
    expect(() => matrix([[1, Number.NaN]])).toThrow(new ValueError('rows[0][1] is NaN, expected a finite number'));
    expect(() => fromArray([1, 2, 3, -Infinity], 2, 2)).toThrow(new ValueError('data[1][1] is -Infinity, expected a finite number'));
  });

  it('rejects empty and zero-width matrices and bad dims', () => {
    expect(() => matrix([] as number[][])).toThrow(/rows has no rows/);
    expect(() => matrix([[]] as number[][])).toThrow(/rows\[0\] has no entries/);
    expect(() => zeros(0 as never, 3)).toThrow(/rows must be a positive integer, got 0/);
    expect(() => zeros(2, 1.5 as never)).toThrow(/cols must be a positive integer, got 1\.5/);
    expect(() => fromArray([1, 2, 3], 2, 2)).toThrow(/data has 3 entries but a 2×2 matrix needs 4/);
  });

  it('fromArray copies its data; column() is N×1', () => {
    const src = [1, 2, 3, 4];
    const m = fromArray(src, 2, 2);
    src[0] = 99;
    expect(m.get(0, 0)).toBe(1);
    expect(column([0, 1, 1]).shape).toEqual([3, 1]);
  });
});

describe('products', () => {
  it('matmul multiplies', () => {
    const c = matmul(matrix([[1, 2], [3, 4], [5, 6]]), matrix([[1, 0, 2], [0, 1, 3]]));
    expect(c.toArray()).toEqual([[1, 2, 8], [3, 4, 18], [5, 6, 28]]);
  });

  it('matmul checks the inner dim at run time when the types could not', () => {
    const a = zeros(2, 3) as Matrix;
    const b = zeros(4, 1) as Matrix;
    expect(() => matmul(a, b)).toThrow(new ShapeError('matmul: the left matrix has 3 columns but the right one has 4 rows (2×3 · 4×1)'));
  });

  it('matmul into out: the product written there, out returned, the same bits as a new result', () => {
    const u = mulberry32(5);
    const a = fromArray(Array.from({ length: 70 * 33 }, () => u() - 0.5), 70, 33);
    const b = fromArray(Array.from({ length: 33 * 41 }, () => u() - 0.5), 33, 41);
    const out = zeros(70, 41);
    const data = out.data;
    expect(matmul(a, b, out)).toBe(out);
    expect(out.data).toBe(data); // written in place, not replaced
    expect(Array.from(out.data)).toEqual(Array.from(matmul(a, b).data));
    expect(out.data.some((x) => x !== 0)).toBe(true);
  });

  it('matmul into a or b itself: both are read before out is written', () => {
    const a = matrix([[1, 2], [3, 4]]);
    const b = matrix([[5, 6], [7, 8]]);
    matmul(a, b, a);
    expect(a.toArray()).toEqual([[19, 22], [43, 50]]);
    matmul(a, b, b);
    expect(b.toArray()).toEqual([[19 * 5 + 22 * 7, 19 * 6 + 22 * 8], [43 * 5 + 50 * 7, 43 * 6 + 50 * 8]]);
  });

  it('matmul refuses an out of the wrong shape, or not a Matrix, by name, and writes nothing', () => {
    const out = matrix([[7, 7, 7]]) as Matrix;
    expect(() => matmul(matrix([[1, 2]]), matrix([[3], [4]]), out as never)).toThrow(new ShapeError('matmul: out is 1×3, but the product of 1×2 and 2×1 is 1×1'));
    expect(() => matmul(zeros(3, 1), zeros(1, 1), zeros(1, 3) as never)).toThrow(new ShapeError('matmul: out is 1×3, but the product of 3×1 and 1×1 is 3×1'));
    expect(out.toArray()).toEqual([[7, 7, 7]]);
    // typed with run-time dims, it compiles and is checked here
    const later = fromArray([7, 7, 7], 3, 1) as Matrix<number, 1>;
    expect(() => matmul(zeros(2, 3), zeros(3, 1), later)).toThrow(new ShapeError('matmul: out is 3×1, but the product of 2×3 and 3×1 is 2×1'));
    expect(later.toArray()).toEqual([[7], [7], [7]]);
    expect(() => matmul(matrix([[1, 2]]), matrix([[3], [4]]), [[0]] as never)).toThrow(new ShapeError('matmul: out must be a Matrix, got an array'));
  });

  it('transpose swaps dims', () => {
    expect(transpose(matrix([[1, 2, 3]])).toArray()).toEqual([[1], [2], [3]]);
  });
});

describe('the checked door', () => {
  const dynamic: Matrix = fromArray([1, 2, 3, 4, 5, 6], 2, 3);

  it('withShape returns the same matrix when the dims fit', () => {
    expect(withShape(dynamic, 2, 3)).toBe(dynamic);
  });

  it('withShape throws a ShapeError naming both shapes otherwise', () => {
    expect(() => withShape(dynamic, 3, 2, 'X')).toThrow(new ShapeError('X is 2×3 but 3×2 was expected'));
  });

  it('assertCols checks the width only', () => {
    expect(assertCols(dynamic, 3)).toBe(dynamic);
    expect(() => assertCols(dynamic, 9, 'X')).toThrow(new ShapeError('X is 2×3 but 9 columns were expected'));
  });

  it('errors carry a stable code', () => {
    try {
      withShape(dynamic, 1, 1);
    } catch (e) {
      expect((e as ShapeError).code).toBe('E_SHAPE');
      expect((e as ShapeError).name).toBe('ShapeError');
      return;
    }
    expect.unreachable();
  });
});
