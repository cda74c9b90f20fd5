// A seeded train/test split of X and Y together, stratified by class on request.
import type { Dim, RowsCheck, SeedCheck } from '../../types/index.js';
import { checkSeed } from '../checks.js';
import { ShapeError, ValueError } from '../errors.js';
import { checkMatrix, type Matrix } from '../matrix.js';
import { mulberry32 } from '../random.js';
import { checkFinite, checkKeys, count, describe, keysOf } from '../validate.js';
import { takeRows } from './rows.js';
import { classesOf, testCounts } from './stratify.js';

/** Options of {@link trainTestSplit}. */
export interface SplitOptions<Train extends string = 'train', Test extends string = 'test'> {
  /** The share of rows held out for testing, in (0, 1): the test part has ⌈testFraction·n⌉ rows, as scikit-learn. */
  readonly testFraction: number;
  /** The mulberry32 seed of the shuffle (default 0): the same seed gives the same split. Not with `shuffle: false`. */
  readonly seed?: number;
  /** Shuffle before splitting (default true); `false` takes the last rows for testing, in order. */
  readonly shuffle?: boolean;
  /** Keep each class's share in both parts: `true` reads the classes from Y, or give one class index per row. */
  readonly stratify?: boolean | readonly number[];
  /** The names of the two parts' row dims (default ['train', 'test']): a second split of the training part can take ['fit', 'val']. */
  readonly names?: readonly [train: Train, test: Test];
}

/** What {@link trainTestSplit} returns: X and Y in two parts, each with its own named row dim, and the original row indices of each part. */
export interface Split<XC extends number, YC extends number, Train extends string = 'train', Test extends string = 'test'> {
  readonly xTrain: Matrix<Dim<Train>, XC>;
  readonly yTrain: Matrix<Dim<Train>, YC>;
  readonly xTest: Matrix<Dim<Test>, XC>;
  readonly yTest: Matrix<Dim<Test>, YC>;
  /** Row i of xTrain and yTrain is row trainIndices[i] of X and Y. */
  readonly trainIndices: number[];
  /** Row i of xTest and yTest is row testIndices[i] of X and Y. */
  readonly testIndices: number[];
}

const KEYS = keysOf<SplitOptions>()('testFraction', 'seed', 'shuffle', 'stratify', 'names');

/** The seed used when none is given. */
export const DEFAULT_SPLIT_SEED = 0;

/**
 * Splits the rows of X and Y (the same rows of each) into a training and a test part, as
 * scikit-learn's `train_test_split`
 * (https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.train_test_split.html):
 * the test part has ⌈testFraction·n⌉ rows and the training part the rest. With `shuffle` (the
 * default) the rows are drawn by a Fisher-Yates shuffle seeded with mulberry32(seed) (default seed
 * 0), so the same seed gives the same split on every platform; without it the test part is the
 * last rows. The parts' rows are typed `Dim<'train'>` and `Dim<'test'>`, so `net.fit(xTrain, yTrain)`
 * compiles and `net.fit(xTrain, yTest)` does not.
 *
 * `stratify` keeps each class's share of the rows in both parts: the classes come from Y (a
 * one-column Y thresholded at 0.5 like the sigmoid head, a wider one by each row's argmax) or from
 * a list of one class index per row. With t test rows, class k (n_k rows) should have
 * q_k = n_k·t/n of them: every class of at least 2 rows first gets 1 (a class of 1 row stays in
 * training), then the remaining test rows go one at a time to the class furthest below its share,
 * never taking a class's last training row, ties broken in a seeded order. Unbounded, that is the
 * largest-remainder rounding of scikit-learn's StratifiedShuffleSplit (each class ⌊q_k⌋ or ⌈q_k⌉,
 * https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.StratifiedShuffleSplit.html);
 * the bounds make every class of 2 or more rows appear in both parts. Within a class, the test rows
 * are drawn by a seeded shuffle, and each part is shuffled at the end so the classes are mixed.
 *
 * X and Y are not changed; the parts are copies.
 *
 * @throws {ShapeError} X and Y with different row counts, or either not a Matrix.
 * @throws {ValueError} testFraction not in (0, 1), a part that would be empty (naming both sizes),
 * a bad seed, a seed or stratify with `shuffle: false`, a non-finite entry of Y when stratifying,
 * a split that cannot put every class in both parts, or an unknown option.
 *
 * @example
 * ```ts
 * const { xTrain, yTrain, xTest, yTest } = trainTestSplit(X, Y, { testFraction: 0.2, seed: 1, stratify: true });
 * net.fit(xTrain, yTrain, { lr: 0.01, epochs: 100, validation: [xTest, yTest] }); // ✓
 * net.fit(xTrain, yTest, { lr: 0.01, epochs: 100 }); // compile error: "Y has test rows but X has train"
 * ```
 */
