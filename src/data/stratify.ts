// The stratified part of trainTestSplit: each row's class, and how many rows of each class go to test.
import { ValueError } from '../errors.js';
import { binaryClass } from '../heads/sigmoid.js';
import { argmaxRow } from '../heads/softmax.js';
import type { Matrix } from '../matrix.js';
import { count, describe } from '../validate.js';

/**
 * Each row's class, read from Y the way the heads read it: a one-column Y is thresholded like the
 * sigmoid head's `binaryClass` (> 0.5 → 1, else 0); a wider one gives each row's argmax (a one-hot
 * or softmax row; the first on ties). Or the classes given explicitly, one non-negative integer per row.
 *
 * @throws {ValueError} explicit classes of the wrong length, or an entry that is not a non-negative integer.
 */
export function classesOf(y: Matrix, given: readonly number[] | undefined): number[] {
  if (given === undefined) {
    return Array.from({ length: y.rows }, (_, i) => (y.cols === 1 ? binaryClass(y.data[i]!) : argmaxRow(y.data, i * y.cols, y.cols)));
  }
  if (given.length !== y.rows) throw new ValueError(`stratify lists ${given.length} class ${given.length === 1 ? 'index' : 'indices'} but X and Y have ${count(y.rows, 'row')}: give one class per row`);
  const list: readonly unknown[] = given;
  list.forEach((c, i) => {
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) throw new ValueError(`stratify[${i}] is ${describe(c)}, but a class is a non-negative integer`);
  });
  return [...given];
}

/**
 * How many rows of each class go to the test part, given the class sizes n_k (summing to n) and
 * the test size t. Each class's share of the test part is q_k = n_k·t/n. Every class of ≥ 2 rows
 * starts with 1 test row (so it is in both parts), a class of 1 row with none (it stays in
 * training); then the remaining test rows go one at a time to the class furthest below its share
 * (largest q_k − t_k), never beyond n_k − 1, ties broken in the seeded random order `tieOrder`.
 * Without the bounds this is largest-remainder rounding of the shares (each t_k is ⌊q_k⌋ or
 * ⌈q_k⌉), what scikit-learn's StratifiedShuffleSplit does through `_approximate_mode`
 * (https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.StratifiedShuffleSplit.html),
 * which also breaks ties at random; the bounds add the guarantee that it lacks.
 *
 * @throws {ValueError} when t leaves a class of ≥ 2 rows out of a part: fewer test rows than such
 * classes, or fewer training rows than classes.
 */
export function testCounts(sizes: readonly number[], testSize: number, tieOrder: readonly number[]): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const t = sizes.map((nk): number => (nk >= 2 ? 1 : 0));
  const shared = t.reduce((a, b) => a + b, 0);
  const present = sizes.filter((nk) => nk > 0).length;
  if (testSize < shared) {
    throw new ValueError(`a stratified split needs at least 1 test row for each of the ${shared} classes with 2 or more rows, but the test part has ${count(testSize, 'row')}; raise testFraction`);
  }
  if (n - testSize < present) {
    throw new ValueError(`a stratified split needs at least 1 training row for each of the ${present} classes, but the training part has ${count(n - testSize, 'row')}; lower testFraction`);
  }
  const rank = new Array<number>(sizes.length);
  tieOrder.forEach((k, r) => (rank[k] = r));
  for (let left = testSize - shared; left > 0; left--) {
    let best = -1;
    let bestGap = -Infinity;
    for (let k = 0; k < sizes.length; k++) {
      if (t[k]! >= sizes[k]! - 1) continue; // a class keeps at least 1 training row
      const gap = (sizes[k]! * testSize) / n - t[k]!;
      if (gap > bestGap || (gap === bestGap && rank[k]! < rank[best]!)) {
        best = k;
        bestGap = gap;
      }
    }
    t[best]! += 1;
  }
  return t;
}
