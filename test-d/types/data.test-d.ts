// The data helpers' types under tsd (strict, exactOptionalPropertyTypes): what each returns, and what does not compile.
import { expectError, expectType } from 'tsd';
import {
  argmax,
  type Dim,
  fromRecords,
  loadModel,
  type Matrix,
  minMaxScaler,
  type MinMaxScaler,
  network,
  type Network,
  oneHot,
  saveNetwork,
  type Scaler,
  sliceRows,
  standardScaler,
  type StandardScaler,
  takeRows,
  trainTestSplit,
  zeros,
} from '../../src/index.js';

declare const cars: { Horsepower: number | null; Weight_in_lbs: number; Name: string }[];
declare const parsed: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const X = fromRecords(cars, ['Horsepower', 'Weight_in_lbs']);
expectType<Matrix<number, 2>>(X);
expectType<Matrix<number, 3>>(fromRecords(parsed, ['a', 'b', 'c']));
expectType<Matrix<number, number>>(fromRecords(parsed, ['a', 'b'] as string[]));
expectError(fromRecords(cars, []));
expectError(fromRecords(cars, ['horsepower']));

expectType<Matrix<2, 2>>(takeRows(X, [1, 0]));
expectType<Matrix<number, 2>>(sliceRows(X, 0, 5));

const Y = fromRecords(cars, ['Weight_in_lbs']);
const s = trainTestSplit(X, Y, { testFraction: 0.25, seed: 7, stratify: false });
expectType<Matrix<Dim<'train'>, 2>>(s.xTrain);
expectType<Matrix<Dim<'test'>, 1>>(s.yTest);
const net = network(2).relu(3).linear(1);
net.fit(s.xTrain, s.yTrain, { lr: 0.1, epochs: 1 });
expectError(net.fit(s.xTrain, s.yTest, { lr: 0.1, epochs: 1 }));
expectError(net.fit(s.xTest, s.yTrain, { lr: 0.1, epochs: 1 }));
expectError(trainTestSplit(zeros(4, 2), zeros(5, 1), { testFraction: 0.5 }));

expectType<Matrix<4, 3>>(oneHot([0, 1, 2, 0], 3));
expectError(oneHot([0], 0));
expectType<number[]>(argmax(oneHot([0, 1], 2)));

const scaler = standardScaler(s.xTrain);
expectType<StandardScaler<2>>(scaler);
expectType<Matrix<Dim<'test'>, 2>>(scaler.transform(s.xTest));
expectType<Matrix<number, 2>>(scaler.inverseTransform(zeros(7, 2) as Matrix<number, number>));
expectError(scaler.transform(zeros(3, 5)));
expectType<MinMaxScaler<1>>(minMaxScaler(s.yTrain, { range: [0, 1] }));

saveNetwork(net, { inputScaler: scaler, targetScaler: minMaxScaler(s.yTrain) });
expectError(saveNetwork(net, { inputScaler: minMaxScaler(s.yTrain) }));
const model = loadModel('', [2, 3, 1], { head: 'linear' });
expectType<Network<[2, 3, 1], 'linear'>>(model.network);
expectType<Scaler<2> | undefined>(model.inputScaler);

expectType<number[]>(net.predict([1, 2]));
expectType<Matrix<2, 1>>(net.forward([[1, 2], [3, 4]]));
expectError(net.predict([1, 2, 3]));
expectError(net.forward([[1, 2], [3]]));
