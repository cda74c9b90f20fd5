// Memory discipline of the engine: every pass over the workspace writes exactly its outputs and
// reads only memory that holds data. The workspace is one block shared by every buffer, so a loop
// that runs one element too far does not crash: it quietly reads or overwrites a neighbour. Here
// every float64 that holds no data is a canary, each pass runs on a batch smaller than the
// workspace's capacity (so "one row too many" lands in the same buffer), and then:
//   - every float64 outside the pass's outputs is bit for bit what it was;
//   - every output is finite under a NaN canary (so nothing unwritten or uninitialised leaked in);
//   - the outputs are identical under a NaN canary and a finite one (so no canary was read at all).
import { describe, expect, it } from 'vitest';
import { backward, checkLogits, type Dropout, forward, loss } from '../src/backprop.js';
import { Workspace } from '../src/engine/workspace.js';
import { gradcheck } from '../src/gradcheck.js';
import type { KernelBackend } from '../src/kernels/select.js';
import { ADAM_SLOTS, DROPOUT_SLOTS, MOMENTUM_SLOTS } from '../src/kernels/types.js';
import type { Activation } from '../src/network.js';
import { Matrix } from '../src/matrix.js';
import { mulberry32 } from '../src/random.js';
import { createRule, Driver, type OptimizerSpec } from '../src/optimizers/index.js';
import { BACKENDS } from './helpers/backends.js';

interface NetSpec {
  readonly sizes: readonly number[];
  readonly bias: readonly boolean[];
  readonly acts: readonly Activation[];
}

const NETS: NetSpec[] = [
  { sizes: [3, 4, 2], bias: [true, false], acts: ['relu', 'sigmoid'] },
  { sizes: [2, 5, 3, 3], bias: [false, true, true], acts: ['leakyRelu', 'tanh', 'softmax'] },
  { sizes: [4, 3, 2, 1], bias: [true, true, true], acts: ['sigmoid', 'linear', 'sigmoid'] },
  { sizes: [5, 1], bias: [false], acts: ['sigmoid'] },
  { sizes: [1, 9, 7, 4], bias: [true, false, true], acts: ['relu', 'relu', 'softmax'] },
];
const CAPACITY = 6;
/**
 * The second canary looks like data: ordinary numbers, so only comparisons reveal a read of one.
 * Each float64 gets its own (negative, so ReLU-like functions change it), so that a pass copying a
 * canary from one place to another, as a loop one element too long would, is seen too.
 */
const finiteCanary = (i: number) => -1 - i / 1024;
const NAN_CANARY = () => Number.NaN;

/** [first float64 index, count] */
type Region = readonly [number, number];

/** A workspace where only the parameters and the first n rows of X_1 and Y hold data. */
function setUp(net: NetSpec, backend: KernelBackend, n: number, canary: (i: number) => number, dropout = false): Workspace {
  const ws = new Workspace(net.sizes, net.bias, CAPACITY, net.acts, backend, dropout);
  const f = ws.f64;
  for (let i = 0; i < f.length; i++) f[i] = canary(i);
  // The four parameter-shaped blocks: padding is zero (fresh memory), as every pass over a whole
  // block (the updates) relies on. Gradients are outputs: canaries until backward writes them.
  f.fill(0, ws.params >> 3, (ws.state2 + ws.paramBytes) >> 3);
  for (const [at, count] of paramRegions(ws, ws.dW, ws.db)) for (let i = at; i < at + count; i++) f[i] = canary(i);
  const rand = mulberry32(net.sizes.length * 101 + n);
  const weights = net.sizes.slice(1).map((m, l) => new Matrix(net.sizes[l]!, m, Float64Array.from({ length: net.sizes[l]! * m }, () => rand() * 2 - 1)));
  const biases = net.bias.map((has, l) => (has ? new Matrix(1, net.sizes[l + 1]!, Float64Array.from({ length: net.sizes[l + 1]! }, () => rand() - 0.5)) : null));
  ws.loadParams(weights, biases);
  const K = net.sizes.at(-1)!;
  const x = Float64Array.from({ length: n * net.sizes[0]! }, () => rand() * 4 - 2);
  const y = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    if (net.acts.at(-1) === 'softmax') y[i * K + Math.floor(rand() * K)] = 1;
    else for (let j = 0; j < K; j++) y[i * K + j] = rand() < 0.5 ? 0 : 1;
  }
  ws.loadRows(x, 0, n, net.sizes[0]!, ws.X[0]!);
  ws.loadRows(y, 0, n, K, ws.Y);
  return ws;
}

