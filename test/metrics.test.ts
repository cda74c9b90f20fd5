// The metrics of SPEC §5 and §7. Every expected value is either worked by hand in the comment beside it or
// read from test/fixtures/metrics/metrics_reference.json, written by the independent NumPy reference
// test/reference/metrics_reference.py (sklearn's definitions written out; no TypeScript involved).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../src/errors.js';
import { fromArray, Matrix, matrix } from '../src/matrix.js';
import { classIndices, classificationReport, confusionMatrix, f1, precision, recall, type Head } from '../src/metrics/classification.js';
import { mae, r2, rmse } from '../src/metrics/regression.js';
import { expectClose } from './helpers/close.js';

/** A matrix whose dims are known only at run time, as data from a file would be. */
const dyn = (rows: number[][]): Matrix => fromArray(rows.flat(), rows.length, rows[0]!.length);

describe('binary (sigmoid head, K = 1): the scores of class 1', () => {
  // labels 1 0 1 1 0 0; Ŷ 0.9 0.8 0.3 0.5 0.1 0.2 → predictions 1 1 0 0 0 0 (exactly 0.5 is 0)
  // tp = 1 (row 0), fp = 1 (row 1), fn = 2 (rows 2, 3), tn = 2 (rows 4, 5)
  const y = matrix([[1], [0], [1], [1], [0], [0]]);
  const yhat = matrix([[0.9], [0.8], [0.3], [0.5], [0.1], [0.2]]);

  it('precision 1/(1+1), recall 1/(1+2), F1 2·1/(2+1+2), accuracy 3/6', () => {
    expect(precision(y, yhat)).toBe(0.5);
    expect(recall(y, yhat)).toBeCloseTo(1 / 3, 15);
    expect(f1(y, yhat)).toBeCloseTo(2 / 5, 15);
    expect(classificationReport(y, yhat)).toEqual({ task: 'binary', accuracy: 0.5, precision: 0.5, recall: 1 / 3, f1: 2 / 5, confusion: [[2, 1], [2, 1]] });
  });

  it('confusion matrix: rows = true class, columns = predicted class, [[tn, fp], [fn, tp]]', () => {
    expect(confusionMatrix(y, yhat)).toEqual([[2, 1], [2, 1]]);
    expect(confusionMatrix(y, yhat, 'sigmoid')).toEqual([[2, 1], [2, 1]]);
  });

  it('zero denominators give 0, never NaN', () => {
    // no positive label, none predicted: tp = fp = fn = 0 → precision, recall, F1 all 0/0 → 0; accuracy 3/3
    expect(classificationReport(matrix([[0], [0], [0]]), matrix([[0.1], [0.5], [0.2]]))).toEqual({ task: 'binary', accuracy: 1, precision: 0, recall: 0, f1: 0, confusion: [[3, 0], [0, 0]] });
    // positives never predicted: tp = fp = 0 → precision 0/0 → 0; recall 0/2 = 0; F1 0/(0+0+2) = 0
    expect(precision(matrix([[1], [1], [0]]), matrix([[0.2], [0.4], [0.1]]))).toBe(0);
  });

  it('perfect predictions score 1', () => {
    const r = classificationReport(matrix([[1], [0], [1]]), matrix([[0.51], [0.5], [1]]));
    expect([r.accuracy, r.precision, r.recall, r.f1]).toEqual([1, 1, 1, 1]);
  });
});

