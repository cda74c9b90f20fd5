// Checked by `tsc --noEmit` with every supported compiler (npm run typecheck). A dim typed as a
// union (`2 | 3`) is one of them at run time, and the compiler cannot say which: the checks treat
// it as a run-time dim (test/unions.test.ts shows the run-time check, a named ShapeError), and
// never compare it as if it were one size (issue 10, point 4).
import { column, matmul, type Matrix, network, type Network, zeros } from '../../src/index.js';
import { assertType, type Equal } from './assert.js';

declare const f: boolean;

// Compiles: the product's inner dims are 2 | 3 on both sides; the run time checks them.
const product = () => matmul(zeros(4, f ? 2 : 3), zeros(f ? 3 : 2, 1));
assertType<Equal<ReturnType<typeof product>, Matrix<4, 1>>>();

// A network whose input width is 2 | 3 takes a batch of 3 columns at compile time ("X has 3
// columns but the network expects 3" was the sentence before), and checks it at run time.
const net = network(f ? 2 : 3).relu(4).sigmoid(1);
assertType<Equal<typeof net, Network<[2 | 3, 4, 1]>>>();
export const forward = () => net.forward(zeros(5, 3));

// Labels of 5 rows for a batch of 5 | 6 rows, and the other way round: checked at run time.
const fixed = network(2).relu(4).sigmoid(1);
export const rows = () => fixed.loss(zeros(f ? 5 : 6, 2), column([0, 1, 1, 0, 1]));
export const rows2 = () => fixed.loss(zeros(5, 2), zeros(f ? 5 : 6, 1));

// A literal union with a size that cannot be one is refused for that member.
// @ts-expect-error layer size must be a positive integer, got 0
network(2).relu(f ? 0 : 3);
// @ts-expect-error layer size must be a positive integer, got 1.5
network(2).tanh(f ? 4 : 1.5);

// Literal sizes still mismatch at compile time.
// @ts-expect-error X has 3 columns but the network expects 2
fixed.forward(zeros(5, 3));
// @ts-expect-error matmul: the left matrix has 2 columns but the right one has 3 rows
matmul(zeros(4, 2), zeros(3, 1));