/** The regions of W_l and b_l (or their gradients, or optimizer state) inside a parameter-shaped block. */
function paramRegions(ws: Workspace, W: readonly number[], b: readonly number[]): Region[] {
  const out: Region[] = [];
  for (let l = 0; l < ws.L; l++) {
    out.push([W[l]! >> 3, ws.sizes[l]! * ws.sizes[l + 1]!]);
    if (ws.hasBias[l]) out.push([b[l]! >> 3, ws.sizes[l + 1]!]);
  }
  return out;
}

const shifted = (ws: Workspace, block: number): [number[], number[]] => [ws.W.map((w) => w + block), ws.b.map((b) => (b < 0 ? b : b + block))];

const forwardOut = (ws: Workspace, n: number): Region[] => [
  ...ws.Z.map((z, l): Region => [z >> 3, n * ws.sizes[l + 1]!]),
  ...ws.X.slice(1).map((x, l): Region => [x >> 3, n * ws.sizes[l + 1]!]),
  [ws.Yhat >> 3, n * ws.sizes[ws.L]!],
];
const lossOut = (ws: Workspace, n: number): Region[] => [[ws.perRow >> 3, n], [ws.J >> 3, 1]];
const backwardOut = (ws: Workspace, n: number): Region[] => [
  ...ws.delta.map((d, l): Region => [d >> 3, n * ws.sizes[l + 1]!]),
  ...paramRegions(ws, ws.dW, ws.db),
];

/** Runs `pass` and checks it wrote inside `allowed` only, and finite values there if `finite`. */
function expectWrites(ws: Workspace, allowed: Region[], pass: () => void, what: string, finite: boolean): void {
  const before = ws.f64.slice();
  pass();
  const after = ws.f64;
  const inside = new Uint8Array(after.length);
  for (const [at, count] of allowed) inside.fill(1, at, at + count);
  for (let i = 0; i < after.length; i++) {
    if (inside[i]) {
      if (finite && !Number.isFinite(after[i]!)) expect.fail(`${what}: output f64[${i}] is ${after[i]} (read memory that holds no data?)`);
    } else if (!Object.is(after[i], before[i])) {
      expect.fail(`${what}: f64[${i}] changed from ${before[i]} to ${after[i]}, outside the pass's outputs`);
    }
  }
}

type Pass = readonly [name: string, outputs: (ws: Workspace, n: number) => Region[], run: (ws: Workspace, n: number) => void];

/** Dropout's buffers of the hidden layers: the activations before dropout and the masks. */
const dropoutOut = (ws: Workspace, n: number): Region[] => [
  ...ws.A.flatMap((a, l): Region[] => [[a >> 3, n * ws.sizes[l + 1]!], [ws.mask[l]! >> 3, n * ws.sizes[l + 1]!]]),
  // p, 1/(1 − p) and the stream's state, for the kernel (none without a hidden layer)
  ...(ws.L > 1 ? [[ws.dropoutSlots >> 3, DROPOUT_SLOTS.count] as Region] : []),
];

/**
 * The training passes. With `settings`, the update clips and decays (both rewrite the gradient
 * block); with `dropRate`, forward drops units of every hidden layer from a fresh seeded stream.
 */
const TRAINING_PASSES = (optimizer: OptimizerSpec, settings = { weightDecay: 0, clipNorm: Infinity }, dropRate = 0): Pass[] => {
  const dropout: Dropout | undefined = dropRate > 0 ? { rates: new Float64Array(8).fill(dropRate), state: Uint32Array.of(7) } : undefined;
  const changesGradients = settings.weightDecay > 0 || settings.clipNorm < Infinity;
  return [
    ['forward', (ws, n) => [...forwardOut(ws, n), ...(dropout ? dropoutOut(ws, n) : [])], (ws, n) => forward(ws, n, dropout)],
    ['checkLogits', () => [], checkLogits],
    ['loss', lossOut, loss],
    ['backward', backwardOut, backward],
    [
      `${JSON.stringify(optimizer)} step ${JSON.stringify(settings)}`,
      (ws) => [
        ...paramRegions(ws, ws.W, ws.b),
        ...paramRegions(ws, ...shifted(ws, ws.state1)),
        ...paramRegions(ws, ...shifted(ws, ws.state2)),
        // Adam's kernel: the old parameters go to a scratch block laid out like them, the new moments
        // to the second pair of blocks (and back to the first at the next step), its constants (a,
        // lr·λ, β1, 1 − β1, β2, 1 − β2, ε̂) to the rule's slots; momentum's (lr, μ) too.
        ...(JSON.stringify(optimizer).includes('adam')
          ? [ws.state3, ws.state4, ws.state5].flatMap((at) => paramRegions(ws, ...shifted(ws, at))).concat([[ws.ruleSlots >> 3, ADAM_SLOTS.count]])
          : []),
        ...(JSON.stringify(optimizer).includes('momentum') ? [[ws.ruleSlots >> 3, MOMENTUM_SLOTS.count] as Region] : []),
        // Clipping: Σ g², then c/G when it scales.
        ...(settings.clipNorm < Infinity ? [[ws.clipSlots >> 3, 2] as Region] : []),
        ...(changesGradients ? paramRegions(ws, ws.dW, ws.db) : []),
        [ws.lr >> 3, 1],
        [ws.weightDecay >> 3, 1],
        ...(settings.clipNorm < Infinity ? [[ws.clipNorm >> 3, 1] as Region] : []),
      ],
      (ws) => {
        const opt = new Driver(createRule(optimizer), settings, ws); // zeroes the state blocks, which are zero already
        ws.f64[ws.lr >> 3] = 0.05;
        opt.step(ws);
        opt.step(ws); // twice: the second reads the state the first wrote
      },
    ],
  ];
};