describe('multi-class (softmax head): macro averages over every class 0…K−1', () => {
  // true classes 0 0 1 1 2 2; argmax of Ŷ 0 1 1 1 0 1 (row 0 ties 0.4/0.4: the first wins). Class 2 is never predicted.
  const y = matrix([[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1]]);
  const yhat = matrix([[0.4, 0.4, 0.2], [0.2, 0.5, 0.3], [0.1, 0.8, 0.1], [0.3, 0.6, 0.1], [0.7, 0.2, 0.1], [0.2, 0.5, 0.3]]);

  it('the confusion matrix puts the true class on the rows', () => {
    expect(confusionMatrix(y, yhat, 'softmax')).toEqual([[1, 1, 0], [0, 2, 0], [1, 1, 0]]);
  });

  it('a class never predicted counts, with precision 0', () => {
    // class 0: tp 1 fp 1 fn 1 → P 1/2, R 1/2, F1 2/4;  class 1: tp 2 fp 2 fn 0 → P 1/2, R 1, F1 4/6;  class 2: tp 0 fp 0 fn 2 → 0, 0, 0
    // macro P = (1/2 + 1/2 + 0)/3 = 1/3 (micro would be 3/6; over the predicted classes only, 1/2)
    // macro R = (1/2 + 1 + 0)/3 = 1/2;  macro F1 = (1/2 + 2/3 + 0)/3 = 7/18 (the harmonic mean of P and R would be 2/5)
    expect(precision(y, yhat, 'softmax')).toBeCloseTo(1 / 3, 15);
    expect(recall(y, yhat, 'softmax')).toBeCloseTo(1 / 2, 15);
    expect(f1(y, yhat, 'softmax')).toBeCloseTo(7 / 18, 15);
    expect(classificationReport(y, yhat, 'softmax').accuracy).toBe(0.5);
  });

  it('a class never present counts, with recall 0', () => {
    // true 0 1 0 1, predicted 0 2 0 1. class 0: P 1 R 1 F1 1; class 1: tp 1 fp 0 fn 1 → P 1, R 1/2, F1 2/3;
    // class 2: tp 0 fp 1 fn 0 → P 0/1 = 0, R 0/0 → 0, F1 0/1 = 0.  Macro P 2/3, R 1/2, F1 (1 + 2/3)/3 = 5/9
    const r = classificationReport(matrix([[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 1, 0]]), matrix([[0.8, 0.1, 0.1], [0.1, 0.3, 0.6], [0.5, 0.2, 0.3], [0.2, 0.7, 0.1]]), 'softmax');
    expect(r.confusion).toEqual([[2, 0, 0], [0, 1, 1], [0, 0, 0]]);
    expect([r.precision, r.recall, r.f1]).toEqual([2 / 3, 1 / 2, 5 / 9].map((v) => expect.closeTo(v, 15)));
  });

  it('a class neither present nor predicted still counts (0 for each score)', () => {
    // K = 3, rows of classes 0 and 1 only, all right: classes 0 and 1 score 1, class 2 scores 0 → macro 2/3
    const r = classificationReport(matrix([[1, 0, 0], [0, 1, 0]]), matrix([[0.9, 0.05, 0.05], [0.1, 0.8, 0.1]]), 'softmax');
    expect([r.accuracy, r.precision, r.recall, r.f1]).toEqual([1, 2 / 3, 2 / 3, 2 / 3]);
  });

  it('perfect predictions score 1', () => {
    const r = classificationReport(matrix([[0, 1], [1, 0]]), matrix([[0.3, 0.7], [0.6, 0.4]]), 'softmax');
    expect(r).toEqual({ task: 'multiclass', accuracy: 1, precision: 1, recall: 1, f1: 1, confusion: [[1, 0], [0, 1]] });
  });
});

describe('multilabel (sigmoid head, K > 1): the mean over the columns of each binary score', () => {
  // column 0: labels 1 0 1 0, predicted 1 0 1 0 → P 1, R 1, F1 1, 4 right
  // column 1: labels 0 1 1 0, predicted 1 0 1 1 → tp 1 fp 2 fn 1 tn 0 → P 1/3, R 1/2, F1 2/5, 1 right
  // macro P (1 + 1/3)/2 = 2/3 (micro: 3/5), R (1 + 1/2)/2 = 3/4, F1 (1 + 2/5)/2 = 7/10; accuracy (4 + 1)/8 entries
  const y = matrix([[1, 0], [0, 1], [1, 1], [0, 0]]);
  const yhat = matrix([[0.9, 0.6], [0.3, 0.4], [0.6, 0.7], [0.1, 0.8]]);

  it('gives macro scores, entry accuracy and one 2×2 [[tn, fp], [fn, tp]] per label', () => {
    const r = classificationReport(y, yhat, 'sigmoid');
    expect(r).toEqual({ task: 'multilabel', accuracy: 5 / 8, precision: expect.closeTo(2 / 3, 15), recall: 3 / 4, f1: expect.closeTo(7 / 10, 15), confusion: [[[2, 0], [0, 2]], [[0, 2], [1, 1]]] });
    expect(precision(y, yhat, 'sigmoid')).toBeCloseTo(2 / 3, 15);
    expect(recall(y, yhat, 'sigmoid')).toBe(3 / 4);
    expect(f1(y, yhat, 'sigmoid')).toBeCloseTo(7 / 10, 15);
  });

  it('is not the multiclass reading of the same matrices', () => {
    // as softmax: true argmax 0 1 0 0 (rows 2 and 3 tie → 0), predicted 0 1 1 1.
    // class 0: tp 1 fn 2 → R 1/3; class 1: tp 1 fn 0 → R 1; macro recall 2/3, where the multilabel reading gives 3/4
    expect(recall(y, yhat, 'softmax')).toBeCloseTo(2 / 3, 15);
  });

  it('has no single K×K confusion matrix', () => {
    expect(() => confusionMatrix(y, yhat, 'sigmoid')).toThrow(/sigmoid head \(multilabel\)/);
  });
});

