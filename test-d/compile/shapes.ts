// Checked by `tsc --noEmit` with every supported compiler, TypeScript 7, 5.9 and 5.7 (npm run typecheck): every `@ts-expect-error`
// line must fail to compile (an unused one is itself an error), and every assertType must hold.
import { assertCols, column, fromWeights, matmul, type Matrix, matrix, network, type Network, zeros } from '../../src/index.js';
import { assertType, type Equal } from './assert.js';

const net = fromWeights([zeros(9, 6), zeros(6, 6), zeros(6, 1)]);
assertType<Equal<typeof net, Network<[9, 6, 6, 1]>>>();
assertType<Equal<ReturnType<typeof net.gradients<5, 9, 5, 1>>, [Matrix<9, 6>, Matrix<6, 6>, Matrix<6, 1>]>>();
const built = network(9).relu(6).relu(6).sigmoid(1);
assertType<Equal<typeof built, Network<[9, 6, 6, 1]>>>();
assertType<Equal<ReturnType<typeof net.forward<7, 9>>, Matrix<7, 1>>>();
const m = matrix([[1, 2, 3], [4, 5, 6]]);
assertType<Equal<typeof m, Matrix<2, 3>>>();
const prod = matmul(m, zeros(3, 4));
assertType<Equal<typeof prod, Matrix<2, 4>>>();
const into = matmul(m, zeros(3, 4), zeros(2, 4));
assertType<Equal<typeof into, Matrix<2, 4>>>();
declare const later: Matrix<number, number>;
const intoLater = matmul(m, zeros(3, 4), later); // out's dims known at run time: checked then
assertType<Equal<typeof intoLater, Matrix<2, 4>>>();

// @ts-expect-error a ragged literal
matrix([[1, 2, 3], [4, 5]]);
// @ts-expect-error the inner dims differ
matmul(m, zeros(2, 4));
// @ts-expect-error out is not the product's 2×4
matmul(m, zeros(3, 4), zeros(4, 2));
// @ts-expect-error layer 2 expects 4 inputs, but layer 1 gives 3 outputs
fromWeights([zeros(2, 3), zeros(4, 1)]);
// @ts-expect-error a mismatch in the middle of a chain
fromWeights([zeros(9, 6), zeros(6, 6), zeros(5, 1)]);
// @ts-expect-error a zero-width layer
network(9).relu(0);
// @ts-expect-error X has 8 columns but the network expects 9
net.forward(zeros(5, 8));
declare const raw: Matrix;
// @ts-expect-error a batch of run-time width must pass assertCols first
net.forward(raw);
net.forward(assertCols(raw, 9));
// @ts-expect-error Y has 4 rows but X has 5
net.loss(zeros(5, 9), zeros(4, 1));
// @ts-expect-error Y has 2 columns but the network expects 1
net.loss(zeros(5, 9), zeros(5, 2));
// @ts-expect-error labels as one row are not broadcast
net.train(zeros(4, 9), matrix([[0, 1, 1, 0]]), { lr: 1, epochs: 1 });
net.train(zeros(4, 9), column([0, 1, 1, 0]), { lr: 1, epochs: 1 });