export function trainTestSplit<R extends number, XC extends number, YR extends number, YC extends number, const Seed extends number = number, const Train extends string = 'train', const Test extends string = 'test'>(
  x: Matrix<R, XC>,
  y: Matrix<YR, YC> & RowsCheck<'Y', YR, R>,
  options: SplitOptions<Train, Test> & { readonly seed?: Seed & SeedCheck<Seed> },
): Split<XC, YC, Train, Test> {
  checkKeys(options, KEYS);
  if (options === undefined) throw new ValueError('trainTestSplit needs options with testFraction, e.g. { testFraction: 0.2 }');
  checkMatrix(x, 'X');
  checkMatrix(y, 'Y');
  const n = x.rows;
  if ((y.rows as number) !== n) throw new ShapeError(`X has ${count(n, 'row')} but Y has ${y.rows}: a split takes the same rows of each`);
  const { testFraction: f, shuffle = true, stratify = false } = options;
  const names: unknown = options.names ?? ['train', 'test'];
  if (typeof f !== 'number' || !(f > 0 && f < 1)) throw new ValueError(`testFraction is ${describe(f)}, but it must be a number in (0, 1), the share of rows held out for testing`);
  if (typeof shuffle !== 'boolean') throw new ValueError(`shuffle is ${describe(shuffle)}, expected true or false`);
  if (typeof stratify !== 'boolean' && !Array.isArray(stratify)) throw new ValueError(`stratify is ${describe(stratify)}, expected true, false or one class index per row`);
  if (!Array.isArray(names) || names.length !== 2 || names.some((s: unknown) => typeof s !== 'string' || s === '') || names[0] === names[1]) {
    throw new ValueError(`names is ${describe(names)}, but it must be two different non-empty names, e.g. ['train', 'test']`);
  }
  if (!shuffle && options.seed !== undefined) throw new ValueError('seed has no effect with shuffle: false (the test part is the last rows, in order); drop one of them');
  if (!shuffle && stratify !== false) throw new ValueError('stratify needs shuffle: true (scikit-learn refuses the same), since a stratified split draws rows from each class');
  const seed = options.seed ?? DEFAULT_SPLIT_SEED;
  checkSeed(seed);
  const nTest = Math.ceil(f * n);
  const nTrain = n - nTest;
  if (nTrain < 1) throw new ValueError(`testFraction ${f} of ${count(n, 'row')} gives ${nTest} test rows and ${nTrain} training rows, but each part needs at least 1 row`);

  let train: number[];
  let test: number[];
  if (!shuffle) {
    train = Array.from({ length: nTrain }, (_, i) => i);
    test = Array.from({ length: nTest }, (_, i) => nTrain + i);
  } else {
    const uniform = mulberry32(seed);
    if (stratify === false) {
      const order = permutation(n, uniform);
      test = order.slice(0, nTest);
      train = order.slice(nTest);
    } else {
      if (stratify === true) checkFinite(y.data, y.cols, 'Y');
      ({ train, test } = stratified(classesOf(y, stratify === true ? undefined : stratify), nTest, uniform));
    }
  }
  return {
    xTrain: takeRows(x, train) as Matrix<number, XC> as Matrix<Dim<Train>, XC>,
    yTrain: takeRows(y as Matrix<number, YC>, train) as Matrix<Dim<Train>, YC>,
    xTest: takeRows(x, test) as Matrix<number, XC> as Matrix<Dim<Test>, XC>,
    yTest: takeRows(y as Matrix<number, YC>, test) as Matrix<Dim<Test>, YC>,
    trainIndices: train,
    testIndices: test,
  };
}

/** 0 … n−1 in a seeded Fisher-Yates order (each of the n! orders equally likely). */
function permutation(n: number, uniform: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, uniform);
  return order;
}

function shuffleInPlace(list: number[], uniform: () => number): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
}

/**
 * The stratified draw: the classes' test counts (testCounts, ties in a seeded order), then each
 * class's rows shuffled and its first t_k taken for testing; finally each part shuffled, as
 * StratifiedShuffleSplit does, so the classes are mixed.
 */
function stratified(classes: readonly number[], nTest: number, uniform: () => number): { train: number[]; test: number[] } {
  const ids = [...new Set(classes)].sort((a, b) => a - b); // the classes present, in order
  const index = new Map(ids.map((c, k) => [c, k]));
  const k = ids.length;
  const members: number[][] = Array.from({ length: k }, () => []);
  classes.forEach((c, i) => members[index.get(c)!]!.push(i));
  const counts = testCounts(members.map((m) => m.length), nTest, permutation(k, uniform));
  const train: number[] = [];
  const test: number[] = [];
  members.forEach((rows, c) => {
    shuffleInPlace(rows, uniform);
    test.push(...rows.slice(0, counts[c]));
    train.push(...rows.slice(counts[c]));
  });
  shuffleInPlace(train, uniform);
  shuffleInPlace(test, uniform);
  return { train, test };
}
