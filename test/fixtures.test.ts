import { describe, expect, it } from 'vitest';
import { column, fromArray, Matrix, matrix, Network } from '../src/index.js';
import { expectClose } from './helpers/close.js';
import { BACKENDS, useBackend } from './helpers/backends.js';
import { loadFixtures, type Fixture } from './helpers/fixtures.js';

const fixtures = loadFixtures();

/** The fixture's inputs through the library's own constructors (Y reshaped to N×K, never broadcast). */
function inputs(f: Fixture) {
  const weights = f.weights.map((w) => matrix(w));
  const X = matrix(f.X);
  const K = weights[weights.length - 1]!.cols;
  const Y = fromArray(f.Y.flat(), X.rows, K);
  return { net: new Network<number[]>(weights), X, Y };
}

const arrays = (ms: readonly Matrix[]) => ms.map((m) => m.toArray());

it('finds at least the two shared fixtures', () => {
  expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(['xor_2_3_1', 'net_9_6_6_1_batch5']));
});

describe.each(BACKENDS.flatMap((backend) => fixtures.map((f) => [f.name, backend, f] as const)))('fixture %s through the library on %s kernels', (_, backend, f) => {
  useBackend(backend);

  it('evaluate matches Xs, Zs, Yhat, predictions, loss, per-sample loss, accuracy, deltas and grads at 1e-9', () => {
    const { net, X, Y } = inputs(f);
    const ev = net.evaluate(X, Y);
    const e = f.expected;
    expect(ev.layerSizes).toEqual(e.layer_sizes);
    expectClose(arrays(ev.Xs), e.Xs);
    expectClose(arrays(ev.Zs), e.Zs);
    expectClose(ev.Yhat.toArray(), e.Yhat);
    expect(ev.predictions.toArray()).toEqual(e.predictions);
    expectClose(ev.loss, e.loss);
    expectClose(ev.perSampleLoss, e.per_sample_loss);
    expectClose(ev.accuracy, e.accuracy);
    expectClose(arrays(ev.deltas), e.deltas);
    expectClose(arrays(ev.grads), e.grads);
  });

  it('forward, loss and gradients agree with evaluate', () => {
    const { net, X, Y } = inputs(f);
    expectClose(net.forward(X).toArray(), f.expected.Yhat);
    expectClose(net.loss(X, Y), f.expected.loss);
    expectClose(arrays(net.gradients(X, Y)), f.expected.grads);
  });

  it('train reproduces the whole loss curve, the final weights and the final predictions at 1e-9', () => {
    const { net, X, Y } = inputs(f);
    const t = f.expected_train;
    const { losses, finalLoss } = net.train(X, Y, { lr: t.lr, epochs: t.epochs });
    expect(losses).toHaveLength(t.epochs);
    expectClose(losses, t.losses);
    expectClose(finalLoss, t.final_loss);
    expectClose(arrays(net.weights), t.final_weights);
    const after = net.evaluate(X, Y);
    expectClose(after.Yhat.toArray(), t.final_Yhat);
    expect(after.predictions.toArray()).toEqual(t.final_predictions);
    expect(after.accuracy).toBe(t.final_accuracy);
  });

  it('a batch of one gives each row of the batch result', () => {
    const { net, X } = inputs(f);
    const whole = net.forward(X).toArray();
    for (let i = 0; i < X.rows; i++) {
      const row = matrix([f.X[i]!]);
      expectClose(net.forward(row).toArray()[0], whole[i], 1e-15);
    }
  });
});

it('column() gives N×1 labels, never a broadcast N×N', () => {
  const f = fixtures.find((x) => x.name === 'xor_2_3_1')!;
  const net = new Network<number[]>(f.weights.map((w) => matrix(w)));
  const ev = net.evaluate(matrix(f.X), column(f.Y.flat()));
  expect(ev.deltas[ev.deltas.length - 1]!.shape).toEqual([4, 1]);
  expectClose(ev.loss, f.expected.loss);
});
