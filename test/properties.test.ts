/**
 * Property-based tests (issue 6, point 1): fast-check draws random networks, batches and labels and
 * checks what must hold for every one of them. Every `fc.assert` has a fixed seed, so a run is
 * reproducible; a failure prints its seed and the shrunk counterexample (re-run it with
 * `{ seed, path }` as fast-check suggests).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  kernelBackend,
  loadNetwork,
  Matrix,
  network,
  Network,
  saveNetwork,
  setKernelBackend,
  TypedMlpError,
  type HiddenActivation,
  type KernelBackend,
  type NetworkBuilder,
  type HeadName,
} from '../src/index.js';

// A failing property shrinks its counterexample, which can take long on big cases: stop after 20 s
// (before vitest's 30 s timeout) and report the smallest counterexample found so far. A run that is
// merely slow fails too, rather than silently checking fewer cases.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/**
 * The hidden-layer activations, one line each, with the points where the derivative jumps (where a
 * central finite difference straddles a kink and is wrong). Every property below draws from this
 * table; `satisfies Record<HiddenActivation, …>` makes the compiler ask for a line when the library
 * gains an activation.
 */
const HIDDEN = {
  relu: { kinks: [0] },
  leakyRelu: { kinks: [0] },
  tanh: { kinks: [] },
  sigmoid: { kinks: [] },
  linear: { kinks: [] },
  softsign: { kinks: [0] }, // a' is continuous, but a'' jumps at 0 (−2·sign(z)/(1+|z|)³): a central difference straddling 0 errs by O(eps), not O(eps²)
} as const satisfies Record<HiddenActivation, { kinks: readonly number[] }>;
const HIDDEN_NAMES = Object.keys(HIDDEN) as HiddenActivation[];

/**
 * The output heads, one line each: the fewest units, and labels for an N × K batch (row-major).
 * `satisfies Record<HeadName, …>` makes the compiler ask for a line when the library gains a head.
 */
const OUTPUT = {
  sigmoid: { minUnits: 1, labels: (N: number, K: number) => labelsArb(N * K) },
  softmax: { minUnits: 2, labels: (N: number, K: number) => distributionsArb(N, K) },
  linear: { minUnits: 1, labels: (N: number, K: number) => realsArb(N * K) },
} as const satisfies Record<HeadName, { minUnits: number; labels: (N: number, K: number) => fc.Arbitrary<number[]> }>;
const OUTPUT_NAMES = Object.keys(OUTPUT) as HeadName[];

/** A network's layout: sizes n_1 … n_{L+1}, each hidden layer's activation, the output's, which layers have a bias. */
interface Layout {
  readonly sizes: number[];
  readonly hidden: HiddenActivation[];
  readonly output: HeadName;
  readonly bias: boolean[];
}

/** A network with concrete parameters, a batch X and labels Y. */
interface Case extends Layout {
  readonly weights: number[][]; // W_l row-major, length n_l · n_{l+1}
  readonly biases: (number[] | null)[];
  readonly X: number[]; // N × n_1 row-major
  readonly Y: number[]; // N × K row-major
  readonly batch: number;
}

interface LayoutLimits {
  readonly depth?: [number, number];
  readonly width?: [number, number];
}

/** Layouts: depth (weight layers) 1–6, widths 1–16, any activations, biases on none, all or some layers. */
function layoutArb({ depth = [1, 6], width = [1, 16] }: LayoutLimits = {}): fc.Arbitrary<Layout> {
  return fc.tuple(fc.integer({ min: depth[0], max: depth[1] }), fc.constantFrom(...OUTPUT_NAMES)).chain(([L, output]) =>
    fc.record({
      sizes: fc.tuple(
        fc.array(fc.integer({ min: width[0], max: width[1] }), { minLength: L, maxLength: L }),
        fc.integer({ min: Math.max(width[0], OUTPUT[output].minUnits), max: Math.max(width[1], OUTPUT[output].minUnits) }),
      ).map(([front, K]) => [...front, K]),
      hidden: fc.array(fc.constantFrom(...HIDDEN_NAMES), { minLength: L - 1, maxLength: L - 1 }),
      output: fc.constant(output),
      bias: fc.oneof(
        fc.constant(Array.from({ length: L }, () => false)),
        fc.constant(Array.from({ length: L }, () => true)),
        fc.array(fc.boolean(), { minLength: L, maxLength: L }),
      ),
    }),
  );
}

/** `count` doubles in [−1, 1] (fast-check's bias includes 0, ±1 and tiny values). */
function unitDoubles(count: number): fc.Arbitrary<number[]> {
  return fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: count, maxLength: count });
}

/**
 * `count` doubles of moderate size: ±[0.05, 1], and now and then exactly 0 or ±1. For the gradient
 * check: tiny values put hidden pre-activations next to the ReLU kink, where the check must skip.
 */
function moderateDoubles(count: number): fc.Arbitrary<number[]> {
  const moderate = fc.tuple(fc.boolean(), fc.double({ min: 0.05, max: 1, noNaN: true })).map(([neg, m]) => (neg ? -m : m));
  return fc.array(fc.oneof({ weight: 12, arbitrary: moderate }, { weight: 1, arbitrary: fc.constantFrom(0, 1, -1) }), { minLength: count, maxLength: count });
}

