// The scalers, against statistics computed here another way (Welford's one-pass mean and variance,
// sorting for min and max) and against small cases worked by hand; their inverse; their saved form.
import { describe, expect, it } from 'vitest';
import { FormatError, fromArray, loadScaler, type Matrix, matrix, minMaxScaler, ShapeError, standardScaler, ValueError } from '../src/index.js';

/** Column j of a row-major N×C list. */
const col = (m: { toArray(): number[][] }, j: number) => m.toArray().map((r) => r[j]!);

/** Welford's algorithm: mean and population variance in one pass (not the scaler's two passes). */
function welford(xs: number[]): { mean: number; variance: number } {
  let mean = 0;
  let m2 = 0;
  xs.forEach((x, i) => {
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
  });
  return { mean, variance: m2 / xs.length };
}

/** A 40×4 matrix with columns of different centres and spreads (one of them constant). */
const X = fromArray(
  Array.from({ length: 40 }, (_, i) => [Math.sin(i) * 3 + 10, i * i * 0.01 - 5, 7.25, (i % 5) * 1e3 + 1e6]).flat(),
  40,
  4,
);

describe('standardScaler', () => {
  it('works the hand case: [1, 2, 3, 4] has mean 2.5 and population σ √1.25 (not the sample σ √(5/3))', () => {
    const s = standardScaler(matrix([[1], [2], [3], [4]]));
    expect(s.mean).toEqual([2.5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(s.transform(matrix([[1], [4]])).toArray()[0]![0]).toBeCloseTo(-1.5 / Math.sqrt(1.25), 14);
  });

  it("has each column's mean and population standard deviation (Welford), and scale 1 for a constant column", () => {
    const s = standardScaler(X);
    expect(s.kind).toBe('standard');
    expect(s.columns).toBe(4);
    for (const j of [0, 1, 3]) {
      const { mean, variance } = welford(col(X, j));
      expect(s.mean[j]).toBeCloseTo(mean, 9);
      expect(s.scale[j]! / Math.sqrt(variance)).toBeCloseTo(1, 12);
    }
    expect(s.mean[2]).toBe(7.25);
    expect(s.scale[2]).toBe(1);
  });

  it('maps the training data to mean 0 and standard deviation 1 per column (the constant one to 0)', () => {
    const z = standardScaler(X).transform(X);
    for (const j of [0, 1, 3]) {
      const { mean, variance } = welford(col(z, j));
      expect(Math.abs(mean)).toBeLessThan(1e-12);
      expect(variance).toBeCloseTo(1, 12);
    }
    expect(col(z, 2).every((v) => v === 0)).toBe(true);
  });

  it('a constant column of 0.1 maps to exactly 0, not to rounding noise', () => {
    const s = standardScaler(matrix([[0.1], [0.1], [0.1]]));
    expect(s.transform(matrix([[0.1]])).toArray()).toEqual([[0]]);
  });

  it("applies the training statistics to other data (the test rows are not refitted)", () => {
    const s = standardScaler(X);
    const test = fromArray([11, 0, 7.25, 1e6, 5, 2, 8, 1.004e6], 2, 4);
    const z = s.transform(test).toArray();
    test.toArray().forEach((row, i) => row.forEach((v, j) => expect(z[i]![j]).toBe((v - s.mean[j]!) / s.scale[j]!)));
  });
});

describe('minMaxScaler', () => {
  it('works the hand case: [2, 4, 6, 10] onto [0, 1] is [0, 0.25, 0.5, 1], and onto [-1, 1] is [-1, -0.5, 0, 1]', () => {
    const x = matrix([[2], [4], [6], [10]]);
    expect(col(minMaxScaler(x).transform(x), 0)).toEqual([0, 0.25, 0.5, 1]);
    expect(col(minMaxScaler(x, { range: [-1, 1] }).transform(x), 0)).toEqual([-1, -0.5, 0, 1]);
  });

  it("has each column's min and max (by sorting), maps them to the range's ends, and a constant column to the range's min", () => {
    const s = minMaxScaler(X, { range: [-2, 3] });
    expect(s.kind).toBe('minMax');
    expect(s.range).toEqual([-2, 3]);
    for (let j = 0; j < 4; j++) {
      const sorted = col(X, j).sort((a, b) => a - b);
      expect(s.dataMin[j]).toBe(sorted[0]);
      expect(s.dataMax[j]).toBe(sorted[sorted.length - 1]);
    }
    const z = s.transform(X);
    for (const j of [0, 1, 3]) {
      expect(Math.min(...col(z, j))).toBe(-2);
      expect(Math.max(...col(z, j))).toBeCloseTo(3, 14);
    }
    expect(col(z, 2).every((v) => v === -2)).toBe(true);
  });

  it('does not clip new data outside the training range', () => {
    const s = minMaxScaler(matrix([[0], [10]]));
    expect(col(s.transform(matrix([[-5], [20]])), 0)).toEqual([-0.5, 2]);
  });

  it.each([[[1, 0]], [[0, 0]], [[0, NaN]], [[0]], ['01']])('refuses the range %j', (range) => {
    expect(() => minMaxScaler(X, { range: range as never })).toThrow(ValueError);
    expect(() => minMaxScaler(X, { range: range as never })).toThrow(/^range is .*, but it must be \[min, max\]: two finite numbers with min < max$/);
  });
});

describe.each([
  ['standardScaler', (x: Matrix<number, 4> = X) => standardScaler(x)],
  ['minMaxScaler', (x: Matrix<number, 4> = X) => minMaxScaler(x, { range: [-1, 1] })],
])('%s', (_, fit) => {
  it('inverseTransform undoes transform (to rounding)', () => {
    const s = fit();
    const back = s.inverseTransform(s.transform(X)).toArray();
    X.toArray().forEach((row, i) => row.forEach((v, j) => expect(back[i]![j]! / v).toBeCloseTo(1, 12)));
  });

  it('leaves X unchanged, returns a new matrix, and its statistics are copies that cannot change it', () => {
    const before = Array.from(X.data);
    const s = fit();
    const z = s.transform(X);
    expect(z.data).not.toBe(X.data);
    expect(Array.from(X.data)).toEqual(before);
    const stats = (s.kind === 'standard' ? s.mean : s.dataMin) as number[];
    expect(() => (stats[0] = 99)).toThrow(TypeError);
    expect(Array.from(s.transform(X).data)).toEqual(Array.from(z.data));
  });

  it('refuses another column count, by name and size, with X unchanged', () => {
    const s = fit();
    expect(() => s.transform(fromArray([1, 2, 3], 1, 3) as never)).toThrow(new ShapeError('the scaler was fitted on 4 columns, but X has 3'));
    expect(() => s.inverseTransform(fromArray([1, 2, 3, 4, 5], 1, 5) as never)).toThrow(new ShapeError('the scaler was fitted on 4 columns, but X has 5'));
  });

  it('refuses non-finite data when fitting and when transforming', () => {
    const bad = X.clone();
    bad.data[6] = Infinity;
    expect(() => fit(bad)).toThrow(new ValueError('xTrain[1][2] is Infinity, expected a finite number'));
    expect(() => fit().transform(bad)).toThrow(new ValueError('X[1][2] is Infinity, expected a finite number'));
  });

  it('round-trips through JSON text exactly: the same statistics and the same outputs, bit for bit', () => {
    const s = fit();
    const back = loadScaler(JSON.stringify(s), 4);
    expect(back.toJSON()).toEqual(s.toJSON());
    const a = s.transform(X).data;
    const b = back.transform(X).data;
    for (let i = 0; i < a.length; i++) expect(Object.is(a[i], b[i])).toBe(true);
    const c = s.inverseTransform(X).data;
    const d = back.inverseTransform(X).data;
    for (let i = 0; i < c.length; i++) expect(Object.is(c[i], d[i])).toBe(true);
  });
});

describe('fitting refuses what cannot be fitted', () => {
  it('refuses what is not a Matrix (no rows to fit on), and an unknown option', () => {
    expect(() => standardScaler([] as never)).toThrow(new ShapeError('xTrain must be a Matrix, got an array'));
    expect(() => minMaxScaler(null as never)).toThrow(new ShapeError('xTrain must be a Matrix, got null'));
    expect(() => minMaxScaler(X, { feature_range: [0, 1] } as never)).toThrow(new ValueError('options has an unknown key "feature_range"; the known keys are range'));
  });

  it('refuses a column whose spread overflows float64', () => {
    expect(() => standardScaler(matrix([[-1e308], [1e308]]))).toThrow(/^xTrain's column 0 has a standard deviation beyond float64/);
    expect(() => minMaxScaler(matrix([[-1e308], [1e308]]))).toThrow(/^xTrain's column 0 spans -1e\+308 … 1e\+308, beyond float64/);
  });

  it('names a transform that overflows', () => {
    const s = minMaxScaler(matrix([[0], [1e-300]]));
    expect(() => s.transform(matrix([[1e10]]))).toThrow(/^X\[0\]\[0\] is 10000000000, which transform maps to Infinity/);
  });
});

describe('loadScaler', () => {
  const good = { kind: 'standard', mean: [1, 2], scale: [0.5, 3] };
  it.each([
    ['not an object', 5, 'scaler must be a saved scaler (an object), got 5'],
    ['an unknown kind', { ...good, kind: 'robust' }, 'scaler.kind is "robust", expected "standard" or "minMax"'],
    ['an unknown key', { ...good, var: [1, 1] }, 'scaler has unknown key "var"; a standard scaler has kind, mean, scale'],
    ['a missing key', { kind: 'standard', mean: [1] }, 'scaler.scale is missing'],
    ['a null mean', { ...good, mean: [1, null] }, 'scaler.mean[1] is null, expected a finite number'],
    ['a string scale', { ...good, scale: [1, '2'] }, 'scaler.scale[1] is "2", expected a finite number'],
    ['a zero scale', { ...good, scale: [0, 1] }, 'scaler.scale[0] is 0, but a scale is a finite number > 0'],
    ['lists of two lengths', { ...good, scale: [1] }, 'scaler.scale has 1 entry but the scaler\'s other statistics have 2'],
    ['an empty list', { ...good, mean: [], scale: [] }, 'scaler.mean must be a non-empty array of numbers, got an array'],
    ['min above max', { kind: 'minMax', range: [0, 1], dataMin: [2], dataMax: [1] }, 'scaler.dataMax[0] is 1 but scaler.dataMin[0] is 2: a column\'s max is ≥ its min, and their difference finite'],
    ['a bad range', { kind: 'minMax', range: [1, 1], dataMin: [0], dataMax: [1] }, 'scaler.range is [1, 1], but it must be [min, max]: two finite numbers with min < max'],
    ['invalid JSON', '{"kind": ', /^the saved scaler is not valid JSON/],
    ['a duplicate key', '{"kind": "standard", "mean": [1], "scale": [1], "scale": [2]}', /^the saved scaler is duplicate key "scale"/],
  ])('refuses %s with a FormatError naming the field', (_, saved, message) => {
    expect(() => loadScaler(saved)).toThrow(FormatError);
    expect(() => loadScaler(saved)).toThrow(message);
  });

  it('checks the column count it is told to expect', () => {
    expect(() => loadScaler(good, 3)).toThrow(new FormatError('scaler was fitted on 2 columns, but the expected column count is 3'));
    expect(loadScaler(good, 2).columns).toBe(2);
  });
});