describe('classIndices', () => {
  it('thresholds K = 1 predictions at > 0.5 and checks K = 1 labels', () => {
    expect([...classIndices(matrix([[0.5], [0.5000001], [0], [1]]), 'predictions')]).toEqual([0, 1, 0, 1]);
    expect([...classIndices(matrix([[0], [1]]), 'labels')]).toEqual([0, 1]);
    expect(() => classIndices(matrix([[0], [0.5]]), 'labels')).toThrow(new ValueError('yTrue[1][0] is 0.5, but a sigmoid class label must be 0 or 1'));
  });

  it('takes the argmax of a K ≥ 2 row, the first on ties', () => {
    expect([...classIndices(matrix([[0.4, 0.4, 0.2], [0.2, 0.4, 0.4], [0, 0, 1]]), 'predictions')]).toEqual([0, 1, 2]);
  });
});

describe('regression: per output, then the uniform average over outputs', () => {
  // errors ŷ − y: column 0 [2, 2], column 1 [0, 0]
  const zero = matrix([[0, 0], [0, 0]]);
  const off = matrix([[2, 0], [2, 0]]);

  it('rmse averages each output’s RMSE: (√4 + √0)/2 = 1, not the global √((4+0+4+0)/4) = √2', () => {
    expect(rmse(zero, off)).toBe(1);
  });

  it('mae: (2 + 0)/2 = 1, which is also the mean over all entries (2+0+2+0)/4', () => {
    expect(mae(zero, off)).toBe(1);
  });

  it('worked example of all three', () => {
    // y = [[1, 10], [2, 20], [3, 30]], ŷ = [[1, 12], [3, 20], [5, 30]] → errors column 0 [0, 1, 2], column 1 [2, 0, 0]
    // mae (3/3 + 2/3)/2 = 5/6; rmse (√(5/3) + √(4/3))/2;
    // r2: column 0 mean 2, SS_tot 2, SS_res 5 → −1.5; column 1 mean 20, SS_tot 200, SS_res 4 → 0.98; mean −0.26
    const y = matrix([[1, 10], [2, 20], [3, 30]]);
    const yhat = matrix([[1, 12], [3, 20], [5, 30]]);
    expect(mae(y, yhat)).toBeCloseTo(5 / 6, 15);
    expect(rmse(y, yhat)).toBeCloseTo((Math.sqrt(5 / 3) + Math.sqrt(4 / 3)) / 2, 15);
    expect(r2(y, yhat)).toBeCloseTo(-0.26, 14);
  });

  it('r2 of a constant output: 1 if SS_res = 0, else 0, even when the rounded mean is off', () => {
    // column 0: labels 0.1 0.1 0.1 (float mean 0.10000000000000002, so SS_tot ≈ 6e-34, not 0), ŷ off by 0.1 → 0
    // column 1: labels 7 7 7, ŷ exact → 1;   column 2: labels 1 2 3, ŷ 1 2 4 → SS_tot 2, SS_res 1 → 1/2
    const y = matrix([[0.1, 7, 1], [0.1, 7, 2], [0.1, 7, 3]]);
    expect(r2(y, matrix([[0.1, 7, 1], [0.2, 7, 2], [0.1, 7, 4]]))).toBeCloseTo((0 + 1 + 0.5) / 3, 15);
    expect(r2(matrix([[5], [5]]), matrix([[5], [5]]))).toBe(1);
    expect(r2(matrix([[5], [5]]), matrix([[5], [6]]))).toBe(0);
    expect(r2(matrix([[3, 4]]), matrix([[3, 5]]))).toBe(0.5); // one row: every output is constant
  });

  it('perfect predictions: mae 0, rmse 0, r2 1', () => {
    const y = matrix([[1, -2], [3, 4], [5, 6]]);
    expect([mae(y, y), rmse(y, y), r2(y, y)]).toEqual([0, 0, 1]);
  });
});