/** Runs the passes under one canary, checking each; returns the memory afterwards. */
function runPasses(net: NetSpec, backend: KernelBackend, n: number, canary: (i: number) => number, passes: Pass[], dropout = false): Float64Array {
  const ws = setUp(net, backend, n, canary, dropout);
  for (const [name, outputs, run] of passes) expectWrites(ws, outputs(ws, n), () => run(ws, n), name, canary === NAN_CANARY);
  return ws.f64.slice();
}

/** Same passes under a NaN canary and a finite one: every non-canary float64 must be identical. */
function expectNoCanaryRead(net: NetSpec, backend: KernelBackend, n: number, passes: () => Pass[], dropout = false): void {
  const a = runPasses(net, backend, n, NAN_CANARY, passes(), dropout);
  const b = runPasses(net, backend, n, finiteCanary, passes(), dropout);
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const canaryA = Number.isNaN(a[i]!);
    if (canaryA !== (b[i] === finiteCanary(i)) || (!canaryA && !Object.is(a[i], b[i]))) {
      expect.fail(`f64[${i}] is ${a[i]} under a NaN canary but ${b[i]} under ${finiteCanary(i)}: a pass read memory that holds no data`);
    }
  }
}

describe.each(BACKENDS)('%s kernels: each pass writes its outputs and nothing else', (backend) => {
  describe.each(NETS.map((net) => [net.sizes.join('-') + ' ' + net.acts.join('/'), net] as const))('%s', (_, net) => {
    it.each([1, 4])('forward, loss, backward and each optimizer on a batch of %i (capacity 6)', (n) => {
      for (const optimizer of ['sgd', 'momentum', 'adam'] as const) expectNoCanaryRead(net, backend, n, () => TRAINING_PASSES(optimizer));
    });

    it.each([1, 4])('the same with dropout 0.5, gradient clipping and weight decay, on a batch of %i', (n) => {
      const settings = { weightDecay: 0.1, clipNorm: 0.01 };
      for (const optimizer of ['sgd', 'momentum', 'adam'] as const) expectNoCanaryRead(net, backend, n, () => TRAINING_PASSES(optimizer, settings, 0.5), true);
    });

    it('gradcheck writes only the batch buffers and restores every parameter bit for bit', () => {
      const passes: Pass[] = [['gradcheck', (ws, n) => [...forwardOut(ws, n), ...lossOut(ws, n), ...backwardOut(ws, n)], (ws, n) => void gradcheck(ws, n, 1e-5)]];
      expectNoCanaryRead(net, backend, 3, () => passes);
    });
  });
});

describe('batch loading writes exactly the batch', () => {
  const net = NETS[1]!;
  const src = Float64Array.from({ length: 8 * 2 }, (_, i) => i + 1); // 8 rows of width 2
  it('loadRows copies rows [from, from + rows) to the start of the buffer', () => {
    const ws = setUp(net, 'js', 1, NAN_CANARY);
    expectWrites(ws, [[ws.X[0]! >> 3, 3 * 2]], () => ws.loadRows(src, 2, 3, 2, ws.X[0]!), 'loadRows', true);
    expect(Array.from(ws.read(ws.X[0]!, 6))).toEqual([5, 6, 7, 8, 9, 10]);
  });
  it('gatherRows copies the rows listed in order[from …], in that order', () => {
    const ws = setUp(net, 'js', 1, NAN_CANARY);
    const order = Uint32Array.from([7, 0, 5, 2, 6]);
    expectWrites(ws, [[ws.X[0]! >> 3, 3 * 2]], () => ws.gatherRows(src, order, 1, 3, 2, ws.X[0]!), 'gatherRows', true);
    expect(Array.from(ws.read(ws.X[0]!, 6))).toEqual([1, 2, 11, 12, 5, 6]);
  });
});