/** Labels in [0, 1]: hard (0/1), soft, or a mixture, per case. */
function labelsArb(count: number): fc.Arbitrary<number[]> {
  const hard = fc.constantFrom(0, 1);
  const soft = fc.double({ min: 0, max: 1, noNaN: true });
  return fc.oneof(
    fc.array(hard, { minLength: count, maxLength: count }),
    fc.array(soft, { minLength: count, maxLength: count }),
    fc.array(fc.oneof(hard, soft), { minLength: count, maxLength: count }),
  );
}

/** Softmax labels: N rows of K probabilities summing to 1, one-hot (hard) or spread out (soft). */
function distributionsArb(N: number, K: number): fc.Arbitrary<number[]> {
  const oneHot = fc.nat({ max: K - 1 }).map((k) => Array.from({ length: K }, (_, j) => (j === k ? 1 : 0)));
  const soft = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: K, maxLength: K }).map((w) => {
    const sum = w.reduce((a, b) => a + b, 0);
    return sum > 1e-3 ? w.map((v) => v / sum) : w.map((_, j) => (j === 0 ? 1 : 0));
  });
  return fc.oneof(fc.array(oneHot, { minLength: N, maxLength: N }), fc.array(soft, { minLength: N, maxLength: N }), fc.array(fc.oneof(oneHot, soft), { minLength: N, maxLength: N })).map((rows) => rows.flat());
}

/**
 * Linear-head labels: finite reals of moderate size, 0 or 1e-6 ≤ |y| ≤ 10 (fast-check's bias adds 0,
 * −0, ±10 and values near the ends), and now and then small integers.
 *
 * Tiny nonzero labels are mapped to 0, deliberately: `evaluate` also reports r2, and r2 throws
 * (ValueError "r2 is -Infinity: the result overflows float64") when a column's labels differ by
 * ~1e-155 (SS_tot ≈ 1e-310, so SS_res/SS_tot overflows), e.g. a 1×1 linear net with weight 1,
 * X = [[1], [1]], Y = [[0], [1e-155]]; `loss` is 1 there. That is the metric's edge, not the
 * head's; found by this file and reported, it is kept out of these properties about the head.
 */
function realsArb(count: number): fc.Arbitrary<number[]> {
  const moderate = fc.double({ min: -10, max: 10, noNaN: true }).map((v) => (v !== 0 && Math.abs(v) < 1e-6 ? 0 : v));
  const real = fc.oneof({ weight: 4, arbitrary: moderate }, { weight: 1, arbitrary: fc.integer({ min: -3, max: 3 }) });
  return fc.array(real, { minLength: count, maxLength: count });
}

interface CaseOptions extends LayoutLimits {
  readonly batch?: [number, number];
  /** The generator of parameter and input values in [−1, 1] (before scaling). */
  readonly values?: (count: number) => fc.Arbitrary<number[]>;
  /** Each weight is u·scale/√fan-in with u in [−1, 1]; biases u·scale; inputs u·inputScale. */
  readonly scale?: fc.Arbitrary<number>;
  readonly inputScale?: fc.Arbitrary<number>;
}

