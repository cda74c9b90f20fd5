// Classification metrics, each computed over all N rows at once. An N×K matrix cannot tell a sigmoid head
// from a softmax head, so the `head` argument fixes the task:
//   sigmoid, K = 1  binary      scores of the positive class 1 (sklearn average='binary', pos_label=1)
//   sigmoid, K > 1  multilabel  each column an independent 0/1 label; the mean over the K columns of each
//                               column's binary score (sklearn average='macro' on a multilabel indicator)
//   softmax, K ≥ 2  multiclass  one class per row, its argmax; the macro mean over EVERY class 0…K−1,
//                               predicted or not (sklearn average='macro' with labels=range(K))
// Either way a score is the mean over the K output columns of a one-vs-rest binary score, read off a 2×2
// confusion [[tn, fp], [fn, tp]] per column. A zero denominator gives 0 (sklearn's zero_division default).
import { ValueError } from '../errors.js';
import type { Matrix } from '../matrix.js';
import { binaryClass } from '../heads/sigmoid.js';
import { argmaxRow } from '../heads/softmax.js';
import { checkFinite, count, describe, shapeText } from '../validate.js';
import { checkPair } from './regression.js';

/** The output head that produced the matrices; it decides how a row becomes classes (see above). */
export type Head = 'sigmoid' | 'softmax';
/** The `head` argument: optional (then 'sigmoid') only when the compiler knows K = 1, required otherwise. */
export type HeadArg<K extends number> = K extends 1 ? [head?: 'sigmoid'] : [head: Head];
/** What {@link classificationReport} returns: the scores, and a K×K (binary 2×2) confusion or one 2×2 per label. */
export type ClassificationReport = { accuracy: number; precision: number; recall: number; f1: number } &
  ({ task: 'binary' | 'multiclass'; confusion: number[][] } | { task: 'multilabel'; confusion: number[][][] });
type Task = ClassificationReport['task'];
type Role = 'labels' | 'predictions';
type Tally = { task: Task; n: number; table: number[][] | undefined; perColumn: number[][][] };

/** The task the head and K make; a missing head with K > 1, an unknown head, or softmax with K = 1 is a ValueError. */
function taskOf(yTrue: Matrix, head: Head | undefined): Task {
  const k = yTrue.cols;
  if (head === undefined && k === 1) return 'binary';
  if (head === undefined) throw new ValueError(`head is required for K = ${count(k, 'output')} (yTrue is ${shapeText(yTrue.rows, k)}): 'sigmoid' (multilabel) or 'softmax' (multiclass)`);
  if (head !== 'sigmoid' && head !== 'softmax') throw new ValueError(`head is ${describe(head)}, expected 'sigmoid' or 'softmax'`);
  if (head === 'softmax' && k === 1) throw new ValueError(`head 'softmax' needs K ≥ 2 outputs, but yTrue is ${shapeText(yTrue.rows, k)}`);
  return head === 'softmax' ? 'multiclass' : k === 1 ? 'binary' : 'multilabel';
}

/** Column j as 0/1 classes: a label must be exactly 0 or 1; a prediction is 1 when > 0.5 (exactly 0.5 → 0). */
function binaryColumn(m: Matrix, j: number, role: Role): Int32Array {
  const out = new Int32Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    const v = m.data[i * m.cols + j]!;
    if (role === 'labels' && v !== 0 && v !== 1) throw new ValueError(`yTrue[${i}][${j}] is ${describe(v)}, but a sigmoid class label must be 0 or 1`);
    out[i] = role === 'labels' ? v : binaryClass(v);
  }
  return out;
}

/**
 * The class of each row of an N×K label or prediction matrix. K = 1 (sigmoid): labels must be exactly 0 or 1,
 * predictions are 1 when > 0.5 (exactly 0.5 → 0). K ≥ 2: the row's argmax, the first on ties.
 *
 * @throws {ValueError} naming an entry (of `yTrue` for labels, `yPred` for predictions) that is not finite, or a K = 1 label not 0 or 1.
 *
 * @example
 * ```ts
 * classIndices(matrix([[0.5], [0.7]]), 'predictions');       // Int32Array [0, 1]
 * classIndices(matrix([[0.4, 0.4, 0.2], [0, 0, 1]]), 'labels'); // Int32Array [0, 2]
 * ```
 */
