// Checked by `tsc --noEmit` with every supported compiler (npm run typecheck): run-time dims that
// still check (issue 10, point 6). Data read from a file has `number` dims; naming the row count
// with dim('n', …) makes a batch and its labels, loaded separately, agree at compile time.
import { type Dim, dim, fromArray, type Matrix, network, withRows } from '../../src/index.js';
import { assertType, type Equal } from './assert.js';

declare const xs: number[];
declare const ys: number[];
declare const rows: number;
const net = network(9).relu(6).sigmoid(1);

const n = dim('n', rows);
const X = fromArray(xs, n, 9);
const Y = fromArray(ys, n, 1);
assertType<Equal<typeof X, Matrix<Dim<'n'>, 9>>>();
assertType<Equal<typeof Y, Matrix<Dim<'n'>, 1>>>();
net.fit(X, Y, { lr: 0.1, epochs: 1 });
net.evaluate(X, Y);
assertType<Equal<ReturnType<typeof net.forward<Dim<'n'>>>, Matrix<Dim<'n'>, 1>>>();

// Labels of another named dim, or of a plain number of rows, are refused with a sentence.
const m = dim('m', rows);
// @ts-expect-error Y has m rows but X has n
net.fit(X, fromArray(ys, m, 1), { lr: 0.1, epochs: 1 });
// @ts-expect-error Y has a row count known only at run time, but X has n; check it with withRows(Y, n) first
net.loss(X, fromArray(ys, rows, 1));
// @ts-expect-error Y has 5 rows but X has n
net.loss(X, fromArray(ys, 5, 1));
// … and withRows is the door.
net.loss(X, withRows(fromArray(ys, rows, 1), n));
// Validation data of its own named dim.
const v = dim('v', 20);
net.fit(X, Y, { lr: 0.1, epochs: 1, validation: [fromArray(xs, v, 9), fromArray(ys, v, 1)] });
// @ts-expect-error validation Y of n rows for validation X of v rows
net.fit(X, Y, { lr: 0.1, epochs: 1, validation: [fromArray(xs, v, 9), fromArray(ys, n, 1)] });

// Unnamed run-time dims pass as before (checked at run time).
net.loss(fromArray(xs, rows, 9), fromArray(ys, rows, 1));
