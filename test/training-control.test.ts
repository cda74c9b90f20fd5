/**
 * Training control (SPEC §5 weight decay, §7 dropout, clipping, schedules, early stopping), each
 * checked against an independent textbook implementation written here and in helpers/textbook.ts:
 * plain loops over arrays; `evaluate` supplies data gradients only where the rule under test sits
 * on top of them (decay, clipping, schedules). Dropout has its own masked forward and backward,
 * since evaluate never drops. No expected number is pasted from a run of the library.
 */
import { describe, expect, it } from 'vitest';
import { fromArray, type Matrix, mulberry32, type Network, network, normal, ValueError } from '../src/index.js';
import { EarlyStopper } from '../src/train/early-stopping.js';
import { dropoutSeed } from '../src/train/trainer.js';
import { BACKENDS, useBackend } from './helpers/backends.js';
import { expectClose } from './helpers/close.js';
import { expectNamed } from './helpers/named.js';
import {
  accuracyOf,
  copyRef,
  dropoutMasks,
  maeOf,
  type NetView,
  paramsOf,
  type RefNet,
  refForward,
  refGrads,
  refOf,
  type Rows,
  sgdStep,
  textbookEarlyStop,
} from './helpers/textbook.js';

/** Weights are compared at this relative tolerance where the reference's arithmetic differs from the library's. */
const REL = 1e-12;

/** N rows of 3 standard-normal features and alternating 0/1 labels, from a seeded stream. */
function data(n: number, seed: number): { X: Matrix<number, 3>; Y: Matrix<number, 1> } {
  const u = mulberry32(seed);
  return { X: fromArray(Array.from({ length: n * 3 }, () => normal(u)), n, 3), Y: fromArray(Array.from({ length: n }, (_, i) => i % 2), n, 1) };
}

/** N rows of 3 standard-normal features labelled by a linear rule (x0 + x1/2 − x2 > 0): a task training can learn. */
function learnable(n: number, seed: number): { X: Matrix<number, 3>; Y: Matrix<number, 1> } {
  const u = mulberry32(seed);
  const xs = Array.from({ length: n * 3 }, () => normal(u));
  return { X: fromArray(xs, n, 3), Y: fromArray(Array.from({ length: n }, (_, i) => (xs[3 * i]! + 0.5 * xs[3 * i + 1]! - xs[3 * i + 2]! > 0 ? 1 : 0)), n, 1) };
}

/** Rows from … from + n − 1 of a matrix (a mini-batch, for the reference loops). */
function slice<C extends number>(m: Matrix<number, C>, from: number, n: number): Matrix<number, C> {
  // m.cols is a type parameter here, which a literal-dim check cannot judge: it goes in as a number and comes back as C.
  return fromArray(m.data.subarray(from * m.cols, (from + n) * m.cols), n, m.cols as number) as Matrix<number, C>;
}

/** Gives every bias row of a net nonzero entries, so that decaying a bias would show. */
function withBiases<T extends NetView>(net: T, seed: number): T {
  const u = mulberry32(seed);
  for (const b of net.biases) if (b) for (let i = 0; i < b.data.length; i++) b.data[i] = 0.3 * normal(u);
  return net;
}

const decayNet = () => withBiases(network(3, { seed: 5 }).tanh(4).sigmoid(1), 55);
const dropNet = () => withBiases(network(3, { seed: 7 }).tanh(4).relu(5).sigmoid(1), 77);
/** The middle layer has no bias, so the parameter block mixes layers with and without one. */
const clipNet = () => withBiases(network(3, { seed: 9 }).tanh(4).relu(3, { bias: false }).sigmoid(1), 99);

type Net = Network<[3, 4, 1]>;

/** A parameter block of a network (a weight matrix or a bias row), with its gradient from `evaluate`. */
interface Block {
  readonly p: Float64Array;
  readonly g: Float64Array;
  readonly weight: boolean;
}

function blocks(net: NetView, ev: { readonly grads: readonly Matrix[]; readonly biasGrads: readonly (Matrix | null)[] }): Block[] {
  const out: Block[] = [];
  net.weights.forEach((w, l) => {
    out.push({ p: w.data, g: ev.grads[l]!.data, weight: true });
    const b = net.biases[l];
    if (b) out.push({ p: b.data, g: ev.biasGrads[l]!.data, weight: false });
  });
  return out;
}

/** Parameters agree to a relative REL, entry by entry (W_l and b_l of every layer). */
function expectParams(actual: { W: Rows[]; b: (number[] | null)[] }, expected: { W: Rows[]; b: (number[] | null)[] }): void {
  expectClose([actual.W, actual.b], [expected.W, expected.b], REL);
}

const sumSquares = (arrays: readonly ArrayLike<number>[]) => arrays.reduce((s, a) => s + Array.from(a).reduce((t, v) => t + v * v, 0), 0);

/** The largest relative difference between two parameter sets (to show that two references really differ). */
function maxRelDiff(a: { W: Rows[]; b: (number[] | null)[] }, b: { W: Rows[]; b: (number[] | null)[] }): number {
  const flat = (p: { W: Rows[]; b: (number[] | null)[] }) => [...p.W.flat(2), ...p.b.flatMap((r) => r ?? [])];
  const x = flat(a);
  const y = flat(b);
  return Math.max(...x.map((v, i) => Math.abs(v - y[i]!) / Math.max(Math.abs(v), Math.abs(y[i]!), 1e-300)));
}

// ---------------------------------------------------------------------------------------------
// 1. Weight decay
// ---------------------------------------------------------------------------------------------

