// Checked by `tsc --noEmit` with every supported compiler (npm run typecheck): generic code over
// any network compiles in its natural form, with the dims named by InputSize<S> and OutputSize<S>
// (issue 10, point 3), and calls of the helpers are still checked where the sizes are literal.
import {
  type EvaluationCore,
  type FitHistory,
  type Fixed,
  type HeadName,
  type InputSize,
  type Matrix,
  matrix,
  network,
  type Network,
  type OutputSize,
  type Trainer,
  zeros,
} from '../../src/index.js';
import { assertType, type Equal } from './assert.js';

/** 1. Train any network on data of its shape. */
export function trainAny<S extends readonly number[], H extends HeadName>(net: Network<S, H>, X: Matrix<number, InputSize<S>>, Y: Matrix<number, OutputSize<S>>): FitHistory<H> {
  return net.fit(X, Y, { lr: 0.1, epochs: 5, batchSize: 16 });
}

/** 2. Train with validation data, then evaluate on it. */
export function validate<S extends readonly number[], H extends HeadName>(
  net: Network<S, H>,
  train: readonly [Matrix<number, InputSize<S>>, Matrix<number, OutputSize<S>>],
  val: readonly [Matrix<number, InputSize<S>>, Matrix<number, OutputSize<S>>],
): EvaluationCore<S, number> {
  net.fit(train[0], train[1], { lr: 0.1, epochs: 5, validation: val });
  return net.evaluate(val[0], val[1]);
}

/** 3. Predict row by row. */
export function predictRows<S extends readonly number[]>(net: Network<S>, rows: readonly Matrix<1, InputSize<S>>[]): Matrix<1, OutputSize<S>>[] {
  return rows.map((row) => net.predict(row));
}

/** 4. The issue's own example: forward on a batch typed by the network. */
export function outputs<S extends readonly number[]>(net: Network<S>, X: Matrix<number, InputSize<S>>): Matrix<number, OutputSize<S>> {
  return net.forward(X);
}

/**
 * 5. A step-by-step trainer, its loss and the gradients of a batch of N rows. Y's rows are
 * `Fixed<N>`: N is what X says, so a Y of other rows is refused at the call (with `Matrix<N, …>`
 * for both, TypeScript would take N = 4 | 3 and let it through to the run-time check).
 */
export function stepAndGrads<S extends readonly number[], N extends number>(net: Network<S>, X: Matrix<N, InputSize<S>>, Y: Matrix<Fixed<N>, OutputSize<S>>): number {
  const t: Trainer = net.trainer(X, Y, { lr: 0.1, batchSize: 4 });
  t.step();
  net.gradients(X, Y);
  net.gradcheck(X, Y);
  net.train(X, Y, { lr: 0.1, epochs: 1 });
  return t.loss + net.loss(X, Y);
}

/** 6. Generic in the head too: a regression or classification net alike. */
export function lossOf<S extends readonly number[], H extends HeadName>(net: Network<S, H>, X: Matrix<number, InputSize<S>>, Y: Matrix<number, OutputSize<S>>): number {
  return net.loss(X, Y);
}

// The helpers, called with literal sizes, keep the checks.
const net = network(9).relu(6).sigmoid(1);
trainAny(net, zeros(20, 9), zeros(20, 1));
assertType<Equal<ReturnType<typeof predictRows<[9, 6, 1]>>, Matrix<1, 1>[]>>();
predictRows(net, [matrix([[1, 2, 3, 4, 5, 6, 7, 8, 9]])]);
assertType<Equal<ReturnType<typeof outputs<[9, 6, 1]>>, Matrix<number, 1>>>();
stepAndGrads(net, zeros(4, 9), zeros(4, 1));
// @ts-expect-error X of 8 columns for a 9-input network
trainAny(net, zeros(20, 8), zeros(20, 1));
// @ts-expect-error Y of 2 columns for a 1-output network
outputs(net, zeros(20, 9)) && lossOf(net, zeros(20, 9), zeros(20, 2));
// @ts-expect-error a row of 8 entries
predictRows(net, [zeros(1, 8)]);
// @ts-expect-error Y of 3 rows for X of 4
stepAndGrads(net, zeros(4, 9), zeros(3, 1));
// Inside generic code the rows still have to agree: Y of another row count than X is refused.
export function mismatched<S extends readonly number[]>(n: Network<S>, X: Matrix<4, InputSize<S>>, Y: Matrix<3, OutputSize<S>>): number {
  // @ts-expect-error Y has 3 rows but X has 4
  return n.loss(X, Y);
}
