import { expectAssignable, expectError, expectType } from 'tsd';
import { assertCols, float32Predictor, Float32Predictor, fromWeights, type Matrix, Matrix32, network, zeros } from '../src/index.js';

// The predictor carries the network's sizes and head.
const net = network(9).relu(6).relu(6).sigmoid(1);
const p = float32Predictor(net);
expectType<Float32Predictor<[9, 6, 6, 1], 'sigmoid'>>(p);
expectType<readonly [9, 6, 6, 1]>(p.sizes);
expectType<'sigmoid'>(p.head);
expectType<Float32Predictor<[4, 8, 3], 'softmax'>>(float32Predictor(network(4).relu(8).softmax(3)));
expectType<Float32Predictor<[1, 16, 1], 'linear'>>(float32Predictor(network(1).tanh(16).linear(1)));
expectType<'wasm-simd' | 'js'>(p.backend);

// forward and predict take what the network's do and return float32 matrices of the output width.
expectType<Matrix32<5, 1>>(p.forward(zeros(5, 9)));
expectType<Matrix32<5, 1>>(p.predict(zeros(5, 9)));
expectType<Float32Array>(p.forward(zeros(5, 9)).data);
// toMatrix keeps the dims: a Matrix the metrics take.
expectType<Matrix<5, 1>>(p.predict(zeros(5, 9)).toMatrix());
expectError<Matrix<5, 2>>(p.predict(zeros(5, 9)).toMatrix());
const x = zeros(3, 9) as Matrix<number, number>;
expectType<Matrix32<number, 1>>(p.forward(assertCols(x, 9)));
expectType<number[]>(p.forward([1, 2, 3, 4, 5, 6, 7, 8, 9]));
expectType<Matrix32<2, 1>>(p.forward([[1, 2, 3, 4, 5, 6, 7, 8, 9], [9, 8, 7, 6, 5, 4, 3, 2, 1]]));
expectType<number[]>(p.predict([1, 2, 3, 4, 5, 6, 7, 8, 9]));
expectType<Matrix32<7, 2>>(float32Predictor(fromWeights([zeros(3, 4), zeros(4, 2)], { activations: ['tanh', 'softmax'] })).forward(zeros(7, 3)));

// The wrong width is a compile error, as for the network.
expectError(p.forward(zeros(5, 8)));
expectError(p.predict(zeros(5, 8)));
expectError(p.forward([1, 2, 3]));
expectError(p.forward(x)); // a width known only at run time must pass assertCols first
// A float32 result is not a float64 Matrix (and cannot be handed back to the network as one).
expectError(net.forward(p.forward(zeros(5, 9)) as unknown as Matrix32<5, 9>));
expectAssignable<{ readonly rows: 5; readonly cols: 1 }>(p.forward(zeros(5, 9)));
// The predictor is frozen: its sizes cannot be changed.
expectError(p.sizes.push(1));
// Only a network makes one.
expectError(float32Predictor(zeros(2, 2)));
