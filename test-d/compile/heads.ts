// Checked by `tsc --noEmit` with every supported compiler, TypeScript 7, 5.9 and 5.7 (npm run typecheck): the head is part of a
// network's type, so a regression net cannot pass where a classifier is required.
import { type ClassifierHead, fromWeights, loadNetwork, network, type Network, withHead, zeros } from '../../src/index.js';
import { assertType, type Equal } from './assert.js';

const clf = network(9).relu(6).relu(6).sigmoid(1);
assertType<Equal<typeof clf, Network<[9, 6, 6, 1], 'sigmoid'>>>();
assertType<Equal<typeof clf, Network<[9, 6, 6, 1]>>>();
const reg = network(1).tanh(16).linear(1);
assertType<Equal<typeof reg, Network<[1, 16, 1], 'linear'>>>();

function accuracyOn<S extends readonly number[]>(net: Network<S, ClassifierHead>, ev: { accuracy: number }): number {
  return net.depth + ev.accuracy;
}
accuracyOn(clf, clf.evaluate(zeros(2, 9), zeros(2, 1)));
// @ts-expect-error a regression net is not a classifier
accuracyOn(reg, { accuracy: 1 });
// @ts-expect-error a linear head has no accuracy
void reg.evaluate(zeros(2, 1), zeros(2, 1)).accuracy;
// @ts-expect-error a classifier has no r2
void clf.evaluate(zeros(2, 9), zeros(2, 1)).r2;
// @ts-expect-error the head comes from the arguments (no activations: sigmoid), not from the declared type
const lie: Network<[2, 3, 1], 'linear'> = fromWeights([zeros(2, 3), zeros(3, 1)]);
// @ts-expect-error a file's head is not known until checked
const unchecked: Network<[1, 16, 1], 'linear'> = loadNetwork('{}', [1, 16, 1]);
const checked: Network<[1, 16, 1], 'linear'> = withHead(loadNetwork('{}', [1, 16, 1]), 'linear');
// @ts-expect-error not a head
network(2).relu(3).output(1, 'relu');
void [lie, unchecked, checked];