export function classIndices(m: Matrix, role: Role): Int32Array {
  checkFinite(m.data, m.cols, role === 'labels' ? 'yTrue' : 'yPred');
  if (m.cols === 1) return binaryColumn(m, 0, role);
  const out = new Int32Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = argmaxRow(m.data, i * m.cols, m.cols);
  return out;
}

/** counts[t][p] = the number of rows of true class t predicted as p, over classes 0…k−1. */
function countPairs(t: Int32Array, p: Int32Array, k: number): number[][] {
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < t.length; i++) counts[t[i]!]![p[i]!]! += 1;
  return counts;
}

/** Column j as 0/1 indicators: the column itself for sigmoid; "the row's class is j" for softmax (`classes` given). */
function indicator(m: Matrix, j: number, role: Role, classes: Int32Array | undefined): Int32Array {
  return classes === undefined ? binaryColumn(m, j, role) : classes.map((c) => (c === j ? 1 : 0));
}

/** Checks the inputs, then counts: one 2×2 [[tn, fp], [fn, tp]] per output column, and the K×K (or binary 2×2) table. */
function tally(yTrue: Matrix, yPred: Matrix, head: Head | undefined): Tally {
  checkPair(yTrue, yPred);
  const task = taskOf(yTrue, head);
  const t = task === 'multiclass' ? classIndices(yTrue, 'labels') : undefined;
  const p = task === 'multiclass' ? classIndices(yPred, 'predictions') : undefined;
  const perColumn = Array.from({ length: yTrue.cols }, (_, j) => countPairs(indicator(yTrue, j, 'labels', t), indicator(yPred, j, 'predictions', p), 2));
  const table = t !== undefined && p !== undefined ? countPairs(t, p, yTrue.cols) : task === 'binary' ? perColumn[0] : undefined;
  return { task, n: yTrue.rows, table, perColumn };
}

/** The mean over the columns' 2×2 confusions [[tn, fp], [fn, tp]] of `score(tp, fp, fn)`; a zero denominator scores 0. */
function macro(t: Tally, score: (tp: number, fp: number, fn: number) => [num: number, den: number]): number {
  const ratio = ([num, den]: [number, number]): number => (den === 0 ? 0 : num / den);
  return t.perColumn.reduce((s, c) => s + ratio(score(c[1]![1]!, c[0]![1]!, c[1]![0]!)), 0) / t.perColumn.length;
}
const precisionOf = (t: Tally): number => macro(t, (tp, fp) => [tp, tp + fp]);
const recallOf = (t: Tally): number => macro(t, (tp, _fp, fn) => [tp, tp + fn]);
const f1Of = (t: Tally): number => macro(t, (tp, fp, fn) => [2 * tp, 2 * tp + fp + fn]);
/** Rows right (binary, multiclass: the trace over N), or entries right (multilabel: Σ (tn + tp) over N·K). */
function accuracyOf(t: Tally): number {
  if (t.table !== undefined) return t.table.reduce((s, row, j) => s + row[j]!, 0) / t.n;
  return t.perColumn.reduce((s, c) => s + c[0]![0]! + c[1]![1]!, 0) / (t.n * t.perColumn.length);
}

/**
 * The confusion matrix, rows = true class, columns = predicted class: K×K for softmax, 2×2 over classes
 * 0 and 1 for a K = 1 sigmoid head. `yTrue`, `yPred`: N×K. As sklearn `confusion_matrix(…, labels=range(K))`:
 * https://scikit-learn.org/stable/modules/generated/sklearn.metrics.confusion_matrix.html
 *
 * @throws {ShapeError} if the shapes differ, e.g. `yPred is 4×2 but yTrue is 4×3`.
 * @throws {ValueError} for no rows, a non-finite entry or a sigmoid label not 0/1 (named), a missing or bad
 * head, or a multilabel head (sigmoid, K > 1: see {@link classificationReport}).
 *
 * @example
 * ```ts
 * confusionMatrix(matrix([[1], [0], [1]]), matrix([[0.9], [0.8], [0.5]]));                 // [[0, 1], [1, 1]]
 * confusionMatrix(matrix([[1, 0], [0, 1]]), matrix([[0.3, 0.7], [0.4, 0.6]]), 'softmax'); // [[0, 1], [0, 1]]
 * ```
 */
