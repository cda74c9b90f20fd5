import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd';
import { assertCols, column, fromWeights, type GradCheck, type HeadName, loadNetwork, Matrix, network, Network, withSizes, zeros } from '../src/index.js';

// fromWeights reads the sizes off the matrices; hover shows them.
const net = fromWeights([zeros(9, 6), zeros(6, 6), zeros(6, 1)]);
expectType<Network<[9, 6, 6, 1]>>(net);
expectType<readonly [9, 6, 6, 1]>(net.sizes);
expectType<readonly [Matrix<9, 6>, Matrix<6, 6>, Matrix<6, 1>]>(net.weights);
expectType<readonly [Matrix<1, 6> | null, Matrix<1, 6> | null, Matrix<1, 1> | null]>(net.biases);

// No drift without a cast (issue 10, point 1): the lists a network hands out are readonly.
expectError(net.sizes.push(6));
expectError(net.sizes.fill(1));
expectError((net.sizes[0] = 3));
expectError(net.weights.reverse());
expectError(net.weights.push(zeros(6, 1)));
expectError((net.weights[0] = zeros(9, 6)));
expectError(net.biases.reverse());
expectError((net.biases[0] = null));
expectError(net.activations.reverse());
expectError((net.weights[0].rows = 3));
expectError(net.evaluate(zeros(2, 9), zeros(2, 1)).layerSizes.fill(1));
expectType<readonly [9, 6, 6, 1]>(net.evaluate(zeros(2, 9), zeros(2, 1)).layerSizes);
// Generic code sees them readonly too.
const sizesOf = <S extends readonly number[]>(n: Network<S>) => n.sizes;
expectType<readonly [9, 6, 6, 1]>(sizesOf(net));
expectType<Network<[2, 3, 1]>>(fromWeights([zeros(2, 3), zeros(3, 1)]));
expectType<Network<[4, 1]>>(fromWeights([zeros(4, 1)]));

// The builder gives the same type.
const built = network(9).relu(6).relu(6).sigmoid(1);
expectType<Network<[9, 6, 6, 1]>>(built);
expectAssignable<Network<[9, 6, 6, 1]>>(net);
expectNotAssignable<Network<[9, 6, 1]>>(built);

// Mismatched chains do not compile.
expectError(fromWeights([zeros(2, 3), zeros(4, 1)]));
expectError(fromWeights([zeros(9, 6), zeros(6, 6), zeros(5, 1)]));
expectError(fromWeights([zeros(9, 6), zeros(7, 6), zeros(6, 1)]));

// Sizes must be positive integers.
expectError(network(9).relu(0));
expectError(network(9).relu(2.5));
expectError(network(-1));

// forward is generic in the batch dim.
expectType<Matrix<1, 1>>(net.forward(zeros(1, 9)));
expectType<Matrix<5, 1>>(net.forward(zeros(5, 9)));
expectType<Matrix<number, 1>>(net.forward(assertCols(zeros(5 as number, 9 as number), 9)));
expectError(net.forward(zeros(5, 8)));
expectError(net.forward(zeros(9, 5)));
// A batch of run-time width must pass the checked door first.
declare const raw: Matrix;
expectError(net.forward(raw));

// Labels: one row per row of X, one column per output.
const X = zeros(5, 9);
expectType<number>(net.loss(X, zeros(5, 1)));
expectError(net.loss(X, zeros(4, 1)));
expectError(net.loss(X, zeros(5, 2)));
expectError(net.loss(X, zeros(1, 5)));
expectError(net.train(X, column([1, 0, 1]), { lr: 0.1, epochs: 10 }));

// Gradients come back typed like the weights; evaluate's matrices carry the batch dim.
expectType<[Matrix<9, 6>, Matrix<6, 6>, Matrix<6, 1>]>(net.gradients(X, zeros(5, 1)));
const ev = net.evaluate(X, zeros(5, 1));
expectType<[Matrix<5, 6>, Matrix<5, 6>, Matrix<5, 1>]>(ev.Zs);
expectType<[Matrix<5, 6>, Matrix<5, 6>, Matrix<5, 1>]>(ev.deltas);
expectType<[Matrix<5, 9>, Matrix<5, 6>, Matrix<5, 6>]>(ev.Xs);
expectType<Matrix<5, 1>>(ev.Yhat);
expectType<GradCheck>(net.gradcheck(X, zeros(5, 1)));

// Run-time weights give a run-time network, and withSizes narrows it.
declare const ws: Matrix[];
const dynamic = fromWeights(ws);
expectType<Network<number[]>>(dynamic);
expectType<Matrix<number, number>>(dynamic.forward(raw));
expectType<Network<[9, 6, 6, 1]>>(withSizes(dynamic, [9, 6, 6, 1] as const));
expectType<Network<[9, 6, 6, 1]>>(withSizes(dynamic, [9, 6, 6, 1]));
expectType<Network<[9, 6, 6, 1], HeadName>>(loadNetwork('{}', [9, 6, 6, 1]));
expectType<Network<number[], HeadName>>(loadNetwork('{}'));
expectType<Network<[9, 6, 6, 1]>>(loadNetwork('{}', [9, 6, 6, 1], { head: 'sigmoid' }));
expectAssignable<Network<[9, 6, 6, 1], HeadName>>(loadNetwork('{}', [9, 6, 6, 1]));
expectNotAssignable<Network<[9, 6, 1], HeadName>>(loadNetwork('{}', [9, 6, 6, 1]));
