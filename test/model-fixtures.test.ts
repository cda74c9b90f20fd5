/**
 * The reference cases of SPEC sections 5-6 (heads, biases, activations, weight decay): every
 * ../shared/fixtures/model/*.json and test/fixtures/model/gen_*.json (written by the independent
 * NumPy reference, test/reference/reference.py), run (a) through the library on both kernel
 * backends and (b) through the CLI in-process (`main` with a captured Io), comparing every key of
 * `expected` and `expected_train` the fixture has at a relative 1e-9. A key the fixture has that this
 * file does not know fails the test, so a new kind of expectation is never skipped in silence.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { fromArray, Matrix, matrix, Network, type HeadName } from '../src/index.js';
import { BACKENDS, useBackend } from './helpers/backends.js';
import { expectClose } from './helpers/close.js';
import { loadModelFixtures, type ModelFixture } from './helpers/fixtures.js';

const fixtures = loadModelFixtures();

/** The head a fixture's network ends in: its last activation, or the seed's sigmoid. */
const headOf = (f: ModelFixture): HeadName => (f.activations?.[f.activations.length - 1] as HeadName | undefined) ?? 'sigmoid';
const isLinear = (f: ModelFixture) => headOf(f) === 'linear';
/** Whether the file carries biases (then the CLI prints biasGrads and finalBiases). */
const hasBiases = (f: ModelFixture) => f.biases !== undefined && f.biases !== null;

/** The fixture's network and data through the library's constructors (Y reshaped to N×K, never broadcast). */
function inputs(f: ModelFixture) {
  const weights = f.weights.map((w) => matrix(w));
  const biases = hasBiases(f) ? f.biases!.map((b) => (b === null ? null : matrix([b]))) : undefined;
  const net = new Network<number[], HeadName>(weights, biases, f.activations as never);
  const X = matrix(f.X);
  const Y = fromArray(f.Y.flat(), X.rows, weights[weights.length - 1]!.cols);
  return { net, X, Y };
}

const arrays = (ms: readonly (Matrix | null)[]) => ms.map((m) => m?.toArray() ?? null);
const rows = (ms: readonly (Matrix | null)[]) => ms.map((m) => (m ? Array.from(m.data) : null));

/** Every key `expected` may hold, and whether it must match exactly (integers, class predictions). */
const EVAL_KEYS = ['layer_sizes', 'Xs', 'Zs', 'Yhat', 'predictions', 'loss', 'per_sample_loss', 'accuracy', 'mae', 'r2', 'deltas', 'grads', 'bias_grads'] as const;
/** Every key `expected_train` may hold (lr, epochs and weight_decay echo the settings). */
const TRAIN_KEYS = ['lr', 'epochs', 'weight_decay', 'losses', 'final_loss', 'final_weights', 'final_biases', 'final_Yhat', 'final_predictions', 'final_accuracy', 'final_mae', 'final_r2'] as const;

/** Compares `actual[key]` for every key the fixture's `expected` has; integers and class predictions exactly. */
function compareAll(actual: Record<string, unknown>, expected: Record<string, unknown>, known: readonly string[], f: ModelFixture): void {
  const unknown = Object.keys(expected).filter((k) => !known.includes(k));
  expect(unknown, `keys of ${f.name} this test does not compare`).toEqual([]);
  for (const key of Object.keys(expected)) {
    expect(actual, `${f.name}: ${key} was not produced`).toHaveProperty([key]);
    const exact = key === 'layer_sizes' || key === 'epochs' || ((key === 'predictions' || key === 'final_predictions') && !isLinear(f));
    if (exact) expect(actual[key], key).toEqual(expected[key]);
    else expectClose(actual[key], expected[key], undefined, key);
  }
}

