// trainTestSplit, checked by its properties: the parts are disjoint and cover every row, their sizes
// follow ⌈testFraction·n⌉, the rows are the indexed ones, seeds reproduce, and a stratified split keeps
// each class's share (the floor or the ceiling of n_k·t/n) with every class of ≥ 2 rows in both parts.
import { describe, expect, it } from 'vitest';
import { fromArray, type Matrix, oneHot, ShapeError, trainTestSplit, ValueError } from '../src/index.js';

/** X row i is [i, −i] and Y row i is [i·10]: any row of either names the original row. */
function data(n: number): { X: Matrix<number, 2>; Y: Matrix<number, 1> } {
  return { X: fromArray(Array.from({ length: n }, (_, i) => [i, -i]).flat(), n, 2), Y: fromArray(Array.from({ length: n }, (_, i) => i * 10), n, 1) };
}

/** The properties every split has, whatever the options. */
function checkParts(X: Matrix, Y: Matrix, s: ReturnType<typeof trainTestSplit<number, number, number, number>>, nTest: number): void {
  const n = X.rows;
  expect(s.testIndices.length).toBe(nTest);
  expect(s.trainIndices.length).toBe(n - nTest);
  expect([...s.trainIndices, ...s.testIndices].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i)); // disjoint, and covering
  const xs = X.toArray();
  const ys = Y.toArray();
  expect(s.xTrain.toArray()).toEqual(s.trainIndices.map((i) => xs[i]));
  expect(s.yTrain.toArray()).toEqual(s.trainIndices.map((i) => ys[i]));
  expect(s.xTest.toArray()).toEqual(s.testIndices.map((i) => xs[i]));
  expect(s.yTest.toArray()).toEqual(s.testIndices.map((i) => ys[i]));
}

describe('a shuffled split', () => {
  it.each([[2, 0.5], [10, 0.2], [10, 0.25], [7, 0.01], [7, 0.8], [150, 0.2], [1000, 0.333]])('of %i rows with testFraction %d: ⌈f·n⌉ test rows, disjoint, covering, rows as indexed', (n, f) => {
    const { X, Y } = data(n);
    checkParts(X, Y, trainTestSplit(X, Y, { testFraction: f, seed: 3 }), Math.ceil(f * n));
  });

  it('follows scikit-learn to the float: 0.07·100 is 7.000000000000001 in float64, so the test part has 8 rows (Python gives the same)', () => {
    expect(0.07 * 100).toBeGreaterThan(7);
    const { X, Y } = data(100);
    expect(trainTestSplit(X, Y, { testFraction: 0.07 }).testIndices.length).toBe(8);
  });

  it('is the same for the same seed, and the default seed is 0', () => {
    const { X, Y } = data(50);
    const a = trainTestSplit(X, Y, { testFraction: 0.3, seed: 12 });
    expect(trainTestSplit(X, Y, { testFraction: 0.3, seed: 12 }).testIndices).toEqual(a.testIndices);
    expect(trainTestSplit(X, Y, { testFraction: 0.3 }).testIndices).toEqual(trainTestSplit(X, Y, { testFraction: 0.3, seed: 0 }).testIndices);
  });

  it('differs between seeds', () => {
    const { X, Y } = data(50);
    const splits = new Set([0, 1, 2, 3, 4, 5].map((seed) => JSON.stringify(trainTestSplit(X, Y, { testFraction: 0.3, seed }).testIndices)));
    expect(splits.size).toBe(6);
  });

  it('puts each row in the test part with probability testFraction (4000 seeds, 10 rows, 3 for testing)', () => {
    const { X, Y } = data(10);
    const times = new Array<number>(10).fill(0);
    const runs = 4000;
    for (let seed = 0; seed < runs; seed++) for (const i of trainTestSplit(X, Y, { testFraction: 0.3, seed }).testIndices) times[i]! += 1;
    // Binomial(4000, 0.3): standard deviation 29; 5 of them either side.
    for (const t of times) expect(Math.abs(t - 0.3 * runs)).toBeLessThan(5 * Math.sqrt(runs * 0.3 * 0.7));
  });

  it('changes neither X nor Y, and the parts share no storage with them', () => {
    const { X, Y } = data(20);
    const [x0, y0] = [Array.from(X.data), Array.from(Y.data)];
    const s = trainTestSplit(X, Y, { testFraction: 0.5, seed: 1 });
    s.xTrain.data.fill(7);
    s.yTest.data.fill(7);
    expect(Array.from(X.data)).toEqual(x0);
    expect(Array.from(Y.data)).toEqual(y0);
  });
});

describe('shuffle: false', () => {
  it('takes the last ⌈f·n⌉ rows for testing, in order, as scikit-learn', () => {
    const { X, Y } = data(10);
    const s = trainTestSplit(X, Y, { testFraction: 0.25, shuffle: false });
    expect(s.trainIndices).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(s.testIndices).toEqual([7, 8, 9]);
    checkParts(X, Y, s, 3);
  });
});

