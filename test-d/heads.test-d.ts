import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd';
import {
  type ClassifierHead,
  fromWeights,
  type HeadName,
  loadNetwork,
  type Matrix,
  network,
  type Network,
  type RegressionHead,
  withHead,
  zeros,
} from '../src/index.js';

// The head is part of the network's type; the builder's heads name it.
const clf = network(9).relu(6).relu(6).sigmoid(1);
expectType<Network<[9, 6, 6, 1], 'sigmoid'>>(clf);
expectType<Network<[9, 6, 6, 1]>>(clf); // 'sigmoid' is the default, so the seed's type still reads Network<[9, 6, 6, 1]>
const soft = network(4).relu(8).softmax(3);
expectType<Network<[4, 8, 3], 'softmax'>>(soft);
const reg = network(1).tanh(16).linear(1);
expectType<Network<[1, 16, 1], 'linear'>>(reg);
expectType<Network<[3, 4, 2], 'softmax'>>(network(3).relu(4).output(2, 'softmax'));
expectType<'linear'>(reg.head);
expectError(network(3).relu(4).output(2, 'huber'));

// fromWeights: a sigmoid head unless the activations say otherwise, and then it is the last one.
expectType<Network<[2, 3, 1], 'sigmoid'>>(fromWeights([zeros(2, 3), zeros(3, 1)]));
expectType<Network<[1, 8, 1], 'linear'>>(fromWeights([zeros(1, 8), zeros(8, 1)], { activations: ['tanh', 'linear'] }));
expectType<Network<[2, 3, 2], 'softmax'>>(fromWeights([zeros(2, 3), zeros(3, 2)], { activations: ['relu', 'softmax'], biases: true }));
expectError(fromWeights([zeros(2, 3), zeros(3, 1)], { activations: ['relu', 'relu'] })); // a hidden activation is not a head
expectError(fromWeights([zeros(2, 3), zeros(3, 1)], { activations: ['softmax', 'sigmoid'] })); // a head is not a hidden activation
// The head is read from the arguments, never from the type the result is assigned to.
expectError<Network<[2, 3, 1], 'linear'>>(fromWeights([zeros(2, 3), zeros(3, 1)]));

// A regression net is not a classifier, and the other way round.
expectNotAssignable<Network<[1, 16, 1], ClassifierHead>>(reg);
expectAssignable<Network<[9, 6, 6, 1], ClassifierHead>>(clf);
expectAssignable<Network<[4, 8, 3], ClassifierHead>>(soft);
expectNotAssignable<Network<[9, 6, 6, 1], RegressionHead>>(clf);
expectAssignable<Network<[1, 16, 1], HeadName>>(reg); // any head
declare function scoreClassifier<S extends readonly number[]>(net: Network<S, ClassifierHead>): number;
expectType<number>(scoreClassifier(clf));
expectError(scoreClassifier(reg));

// evaluate's scores follow the head: accuracy for a classifier, mae and r2 for regression.
const X = zeros(5, 9);
const ev = clf.evaluate(X, zeros(5, 1));
expectType<number>(ev.accuracy);
expectError(ev.mae);
const er = reg.evaluate(zeros(5, 1), zeros(5, 1));
expectType<number>(er.mae);
expectType<number>(er.r2);
expectError(er.accuracy);
expectType<Matrix<5, 1>>(er.predictions);

// fit's history too.
const hc = clf.fit(X, zeros(5, 1), { lr: 0.1, epochs: 1 });
expectType<number[]>(hc.accuracy);
expectType<number[]>(hc.lr);
expectError(hc.mae);
const hr = reg.fit(zeros(5, 1), zeros(5, 1), { lr: 0.1, epochs: 1 });
expectType<number[]>(hr.mae);
expectError(hr.accuracy);

// A loaded network's head is known only at run time: any head, until the checked doors narrow it.
expectType<Network<number[], HeadName>>(loadNetwork('{}'));
expectType<Network<[1, 16, 1], HeadName>>(loadNetwork('{}', [1, 16, 1]));
expectType<Network<[1, 16, 1], 'linear'>>(loadNetwork('{}', [1, 16, 1], { head: 'linear' }));
expectType<Network<number[], 'softmax'>>(loadNetwork('{}', undefined, { head: 'softmax' }));
expectError<Network<[1, 16, 1], 'linear'>>(loadNetwork('{}', [1, 16, 1])); // not from the assignment's type
expectType<Network<number[], 'linear'>>(withHead(loadNetwork('{}'), 'linear'));
expectError(withHead(loadNetwork('{}'), 'huber'));
// Without narrowing, the scores are a union: accuracy is not there for every head.
expectError(loadNetwork('{}', [1, 16, 1]).evaluate(zeros(5, 1), zeros(5, 1)).accuracy);

// Options of the training controls are checked by type too.
expectError(clf.fit(X, zeros(5, 1), { lr: 0.1, epochs: 1, dropout: '0.5' }));
expectError(clf.fit(X, zeros(5, 1), { lr: 0.1, epochs: 1, lrSchedule: { type: 'cosine' } }));
expectError(clf.fit(X, zeros(5, 1), { lr: 0.1, epochs: 1, earlyStopping: { monitor: 'valR2' } }));
clf.fit(X, zeros(5, 1), { lr: 0.1, epochs: 1, lrSchedule: (epoch: number) => 0.1 / (1 + epoch), earlyStopping: { patience: 3 }, weightDecay: 1e-4, clipNorm: 1, dropout: [0.2, 0.1] });