interface ClassCase { name: string; head: Head; y_true: number[][]; y_pred: number[][]; expected: ReturnType<typeof classificationReport> }
interface RegCase { name: string; y_true: number[][]; y_pred: number[][]; expected: { mae: number; rmse: number; r2: number; global_rmse: number } }
const reference = JSON.parse(readFileSync(new URL('fixtures/metrics/metrics_reference.json', import.meta.url), 'utf8')) as { classification: ClassCase[]; regression: RegCase[] };

describe.each(reference.classification)('reference case $name', (c) => {
  it('matches the NumPy reference (sklearn definitions)', () => {
    const [y, yhat] = [dyn(c.y_true), dyn(c.y_pred)];
    const r = classificationReport(y, yhat, c.head);
    const e = c.expected;
    expect([r.task, r.confusion]).toEqual([e.task, e.confusion]);
    expectClose([r.accuracy, r.precision, r.recall, r.f1], [e.accuracy, e.precision, e.recall, e.f1], 1e-12);
    expectClose([precision(y, yhat, c.head), recall(y, yhat, c.head), f1(y, yhat, c.head)], [e.precision, e.recall, e.f1], 1e-12);
  });
});

describe.each(reference.regression)('reference case $name', (c) => {
  it('matches the NumPy reference (sklearn definitions)', () => {
    const [y, yhat] = [dyn(c.y_true), dyn(c.y_pred)];
    expectClose([mae(y, yhat), rmse(y, yhat), r2(y, yhat)], [c.expected.mae, c.expected.rmse, c.expected.r2], 1e-12);
  });
});

it('the reference has a multi-output case whose rmse differs from the global rmse', () => {
  const c = reference.regression.find((x) => x.name === 'reg_random_25x3_scales')!;
  expect(Math.abs(c.expected.rmse - c.expected.global_rmse)).toBeGreaterThan(1);
});