/** Random networks with random parameters, batch and labels. */
function caseArb({ batch = [1, 8], values = unitDoubles, scale = fc.constant(1.5), inputScale = fc.constant(1), ...limits }: CaseOptions = {}): fc.Arbitrary<Case> {
  return fc.tuple(layoutArb(limits), fc.integer({ min: batch[0], max: batch[1] }), scale, inputScale).chain(([layout, N, s, sx]) => {
    const { sizes, bias, output } = layout;
    const L = sizes.length - 1;
    const K = sizes[L]!;
    return fc.record({
      weights: fc.tuple(...sizes.slice(1).map((n, l) => values(sizes[l]! * n).map((u) => u.map((v) => (v * s) / Math.sqrt(sizes[l]!)))) as [fc.Arbitrary<number[]>]),
      biases: fc.tuple(...sizes.slice(1).map((n, l) => (bias[l] ? values(n).map((u) => u.map((v) => v * s)) : fc.constant(null))) as [fc.Arbitrary<number[] | null>]),
      X: values(N * sizes[0]!).map((u) => u.map((v) => v * sx)),
      Y: OUTPUT[output].labels(N, K),
    }).map((p) => ({ ...layout, ...p, batch: N }) as Case);
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** The Network for a case (fresh parameters, nothing shared with the case's arrays). */
function netOf(c: Case): Network<number[], HeadName> {
  const { sizes } = c;
  const weights = c.weights.map((w, l) => new Matrix(sizes[l]!, sizes[l + 1]!, Float64Array.from(w)));
  const biases = c.biases.map((b) => (b === null ? null : new Matrix(1, b.length, Float64Array.from(b))));
  const net = new Network<number[], HeadName>(weights, biases, [...c.hidden, c.output]);
  expect(net.activations).toEqual([...c.hidden, c.output]);
  return net;
}

function batchOf(c: Case): { X: Matrix; Y: Matrix } {
  const K = c.sizes[c.sizes.length - 1]!;
  return { X: new Matrix(c.batch, c.sizes[0]!, Float64Array.from(c.X)), Y: new Matrix(c.batch, K, Float64Array.from(c.Y)) };
}

/** Row i of a matrix as a 1-row matrix. */
function rowOf(m: Matrix, i: number): Matrix {
  return new Matrix(1, m.cols, m.data.slice(i * m.cols, (i + 1) * m.cols));
}

/** Runs `fn` on the given kernels and restores the previous choice afterwards, even on failure. */
function onBackend<T>(backend: KernelBackend, fn: () => T): T {
  const before = kernelBackend();
  setKernelBackend(backend);
  try {
    return fn();
  } finally {
    setKernelBackend(before);
  }
}

/** Every hidden pre-activation at least `margin` away from every kink of its layer's activation. */
function awayFromKinks(c: Case, Zs: readonly Matrix[], margin: number): boolean {
  return Zs.slice(0, -1).every((Z, l) => {
    const kinks = HIDDEN[c.hidden[l]!].kinks;
    return Z.data.every((z) => kinks.every((k) => Math.abs(z - k) > margin));
  });
}

/** A builder chain for a layout: network(n_1, { seed, init }).hidden(n_2, act, { bias })…sigmoid|softmax|linear(n_{L+1}, { bias }). */
function build(layout: Layout, seed: number, init: 'he' | 'glorot'): Network<number[], HeadName> {
  const { sizes, hidden, bias } = layout;
  let b: NetworkBuilder<number[]> = network(sizes[0]!, { seed, init });
  hidden.forEach((act, l) => {
    b = b.hidden(sizes[l + 1]!, act, { bias: bias[l]! });
  });
  const L = sizes.length - 1;
  return b[layout.output](sizes[L]!, { bias: bias[L - 1]! });
}

const finite = (xs: ArrayLike<number>) => Array.prototype.every.call(xs, (v: number) => Number.isFinite(v));

/**
 * The magnitudes of the terms behind every computed number (the standard forward error bound of
 * floating-point sums): the same passes as the network, on absolute values, with no hidden
 * activation (every hidden activation's slope is at most 1; its value |X_{l+1}| joins the magnitude
 * of the next products, since sigmoid(0) = 0.5 comes from a tiny z), then each head's own slopes.
 * Two correct implementations that sum the same terms in a different order differ on an entry by
 * at most about (terms · depth · 2⁻⁵³) times its magnitude here, far below 1e-12 of it for these
 * sizes; a relative comparison of the entries themselves would be meaningless where the terms cancel.
 */
interface Magnitudes {
  Zs: Float64Array[];
  Yhat: Float64Array;
  perSampleLoss: Float64Array;
  loss: number;
  deltas: Float64Array[];
  grads: Float64Array[];
  biasGrads: (Float64Array | null)[];
}

function magnitudes(c: Case, ev: { Yhat: Matrix; Xs: readonly Matrix[] }): Magnitudes {
  const { sizes, batch: N } = c;
  const L = sizes.length - 1;
  const K = sizes[L]!;
  const Yhat = ev.Yhat.data;
  const absW = c.weights.map((w) => w.map(Math.abs));
  const Zs: Float64Array[] = [];
  const inputs: Float64Array[] = [];
  let prev = Float64Array.from(c.X, Math.abs); // bounds |X_l| and the growth of its error
  for (let l = 0; l < L; l++) {
    inputs.push(prev);
    const [n, m] = [sizes[l]!, sizes[l + 1]!];
    const Z = new Float64Array(N * m);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < m; j++) {
        let s = c.biases[l] ? Math.abs(c.biases[l]![j]!) : 0;
        for (let p = 0; p < n; p++) s += prev[i * n + p]! * absW[l]![p * m + j]!;
        Z[i * m + j] = s;
      }
    Zs.push(Z);
    if (l < L - 1) prev = Z.map((z, i) => z + Math.abs(ev.Xs[l + 1]!.data[i]!));
  }
  const ZL = Zs[L - 1]!;
  const perSampleLoss = new Float64Array(N);
  const deltas: Float64Array[] = new Array(L);
  let yhat: Float64Array;
  if (c.output === 'linear') {
    // Ŷ = Z_L, a copy: it moves exactly as its logit. The per-sample loss ℓ = (1/K) Σ_k (ŷ_k − y_k)²
    // changes under a change d of ŷ_k by (1/K)(2(ŷ_k − y_k)·d + d²): its slope in each logit is
    // (2/K)|ŷ_k − y_k|, unbounded (not ≤ 1 as for the cross-entropies), plus d/K for the square of d.
    // Here |d| ≤ terms · depth · 2⁻⁵³ · Z_L's magnitude, far below 2⁻³⁰ of it, so the magnitude is
    // Σ_k (1/K)·(2|ŷ_k − y_k| + 2⁻³⁰·M_k)·M_k, with M_k Z_L's magnitude, plus (1/K)(ŷ_k − y_k)² for
    // the rounding of the squares and their sum. δ_L = (2/K)(Ŷ − Y): (2/K)(M + |y|).
    yhat = ZL;
    for (let i = 0; i < N; i++)
      for (let k = 0; k < K; k++) {
        const at = i * K + k;
        const e = Math.abs(Yhat[at]! - c.Y[at]!);
        perSampleLoss[i]! += ((2 * e + 2 ** -30 * ZL[at]!) * ZL[at]! + e * e) / K;
      }
    deltas[L - 1] = ZL.map((m, i) => (2 / K) * (m + Math.abs(c.Y[i]!)));
  } else {
    // Ŷ moves by at most 1/4 of a move of its logit (sigmoid), or 1/2 of the largest move in its row
    // (softmax); the loss's slope in each logit is ŷ − y, at most 1 (Ŷ and Y in [0, 1]).
    yhat =
      c.output === 'softmax'
        ? ZL.map((_, i) => Math.max(...ZL.subarray(i - (i % K), i - (i % K) + K)) / 2 + Math.abs(Yhat[i]!))
        : ZL.map((z, i) => z / 4 + Math.abs(Yhat[i]!));
    for (let i = 0; i < N; i++) for (let k = 0; k < K; k++) perSampleLoss[i]! += ZL[i * K + k]! + Math.abs(Yhat[i * K + k]!) + 1;
    deltas[L - 1] = yhat.map((v, i) => v + Math.abs(c.Y[i]!));
  }
  for (let l = L - 2; l >= 0; l--) {
    const [n, m] = [sizes[l + 1]!, sizes[l + 2]!];
    const D = new Float64Array(N * n);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < m; p++) s += deltas[l + 1]![i * m + p]! * absW[l + 1]![j * m + p]!;
        D[i * n + j] = s;
      }
    deltas[l] = D;
  }
  const grads = sizes.slice(1).map((m, l) => {
    const n = sizes[l]!;
    const G = new Float64Array(n * m);
    for (let p = 0; p < n; p++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let i = 0; i < N; i++) s += inputs[l]![i * n + p]! * deltas[l]![i * m + j]!;
        G[p * m + j] = s / N;
      }
    return G;
  });
  const biasGrads = sizes.slice(1).map((m, l) => {
    if (!c.biases[l]) return null;
    const G = new Float64Array(m);
    for (let i = 0; i < N; i++) for (let j = 0; j < m; j++) G[j]! += deltas[l]![i * m + j]! / N;
    return G;
  });
  const loss = perSampleLoss.reduce((a, b) => a + b, 0) / N;
  return { Zs, Yhat: yhat, perSampleLoss, loss, deltas, grads, biasGrads };
}