it('finds the shared model fixtures and the generated ones', () => {
  const names = fixtures.map((f) => f.name);
  expect(names).toEqual(expect.arrayContaining(['reg_1_8_1_tanh_bias', 'wd_2_6_1_sigmoid']));
  expect(names.filter((n) => n.startsWith('gen_')).length).toBeGreaterThanOrEqual(10);
  // Each kind of case is represented: every head, biases with and without null entries, weight decay.
  expect(new Set(fixtures.map(headOf))).toEqual(new Set(['sigmoid', 'softmax', 'linear']));
  expect(fixtures.some((f) => f.biases?.includes(null))).toBe(true);
  expect(fixtures.some((f) => (f.train.weightDecay ?? 0) > 0 && hasBiases(f))).toBe(true);
});

describe.each(BACKENDS.flatMap((backend) => fixtures.map((f) => [f.name, backend, f] as const)))('model fixture %s on %s kernels', (_, backend, f) => {
  useBackend(backend);

  it('the library: evaluate matches every key of expected at 1e-9', () => {
    const { net, X, Y } = inputs(f);
    expect(net.head).toBe(headOf(f));
    const ev = net.evaluate(X, Y) as ReturnType<typeof net.evaluate> & { accuracy?: number; mae?: number; r2?: number };
    if (isLinear(f)) {
      expect(ev).not.toHaveProperty('accuracy');
      expect(ev.predictions.toArray()).toEqual(ev.Yhat.toArray());
    } else {
      expect(ev).not.toHaveProperty('mae');
    }
    compareAll(
      {
        layer_sizes: ev.layerSizes,
        Xs: arrays(ev.Xs),
        Zs: arrays(ev.Zs),
        Yhat: ev.Yhat.toArray(),
        predictions: ev.predictions.toArray(),
        loss: ev.loss,
        per_sample_loss: ev.perSampleLoss,
        ...(ev.accuracy !== undefined && { accuracy: ev.accuracy }),
        ...(ev.mae !== undefined && { mae: ev.mae, r2: ev.r2 }),
        deltas: arrays(ev.deltas),
        grads: arrays(ev.grads),
        bias_grads: arrays(ev.biasGrads),
      },
      f.expected,
      EVAL_KEYS,
      f,
    );
  });

  it('the library: train (full-batch SGD, coupled weight decay on the weights only) matches every key of expected_train at 1e-9', () => {
    const { net, X, Y } = inputs(f);
    const { lr, epochs, weightDecay } = f.train;
    const { losses, finalLoss } = net.train(X, Y, { lr, epochs, ...(weightDecay !== undefined && { weightDecay }) });
    expect(losses).toHaveLength(epochs);
    const after = net.evaluate(X, Y) as ReturnType<typeof net.evaluate> & { accuracy?: number; mae?: number; r2?: number };
    compareAll(
      {
        lr,
        epochs,
        weight_decay: weightDecay ?? 0,
        losses,
        final_loss: finalLoss,
        final_weights: arrays(net.weights),
        final_biases: rows(net.biases),
        final_Yhat: after.Yhat.toArray(),
        final_predictions: after.predictions.toArray(),
        ...(after.accuracy !== undefined && { final_accuracy: after.accuracy }),
        ...(after.mae !== undefined && { final_mae: after.mae, final_r2: after.r2 }),
      },
      f.expected_train,
      TRAIN_KEYS,
      f,
    );
  });

  it('the CLI in-process: eval prints every key of expected (camelCase) at 1e-9, and biasGrads / mae / r2 exactly when they belong', () => {
    const out = runCli('eval', f.path);
    if (isLinear(f)) {
      expect(out).not.toHaveProperty('accuracy');
      expect(out).toHaveProperty('mae');
      expect(out).toHaveProperty('r2');
      expect(out.predictions).toEqual(out.Yhat);
      if (f.expected.Yhat !== undefined) expectClose(out.predictions, f.expected.Yhat, undefined, 'predictions = Yhat');
    } else {
      expect(out).toHaveProperty('accuracy');
      expect(out).not.toHaveProperty('mae');
      expect(out).not.toHaveProperty('r2');
    }
    expect(Object.hasOwn(out, 'biasGrads'), 'biasGrads exactly when FILE has biases').toBe(hasBiases(f));
    compareAll(
      {
        layer_sizes: out.layerSizes,
        Xs: out.Xs,
        Zs: out.Zs,
        Yhat: out.Yhat,
        predictions: out.predictions,
        loss: out.loss,
        per_sample_loss: out.perSampleLoss,
        ...pick(out, { accuracy: 'accuracy', mae: 'mae', r2: 'r2', bias_grads: 'biasGrads' }),
        deltas: out.deltas,
        grads: out.grads,
      },
      f.expected,
      EVAL_KEYS,
      f,
    );
  });

  it('the CLI in-process: train prints every key of expected_train (camelCase) at 1e-9, finalMae / finalR2 for a linear head', () => {
    const out = runCli('train', f.path);
    expect(out.lr).toBe(f.train.lr);
    expect(out.epochs).toBe(f.train.epochs);
    expect(out.weightDecay).toBe(f.train.weightDecay);
    expect(Object.hasOwn(out, 'finalBiases'), 'finalBiases exactly when FILE has biases').toBe(hasBiases(f));
    if (isLinear(f)) {
      expect(out).not.toHaveProperty('finalAccuracy');
      expect(out.finalPredictions).toEqual(out.finalYhat);
    } else {
      expect(out).not.toHaveProperty('finalMae');
    }
    compareAll(
      {
        lr: out.lr,
        epochs: out.epochs,
        weight_decay: out.weightDecay ?? 0,
        losses: out.losses,
        final_loss: out.finalLoss,
        final_weights: out.finalWeights,
        final_Yhat: out.finalYhat,
        final_predictions: out.finalPredictions,
        ...pick(out, { final_biases: 'finalBiases', final_accuracy: 'finalAccuracy', final_mae: 'finalMae', final_r2: 'finalR2' }),
      },
      f.expected_train,
      TRAIN_KEYS,
      f,
    );
  });

  it('the CLI in-process: gradcheck agrees with finite differences (away from kinks and saturated logits)', () => {
    const out = runCli('gradcheck', f.path);
    expect(['weight', 'bias']).toContain(out.worst.kind);
    expect(out.worst.layer).toBeGreaterThanOrEqual(1);
    expect(out.worst.layer).toBeLessThanOrEqual(f.weights.length);
    const Zs = f.expected.Zs as number[][][];
    // relu and leakyRelu have a kink at 0 (a central difference across it is wrong, not the gradient);
    // |Z_L| in the hundreds makes J(w ± eps) differ by rounding more than by the step. Elsewhere the
    // bound is 1e-5, not 1e-6: a gradient of ~3e-5 (gen_deep) is off by ~1e-10 from rounding in
    // (J(w+eps) − J(w−eps)) / 2eps alone, which the 1e-4 floor of the denominator turns into 1.2e-6.
    const kink = Zs.slice(0, -1).some((Z) => Z.some((row) => row.some((z) => Math.abs(z) < 1e-5)));
    const saturated = Zs[Zs.length - 1]!.some((row) => row.some((z) => Math.abs(z) > 30));
    if (kink || saturated) expect(Number.isFinite(out.maxRelErr)).toBe(true);
    else expect(out.maxRelErr).toBeLessThan(1e-5);
  });
});

/** `typed-mlp COMMAND FILE` in-process: exit 0, nothing on stderr, and the parsed JSON line. */
function runCli(command: string, path: string): Record<string, any> {
  let stdout = '';
  let stderr = '';
  const code = main([command, path], { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).toMatch(/^[^\n]+\n$/);
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** The CLI's keys renamed to the fixture's, for those the CLI printed. */
function pick(out: Record<string, unknown>, names: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(names).flatMap(([fx, cli]) => (Object.hasOwn(out, cli) ? [[fx, out[cli]]] : [])));
}
