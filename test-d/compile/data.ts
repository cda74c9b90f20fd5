// Checked by `tsc --noEmit` with every supported compiler, TypeScript 7, 5.9 and 5.7 (npm run typecheck):
// the data helpers' compile-time promises (issue 11, point 1). Every `@ts-expect-error` line must
// fail to compile, and every assertType must hold.
import {
  argmax,
  type Dim,
  fromRecords,
  type HeadName,
  type InputSize,
  loadModel,
  loadScaler,
  type Matrix,
  matrix,
  minMaxScaler,
  type MinMaxScaler,
  network,
  type Network,
  oneHot,
  type OutputSize,
  saveNetwork,
  type Scaler,
  sliceRows,
  standardScaler,
  type StandardScaler,
  takeRows,
  trainTestSplit,
  zeros,
} from '../../src/index.js';
import { assertType, type Equal } from './assert.js';

// fromRecords: the column count from a literal list, no `as const` needed; names checked against known keys.
type Car = { Name: string; Horsepower: number | null; Weight_in_lbs: number; Acceleration: number };
declare const cars: Car[];
declare const parsed: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const names: string[];
declare const dynRowsForMatrix: number[][];
const X = fromRecords(cars, ['Horsepower', 'Weight_in_lbs', 'Acceleration']);
assertType<Equal<typeof X, Matrix<number, 3>>>();
const fromJson = fromRecords(parsed, ['a', 'b']);
assertType<Equal<typeof fromJson, Matrix<number, 2>>>();
const dynamic = fromRecords(parsed as Record<string, unknown>[], names);
assertType<Equal<typeof dynamic, Matrix<number, number>>>();
// @ts-expect-error columns has no names
fromRecords(cars, []);
// @ts-expect-error "Horsepowr" is not a key of Car
fromRecords(cars, ['Horsepowr']);

// Rows: the column type is kept; literal indices give a literal row count.
const picked = takeRows(X, [2, 0, 2]);
assertType<Equal<typeof picked, Matrix<3, 3>>>();
const some = takeRows(X, names.map(Number));
assertType<Equal<typeof some, Matrix<number, 3>>>();
const sliced = sliceRows(X, 1, 3);
assertType<Equal<typeof sliced, Matrix<number, 3>>>();
// @ts-expect-error indices has no entries
takeRows(X, []);

// trainTestSplit: each part's rows are a named dim, so the parts cannot be mixed up.
const Y = fromRecords(cars, ['Acceleration']);
const { xTrain, yTrain, xTest, yTest, trainIndices } = trainTestSplit(X, Y, { testFraction: 0.2, seed: 1 });
assertType<Equal<typeof xTrain, Matrix<Dim<'train'>, 3>>>();
assertType<Equal<typeof yTrain, Matrix<Dim<'train'>, 1>>>();
assertType<Equal<typeof xTest, Matrix<Dim<'test'>, 3>>>();
assertType<Equal<typeof yTest, Matrix<Dim<'test'>, 1>>>();
assertType<Equal<typeof trainIndices, number[]>>();
const net = network(3, { seed: 1 }).relu(4).linear(1);
net.fit(xTrain, yTrain, { lr: 0.01, epochs: 1, validation: [xTest, yTest] });
net.evaluate(xTest, yTest);
// @ts-expect-error Y has test rows but X has train
net.fit(xTrain, yTest, { lr: 0.01, epochs: 1 });
// @ts-expect-error validation Y of train rows for validation X of test rows
net.fit(xTrain, yTrain, { lr: 0.01, epochs: 1, validation: [xTest, yTrain] });
// A second split of the training part, with its own names.
const inner = trainTestSplit(xTrain, yTrain, { testFraction: 0.25, names: ['fit', 'val'], stratify: false });
assertType<Equal<typeof inner.xTrain, Matrix<Dim<'fit'>, 3>>>();
assertType<Equal<typeof inner.yTest, Matrix<Dim<'val'>, 1>>>();
// @ts-expect-error Y has fit rows but X has train
net.fit(xTrain, inner.yTrain, { lr: 0.01, epochs: 1 });
// @ts-expect-error Y has 3 rows but X has 4
trainTestSplit(zeros(4, 2), zeros(3, 1), { testFraction: 0.5 });
// @ts-expect-error seed must be an integer in [0, 4294967295], got 0.5
trainTestSplit(X, Y, { testFraction: 0.5, seed: 0.5 });
// @ts-expect-error testFraction is required
trainTestSplit(X, Y, { seed: 1 });
trainTestSplit(X, Y, { testFraction: 0.2, stratify: [0, 1, 1] });

// oneHot and argmax.
const Yc = oneHot([0, 2, 1], 3);
assertType<Equal<typeof Yc, Matrix<3, 3>>>();
const Yd = oneHot(names.map(Number), 4);
assertType<Equal<typeof Yd, Matrix<number, 4>>>();
const classes = argmax(Yc);
assertType<Equal<typeof classes, number[]>>();
// @ts-expect-error numClasses must be a positive integer, got 0
oneHot([0], 0);
// @ts-expect-error classIndices has no entries
oneHot([], 3);