export function confusionMatrix<K extends number>(yTrue: Matrix<number, K>, yPred: Matrix<number, K>, ...head: HeadArg<K>): number[][] {
  const { table } = tally(yTrue, yPred, head[0]);
  if (table === undefined) throw new ValueError(`confusionMatrix needs one class per row, but yTrue is ${shapeText(yTrue.rows, yTrue.cols)} under a sigmoid head (multilabel)`);
  return table;
}

/**
 * Precision tp / (tp + fp), 0 if tp + fp = 0; for K > 1 the macro mean over the K columns (top of file).
 * Shapes, `head`, errors as {@link confusionMatrix}, multilabel allowed. As sklearn `precision_score(…,
 * average='binary' | 'macro', zero_division=0)`: https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_score.html
 *
 * @example
 * ```ts
 * precision(matrix([[1], [0], [1]]), matrix([[0.9], [0.8], [0.5]])); // tp 1, fp 1: 0.5
 * ```
 */
export function precision<K extends number>(yTrue: Matrix<number, K>, yPred: Matrix<number, K>, ...head: HeadArg<K>): number {
  return precisionOf(tally(yTrue, yPred, head[0]));
}

/**
 * Recall tp / (tp + fn), 0 if tp + fn = 0; for K > 1 the macro mean over the K columns. Shapes, `head`,
 * errors as {@link precision}. As sklearn `recall_score`: https://scikit-learn.org/stable/modules/generated/sklearn.metrics.recall_score.html
 *
 * @example
 * ```ts
 * recall(matrix([[1], [0], [1]]), matrix([[0.9], [0.8], [0.5]])); // tp 1, fn 1: 0.5
 * ```
 */
export function recall<K extends number>(yTrue: Matrix<number, K>, yPred: Matrix<number, K>, ...head: HeadArg<K>): number {
  return recallOf(tally(yTrue, yPred, head[0]));
}

/**
 * F1 = 2·tp / (2·tp + fp + fn), 0 if that denominator is 0; for K > 1 the mean over the K columns of each
 * column's F1, not the harmonic mean of macro precision and recall. Shapes, `head`, errors as {@link precision}.
 * As sklearn `f1_score`: https://scikit-learn.org/stable/modules/generated/sklearn.metrics.f1_score.html
 *
 * @example
 * ```ts
 * f1(matrix([[1], [0], [1]]), matrix([[0.9], [0.8], [0.5]])); // 2·1 / (2 + 1 + 1) = 0.5
 * ```
 */
export function f1<K extends number>(yTrue: Matrix<number, K>, yPred: Matrix<number, K>, ...head: HeadArg<K>): number {
  return f1Of(tally(yTrue, yPred, head[0]));
}

/**
 * Every classification metric over all rows at once: `task`; `accuracy` (the fraction of rows right, or of
 * entries right for multilabel, as the library's `accuracy`; sklearn's `accuracy_score` would count whole
 * rows); `precision`, `recall`, `f1` as above; `confusion`: the {@link confusionMatrix}, or for multilabel one
 * 2×2 [[tn, fp], [fn, tp]] per label (sklearn `multilabel_confusion_matrix`). Errors as {@link precision}.
 *
 * @example
 * ```ts
 * classificationReport(matrix([[1], [0], [1]]), matrix([[0.9], [0.8], [0.5]]));
 * // { task: 'binary', accuracy: 1/3, precision: 0.5, recall: 0.5, f1: 0.5, confusion: [[0, 1], [1, 1]] }
 * ```
 */
export function classificationReport<K extends number>(yTrue: Matrix<number, K>, yPred: Matrix<number, K>, ...head: HeadArg<K>): ClassificationReport {
  const t = tally(yTrue, yPred, head[0]);
  const scores = { accuracy: accuracyOf(t), precision: precisionOf(t), recall: recallOf(t), f1: f1Of(t) };
  return t.table === undefined ? { task: 'multilabel', ...scores, confusion: t.perColumn } : { task: t.task as 'binary' | 'multiclass', ...scores, confusion: t.table };
}