describe('a stratified split', () => {
  /** Rows of class c for each c, in blocks: [0, 0, …, 1, 1, …]. */
  const labels = (sizes: number[]) => sizes.flatMap((nk, c) => new Array<number>(nk).fill(c));
  const shares = (classes: number[], idx: number[], k: number) => Array.from({ length: k }, (_, c) => idx.filter((i) => classes[i] === c).length);

  it.each([
    [[50, 50, 50], 0.2],
    [[40, 35, 25], 0.2],
    [[60, 30, 10], 0.25],
    [[7, 5, 3], 0.3],
    [[33, 33, 34], 0.1],
    [[500, 120, 37, 9], 0.15],
  ])('of class sizes %j with testFraction %d: each class has ⌊n_k·t/n⌋ or ⌈n_k·t/n⌉ test rows, and the rest train', (sizes, f) => {
    const classes = labels(sizes);
    const n = classes.length;
    const { X } = data(n);
    const Y = oneHot(classes, sizes.length);
    for (const seed of [0, 1, 2]) {
      const s = trainTestSplit(X, Y, { testFraction: f, seed, stratify: true });
      const t = Math.ceil(f * n);
      checkParts(X, Y, s, t);
      const test = shares(classes, s.testIndices, sizes.length);
      test.forEach((tk, c) => {
        const q = (sizes[c]! * t) / n;
        expect(tk === Math.floor(q) || tk === Math.ceil(q)).toBe(true);
        expect(tk).toBeGreaterThanOrEqual(1);
        expect(tk).toBeLessThanOrEqual(sizes[c]! - 1);
      });
    }
  });

  it('gives iris-like data exactly 10 test rows of each of 3 classes of 50 (testFraction 0.2)', () => {
    const classes = labels([50, 50, 50]);
    const { X } = data(150);
    const s = trainTestSplit(X, oneHot(classes, 3), { testFraction: 0.2, seed: 5, stratify: true });
    expect(shares(classes, s.testIndices, 3)).toEqual([10, 10, 10]);
    expect(shares(classes, s.trainIndices, 3)).toEqual([40, 40, 40]);
  });

  it('keeps a rare class in both parts where rounding alone would leave it out of the test part', () => {
    // 97 + 3 rows, 10 for testing: the rare class's share is 0.3 of a row; largest-remainder rounding gives it 0.
    const classes = labels([97, 3]);
    const { X } = data(100);
    for (const seed of [0, 1, 2, 3]) {
      const s = trainTestSplit(X, oneHot(classes, 2), { testFraction: 0.1, seed, stratify: true });
      expect(shares(classes, s.testIndices, 2)).toEqual([9, 1]);
      expect(shares(classes, s.trainIndices, 2)).toEqual([88, 2]);
    }
  });

  it('puts a class of 1 row in the training part', () => {
    const classes = [...labels([10, 10]), 2];
    const { X } = data(21);
    const s = trainTestSplit(X, oneHot(classes, 3), { testFraction: 0.3, seed: 1, stratify: true });
    expect(s.trainIndices).toContain(20);
    const [t0, t1, t2] = shares(classes, s.testIndices, 3);
    expect(s.testIndices.length).toBe(7); // ⌈0.3·21⌉; shares 3.33, 3.33 and 0.33 of a row
    expect([t0, t1].sort()).toEqual([3, 4]);
    expect(t2).toBe(0);
  });

  it('reads a one-column Y as the sigmoid head does (> 0.5 is class 1), soft labels included', () => {
    const n = 40;
    const values = Array.from({ length: n }, (_, i) => (i < 30 ? (i % 2 ? 0 : 0.5) : i % 2 ? 1 : 0.9)); // 30 of class 0 (0.5 → 0), 10 of class 1
    const Y = fromArray(values, n, 1);
    const s = trainTestSplit(data(n).X, Y, { testFraction: 0.2, seed: 4, stratify: true });
    const cls = values.map((v) => (v > 0.5 ? 1 : 0));
    expect(shares(cls, s.testIndices, 2)).toEqual([6, 2]);
  });

  it('takes explicit classes, one per row, whatever their numbers', () => {
    const classes = [...new Array<number>(12).fill(7), ...new Array<number>(8).fill(1000)];
    const { X, Y } = data(20);
    const s = trainTestSplit(X, Y, { testFraction: 0.25, seed: 2, stratify: classes });
    expect(s.testIndices.filter((i) => classes[i] === 7).length).toBe(3);
    expect(s.testIndices.filter((i) => classes[i] === 1000).length).toBe(2);
  });

  it('is reproducible by seed and differs between seeds', () => {
    const classes = labels([30, 20]);
    const { X } = data(50);
    const Y = oneHot(classes, 2);
    const a = trainTestSplit(X, Y, { testFraction: 0.2, seed: 9, stratify: true });
    expect(trainTestSplit(X, Y, { testFraction: 0.2, seed: 9, stratify: true }).trainIndices).toEqual(a.trainIndices);
    expect(trainTestSplit(X, Y, { testFraction: 0.2, seed: 10, stratify: true }).testIndices).not.toEqual(a.testIndices);
  });

  it('mixes the classes within each part (the parts are shuffled, not in class blocks)', () => {
    const classes = labels([50, 50]);
    const s = trainTestSplit(data(100).X, oneHot(classes, 2), { testFraction: 0.2, seed: 1, stratify: true });
    const trainClasses = s.trainIndices.map((i) => classes[i]);
    const changes = trainClasses.filter((c, i) => i > 0 && c !== trainClasses[i - 1]).length;
    expect(changes).toBeGreaterThan(10);
  });
});

