// Checked by `tsc --noEmit` with every supported compiler (npm run typecheck): typed composition
// (issue 10, point 7). Each result keeps its sizes and head in the type.
import { append, concat, fromSizes, type HeadName, type Matrix, network, type Network, type OutputSize, slice, zeros } from '../../src/index.js';
import { assertType, type Equal } from './assert.js';

const body = network(4, { seed: 1 }).relu(8).linear(6);
const withHead = append(body, zeros(6, 3), { head: 'softmax', activation: 'relu' });
assertType<Equal<typeof withHead, Network<[4, 8, 6, 3], 'softmax'>>>();
// @ts-expect-error the network gives 6 outputs, but what follows expects 5 inputs
append(body, zeros(5, 3), { head: 'softmax' });

const encoder = network(8, { seed: 1 }).relu(4).linear(2);
const decoder = network(2, { seed: 2 }).relu(4).sigmoid(8);
const auto = concat(encoder, decoder);
assertType<Equal<typeof auto, Network<[8, 4, 2, 4, 8], 'sigmoid'>>>();
// @ts-expect-error the network gives 8 outputs, but what follows expects 2 inputs
concat(decoder, decoder);

const net = network(9, { seed: 1 }).relu(6).relu(4).sigmoid(1);
const front = slice(net, 0, 2, { head: 'linear' });
assertType<Equal<typeof front, Network<[9, 6, 4], 'linear'>>>();
const last = slice(net, 2, 3);
assertType<Equal<typeof last, Network<[4, 1], 'sigmoid'>>>();
const middle = slice(net, 1, 2);
assertType<Equal<typeof middle, Network<[6, 4], HeadName>>>();
const whole = slice(net, 0, 3);
assertType<Equal<typeof whole, Network<[9, 6, 4, 1], 'sigmoid'>>>();

// Transfer learning: the trained body, a new head, the body frozen; the type carries through.
const tuned = append(front, zeros(4, 3), { head: 'softmax', activation: 'relu' }).freeze(0, 1);
assertType<Equal<typeof tuned, Network<[9, 6, 4, 3], 'softmax'>>>();
tuned.fit(zeros(10, 9), zeros(10, 3), { lr: 0.1, epochs: 1 });
// @ts-expect-error the tuned network takes 9 inputs
tuned.forward(zeros(10, 4));

// A generic wrapper that adds a layer (issue 10, point 3).
export function addLayer<S extends readonly number[], H extends HeadName, K extends number>(n: Network<S, H>, W: Matrix<OutputSize<S>, K>): Network<[...S, K], 'linear'> {
  return append(n, W, { head: 'linear', activation: 'relu' });
}
const grown = addLayer(net, zeros(1, 5));
assertType<Equal<typeof grown, Network<[9, 6, 4, 1, 5], 'linear'>>>();
// @ts-expect-error W must take the network's 1 output
addLayer(net, zeros(2, 5));

// A generic concatenation: any network after an encoder that gives 2 outputs.
export function after<S extends readonly [2, ...number[]], H extends HeadName>(head: Network<S, H>) {
  return concat(encoder, head);
}
assertType<Equal<ReturnType<typeof after<[2, 4, 8], 'sigmoid'>>, Network<[8, 4, 2, 4, 8], 'sigmoid'>>>();

// fromSizes: the same type as the builder's, from one literal list (the form for deep nets).
const listed = fromSizes([9, 6, 6, 1], { hidden: 'tanh' });
assertType<Equal<typeof listed, Network<[9, 6, 6, 1], 'sigmoid'>>>();
const listedReg = fromSizes([1, 16, 1], { head: 'linear' });
assertType<Equal<typeof listedReg, Network<[1, 16, 1], 'linear'>>>();
// @ts-expect-error sizes[1] must be a positive integer, got 0
fromSizes([9, 0, 1]);

// slice bounds, when literal, are checked at compile time; run-time bounds give HeadName, never a head the network may not have.
// @ts-expect-error to is 7, but it must be an integer in [0, 3]
slice(net, 0, 7);
// @ts-expect-error from is 2 and to is 2, but a slice needs at least one layer (from < to)
slice(net, 2, 2);
// @ts-expect-error from is -1, but it must be an integer in [0, 3]
slice(net, -1, 2);
declare const k: number;
const runtimeCut = slice(net, 0, k);
assertType<Equal<typeof runtimeCut, Network<number[], HeadName>>>();
// @ts-expect-error sizes has 1 entry, but a network needs at least 2 (inputs and outputs)
fromSizes([9]);
// @ts-expect-error a softmax head needs at least 2 classes, got 1 (for one output, use sigmoid)
fromSizes([9, 6, 1], { head: 'softmax' });
fromSizes([9, 6, 3], { head: 'softmax' });
// @ts-expect-error a softmax head needs at least 2 classes, got 1 (for one output, use sigmoid)
append(body, zeros(6, 1), { head: 'softmax', activation: 'relu' });