describe('errors', () => {
  it('mismatched shapes: a ShapeError naming both', () => {
    const message = 'yPred is 4×2 but yTrue is 4×3';
    const [y, yhat] = [dyn([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]), dyn([[1, 0], [0, 1], [0, 1], [1, 0]])];
    for (const call of [() => mae(y, yhat), () => rmse(y, yhat), () => r2(y, yhat), () => precision(y, yhat, 'softmax'), () => classificationReport(y, yhat, 'softmax')]) {
      expect(call).toThrow(new ShapeError(message));
    }
  });

  it('zero rows: a ValueError (a Matrix cannot be built with none, so this one is forged)', () => {
    const empty = Object.assign(Object.create(Matrix.prototype) as Matrix, { rows: 0, cols: 1, data: new Float64Array(0) });
    expect(() => mae(empty, empty)).toThrow(ValueError);
    expect(() => recall(empty, empty, 'sigmoid')).toThrow(/no rows/);
  });

  it('non-finite entries: a ValueError with the index', () => {
    const y = dyn([[1], [0]]);
    const bad = new Matrix(2, 1, Float64Array.from([0.3, NaN]));
    expect(() => rmse(y, bad)).toThrow(new ValueError('yPred[1][0] is NaN, expected a finite number'));
    expect(() => f1(bad, y, 'sigmoid')).toThrow(new ValueError('yTrue[1][0] is NaN, expected a finite number'));
  });

  it('a sigmoid label that is not 0 or 1: a ValueError naming the entry', () => {
    expect(() => precision(matrix([[1, 0], [0, 0.7]]), matrix([[1, 0], [0, 1]]), 'sigmoid')).toThrow(new ValueError('yTrue[1][1] is 0.7, but a sigmoid class label must be 0 or 1'));
  });

  it('a missing, unknown or impossible head: a ValueError (and a compile error where the compiler can tell)', () => {
    const y3 = matrix([[1, 0, 0]]);
    // @ts-expect-error K = 3 needs a head
    expect(() => precision(y3, y3)).toThrow(/head is required for K = 3 outputs/);
    expect(() => precision(dyn([[1, 0, 0]]), dyn([[1, 0, 0]]), 'relu' as Head)).toThrow(new ValueError('head is "relu", expected \'sigmoid\' or \'softmax\''));
    // @ts-expect-error softmax needs K ≥ 2
    expect(() => recall(matrix([[1]]), matrix([[1]]), 'softmax')).toThrow(/softmax' needs K ≥ 2/);
  });

  it('a result that overflows float64 is a ValueError, never NaN or Infinity', () => {
    expect(() => rmse(matrix([[1e308]]), matrix([[-1e308]]))).toThrow(/overflows/);
  });

  it('r2 of labels whose squares overflow or underflow is still the right number: 0 for ±1e308 predicted by 0, −Infinity past the largest float64, never NaN', () => {
    expect(r2(matrix([[1e308], [-1e308]]), matrix([[0], [0]]))).toBe(0); // SS_res = SS_tot
    expect(r2(matrix([[3e-160], [-3e-160]]), matrix([[0], [0]]))).toBe(0); // squares underflow to 0 alone
    expect(r2(matrix([[0], [1e-155]]), matrix([[1], [1]]))).toBe(-Infinity); // 1 − ~1e310
    expect(r2(matrix([[1e308], [-1e308], [0]]), matrix([[1e308], [-1e308], [1e307]]))).toBeCloseTo(1 - 1e-2 / 2, 12);
  });
});

describe('r2 is invariant under scaling, through the overflow and underflow paths, on every output', () => {
  // Two outputs with non-zero means (so a wrong mean, or a wrong column, shows). R² is invariant when
  // labels and predictions are scaled together: R²(c·y, c·ŷ) = R²(y, ŷ). At c = 1e300 every square
  // overflows and at c = 1e-170 every square underflows, so both take the scaled path; the plain
  // path at c = 1 is the reference, worked by hand below.
  const y = [[3, -10], [5, -14], [4, -9], [8, -11]];
  const p = [[3.5, -10.5], [4, -13], [5, -9.5], [7.5, -12]];
  // Output 0: mean 5, SS_tot = 4 + 0 + 1 + 9 = 14, SS_res = 0.25 + 1 + 1 + 0.25 = 2.5 → 1 − 2.5/14.
  // Output 1: mean −11, SS_tot = 1 + 9 + 4 + 0 = 14, SS_res = 0.25 + 1 + 0.25 + 1 = 2.5 → 1 − 2.5/14.
  const exact = 1 - 2.5 / 14;
  const scaled = (c: number, m: number[][]) => matrix(m.map((r) => r.map((v) => v * c)) as [number[], ...number[][]]);

  it.each([1, 1e300, 1e-170, 2 ** 600])('at scale %s', (c) => {
    expect(Math.abs(r2(scaled(c, y), scaled(c, p)) - exact)).toBeLessThan(1e-12);
  });

  it('one output in the overflow path and one in the plain path average as they should', () => {
    const mixed = (m: number[][]) => matrix(m.map((r) => [r[0]! * 1e300, r[1]!]) as [number[], ...number[][]]);
    // Output 1 alone, with another fit: SS_res 2.5 → replace it with a perfect fit.
    const perfect = matrix(y.map((r, i) => [p[i]![0]! * 1e300, r[1]!]) as [number[], ...number[][]]);
    expect(Math.abs(r2(mixed(y), perfect) - (exact + 1) / 2)).toBeLessThan(1e-12);
  });

  it('a shape that differs in rows only is refused', () => {
    expect(() => r2(matrix([[1], [2], [3]]), matrix([[1], [2]]))).toThrow(new ShapeError('yPred is 2×1 but yTrue is 3×1'));
    expect(() => mae(matrix([[1], [2], [3]]), matrix([[1], [2]]))).toThrow(ShapeError);
  });

  it('an overflowing mae or rmse names itself', () => {
    expect(() => mae(matrix([[1e308], [-1e308]]), matrix([[-1e308], [1e308]]))).toThrow(/^mae is Infinity/);
    expect(() => rmse(matrix([[1e308]]), matrix([[-1e308]]))).toThrow(/^rmse is Infinity/);
  });
});