describe.each(BACKENDS)('weight decay (SPEC §5), %s kernels', (backend) => {
  useBackend(backend);
  const { X, Y } = data(6, 101);

  /** Coupled SGD by hand over batches of `batchSize` rows: W ← W − lr·(∂J/∂W + λ·W), b ← b − lr·∂J/∂b. */
  function coupledSgd(net: Net, lr: number, lambda: number, epochs: number, batchSize: number) {
    const twin = net.clone();
    const losses: number[] = [];
    for (let e = 0; e < epochs; e++) {
      let total = 0;
      for (let from = 0; from < X.rows; from += batchSize) {
        const n = Math.min(batchSize, X.rows - from);
        const ev = twin.evaluate(slice(X, from, n), slice(Y, from, n));
        total += ev.loss * n;
        for (const { p, g, weight } of blocks(twin, ev)) p.forEach((w, i) => (p[i] = w - lr * (g[i]! + (weight ? lambda * w : 0))));
      }
      losses.push(total / X.rows);
    }
    return { twin, losses };
  }

  it('SGD is coupled (PyTorch SGD(weight_decay)): W ← W − lr·(∂J/∂W + λ·W), biases not decayed; history.loss is J alone', () => {
    const [lr, lambda, epochs] = [0.4, 0.3, 4];
    const net = decayNet();
    const { twin, losses } = coupledSgd(decayNet(), lr, lambda, epochs, 6);
    const history = net.fit(X, Y, { lr, epochs, weightDecay: lambda });
    expectParams(paramsOf(net), paramsOf(twin));
    expectClose(history.loss, losses, REL);
    // history.loss[0] is the textbook data loss of the initial net, without λ/2·‖W‖² (which is far from negligible here).
    expectClose(history.loss[0], refForward(refOf(decayNet()), X.toArray(), Y.toArray()).loss, REL);
    expect((lambda / 2) * sumSquares(decayNet().weights.map((w) => w.data))).toBeGreaterThan(0.05);
    // The decay did something: plain SGD ends elsewhere.
    expect(maxRelDiff(paramsOf(net), paramsOf(coupledSgd(decayNet(), lr, 0, epochs, 6).twin))).toBeGreaterThan(1e-3);
  });

  it('SGD with mini-batches decays at every step, and history.loss is the row-weighted mean of the batches’ data losses', () => {
    const [lr, lambda, epochs] = [0.3, 0.2, 3];
    const net = decayNet();
    const { twin, losses } = coupledSgd(decayNet(), lr, lambda, epochs, 4);
    const history = net.fit(X, Y, { lr, epochs, weightDecay: lambda, batchSize: 4 });
    expectParams(paramsOf(net), paramsOf(twin));
    expectClose(history.loss, losses, REL);
  });

  it('momentum is coupled: v ← μ·v + (∂J/∂W + λ·W), W ← W − lr·v; a bias’s v gets ∂J/∂b only', () => {
    const [lr, lambda, mu, epochs] = [0.2, 0.25, 0.7, 5];
    const net = decayNet();
    const twin = decayNet();
    const losses: number[] = [];
    let v: Float64Array[] | undefined;
    for (let e = 0; e < epochs; e++) {
      const ev = twin.evaluate(X, Y);
      losses.push(ev.loss);
      const bs = blocks(twin, ev);
      v ??= bs.map((b) => new Float64Array(b.p.length));
      bs.forEach(({ p, g, weight }, k) => p.forEach((w, i) => {
        v![k]![i] = mu * v![k]![i]! + (g[i]! + (weight ? lambda * w : 0));
        p[i] = w - lr * v![k]![i]!;
      }));
    }
    const history = net.fit(X, Y, { lr, epochs, weightDecay: lambda, optimizer: { type: 'momentum', momentum: mu } });
    expectParams(paramsOf(net), paramsOf(twin));
    expectClose(history.loss, losses, REL);
  });

  it('Adam is decoupled (PyTorch AdamW): W ← W − lr·λ·W, then the Adam step on the data gradient; biases not decayed', () => {
    const [lr, lambda, b1, b2, eps, epochs] = [0.05, 0.5, 0.9, 0.999, 1e-8, 4];
    const net = decayNet();
    const twin = decayNet();
    const losses: number[] = [];
    let m: Float64Array[] | undefined;
    let v: Float64Array[] | undefined;
    for (let t = 1; t <= epochs; t++) {
      const ev = twin.evaluate(X, Y);
      losses.push(ev.loss);
      const bs = blocks(twin, ev);
      m ??= bs.map((b) => new Float64Array(b.p.length));
      v ??= bs.map((b) => new Float64Array(b.p.length));
      bs.forEach(({ p, g, weight }, k) => p.forEach((w, i) => {
        const gi = g[i]!;
        m![k]![i] = b1 * m![k]![i]! + (1 - b1) * gi;
        v![k]![i] = b2 * v![k]![i]! + (1 - b2) * gi * gi;
        const decayed = weight ? w - lr * lambda * w : w;
        p[i] = decayed - (lr * (m![k]![i]! / (1 - b1 ** t))) / (Math.sqrt(v![k]![i]! / (1 - b2 ** t)) + eps);
      }));
    }
    const history = net.fit(X, Y, { lr, epochs, weightDecay: lambda, optimizer: 'adam' });
    expectParams(paramsOf(net), paramsOf(twin));
    expectClose(history.loss, losses, REL);
  });

  it('λ = 0 is bit-identical to omitting it, for every optimizer, in fit and in train', () => {
    for (const optimizer of ['sgd', 'momentum', 'adam'] as const) {
      const a = decayNet();
      const b = decayNet();
      const ha = a.fit(X, Y, { lr: 0.1, epochs: 4, batchSize: 4, optimizer, weightDecay: 0 });
      const hb = b.fit(X, Y, { lr: 0.1, epochs: 4, batchSize: 4, optimizer });
      expect(paramsOf(a), optimizer).toEqual(paramsOf(b));
      expect(ha).toEqual(hb);
    }
    const a = decayNet();
    const b = decayNet();
    expect(a.train(X, Y, { lr: 0.5, epochs: 5, weightDecay: 0 })).toEqual(b.train(X, Y, { lr: 0.5, epochs: 5 }));
    expect(paramsOf(a)).toEqual(paramsOf(b));
  });

  it('train() takes weightDecay too: coupled full-batch SGD, losses[k] the data loss before update k, finalLoss after the last', () => {
    const [lr, lambda, epochs] = [0.5, 0.4, 6];
    const net = decayNet();
    const { twin, losses } = coupledSgd(decayNet(), lr, lambda, epochs, 6);
    const result = net.train(X, Y, { lr, epochs, weightDecay: lambda });
    expectParams(paramsOf(net), paramsOf(twin));
    expectClose(result.losses, losses, REL);
    expectClose(result.finalLoss, refForward(refOf(twin), X.toArray(), Y.toArray()).loss, REL);
  });

  it('a bad λ is a named ValueError that changes nothing', () => {
    const net = decayNet();
    const before = paramsOf(net);
    for (const bad of [-0.1, Number.NaN, Infinity]) {
      const message = `weightDecay is ${bad}, but it must be a finite number ≥ 0`;
      expectNamed(() => net.fit(X, Y, { lr: 0.1, epochs: 2, weightDecay: bad }), ValueError, message);
      expectNamed(() => net.train(X, Y, { lr: 0.1, epochs: 2, weightDecay: bad }), ValueError, message);
      expectNamed(() => net.trainer(X, Y, { lr: 0.1, weightDecay: bad }), ValueError, message);
    }
    expect(paramsOf(net)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Dropout
// ---------------------------------------------------------------------------------------------

/**
 * Textbook inverted-dropout SGD without shuffling: batch after batch (rows batchSize·b …), masks
 * drawn from mulberry32(dropoutSeed(seed)) at every forward pass, layer by layer, row-major.
 * Records, per step, the batch's loss and accuracy (of the dropped pass) and the parameters after.
 */
function textbookDropoutSgd(net: NetView, X: Matrix, Y: Matrix, o: { rates: readonly number[]; seed: number; lr: number; steps: number; batchSize: number }) {
  const ref = refOf(net);
  const draw = mulberry32(dropoutSeed(o.seed));
  const xs = X.toArray();
  const ys = Y.toArray();
  const perEpoch = Math.ceil(xs.length / o.batchSize);
  const losses: number[] = [];
  const accuracies: number[] = [];
  const rows: number[] = [];
  const masks: (Rows | null)[][] = [];
  const after: RefNet[] = [];
  for (let s = 0; s < o.steps; s++) {
    const from = (s % perEpoch) * o.batchSize;
    const xb = xs.slice(from, from + o.batchSize);
    const yb = ys.slice(from, from + o.batchSize);
    const m = dropoutMasks(draw, xb.length, ref, o.rates);
    const g = refGrads(ref, xb, yb, m);
    losses.push(g.loss);
    accuracies.push(accuracyOf(g.pass.yhat, yb));
    rows.push(xb.length);
    masks.push(m);
    sgdStep(ref, g, o.lr);
    after.push(copyRef(ref));
  }
  return { ref, losses, accuracies, rows, masks, after };
}

/** How many units a set of masks dropped and kept. */
function maskCounts(masks: readonly (Rows | null)[]): { dropped: number; kept: number } {
  const all = masks.flatMap((m) => (m ? m.flat() : []));
  return { dropped: all.filter((v) => v === 0).length, kept: all.filter((v) => v > 0).length };
}

describe.each(BACKENDS)('dropout (SPEC §7), %s kernels', (backend) => {
  useBackend(backend);
  const { X, Y } = data(6, 202);
  const val = data(5, 203);

  it('p = 0, as one number or one per hidden layer, is bit-identical to no dropout (fit and trainer)', () => {
    const options = { lr: 0.3, epochs: 5, batchSize: 4, shuffle: true, seed: 9, optimizer: 'momentum', validation: [val.X, val.Y] } as const;
    const plain = dropNet();
    const expected = plain.fit(X, Y, options);
    for (const dropout of [0, [0, 0]]) {
      const net = dropNet();
      const history = net.fit(X, Y, { ...options, dropout });
      expect(paramsOf(net), JSON.stringify(dropout)).toEqual(paramsOf(plain));
      expect(history).toEqual(expected);
    }
    const a = dropNet();
    const b = dropNet();
    const ta = a.trainer(X, Y, { lr: 0.3, batchSize: 4, dropout: 0 });
    const tb = b.trainer(X, Y, { lr: 0.3, batchSize: 4 });
    for (let s = 0; s < 4; s++) {
      ta.step();
      tb.step();
      expect(ta.loss).toBe(tb.loss);
    }
    expect(paramsOf(a)).toEqual(paramsOf(b));
  });

  it('a textbook masked forward/backward reproduces 3 fit steps with p = 0.5 (tanh then relu), loss, accuracy and validation included', () => {
    const seed = 11;
    const [lr, epochs] = [0.5, 3];
    const net = dropNet();
    const ref = textbookDropoutSgd(dropNet(), X, Y, { rates: [0.5, 0.5], seed, lr, steps: epochs, batchSize: 6 });
    const history = net.fit(X, Y, { lr, epochs, dropout: 0.5, seed, validation: [val.X, val.Y] });
    expectParams(paramsOf(net), ref.ref);
    // loss and accuracy of an epoch are those of the training pass, with its dropout (as Keras' fit logs).
    expectClose(history.loss, ref.losses, REL);
    expect(history.accuracy).toEqual(ref.accuracies);
    // validation never drops (and draws nothing: the next epoch's masks are still the reference's).
    const vx = val.X.toArray();
    const vy = val.Y.toArray();
    expectClose(history.valLoss, ref.after.map((p) => refForward(p, vx, vy).loss), REL);
    expect(history.valAccuracy).toEqual(ref.after.map((p) => accuracyOf(refForward(p, vx).yhat, vy)));
    // Not vacuous: every step dropped and kept units in both layers, and training without the masks ends elsewhere.
    for (const m of ref.masks) for (const layer of m) expect(maskCounts([layer])).toSatisfy(({ dropped, kept }: { dropped: number; kept: number }) => dropped > 0 && kept > 0);
    const undropped = refOf(dropNet());
    for (let s = 0; s < epochs; s++) sgdStep(undropped, refGrads(undropped, X.toArray(), Y.toArray()), lr);
    expect(maxRelDiff(paramsOf(net), undropped)).toBeGreaterThan(1e-3);
  });

  it('per-layer rates [0.25, 0.5] on relu then tanh, in mini-batches of 4 and 2 rows, step by step through trainer()', () => {
    const make = () => withBiases(network(3, { seed: 8 }).relu(4).tanh(5).sigmoid(1), 88);
    const seed = 5;
    const lr = 0.4;
    const net = make();
    const ref = textbookDropoutSgd(make(), X, Y, { rates: [0.25, 0.5], seed, lr, steps: 5, batchSize: 4 });
    const trainer = net.trainer(X, Y, { lr, batchSize: 4, dropout: [0.25, 0.5], seed });
    for (let s = 0; s < 5; s++) {
      trainer.step();
      expectClose(trainer.loss, ref.losses[s], REL);
      expectParams(paramsOf(net), ref.after[s]!);
    }
    expect(ref.rows).toEqual([4, 2, 4, 2, 4]);
    const { dropped, kept } = maskCounts(ref.masks.flat());
    expect(dropped).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(0);
  });

  it('a layer with p = 0 in the per-layer form is the identity and draws nothing (as PyTorch’s nn.Dropout(0)): [0, 0.5]', () => {
    const seed = 3;
    const net = dropNet();
    const ref = textbookDropoutSgd(dropNet(), X, Y, { rates: [0, 0.5], seed, lr: 0.5, steps: 6, batchSize: 4 });
    net.fit(X, Y, { lr: 0.5, epochs: 3, batchSize: 4, dropout: [0, 0.5], seed });
    expectParams(paramsOf(net), ref.ref);
    expect(ref.masks.every((m) => m[0] === null && m[1] !== null)).toBe(true);
  });

  it('a unit is dropped only when u < p: a draw exactly equal to p keeps its unit', () => {
    // The seed whose stream starts with a draw in [0.3, 0.7]; that draw becomes p, so unit (0, 0) of the first layer sees u = p.
    let seed = 1;
    while (!(mulberry32(dropoutSeed(seed))() >= 0.3 && mulberry32(dropoutSeed(seed))() <= 0.7)) seed++;
    const p = mulberry32(dropoutSeed(seed))();
    const net = dropNet();
    const ref = textbookDropoutSgd(dropNet(), X, Y, { rates: [p, p], seed, lr: 0.5, steps: 2, batchSize: 6 });
    expect(ref.masks[0]![0]![0]![0]).toBe(1 / (1 - p)); // kept
    net.fit(X, Y, { lr: 0.5, epochs: 2, dropout: p, seed });
    expectParams(paramsOf(net), ref.ref);
    // Had u ≤ p dropped it, the result would differ: that unit carries weight in the gradient.
    expect(Math.abs(refForward(refOf(dropNet()), X.toArray()).Xs[1]![0]![0]!)).toBeGreaterThan(1e-3);
  });

  it('predict, evaluate and validation never drop: after training with dropout they equal a fresh clone’s, and valLoss is evaluate’s after each epoch', () => {
    const net = dropNet();
    const snapshots: (typeof net)[] = [];
    const history = net.fit(X, Y, {
      lr: 0.3,
      epochs: 4,
      batchSize: 4,
      dropout: 0.5,
      seed: 4,
      validation: [val.X, val.Y],
      onEpochEnd: () => {
        snapshots.push(net.clone());
      },
    });
    const clone = net.clone();
    const ev = net.evaluate(X, Y);
    const evClone = clone.evaluate(X, Y);
    expect(ev.loss).toBe(evClone.loss);
    expect(ev.Yhat.toArray()).toEqual(evClone.Yhat.toArray());
    expect(ev.grads.map((g) => g.toArray())).toEqual(evClone.grads.map((g) => g.toArray()));
    expect(ev.biasGrads.map((g) => g?.toArray())).toEqual(evClone.biasGrads.map((g) => g?.toArray()));
    expect(net.predict(val.X).toArray()).toEqual(clone.predict(val.X).toArray());
    expect(net.forward(X).toArray()).toEqual(net.forward(X).toArray());
    expectClose(ev.loss, refForward(refOf(net), X.toArray(), Y.toArray()).loss, REL);
    expectClose(ev.Yhat.toArray(), refForward(refOf(net), X.toArray()).yhat, REL);
    expect(snapshots).toHaveLength(4);
    snapshots.forEach((s, e) => {
      const evVal = s.evaluate(val.X, val.Y);
      expectClose(history.valLoss![e], evVal.loss, REL);
      expect(history.valAccuracy![e]).toBe(evVal.accuracy);
      expectClose(history.valLoss![e], refForward(refOf(s), val.X.toArray(), val.Y.toArray()).loss, REL);
    });
  });

  it('the same seed gives bit-identical weights, another seed other weights; the default seed is 1', () => {
    const run = (seed?: number) => {
      const net = dropNet();
      net.fit(X, Y, { lr: 0.3, epochs: 4, batchSize: 4, dropout: 0.5, ...(seed !== undefined && { seed }) });
      return paramsOf(net);
    };
    expect(run(17)).toEqual(run(17));
    expect(maxRelDiff(run(17), run(18))).toBeGreaterThan(1e-6);
    expect(run()).toEqual(run(1));
  });

  it('bad rates are named ValueErrors (the messages of src/train/options.ts) that change nothing', () => {
    const net = dropNet();
    const before = paramsOf(net);
    const cases: [unknown, string][] = [
      [1, 'dropout is 1, but a drop probability must be in [0, 1)'],
      [-0.1, 'dropout is -0.1, but a drop probability must be in [0, 1)'],
      [Number.NaN, 'dropout is NaN, but a drop probability must be in [0, 1)'],
      ['0.5', 'dropout is "0.5", but a drop probability must be in [0, 1)'],
      [[0.5, 0.5, 0.5], 'dropout has 3 entries but the network has 2 hidden layers (give one rate, or one per hidden layer)'],
      [[0.5], 'dropout has 1 entry but the network has 2 hidden layers (give one rate, or one per hidden layer)'],
      [[0.5, 1], 'dropout[1] is 1, but a drop probability must be in [0, 1)'],
      [[Number.NaN, 0.5], 'dropout[0] is NaN, but a drop probability must be in [0, 1)'],
    ];
    for (const [dropout, message] of cases) {
      expectNamed(() => net.fit(X, Y, { lr: 0.1, epochs: 2, dropout: dropout as number }), ValueError, message);
      expectNamed(() => net.trainer(X, Y, { lr: 0.1, dropout: dropout as number }), ValueError, message);
    }
    expect(paramsOf(net)).toEqual(before);
    const one = network(3, { seed: 1 }).tanh(4).sigmoid(1);
    expectNamed(() => one.fit(X, Y, { lr: 0.1, epochs: 1, dropout: [0.5, 0.5] }), ValueError, 'dropout has 2 entries but the network has 1 hidden layer (give one rate, or one per hidden layer)');
    const none = network(3, { seed: 1 }).sigmoid(1);
    expectNamed(() => none.fit(X, Y, { lr: 0.1, epochs: 1, dropout: 0.5 }), ValueError, 'dropout is 0.5, but the network has no hidden layer to drop units from');
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Gradient clipping
// ---------------------------------------------------------------------------------------------

describe.each(BACKENDS)('gradient clipping (SPEC §7), %s kernels', (backend) => {
  useBackend(backend);
  const { X, Y } = data(6, 303);

  type ClipNet = ReturnType<typeof clipNet>;
  const norm = (gs: readonly ArrayLike<number>[]) => Math.sqrt(sumSquares(gs));

  /**
   * SGD with clipping and coupled decay by hand. 'clip-then-decay': g ← g·c/G if G = ‖g‖ > c, then
   * g_W += λ·W (SPEC §7). 'decay-then-clip': the other order, to show that the order matters.
   * `weightsOnly` computes G over the weight gradients alone (the wrong norm, for contrast).
   */
  function clippedSgd(o: { lr: number; c: number; lambda: number; steps: number; order: 'clip-then-decay' | 'decay-then-clip'; weightsOnly?: boolean }) {
    const twin = clipNet();
    const norms: number[] = [];
    for (let s = 0; s < o.steps; s++) {
      const bs = blocks(twin, twin.evaluate(X, Y));
      const g = bs.map((b) => Float64Array.from(b.g));
      const decay = () => bs.forEach((b, k) => b.weight && b.p.forEach((w, i) => (g[k]![i] = g[k]![i]! + o.lambda * w)));
      if (o.order === 'decay-then-clip') decay();
      const G = norm(g.filter((_, k) => !o.weightsOnly || bs[k]!.weight));
      norms.push(G);
      if (G > o.c) for (const gk of g) gk.forEach((v, i) => (gk[i] = v * (o.c / G)));
      if (o.order === 'clip-then-decay') decay();
      bs.forEach((b, k) => b.p.forEach((w, i) => (b.p[i] = w - o.lr * g[k]![i]!)));
    }
    return { twin, norms };
  }

  function firstNorms(net: ClipNet) {
    const bs = blocks(net, net.evaluate(X, Y));
    return { all: norm(bs.map((b) => b.g)), weights: norm(bs.filter((b) => b.weight).map((b) => b.g)) };
  }

  it('G is the global L2 norm over every weight AND bias gradient; all are scaled by c/G when G > c', () => {
    const { all, weights } = firstNorms(clipNet());
    // c between the weights-only norm and the full one: clipping happens only if the biases count.
    const c = (weights + all) / 2;
    expect(all).toBeGreaterThan(weights * 1.01);
    const { twin, norms } = clippedSgd({ lr: 0.5, c, lambda: 0, steps: 3, order: 'clip-then-decay' });
    expect(norms[0]).toBeGreaterThan(c);
    const net = clipNet();
    net.fit(X, Y, { lr: 0.5, epochs: 3, clipNorm: c });
    expectParams(paramsOf(net), paramsOf(twin));
    // The weights-only norm would not have clipped the first step: a different result.
    expect(maxRelDiff(paramsOf(net), paramsOf(clippedSgd({ lr: 0.5, c, lambda: 0, steps: 3, order: 'clip-then-decay', weightsOnly: true }).twin))).toBeGreaterThan(1e-6);
  });

  it('a c above every step’s G changes nothing (bit-identical to no clipping); just below G0 it clips', () => {
    const { norms } = clippedSgd({ lr: 0.5, c: Infinity, lambda: 0, steps: 4, order: 'clip-then-decay' });
    const c = 1.0001 * Math.max(...norms);
    const a = clipNet();
    const b = clipNet();
    const ha = a.fit(X, Y, { lr: 0.5, epochs: 4, clipNorm: c });
    const hb = b.fit(X, Y, { lr: 0.5, epochs: 4 });
    expect(paramsOf(a)).toEqual(paramsOf(b));
    expect(ha).toEqual(hb);
    const below = 0.9999 * norms[0]!;
    const clipped = clipNet();
    clipped.fit(X, Y, { lr: 0.5, epochs: 1, clipNorm: below });
    expectParams(paramsOf(clipped), paramsOf(clippedSgd({ lr: 0.5, c: below, lambda: 0, steps: 1, order: 'clip-then-decay' }).twin));
    expect(paramsOf(clipped)).not.toEqual(paramsOf(clippedSgd({ lr: 0.5, c: Infinity, lambda: 0, steps: 1, order: 'clip-then-decay' }).twin));
  });

  it('clipping applies to the data gradient, before weight decay is added (clip, then g_W + λ·W)', () => {
    const { all } = firstNorms(clipNet());
    const o = { lr: 0.3, c: 0.2 * all, lambda: 0.5, steps: 3 };
    const clipThenDecay = clippedSgd({ ...o, order: 'clip-then-decay' }).twin;
    const decayThenClip = clippedSgd({ ...o, order: 'decay-then-clip' }).twin;
    // The case is built so that the order matters.
    expect(maxRelDiff(paramsOf(clipThenDecay), paramsOf(decayThenClip))).toBeGreaterThan(1e-3);
    const net = clipNet();
    net.fit(X, Y, { lr: o.lr, epochs: o.steps, clipNorm: o.c, weightDecay: o.lambda });
    expectParams(paramsOf(net), paramsOf(clipThenDecay));
  });

  it('with Adam: the clipped data gradient feeds the moments, decay stays decoupled', () => {
    const { all } = firstNorms(clipNet());
    const [lr, c, lambda, b1, b2, eps, steps] = [0.05, 0.3 * all, 0.4, 0.9, 0.999, 1e-8, 3];
    const twin = clipNet();
    let m: Float64Array[] | undefined;
    let v: Float64Array[] | undefined;
    for (let t = 1; t <= steps; t++) {
      const bs = blocks(twin, twin.evaluate(X, Y));
      const G = norm(bs.map((b) => b.g));
      const scale = G > c ? c / G : 1;
      expect(G).toBeGreaterThan(c);
      m ??= bs.map((b) => new Float64Array(b.p.length));
      v ??= bs.map((b) => new Float64Array(b.p.length));
      bs.forEach(({ p, g, weight }, k) => p.forEach((w, i) => {
        const gi = g[i]! * scale;
        m![k]![i] = b1 * m![k]![i]! + (1 - b1) * gi;
        v![k]![i] = b2 * v![k]![i]! + (1 - b2) * gi * gi;
        const decayed = weight ? w - lr * lambda * w : w;
        p[i] = decayed - (lr * (m![k]![i]! / (1 - b1 ** t))) / (Math.sqrt(v![k]![i]! / (1 - b2 ** t)) + eps);
      }));
    }
    const net = clipNet();
    net.fit(X, Y, { lr, epochs: steps, clipNorm: c, weightDecay: lambda, optimizer: 'adam' });
    expectParams(paramsOf(net), paramsOf(twin));
  });

  it('c ≤ 0 (or not a finite number) is a named ValueError that changes nothing', () => {
    const net = clipNet();
    const before = paramsOf(net);
    for (const bad of [0, -1, -0.5, Number.NaN, Infinity]) {
      const message = `clipNorm is ${bad}, but it must be a finite number > 0`;
      expectNamed(() => net.fit(X, Y, { lr: 0.1, epochs: 2, clipNorm: bad }), ValueError, message);
      expectNamed(() => net.trainer(X, Y, { lr: 0.1, clipNorm: bad }), ValueError, message);
    }
    expect(paramsOf(net)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Learning-rate schedules
// ---------------------------------------------------------------------------------------------

describe.each(BACKENDS)('learning-rate schedules (SPEC §7), %s kernels', (backend) => {
  useBackend(backend);
  const { X, Y } = data(6, 404);
  const batchSize = 4; // two updates per epoch (4 rows, then 2)

  /** Plain SGD by hand with the rate lrs[e] for every update of epoch e. */
  function manualSgd(lrs: readonly number[]): Net {
    const twin = decayNet();
    for (const lr of lrs) {
      for (let from = 0; from < X.rows; from += batchSize) {
        const n = Math.min(batchSize, X.rows - from);
        for (const { p, g } of blocks(twin, twin.evaluate(slice(X, from, n), slice(Y, from, n)))) p.forEach((w, i) => (p[i] = w - lr * g[i]!));
      }
    }
    return twin;
  }

  const epochsOf = (n: number) => Array.from({ length: n }, (_, e) => e);

  it('step: lr_e = lr0·γ^⌊e/s⌋ (PyTorch StepLR), in history.lr and in the updates', () => {
    const [lr0, gamma, s, epochs] = [0.5, 0.5, 3, 8];
    const expected = epochsOf(epochs).map((e) => lr0 * Math.pow(gamma, Math.floor(e / s)));
    const net = decayNet();
    const history = net.fit(X, Y, { lr: lr0, epochs, batchSize, lrSchedule: { type: 'step', stepSize: s, gamma } });
    expectClose(history.lr, expected, REL);
    expect(history.lr.slice(0, 4)).toEqual([lr0, lr0, lr0, lr0 * gamma]);
    expectParams(paramsOf(net), paramsOf(manualSgd(expected)));
  });

  it('exponential: lr_e = lr0·γ^e (PyTorch ExponentialLR)', () => {
    const [lr0, gamma, epochs] = [0.6, 0.8, 6];
    const expected = epochsOf(epochs).map((e) => lr0 * Math.pow(gamma, e));
    const net = decayNet();
    const history = net.fit(X, Y, { lr: lr0, epochs, batchSize, lrSchedule: { type: 'exponential', gamma } });
    expectClose(history.lr, expected, REL);
    expect(history.lr[0]).toBe(lr0);
    expectParams(paramsOf(net), paramsOf(manualSgd(expected)));
  });

  it('cosine over T epochs: lrMin + (lr0 − lrMin)·(1 + cos(π·min(e, T)/T))/2, staying at lrMin after T (Keras CosineDecay)', () => {
    const [lr0, lrMin, T, epochs] = [0.5, 0.05, 4, 7];
    const expected = epochsOf(epochs).map((e) => lrMin + ((lr0 - lrMin) * (1 + Math.cos((Math.PI * Math.min(e, T)) / T))) / 2);
    const net = decayNet();
    const history = net.fit(X, Y, { lr: lr0, epochs, batchSize, lrSchedule: { type: 'cosine', epochs: T, lrMin } });
    expectClose(history.lr, expected, REL);
    expect(history.lr[0]).toBe(lr0);
    expectClose(history.lr[2], (lr0 + lrMin) / 2, REL);
    expect(history.lr.slice(T)).toEqual([lrMin, lrMin, lrMin]);
    expectParams(paramsOf(net), paramsOf(manualSgd(expected)));
  });

  it('cosine without lrMin decays to 0, and the epochs at rate 0 leave the weights as they were', () => {
    const [lr0, T, epochs] = [0.5, 2, 4];
    const net = decayNet();
    const weightsAfter: ReturnType<typeof paramsOf>[] = [];
    const history = net.fit(X, Y, { lr: lr0, epochs, batchSize, lrSchedule: { type: 'cosine', epochs: T }, onEpochEnd: () => void weightsAfter.push(paramsOf(net)) });
    expectClose(history.lr, [lr0, lr0 / 2, 0, 0], REL);
    expect(weightsAfter[3]).toEqual(weightsAfter[1]);
    expectParams(paramsOf(net), paramsOf(manualSgd([lr0, lr0 / 2, 0, 0])));
  });

  it('a function (epoch, step) is called once per epoch, before its updates, with step = the updates made before that epoch', () => {
    const calls: [number, number][] = [];
    const schedule = (epoch: number, step: number) => {
      calls.push([epoch, step]);
      return 0.3 / (1 + epoch);
    };
    const net = decayNet();
    const history = net.fit(X, Y, { lr: 1, epochs: 4, batchSize, lrSchedule: schedule });
    expect(calls).toEqual([[0, 0], [1, 2], [2, 4], [3, 6]]);
    expect(history.lr).toEqual([0.3 / 1, 0.3 / 2, 0.3 / 3, 0.3 / 4]);
    expectParams(paramsOf(net), paramsOf(manualSgd(history.lr)));
    // Step by step: the trainer's rate changes when an epoch starts.
    calls.length = 0;
    const t = decayNet().trainer(X, Y, { lr: 1, batchSize, lrSchedule: schedule });
    expect(t.lr).toBe(1); // lr0 before the first step
    const rates: number[] = [];
    for (let s = 0; s < 5; s++) {
      t.step();
      rates.push(t.lr);
    }
    expect(calls).toEqual([[0, 0], [1, 2], [2, 4]]);
    expect(rates).toEqual([0.3 / 1, 0.3 / 1, 0.3 / 2, 0.3 / 2, 0.3 / 3]);
  });

  it('AdamW’s decay uses the scheduled lr: W ← W − lr_e·λ·W, then the Adam step with lr_e', () => {
    const [lr0, gamma, lambda, b1, b2, eps, epochs] = [0.1, 0.3, 0.5, 0.9, 0.999, 1e-8, 3];
    const lrs = epochsOf(epochs).map((e) => lr0 * Math.pow(gamma, e));
    const adamw = (decayRate: (e: number) => number) => {
      const twin = decayNet();
      let m: Float64Array[] | undefined;
      let v: Float64Array[] | undefined;
      for (let t = 1; t <= epochs; t++) {
        const lr = lrs[t - 1]!;
        const bs = blocks(twin, twin.evaluate(X, Y));
        m ??= bs.map((b) => new Float64Array(b.p.length));
        v ??= bs.map((b) => new Float64Array(b.p.length));
        bs.forEach(({ p, g, weight }, k) => p.forEach((w, i) => {
          m![k]![i] = b1 * m![k]![i]! + (1 - b1) * g[i]!;
          v![k]![i] = b2 * v![k]![i]! + (1 - b2) * g[i]! * g[i]!;
          const decayed = weight ? w - decayRate(t - 1) * lambda * w : w;
          p[i] = decayed - (lr * (m![k]![i]! / (1 - b1 ** t))) / (Math.sqrt(v![k]![i]! / (1 - b2 ** t)) + eps);
        }));
      }
      return twin;
    };
    const net = decayNet();
    const history = net.fit(X, Y, { lr: lr0, epochs, optimizer: 'adam', weightDecay: lambda, lrSchedule: { type: 'exponential', gamma } });
    expectClose(history.lr, lrs, REL);
    const expected = adamw((e) => lrs[e]!);
    expectParams(paramsOf(net), paramsOf(expected));
    expect(maxRelDiff(paramsOf(expected), paramsOf(adamw(() => lr0)))).toBeGreaterThan(1e-4);
  });

  it('a function returning 0, a negative number, NaN, Infinity or a string is a named ValueError', () => {
    const cases: [(epoch: number) => unknown, string][] = [
      [() => 0, 'lrSchedule returned 0 for epoch 0, but a learning rate must be a finite number > 0'],
      [() => -0.1, 'lrSchedule returned -0.1 for epoch 0, but a learning rate must be a finite number > 0'],
      [(e) => (e < 2 ? 0.1 : Number.NaN), 'lrSchedule returned NaN for epoch 2, but a learning rate must be a finite number > 0'],
      [(e) => (e < 1 ? 0.1 : Infinity), 'lrSchedule returned Infinity for epoch 1, but a learning rate must be a finite number > 0'],
      [() => '0.1', 'lrSchedule returned "0.1" for epoch 0, but a learning rate must be a finite number > 0'],
    ];
    for (const [schedule, message] of cases) {
      expectNamed(() => decayNet().fit(X, Y, { lr: 0.1, epochs: 4, lrSchedule: schedule as (epoch: number) => number }), ValueError, message);
    }
  });

  it('bad schedule options are named ValueErrors, raised before any update', () => {
    const cases: [unknown, string][] = [
      [{ type: 'step', stepSize: 0, gamma: 0.5 }, 'lrSchedule.stepSize is 0, but it must be a positive integer'],
      [{ type: 'step', stepSize: 1.5, gamma: 0.5 }, 'lrSchedule.stepSize is 1.5, but it must be a positive integer'],
      [{ type: 'step', stepSize: 2, gamma: 0 }, 'lrSchedule.gamma is 0, but it must be a finite number > 0'],
      [{ type: 'step', stepSize: 2 }, 'lrSchedule.gamma is undefined, but it must be a finite number > 0'],
      [{ type: 'exponential', gamma: -0.5 }, 'lrSchedule.gamma is -0.5, but it must be a finite number > 0'],
      [{ type: 'exponential', gamma: Number.NaN }, 'lrSchedule.gamma is NaN, but it must be a finite number > 0'],
      [{ type: 'cosine', epochs: 0 }, 'lrSchedule.epochs is 0, but it must be a positive integer'],
      [{ type: 'cosine', epochs: 5, lrMin: 1 }, 'lrSchedule.lrMin is 1, but it must be a finite number in [0, lr] (lr is 0.5)'],
      [{ type: 'cosine', epochs: 5, lrMin: -0.1 }, 'lrSchedule.lrMin is -0.1, but it must be a finite number in [0, lr] (lr is 0.5)'],
      [{ type: 'linear' }, 'lrSchedule.type is "linear", expected "step", "exponential" or "cosine" (or give a function)'],
      [null, 'lrSchedule is null, expected a function or an object with a "type"'],
      [5, 'lrSchedule is 5, expected a function or an object with a "type"'],
    ];
    const net = decayNet();
    const before = paramsOf(net);
    for (const [lrSchedule, message] of cases) {
      expectNamed(() => net.fit(X, Y, { lr: 0.5, epochs: 3, lrSchedule: lrSchedule as { type: 'exponential'; gamma: number } }), ValueError, message);
      expectNamed(() => net.trainer(X, Y, { lr: 0.5, lrSchedule: lrSchedule as { type: 'exponential'; gamma: number } }), ValueError, message);
    }
    expect(paramsOf(net)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Early stopping
// ---------------------------------------------------------------------------------------------

/** Feeds a sequence to an EarlyStopper as fit does (improved, then shouldStop) and reports what happened. */
function feed(stopper: EarlyStopper, values: readonly number[]): { improved: boolean[]; stoppedEpoch: number | undefined; bestEpoch: number; best: number } {
  const improved: boolean[] = [];
  for (let e = 0; e < values.length; e++) {
    improved.push(stopper.improved(values[e]!, e));
    if (stopper.shouldStop) return { improved, stoppedEpoch: e, bestEpoch: stopper.bestEpoch, best: stopper.best };
  }
  return { improved, stoppedEpoch: undefined, bestEpoch: stopper.bestEpoch, best: stopper.best };
}

const RECORDED = ['loss', 'accuracy', 'valLoss', 'valAccuracy'];

describe('EarlyStopper (src/train/early-stopping.ts) on sequences', () => {
  it('lower is better by default (valLoss); ties do not improve; stops after `patience` epochs in a row without improvement', () => {
    const r = feed(new EarlyStopper({ patience: 2 }, RECORDED), [3, 2, 2, 2.5, 1]);
    expect(r).toEqual({ improved: [true, true, false, false], stoppedEpoch: 3, bestEpoch: 1, best: 2 });
    // An improvement resets the count.
    expect(feed(new EarlyStopper({ patience: 2 }, RECORDED), [3, 4, 2, 5, 1, 6, 7])).toEqual({
      improved: [true, false, true, false, true, false, false],
      stoppedEpoch: 6,
      bestEpoch: 4,
      best: 1,
    });
    // 'loss' is lower-is-better too.
    expect(feed(new EarlyStopper({ monitor: 'loss', patience: 1 }, RECORDED), [1, 0.5, 0.75]).stoppedEpoch).toBe(2);
  });

  it('minDelta: an epoch improves only if value < best − minDelta (strictly)', () => {
    expect(feed(new EarlyStopper({ patience: 1, minDelta: 0.5 }, RECORDED), [3, 2.5])).toEqual({ improved: [true, false], stoppedEpoch: 1, bestEpoch: 0, best: 3 });
    expect(feed(new EarlyStopper({ patience: 1, minDelta: 0.5 }, RECORDED), [3, 2.25]).improved).toEqual([true, true]);
    expect(feed(new EarlyStopper({ patience: 3, minDelta: 0.5 }, RECORDED), [3, 2.75, 2.25, 2, 1.5])).toEqual({
      improved: [true, false, true, false, true],
      stoppedEpoch: undefined,
      bestEpoch: 4,
      best: 1.5,
    });
  });

  it('valAccuracy and accuracy are higher-is-better: value > best + minDelta', () => {
    expect(feed(new EarlyStopper({ monitor: 'valAccuracy', patience: 2 }, RECORDED), [0.5, 0.75, 0.75, 0.5])).toEqual({
      improved: [true, true, false, false],
      stoppedEpoch: 3,
      bestEpoch: 1,
      best: 0.75,
    });
    expect(feed(new EarlyStopper({ monitor: 'accuracy', patience: 1, minDelta: 0.125 }, RECORDED), [0.5, 0.625]).improved).toEqual([true, false]);
    expect(feed(new EarlyStopper({ monitor: 'accuracy', patience: 1, minDelta: 0.125 }, RECORDED), [0.5, 0.75]).improved).toEqual([true, true]);
    const fresh = new EarlyStopper({ monitor: 'valAccuracy' }, RECORDED);
    expect(fresh.best).toBe(-Infinity);
    expect(new EarlyStopper({}, RECORDED).best).toBe(Infinity);
  });

  it('NaN never improves, in either direction, and counts as an epoch without improvement', () => {
    expect(feed(new EarlyStopper({ patience: 2 }, RECORDED), [Number.NaN, 1, Number.NaN, Number.NaN])).toEqual({
      improved: [false, true, false, false],
      stoppedEpoch: 3,
      bestEpoch: 1,
      best: 1,
    });
    expect(feed(new EarlyStopper({ monitor: 'valAccuracy', patience: 2 }, RECORDED), [0.5, Number.NaN, Number.NaN])).toEqual({
      improved: [true, false, false],
      stoppedEpoch: 2,
      bestEpoch: 0,
      best: 0.5,
    });
    const never = feed(new EarlyStopper({ patience: 3 }, RECORDED), [Number.NaN, Number.NaN, Number.NaN]);
    expect(never).toEqual({ improved: [false, false, false], stoppedEpoch: 2, bestEpoch: -1, best: Infinity });
  });

  it('patience 0 (the default) stops at the first epoch without improvement, never at an improving one (as patience 1, Keras)', () => {
    expect(feed(new EarlyStopper({}, RECORDED), [3, 2, 1, 1, 0])).toEqual({ improved: [true, true, true, false], stoppedEpoch: 3, bestEpoch: 2, best: 1 });
    expect(feed(new EarlyStopper({ patience: 1 }, RECORDED), [3, 2, 1, 1, 0]).stoppedEpoch).toBe(3);
  });

  it('the textbook rule of helpers/textbook.ts agrees with these sequences (it is the oracle of the fit tests below)', () => {
    const sequences: [number[], { patience: number; minDelta: number; higherIsBetter: boolean }][] = [
      [[3, 2, 2, 2.5, 1], { patience: 2, minDelta: 0, higherIsBetter: false }],
      [[3, 2.75, 2.25, 2, 1.5], { patience: 3, minDelta: 0.5, higherIsBetter: false }],
      [[0.5, 0.75, 0.75, 0.5], { patience: 2, minDelta: 0, higherIsBetter: true }],
      [[Number.NaN, 1, Number.NaN, Number.NaN], { patience: 2, minDelta: 0, higherIsBetter: false }],
      [[3, 2, 1, 1, 0], { patience: 0, minDelta: 0, higherIsBetter: false }],
    ];
    for (const [values, o] of sequences) {
      const stopper = new EarlyStopper({ monitor: o.higherIsBetter ? 'valAccuracy' : 'valLoss', patience: o.patience, minDelta: o.minDelta }, RECORDED);
      const r = feed(stopper, values);
      expect({ stoppedEpoch: r.stoppedEpoch, bestEpoch: r.bestEpoch }).toEqual(textbookEarlyStop(values, o));
    }
  });

  it('a monitor the fit does not record, and bad patience or minDelta, are named ValueErrors', () => {
    expectNamed(() => new EarlyStopper({}, ['loss', 'accuracy']), ValueError, 'earlyStopping.monitor is "valLoss", but this fit records "loss", "accuracy" (validation data is needed for it)');
    expectNamed(() => new EarlyStopper({ monitor: 'mae' }, ['loss', 'accuracy']), ValueError, 'earlyStopping.monitor is "mae", but this fit records "loss", "accuracy"');
    for (const bad of [-1, 1.5, Number.NaN]) expectNamed(() => new EarlyStopper({ patience: bad }, RECORDED), ValueError, `earlyStopping.patience is ${bad}, but it must be an integer ≥ 0`);
    for (const bad of [-0.1, Number.NaN, Infinity]) expectNamed(() => new EarlyStopper({ minDelta: bad }, RECORDED), ValueError, `earlyStopping.minDelta is ${bad}, but it must be a finite number ≥ 0`);
  });
});

describe.each(BACKENDS)('early stopping in fit (SPEC §7), %s kernels', (backend) => {
  useBackend(backend);
  const { X, Y } = learnable(8, 506);
  /** The training rows with every label flipped: what training on Y improves, this gets worse. */
  const flipped = fromArray(Y.data.map((y) => 1 - y), Y.rows, 1);
  const xs = X.toArray();

  /** A fit that also keeps a clone of the network after every epoch (the weights the history's values belong to). */
  function fitWithSnapshots(net: Net, options: Parameters<Net['fit']>[2]) {
    const snapshots: Net[] = [];
    const onEpochEnd = options.onEpochEnd;
    const history = net.fit(X, Y, {
      ...options,
      onEpochEnd: (epoch, logs) => {
        snapshots.push(net.clone());
        return onEpochEnd?.(epoch, logs);
      },
    });
    return { history, snapshots };
  }

  /** The textbook validation loss and accuracy of each snapshot. */
  const valOf = (snapshots: readonly Net[], y: Matrix) => snapshots.map((s) => refForward(refOf(s), xs, y.toArray()));

  it('validating on flipped labels: valLoss rises from the first epoch, so fit stops after `patience` epochs, bestEpoch 0', () => {
    const net = decayNet();
    const { history, snapshots } = fitWithSnapshots(net, { lr: 0.5, epochs: 20, validation: [X, flipped], earlyStopping: { patience: 2 } });
    const values = valOf(snapshots, flipped).map((p) => p.loss);
    expectClose(history.valLoss, values, REL);
    for (let e = 1; e < values.length; e++) expect(values[e]).toBeGreaterThan(values[e - 1]!); // the construction works
    expect(history.stoppedEpoch).toBe(2);
    expect(history.bestEpoch).toBe(0);
    expect(history.loss).toHaveLength(3);
    expect(history.lr).toHaveLength(3);
    expect(snapshots).toHaveLength(3);
    // Without restoreBestWeights, the net keeps the last epoch's weights.
    expect(paramsOf(net)).toEqual(paramsOf(snapshots[2]!));
  });

  it('ties do not improve: with weights that no update can move (lr 1e-300), the loss repeats exactly and fit stops after `patience` epochs', () => {
    const net = decayNet();
    const before = paramsOf(net);
    const { history } = fitWithSnapshots(net, { lr: 1e-300, epochs: 20, earlyStopping: { monitor: 'loss', patience: 3 } });
    expect(paramsOf(net)).toEqual(before); // the construction works: nothing moved
    expect(new Set(history.loss).size).toBe(1);
    expectClose(history.loss[0], refForward(refOf(net), xs, Y.toArray()).loss, REL);
    expect(history.stoppedEpoch).toBe(3);
    expect(history.bestEpoch).toBe(0);
    expect(history.loss).toHaveLength(4);
  });

  it('minDelta: improvements smaller than minDelta do not count (the expected epochs from the textbook rule)', () => {
    const epochs = 15;
    const free = fitWithSnapshots(decayNet(), { lr: 0.2, epochs, validation: [X, Y] });
    const values = valOf(free.snapshots, Y).map((p) => p.loss);
    expectClose(free.history.valLoss, values, REL);
    const drops = values.slice(1).map((v, e) => values[e]! - v);
    expect(Math.min(...drops)).toBeGreaterThan(0); // valLoss falls every epoch: with minDelta 0 every epoch improves
    const minDelta = 1.5 * drops[0]!;
    const o = { patience: 2, minDelta, higherIsBetter: false };
    const expected = textbookEarlyStop(values, o);
    expect(textbookEarlyStop(values, { ...o, minDelta: 0 })).toEqual({ stoppedEpoch: undefined, bestEpoch: epochs - 1 });
    expect(expected.stoppedEpoch).toBeDefined(); // and with this minDelta it stops
    const withZero = decayNet().fit(X, Y, { lr: 0.2, epochs, validation: [X, Y], earlyStopping: { patience: 2 } });
    expect(withZero.stoppedEpoch).toBeUndefined();
    expect(withZero.bestEpoch).toBe(epochs - 1);
    const net = decayNet();
    const history = net.fit(X, Y, { lr: 0.2, epochs, validation: [X, Y], earlyStopping: { patience: 2, minDelta } });
    expect({ stoppedEpoch: history.stoppedEpoch, bestEpoch: history.bestEpoch }).toEqual(expected);
    expect(history.valLoss).toEqual(free.history.valLoss!.slice(0, expected.stoppedEpoch! + 1));
  });

  it("monitor 'valAccuracy' is higher-is-better", () => {
    // Validation on the training labels; the net starts poor and learns, so valAccuracy climbs, then levels off.
    const start = decayNet();
    const epochs = 40;
    const free = fitWithSnapshots(start.clone(), { lr: 1, epochs, validation: [X, Y] });
    const values = valOf(free.snapshots, Y).map((p) => accuracyOf(p.yhat, Y.toArray()));
    expect(free.history.valAccuracy).toEqual(values);
    const o = { patience: 3, minDelta: 0 };
    const expected = textbookEarlyStop(values, { ...o, higherIsBetter: true });
    // The case tells the directions apart.
    expect(expected).not.toEqual(textbookEarlyStop(values, { ...o, higherIsBetter: false }));
    const history = start.fit(X, Y, { lr: 1, epochs, validation: [X, Y], earlyStopping: { monitor: 'valAccuracy', ...o } });
    expect({ stoppedEpoch: history.stoppedEpoch, bestEpoch: history.bestEpoch }).toEqual(expected);
  });

  it('restoreBestWeights restores the best epoch’s weights when fit stops early', () => {
    const net = decayNet();
    const { history, snapshots } = fitWithSnapshots(net, { lr: 0.5, epochs: 20, validation: [X, flipped], earlyStopping: { patience: 2, restoreBestWeights: true } });
    expect(history.stoppedEpoch).toBe(2);
    expect(history.bestEpoch).toBe(0);
    expect(paramsOf(net)).toEqual(paramsOf(snapshots[0]!));
    expect(paramsOf(net)).not.toEqual(paramsOf(snapshots[2]!));
    expect(paramsOf(net)).not.toEqual(paramsOf(decayNet())); // the weights after epoch 0, not before it
  });

  it('restoreBestWeights restores them when every epoch ran too, best epoch in the middle (regression, valLoss)', () => {
    // A linear head trained toward T; validated against the midpoint of its initial outputs and T, so valLoss falls, then rises.
    const make = () => withBiases(network(3, { seed: 12 }).tanh(4).linear(1), 120);
    const T = fromArray(xs.map((r) => r[0]! - 0.5 * r[1]! + 1), X.rows, 1);
    const y0 = refForward(refOf(make()), xs).yhat;
    const mid = fromArray(y0.map((r, i) => (r[0]! + T.data[i]!) / 2), X.rows, 1);
    const epochs = 30;
    const snapshots: ReturnType<typeof make>[] = [];
    const net = make();
    const history = net.fit(X, T, {
      lr: 0.05,
      epochs,
      validation: [X, mid],
      earlyStopping: { patience: epochs, restoreBestWeights: true },
      onEpochEnd: () => void snapshots.push(net.clone()),
    });
    const passes = snapshots.map((s) => refForward(refOf(s), xs, mid.toArray()));
    expectClose(history.valLoss, passes.map((p) => p.loss), REL);
    expectClose(history.valMae, passes.map((p) => maeOf(p.yhat, mid.toArray())), REL);
    const expected = textbookEarlyStop(passes.map((p) => p.loss), { patience: epochs, minDelta: 0, higherIsBetter: false });
    expect(expected.stoppedEpoch).toBeUndefined();
    expect(expected.bestEpoch).toBeGreaterThan(0);
    expect(expected.bestEpoch).toBeLessThan(epochs - 1);
    expect(history.stoppedEpoch).toBeUndefined();
    expect('stoppedEpoch' in history).toBe(false);
    expect(history.bestEpoch).toBe(expected.bestEpoch);
    expect(history.loss).toHaveLength(epochs);
    expect(paramsOf(net)).toEqual(paramsOf(snapshots[expected.bestEpoch]!));
    expect(paramsOf(net)).not.toEqual(paramsOf(snapshots[epochs - 1]!));
  });

  it('restoreBestWeights restores them when onEpochEnd ends training, too (Keras 3: whatever ends it)', () => {
    const net = decayNet();
    const { history, snapshots } = fitWithSnapshots(net, {
      lr: 0.5,
      epochs: 20,
      validation: [X, flipped],
      earlyStopping: { patience: 50, restoreBestWeights: true },
      onEpochEnd: (epoch) => epoch !== 3,
    });
    expect(history.loss).toHaveLength(4);
    expect(history.stoppedEpoch).toBeUndefined();
    expect(history.bestEpoch).toBe(0);
    expect(paramsOf(net)).toEqual(paramsOf(snapshots[0]!));
  });

  it('without earlyStopping the history has neither stoppedEpoch nor bestEpoch', () => {
    const history = decayNet().fit(X, Y, { lr: 0.5, epochs: 3, validation: [X, flipped] });
    expect('stoppedEpoch' in history).toBe(false);
    expect('bestEpoch' in history).toBe(false);
  });

  it('a monitor this fit does not record is a named ValueError naming it, and nothing changes', () => {
    const net = decayNet();
    const before = paramsOf(net);
    expectNamed(() => net.fit(X, Y, { lr: 0.5, epochs: 3, earlyStopping: {} }), ValueError, 'earlyStopping.monitor is "valLoss", but this fit records "loss", "accuracy" (validation data is needed for it)');
    expectNamed(() => net.fit(X, Y, { lr: 0.5, epochs: 3, earlyStopping: { monitor: 'valAccuracy' } }), ValueError, /^earlyStopping\.monitor is "valAccuracy", but this fit records "loss", "accuracy"/);
    expectNamed(() => net.fit(X, Y, { lr: 0.5, epochs: 3, validation: [X, Y], earlyStopping: { monitor: 'valMae' } }), ValueError, /^earlyStopping\.monitor is "valMae", but this fit records "loss", "accuracy", "valLoss", "valAccuracy"/);
    const reg = network(3, { seed: 1 }).tanh(4).linear(1);
    expectNamed(() => reg.fit(X, Y, { lr: 0.5, epochs: 3, earlyStopping: { monitor: 'accuracy' } }), ValueError, 'earlyStopping.monitor is "accuracy", but this fit records "loss", "mae"');
    expect(paramsOf(net)).toEqual(before);
  });
});