// Scalers: typed by the columns they were fitted on.
const standard = standardScaler(xTrain);
assertType<Equal<typeof standard, StandardScaler<3>>>();
const scaledTrain = standard.transform(xTrain);
assertType<Equal<typeof scaledTrain, Matrix<Dim<'train'>, 3>>>();
const scaledTest = standard.transform(xTest);
assertType<Equal<typeof scaledTest, Matrix<Dim<'test'>, 3>>>();
net.fit(scaledTrain, yTrain, { lr: 0.01, epochs: 1, validation: [scaledTest, yTest] });
const back = standard.inverseTransform(scaledTest);
assertType<Equal<typeof back, Matrix<Dim<'test'>, 3>>>();
// A run-time width passes the compiler and is checked by the scaler, which types the result.
declare const raw: Matrix;
const checked = standard.transform(raw);
assertType<Equal<typeof checked, Matrix<number, 3>>>();
// @ts-expect-error the scaler was fitted on 3 columns, but X has 2
standard.transform(zeros(5, 2));
const minMax = minMaxScaler(matrix([[1, 2], [3, 4]]), { range: [-1, 1] });
assertType<Equal<typeof minMax, MinMaxScaler<2>>>();
// @ts-expect-error range is a pair
minMaxScaler(X, { range: [0, 1, 2] });
const anyScaler: Scaler<3> = Math.random() > 0.5 ? standard : minMaxScaler(xTrain);
const narrowed = anyScaler.kind === 'standard' ? anyScaler.mean : anyScaler.dataMin;
assertType<Equal<typeof narrowed, readonly number[]>>();
anyScaler.transform(xTest);
const loaded = loadScaler('{}', 3);
assertType<Equal<typeof loaded, Scaler<3>>>();

// Saved with the model, and loaded back typed.
saveNetwork(net, { inputScaler: standard, targetScaler: standardScaler(yTrain) });
// @ts-expect-error an inputScaler of 2 columns for a network of 3 inputs
saveNetwork(net, { inputScaler: minMax });
const model = loadModel('…', [3, 4, 1], { head: 'linear' });
assertType<Equal<typeof model.network, Network<[3, 4, 1], 'linear'>>>();
assertType<Equal<typeof model.inputScaler, Scaler<3> | undefined>>();
assertType<Equal<typeof model.targetScaler, Scaler<1> | undefined>>();
const unsized = loadModel('…', { head: 'softmax' });
assertType<Equal<typeof unsized.network, Network<number[], 'softmax'>>>();
assertType<Equal<typeof unsized.inputScaler, Scaler<number> | undefined>>();
const plain = loadModel('…');
assertType<Equal<typeof plain.network, Network<number[], HeadName>>>();
// @ts-expect-error layer sizes must be numbers
loadModel('…', ['3', 4]);
// Rows of run-time size go through matrix(), the checked door (no separate fromRows).
const fromRows = matrix(dynRowsForMatrix);
assertType<Equal<typeof fromRows, Matrix<number, number>>>();

// predict and forward on plain arrays.
const xor = network(2).relu(3).sigmoid(1);
const one = xor.predict([1, 0]);
assertType<Equal<typeof one, number[]>>();
const two = xor.predict([[0, 1], [1, 1]]);
assertType<Equal<typeof two, Matrix<2, 1>>>();
declare const dynRow: number[];
declare const dynRows: number[][];
const a = xor.forward(dynRow);
assertType<Equal<typeof a, number[]>>();
const b = xor.forward(dynRows);
assertType<Equal<typeof b, Matrix<number, 1>>>();
const c = xor.forward(zeros(4, 2));
assertType<Equal<typeof c, Matrix<4, 1>>>();
assertType<Equal<ReturnType<typeof xor.forward<Dim<'n'>>>, Matrix<Dim<'n'>, 1>>>();
// @ts-expect-error row has 3 entries but the network's input size is 2
xor.predict([1, 0, 1]);
// @ts-expect-error row 1 has 1 entry but the network's input size is 2
xor.forward([[1, 0], [1]]);
// @ts-expect-error the input must be a Matrix, a row of numbers or a list of rows of numbers
xor.predict([1, 'a']);
// @ts-expect-error the input has no rows
xor.predict([]);
// @ts-expect-error X has 8 columns but the network expects 2
xor.forward(zeros(5, 8));

// Generic code over any network and any width compiles in its natural form.
export function scaleAndPredict<S extends readonly number[], H extends HeadName>(n: Network<S, H>, s: Scaler<InputSize<S>>, x: Matrix<number, InputSize<S>>): Matrix<number, OutputSize<S>> {
  return n.predict(s.transform(x));
}
export function splitAndScale<XC extends number, YC extends number>(x: Matrix<number, XC>, y: Matrix<number, YC>): Matrix<Dim<'test'>, XC> {
  const parts = trainTestSplit(x, y, { testFraction: 0.2 });
  return standardScaler(parts.xTrain).transform(parts.xTest);
}
export function predictRow<S extends readonly number[]>(n: Network<S>, row: number[]): number[] {
  return n.predict(row);
}