/**
 * |a − b| ≤ rel · scale + 1e-300, entry by entry; names the first entry that is not. (The 1e-300
 * floor: below ~1e-292 float64 spacing is absolute, 5e-324, so no relative bound can hold there.)
 */
function expectAgree(what: string, a: ArrayLike<number>, b: ArrayLike<number>, scale: ArrayLike<number>, rel: number): void {
  expect(a.length, `${what}: length`).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= rel * scale[i]! + 1e-300)) expect.fail(`${what}[${i}]: ${a[i]} vs ${b[i]}, |diff| ${d} > ${rel} × term magnitude ${scale[i]}`);
  }
}

/** |got − want| ≤ rel · |want| + 1e-300 (the floor as in expectAgree), naming the quantity otherwise. */
function expectNear(what: string, got: number, want: number, rel: number): void {
  if (!(Math.abs(got - want) <= rel * Math.abs(want) + 1e-300)) expect.fail(`${what}: ${got} vs ${want}`);
}

/** Equality of two number lists by value (===: -0 = 0, for what passed through JSON, which has no -0). */
function expectEqual(what: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length, `${what}: length`).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) expect.fail(`${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

/** Bitwise equality of two number lists (Object.is: -0 ≠ 0). */
function expectSame(what: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length, `${what}: length`).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect.fail(`${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

const backendArb = fc.constantFrom<KernelBackend>('wasm-simd', 'js');

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

afterEach(() => {
  // No property may leave another backend selected than the default (onBackend restores it).
  expect(kernelBackend()).toBe(defaultBackend);
});
const defaultBackend = kernelBackend();

describe('properties of random networks (fast-check, seeded)', () => {
  it('back-propagation agrees with central finite differences: maxRelErr < 1e-6 (where the differences can resolve it)', () => {
    const EPS = 1e-5;
    let strict = 0;
    let runs = 0;
    let worst = 0;
    let worstShare = 0; // the largest maxRelErr / tolerance, to see how close a correct run comes
    const seen = new Map<string, number>(); // coverage: the filter must not hollow out the sample
    const see = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
    fc.assert(
      fc.property(caseArb({ values: moderateDoubles }), backendArb, (c, backend) => onBackend(backend, () => {
        const net = netOf(c);
        const { X, Y } = batchOf(c);
        const ev = net.evaluate(X, Y);
        // Central differences are wrong, not back-propagation, where a hidden pre-activation sits
        // within ~eps of a kink of its activation (ReLU and leakyRelu at 0): J(w ± eps) then
        // straddle the kink and average two slopes. Such cases are filtered out here, explicitly:
        // every hidden |z − kink| must exceed 1e-4 (10× the step, for inputs and weights of size ≤ ~1).
        fc.pre(awayFromKinks(c, ev.Zs, 1e-4));
        const r = net.gradcheck(X, Y, EPS);
        runs++;
        see(`depth ${c.sizes.length - 1}`);
        see(c.bias.every((b) => b) ? 'all biases' : c.bias.some((b) => b) ? 'some biases' : 'no biases');
        see(c.output === 'linear' ? 'real labels' : c.Y.every((y) => y === 0 || y === 1) ? 'hard labels' : 'soft labels');
        see(c.sizes[c.sizes.length - 1]! > 1 ? 'K > 1' : 'K = 1');
        see(`output ${c.output}`);
        c.hidden.forEach((h) => see(`hidden ${h}`));
        // The tolerance. J(w ± eps) are each computed with an absolute rounding error R of a few
        // ulps, so the central difference itself carries an absolute error of about R/eps; the
        // gradcheck divides by max(|a|, |n|, 1e-4), so its relative error can reach R/(eps·1e-4) on
        // any gradient below 1e-4 even when back-propagation is exact. Hence the rounding allowance
        // 2R/(eps·1e-4). Where that is below 1e-6 the check is the plain maxRelErr < 1e-6; above it,
        // the allowance. Even the largest allowance here is far below the 0.5 that a δ_L off by a
        // factor of 2 (e.g. (1/K)(Ŷ − Y) for the linear head) gives on every gradient above the floor.
        //   Cross-entropies: R ≈ ε·J (the loss's slope in each logit is ŷ − y, in [−1, 1]), so the
        // allowance is 4.4e-7·J at eps = 1e-5, the plain 1e-6 for J ≤ 2.27.
        //   Linear (MSE): the rounding d of each ŷ (up to a few ε times M, the magnitude of Z_L's
        // terms) enters J with slope (2/(N·K))|ŷ − y|, unbounded, and M can exceed |ŷ| where the
        // terms cancel; so R ≈ ε·(J + (2/(N·K)) Σ |ŷ − y|·M), which is ε times magnitudes().loss.
        // With R = ε·J instead a correct run came within 0.89 of its tolerance (J ≈ 10, a gradient
        // of −7e-9 off by 3.9e-10); with this R, 0.55 (the cross-entropies' worst: 0.68). Labels up
        // to ±10 make J up to ~35 here and the allowance 1e-6 to ~2e-4 (median 7e-6); its gradients
        // mostly lie far above the floor, where the error relative to them is smaller still.
        const R = c.output === 'linear' ? Number.EPSILON * magnitudes(c, ev).loss : Number.EPSILON * ev.loss;
        const allowance = (2 * R) / (EPS * 1e-4);
        const tolerance = Math.max(1e-6, allowance);
        if (allowance <= 1e-6) strict++;
        worst = Math.max(worst, r.maxRelErr);
        worstShare = Math.max(worstShare, r.maxRelErr / tolerance);
        expect(r.maxRelErr).toBeLessThan(tolerance);
      })),
      { seed: 20_240_601, numRuns: 300 },
    );
    console.log(`gradcheck: ${runs} runs, ${strict} at the plain 1e-6, worst maxRelErr ${worst.toExponential(2)}, at most ${worstShare.toFixed(3)} of its tolerance`);
    expect(runs).toBe(300);
    expect(strict).toBeGreaterThanOrEqual(60);
    for (let d = 1; d <= 6; d++) expect(seen.get(`depth ${d}`), `depth ${d}`).toBeGreaterThanOrEqual(15);
    for (const k of ['all biases', 'some biases', 'no biases', 'hard labels', 'soft labels', 'real labels', 'K > 1', 'K = 1']) expect(seen.get(k), k).toBeGreaterThanOrEqual(15);
    for (const a of [...HIDDEN_NAMES.map((h) => `hidden ${h}`), ...OUTPUT_NAMES.map((o) => `output ${o}`)]) expect(seen.get(a), a).toBeGreaterThanOrEqual(15);
  });
  it('for any finite input, up to logits of ±1e3 and far beyond: J ≥ 0 finite, per-row losses ≥ 0 finite, gradients finite; classifiers: Ŷ in [0, 1], predictions 0/1; linear: Ŷ = Z_L = predictions, per-row loss the mean squared error', () => {
    // Scaled-up random nets (weights up to 1e3/√fan-in, inputs up to 1e3: logits up to ~1e20), and
    // depth-1 nets whose logits are exactly the extreme values (a 1×1 input of 1, weights = logits).
    const extreme = fc.constantFrom(-1e4, -1e3, -745, -710, -40, -36.8, -1e-300, 0, 1e-300, 36.8, 40, 710, 745, 1e3, 1e4);
    const logit = fc.oneof(extreme, fc.double({ min: -1e4, max: 1e4, noNaN: true }));
    const direct: fc.Arbitrary<Case> = fc.tuple(fc.constantFrom(...OUTPUT_NAMES), fc.integer({ min: 2, max: 16 })).chain(([output, K]) =>
      fc.record({ weights: fc.array(logit, { minLength: K, maxLength: K }), Y: OUTPUT[output].labels(1, K), bias: fc.boolean() }).map(
        ({ weights, Y, bias }): Case => ({ sizes: [1, K], hidden: [], output, bias: [bias], weights: [weights], biases: [bias ? weights.map((z) => -z / 2) : null], X: [1], Y, batch: 1 }),
      ),
    );
    const scaled = caseArb({ scale: fc.constantFrom(1, 30, 1e3), inputScale: fc.constantFrom(1, 1e3) });
    let huge = 0;
    const seen = new Map<string, number>();
    const see = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
    fc.assert(
      fc.property(fc.oneof(scaled, direct), backendArb, (c, backend) => onBackend(backend, () => {
        const net = netOf(c);
        const { X, Y } = batchOf(c);
        const ev = net.evaluate(X, Y);
        const ZL = ev.Zs[ev.Zs.length - 1]!;
        if (ZL.data.some((z) => Math.abs(z) >= 1e3)) huge++;
        see(`output ${c.output}`);
        expect(Number.isFinite(ev.loss) && ev.loss >= 0, `J = ${ev.loss}`).toBe(true);
        ev.perSampleLoss.forEach((v, i) => expect(Number.isFinite(v) && v >= 0, `perSampleLoss[${i}] = ${v}`).toBe(true));
        const K = Y.cols;
        if (c.output === 'linear') {
          // Regression: Ŷ is Z_L itself and the predictions are Ŷ, bit for bit; there are no classes.
          expectSame('Yhat = Z_L', ev.Yhat.data, ZL.data);
          expectSame('predictions = Yhat', ev.predictions.data, ev.Yhat.data);
          // Each row's loss is the mean of its K squared errors, J the mean over the rows (to the
          // rounding of the sums of these nonnegative terms: 1e-14 of the value).
          let total = 0;
          let absTotal = 0;
          for (let i = 0; i < c.batch; i++) {
            let sq = 0;
            for (let k = 0; k < K; k++) {
              const e = ev.Yhat.data[i * K + k]! - c.Y[i * K + k]!;
              sq += e * e;
              absTotal += Math.abs(e);
            }
            total += sq;
            expectNear(`perSampleLoss[${i}] = (1/K) Σ (ŷ − y)²`, ev.perSampleLoss[i]!, sq / K, 1e-14);
          }
          expectNear('J = (1/(N·K)) Σ (ŷ − y)²', ev.loss, total / (c.batch * K), 1e-14);
          // evaluate reports mae and r2, never an accuracy.
          const scores = ev as unknown as Record<string, unknown>;
          expect('accuracy' in scores, 'a linear head has no accuracy').toBe(false);
          expectNear('mae = (1/(N·K)) Σ |ŷ − y|', scores['mae'] as number, absTotal / (c.batch * K), 1e-14);
          const r2 = scores['r2'] as number;
          expect(r2 <= 1, `r2 = ${r2} ≤ 1`).toBe(true);
        } else {
          // Classifiers: Ŷ are probabilities, predictions are classes, and there is an accuracy.
          ev.Yhat.data.forEach((v, i) => expect(v >= 0 && v <= 1, `Yhat[${i}] = ${v}`).toBe(true));
          ev.predictions.data.forEach((v, i) => expect(v === 0 || v === 1, `predictions[${i}] = ${v}`).toBe(true));
          for (let i = 0; i < c.batch; i++) {
            const yhat = Array.from(ev.Yhat.data.subarray(i * K, (i + 1) * K));
            const pred = Array.from(ev.predictions.data.subarray(i * K, (i + 1) * K));
            if (c.output === 'sigmoid') expect(pred).toEqual(yhat.map((v) => (v > 0.5 ? 1 : 0)));
            else {
              // softmax: a probability row, and a one-hot prediction at its first largest entry
              expect(Math.abs(yhat.reduce((a, b) => a + b, 0) - 1), `row ${i} of Ŷ sums to 1`).toBeLessThan(1e-12);
              expect(pred).toEqual(yhat.map((_, j) => (j === yhat.indexOf(Math.max(...yhat)) ? 1 : 0)));
            }
          }
          const scores = ev as unknown as Record<string, unknown>;
          expect('mae' in scores || 'r2' in scores, 'a classifier has no mae or r2').toBe(false);
          const accuracy = scores['accuracy'] as number;
          expect(accuracy >= 0 && accuracy <= 1, `accuracy = ${accuracy}`).toBe(true);
        }
        ev.grads.forEach((g, l) => expect(finite(g.data), `grads[${l}] finite`).toBe(true));
        ev.biasGrads.forEach((g, l) => expect(g === null || finite(g.data), `biasGrads[${l}] finite`).toBe(true));
        ev.deltas.forEach((d, l) => expect(finite(d.data), `deltas[${l}] finite`).toBe(true));
        // The other entry points agree with evaluate.
        expectSame('forward', net.forward(X).data, ev.Yhat.data);
        expectSame('predict', net.predict(X).data, ev.predictions.data);
        expectSame('loss', [net.loss(X, Y)], [ev.loss]);
      })),
      { seed: 20_240_602, numRuns: 400 },
    );
    expect(huge).toBeGreaterThanOrEqual(100); // the sample really reaches |logit| ≥ 1e3
    for (const o of OUTPUT_NAMES) expect(seen.get(`output ${o}`), `output ${o}`).toBeGreaterThanOrEqual(60);
  });

  // Found by this property, and fixed (every forward pass now checks Z_l, `checkLogits`): the invariant above holds
  // for logits up to the float64 range, but finite inputs whose product overflows (X = W = 1e300)
  // give Z = ∞ and a loss of ∞, returned as a number rather than refused with a ValueError.
  it('for finite inputs whose logits overflow, evaluate refuses with a named error or returns a finite loss', () => {
    const net = new Network<number[]>([new Matrix(1, 1, Float64Array.of(1e300))]);
    const X = new Matrix(1, 1, Float64Array.of(1e300));
    const Y = new Matrix(1, 1, Float64Array.of(0));
    let loss: number;
    try {
      loss = net.evaluate(X, Y).loss;
    } catch (e) {
      expect(e).toBeInstanceOf(TypedMlpError);
      return;
    }
    expect(Number.isFinite(loss), `loss = ${loss}`).toBe(true);
  });

  it('a batch gives exactly the same per-row Ŷ, per-sample loss and Zs as its rows one at a time (and the same δs: exactly on js, to 1e-12 of the terms on wasm-simd)', () => {
    fc.assert(
      fc.property(caseArb({ width: [1, 24], batch: [2, 12] }), backendArb, (c, backend) => onBackend(backend, () => {
        const net = netOf(c);
        const { X, Y } = batchOf(c);
        const all = net.evaluate(X, Y);
        const mag = magnitudes(c, all);
        const K = Y.cols;
        for (let i = 0; i < c.batch; i++) {
          const one = net.evaluate(rowOf(X, i), rowOf(Y, i));
          const row = (m: Matrix) => m.data.subarray(i * m.cols, (i + 1) * m.cols);
          expectSame(`Yhat row ${i}`, one.Yhat.data, row(all.Yhat));
          expectSame(`perSampleLoss row ${i}`, one.perSampleLoss, [all.perSampleLoss[i]!]);
          one.Zs.forEach((Z, l) => expectSame(`Zs[${l}] row ${i}`, Z.data, row(all.Zs[l]!)));
          one.deltas.forEach((D, l) => {
            // The wasm-simd δ·Wᵀ kernel pairs rows in tiles, so a lone row can sum in another order.
            if (backend === 'js') expectSame(`deltas[${l}] row ${i}`, D.data, row(all.deltas[l]!));
            else expectAgree(`deltas[${l}] row ${i}`, D.data, row(all.deltas[l]!), mag.deltas[l]!.subarray(i * D.cols, (i + 1) * D.cols), 1e-12);
          });
          expect(one.Yhat.cols).toBe(K);
        }
      })),
      { seed: 20_240_603, numRuns: 300 },
    );
  });

  it('save → JSON text → load gives back every head\'s network exactly: head, parameters, text, and the same Ŷ, predictions, losses, gradients and scores', () => {
    const heads = new Map<string, number>();
    fc.assert(
      fc.property(caseArb(), backendArb, (c, backend) => onBackend(backend, () => {
        heads.set(c.output, (heads.get(c.output) ?? 0) + 1);
        const net = netOf(c);
        const text = JSON.stringify(saveNetwork(net));
        const back = loadNetwork(text, c.sizes);
        expect(back.head).toBe(c.output);
        expect(back.activations).toEqual([...c.hidden, c.output]);
        expect(JSON.stringify(saveNetwork(back))).toBe(text);
        // Numbers survive JSON exactly (shortest round-trip text), but JSON has no −0: a −0
        // parameter comes back as 0, which changes at most the sign of a zero below. Hence ===.
        net.weights.forEach((W, l) => expectEqual(`weights[${l}]`, back.weights[l]!.data, W.data));
        net.biases.forEach((b, l) => {
          expect(back.biases[l] === null, `biases[${l}] null`).toBe(b === null);
          if (b) expectEqual(`biases[${l}]`, back.biases[l]!.data, b.data);
        });
        const { X, Y } = batchOf(c);
        const a = net.evaluate(X, Y);
        const b = back.evaluate(X, Y);
        expectEqual('Yhat', b.Yhat.data, a.Yhat.data);
        expectEqual('predictions', b.predictions.data, a.predictions.data);
        expectEqual('perSampleLoss', b.perSampleLoss, a.perSampleLoss);
        expectEqual('loss', [b.loss], [a.loss]);
        a.grads.forEach((G, l) => expectEqual(`grads[${l}]`, b.grads[l]!.data, G.data));
        a.biasGrads.forEach((G, l) => {
          expect(b.biasGrads[l] === null).toBe(G === null);
          if (G) expectEqual(`biasGrads[${l}]`, b.biasGrads[l]!.data, G.data);
        });
        // Each head's scores: { mae, r2 } for linear, { accuracy } for the classifiers.
        const keys = c.output === 'linear' ? ['mae', 'r2'] : ['accuracy'];
        const [sa, sb] = [a, b].map((e) => e as unknown as Record<string, number>);
        for (const k of keys) expectEqual(k, [sb![k]!], [sa![k]!]);
        expect(['accuracy', 'mae', 'r2'].filter((k) => k in sb!)).toEqual(keys);
      })),
      { seed: 20_240_606, numRuns: 200 },
    );
    for (const o of OUTPUT_NAMES) expect(heads.get(o), `output ${o}`).toBeGreaterThanOrEqual(40);
  });

  it('the same seeds give bit-identical training: builder(seed) + fit(shuffle, seed) twice → identical toJSON() and loss history', () => {
    const setup = layoutArb({ depth: [1, 4] }).chain((layout) =>
      fc.record({
        layout: fc.constant(layout),
        netSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        init: fc.constantFrom<'he' | 'glorot'>('he', 'glorot'),
        shuffleSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        N: fc.integer({ min: 1, max: 24 }),
        lr: fc.double({ min: 1e-3, max: 0.5, noNaN: true }),
        epochs: fc.integer({ min: 1, max: 4 }),
        batchSize: fc.integer({ min: 1, max: 30 }),
      }).chain((s) =>
        fc.record({
          s: fc.constant(s),
          X: unitDoubles(s.N * layout.sizes[0]!),
          Y: OUTPUT[layout.output].labels(s.N, layout.sizes[layout.sizes.length - 1]!),
        }),
      ),
    );
    let diverged = 0;
    fc.assert(
      fc.property(setup, backendArb, ({ s, X, Y }, backend) => onBackend(backend, () => {
        const { layout } = s;
        const x = new Matrix(s.N, layout.sizes[0]!, Float64Array.from(X));
        const y = new Matrix(s.N, layout.sizes[layout.sizes.length - 1]!, Float64Array.from(Y));
        const options = { lr: s.lr, epochs: s.epochs, batchSize: s.batchSize, shuffle: true, seed: s.shuffleSeed };
        // A run may diverge (a deep linear net at lr 0.5 does); it must then stop with the same named
        // error at the same step, leaving the same weights, both times.
        const train = () => {
          const net = build(layout, s.netSeed, s.init);
          expect(net.activations).toEqual([...layout.hidden, layout.output]);
          try {
            return { history: net.fit(x, y, options), error: undefined, json: net.toJSON() };
          } catch (e) {
            if (!(e instanceof TypedMlpError)) throw e;
            return { history: undefined, error: e.message, json: net.toJSON() };
          }
        };
        const a = train();
        const b = train();
        if (a.error !== undefined) diverged++;
        expect(b.error).toBe(a.error);
        expect(b.json).toEqual(a.json); // toEqual compares numbers with Object.is: bit for bit (and -0 ≠ 0)
        expect(b.history).toEqual(a.history);
        a.json.layers.forEach((layer, l) => expectSame(`weights[${l}]`, layer.weights.flat(), b.json.layers[l]!.weights.flat()));
      })),
      { seed: 20_240_604, numRuns: 200 },
    );
    expect(diverged).toBeLessThan(20); // most runs really train
  });

  it('the wasm-simd and js kernels agree to 1e-12 of the terms\' magnitude on random shapes (Zs, Ŷ, losses, δs, gradients)', () => {
    // Widths up to 40 and batches up to 20 exercise the SIMD kernels' tile remainders (tiles of 2 × 8).
    fc.assert(
      fc.property(caseArb({ width: [1, 40], batch: [1, 20] }), (c) => {
        const net = netOf(c);
        const { X, Y } = batchOf(c);
        const w = onBackend('wasm-simd', () => net.evaluate(X, Y));
        const j = onBackend('js', () => net.evaluate(X, Y));
        const mag = magnitudes(c, j);
        j.Zs.forEach((Z, l) => expectAgree(`Zs[${l}]`, w.Zs[l]!.data, Z.data, mag.Zs[l]!, 1e-12));
        expectAgree('Yhat', w.Yhat.data, j.Yhat.data, mag.Yhat, 1e-12);
        expectAgree('perSampleLoss', w.perSampleLoss, j.perSampleLoss, mag.perSampleLoss, 1e-12);
        expectAgree('loss', [w.loss], [j.loss], [mag.loss], 1e-12);
        j.deltas.forEach((D, l) => expectAgree(`deltas[${l}]`, w.deltas[l]!.data, D.data, mag.deltas[l]!, 1e-12));
        j.grads.forEach((G, l) => expectAgree(`grads[${l}]`, w.grads[l]!.data, G.data, mag.grads[l]!, 1e-12));
        j.biasGrads.forEach((G, l) => {
          expect(w.biasGrads[l] === null).toBe(G === null);
          if (G) expectAgree(`biasGrads[${l}]`, w.biasGrads[l]!.data, G.data, mag.biasGrads[l]!, 1e-12);
        });
      }),
      { seed: 20_240_605, numRuns: 400 },
    );
  });
});