describe('bad input is a named error, and changes nothing', () => {
  const { X, Y } = data(10);
  const cases: [string, () => unknown, Error][] = [
    ['rows differ', () => trainTestSplit(X, data(9).Y as never, { testFraction: 0.2 }), new ShapeError('X has 10 rows but Y has 9: a split takes the same rows of each')],
    ['testFraction 0', () => trainTestSplit(X, Y, { testFraction: 0 }), new ValueError('testFraction is 0, but it must be a number in (0, 1), the share of rows held out for testing')],
    ['testFraction 1', () => trainTestSplit(X, Y, { testFraction: 1 }), new ValueError('testFraction is 1, but it must be a number in (0, 1), the share of rows held out for testing')],
    ['testFraction NaN', () => trainTestSplit(X, Y, { testFraction: NaN }), new ValueError('testFraction is NaN, but it must be a number in (0, 1), the share of rows held out for testing')],
    ['testFraction "0.2"', () => trainTestSplit(X, Y, { testFraction: '0.2' as never }), new ValueError('testFraction is "0.2", but it must be a number in (0, 1), the share of rows held out for testing')],
    ['an empty training part', () => trainTestSplit(X, Y, { testFraction: 0.95 }), new ValueError('testFraction 0.95 of 10 rows gives 10 test rows and 0 training rows, but each part needs at least 1 row')],
    ['one row', () => trainTestSplit(data(1).X, data(1).Y, { testFraction: 0.5 }), new ValueError('testFraction 0.5 of 1 row gives 1 test rows and 0 training rows, but each part needs at least 1 row')],
    ['a seed without shuffle', () => trainTestSplit(X, Y, { testFraction: 0.2, shuffle: false, seed: 1 }), new ValueError('seed has no effect with shuffle: false (the test part is the last rows, in order); drop one of them')],
    ['stratify without shuffle', () => trainTestSplit(X, Y, { testFraction: 0.2, shuffle: false, stratify: true }), new ValueError('stratify needs shuffle: true (scikit-learn refuses the same), since a stratified split draws rows from each class')],
    ['a fractional seed', () => trainTestSplit(X, Y, { testFraction: 0.2, seed: 0.5 as number }), new ValueError('seed is 0.5, but it must be an integer in [0, 4294967295]')],
    ['an unknown key', () => trainTestSplit(X, Y, { testFraction: 0.2, test_size: 0.2 } as never), new ValueError('options has an unknown key "test_size"; the known keys are testFraction, seed, shuffle, stratify, names')],
    ['no options', () => trainTestSplit(X, Y, undefined as never), new ValueError('trainTestSplit needs options with testFraction, e.g. { testFraction: 0.2 }')],
    ['the same name twice', () => trainTestSplit(X, Y, { testFraction: 0.2, names: ['a', 'a'] }), new ValueError('names is an array, but it must be two different non-empty names, e.g. [\'train\', \'test\']')],
    ['too few test rows for the classes', () => trainTestSplit(data(6).X, oneHot([0, 0, 1, 1, 2, 2], 3), { testFraction: 0.1, stratify: true }), new ValueError('a stratified split needs at least 1 test row for each of the 3 classes with 2 or more rows, but the test part has 1 row; raise testFraction')],
    ['too few training rows for the classes', () => trainTestSplit(data(6).X, oneHot([0, 0, 1, 1, 2, 2], 3), { testFraction: 0.8, stratify: true }), new ValueError('a stratified split needs at least 1 training row for each of the 3 classes, but the training part has 1 row; lower testFraction')],
    ['classes of the wrong length', () => trainTestSplit(X, Y, { testFraction: 0.2, stratify: [0, 1] }), new ValueError('stratify lists 2 class indices but X and Y have 10 rows: give one class per row')],
    ['a class that is not an integer', () => trainTestSplit(X, Y, { testFraction: 0.2, stratify: [0, 1, 0, 1, 0, 1, 0, 1, 0.5, 1] }), new ValueError('stratify[8] is 0.5, but a class is a non-negative integer')],
    ['not a Matrix', () => trainTestSplit([[1]] as never, Y, { testFraction: 0.2 }), new ShapeError('X must be a Matrix, got an array')],
  ];
  it.each(cases)('%s', (_, act, error) => {
    const [x0, y0] = [Array.from(X.data), Array.from(Y.data)];
    expect(act).toThrow(error);
    expect(Array.from(X.data)).toEqual(x0);
    expect(Array.from(Y.data)).toEqual(y0);
  });

  it('a NaN label when stratifying by Y', () => {
    const bad = fromArray([0, 1, 0, 1], 4, 1);
    bad.data[2] = NaN;
    expect(() => trainTestSplit(data(4).X, bad, { testFraction: 0.5, stratify: true })).toThrow(new ValueError('Y[2][0] is NaN, expected a finite number'));
  });
});
