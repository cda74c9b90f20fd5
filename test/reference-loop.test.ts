// fit, train and the step-by-step trainer against their definitions, written out here as the plain
// loop a textbook would give: shuffle the row order (Fisher–Yates from the documented seeded
// stream), cut it into batches, and for each batch take the batch's gradients from `evaluate`
// (checked against the NumPy reference by the fixture suite) and apply the documented update rule.
// The epoch's loss and accuracy are those of each batch before its update; validation is measured
// after the epoch. The engine (one workspace, fused kernels, all-or-nothing updates, data left in
// place between full-batch steps) must give the same numbers.
import { describe, expect, it } from 'vitest';
import { Matrix, matrix, mulberry32, network, type Network, type OptimizerSpec } from '../src/index.js';

type Net = Network<readonly number[], 'sigmoid' | 'softmax'>;
interface Options {
  lr: number;
  epochs: number;
  batchSize?: number;
  shuffle?: boolean;
  seed?: number;
  optimizer?: OptimizerSpec;
  validation?: readonly [Matrix, Matrix];
}

const present = <T,>(v: T | null): v is T => v !== null;
const rowsOf = (m: Matrix, rows: readonly number[]) => {
  const out = new Matrix(rows.length, m.cols);
  rows.forEach((r, i) => out.data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
  return out;
};

/** The documented update rules, on flat parameter lists, with state that lives for one fit. */
function updateRule(spec: OptimizerSpec = 'sgd') {
  const s = typeof spec === 'string' ? { type: spec } : spec;
  const state = new Map<Float64Array, { m: Float64Array; v: Float64Array }>();
  let t = 0;
  const of = (p: Float64Array) => state.get(p) ?? state.set(p, { m: new Float64Array(p.length), v: new Float64Array(p.length) }).get(p)!;
  return {
    apply(params: Float64Array[], grads: Float64Array[], lr: number) {
      params.forEach((p, k) => {
        const g = grads[k]!;
        const { m, v } = of(p);
        for (let i = 0; i < p.length; i++) {
          if (s.type === 'sgd') p[i] = p[i]! - lr * g[i]!;
          else if (s.type === 'momentum') {
            const mu = ('momentum' in s ? s.momentum : undefined) ?? 0.9;
            m[i] = mu * m[i]! + g[i]!;
            p[i] = p[i]! - lr * m[i]!;
          } else {
            const o = s as { beta1?: number; beta2?: number; epsilon?: number };
            const [b1, b2, eps] = [o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.epsilon ?? 1e-8];
            m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
            v[i] = b2 * v[i]! + (1 - b2) * g[i]! * g[i]!;
            p[i] = p[i]! - (lr * (m[i]! / (1 - b1 ** (t + 1)))) / (Math.sqrt(v[i]! / (1 - b2 ** (t + 1))) + eps);
          }
        }
      });
      t++;
    },
  };
}

/** Right answers in a batch: label entries for sigmoid outputs, rows (argmax) for softmax. */
function hits(net: Net, yhat: Matrix, y: Matrix): number {
  if (net.head === 'sigmoid') return Array.from(yhat.data).filter((p, i) => (p > 0.5 ? 1 : 0) === y.data[i]).length;
  const argmax = (d: Float64Array, r: number) => {
    let best = 0;
    for (let j = 1; j < y.cols; j++) if (d[r * y.cols + j]! > d[r * y.cols + best]!) best = j;
    return best;
  };
  let count = 0;
  for (let r = 0; r < y.rows; r++) if (argmax(yhat.data, r) === argmax(y.data, r)) count++;
  return count;
}

function referenceFit(net: Net, x: Matrix, y: Matrix, o: Options) {
  const N = x.rows;
  const B = Math.min(o.batchSize ?? N, N);
  const rand = mulberry32(o.seed ?? 1);
  const rule = updateRule(o.optimizer);
  const params = [...net.weights, ...net.biases.filter(present)].map((m) => m.data);
  const history = { loss: [] as number[], accuracy: [] as number[], valLoss: [] as number[], valAccuracy: [] as number[] };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = Array.from({ length: N }, (_, i) => i);
    if (o.shuffle) {
      for (let i = N - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    }
    let total = 0;
    let right = 0;
    for (let from = 0; from < N; from += B) {
      const rows = order.slice(from, from + B);
      const xb = rowsOf(x, rows);
      const yb = rowsOf(y, rows);
      const ev = net.evaluate(xb, yb);
      total += ev.loss * rows.length;
      right += hits(net, ev.Yhat, yb);
      const grads = [...ev.grads, ...ev.biasGrads.filter(present)].map((m) => m.data);
      rule.apply(params, grads, o.lr);
    }
    history.loss.push(total / N);
    history.accuracy.push(right / (net.head === 'softmax' ? y.rows : y.data.length));
    if (o.validation) {
      const [vx, vy] = o.validation;
      const ev = net.evaluate(vx, vy);
      history.valLoss.push(ev.loss);
      history.valAccuracy.push(hits(net, ev.Yhat, vy) / (net.head === 'softmax' ? vy.rows : vy.data.length));
    }
  }
  return history;
}

const close = (a: readonly number[], b: readonly number[], what: string) => {
  expect(a.length, what).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i]!), `${what}[${i}]: ${v} vs ${b[i]}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b[i]!))));
};
const params = (net: Net) => [...net.weights, ...net.biases.filter(present)].flatMap((m) => Array.from(m.data));

/** 7 rows of 3 features; labels for 2 sigmoid outputs or 3 softmax classes. */
const rand = mulberry32(99);
const X = new Matrix(7, 3, Float64Array.from({ length: 21 }, () => rand() * 2 - 1));
const Y2 = new Matrix(7, 2, Float64Array.from({ length: 14 }, () => (rand() < 0.5 ? 0 : 1)));
const Y3 = new Matrix(7, 3);
for (let r = 0; r < 7; r++) Y3.data[r * 3 + ((r * 5) % 3)] = 1;
const VX = new Matrix(9, 3, Float64Array.from({ length: 27 }, () => rand() * 2 - 1));
const VY2 = new Matrix(9, 2, Float64Array.from({ length: 18 }, () => (rand() < 0.5 ? 0 : 1)));
const VY3 = new Matrix(9, 3);
for (let r = 0; r < 9; r++) VY3.data[r * 3 + (r % 3)] = 1;

const nets = {
  'sigmoid ×2 outputs, biases': () => network(3, { seed: 5, bias: true }).relu(4).tanh(3).sigmoid(2) as unknown as Net,
  'softmax ×3, no biases': () => network(3, { seed: 6 }).leakyRelu(5).softmax(3) as unknown as Net,
};
const data = (name: string) => (name.startsWith('softmax') ? { y: Y3, vy: VY3 } : { y: Y2, vy: VY2 });

const cases: [string, Omit<Options, 'validation'>][] = [
  ['full batch, sgd', { lr: 0.3, epochs: 4 }],
  ['batches of 3 (the last has 1), shuffled, sgd', { lr: 0.3, epochs: 4, batchSize: 3, shuffle: true, seed: 7 }],
  ['batches of 2, in order, momentum 0.8', { lr: 0.1, epochs: 3, batchSize: 2, optimizer: { type: 'momentum', momentum: 0.8 } }],
  ['full batch, shuffled, momentum (default 0.9)', { lr: 0.1, epochs: 3, shuffle: true, optimizer: 'momentum' }],
  ['batches of 4, shuffled with the default seed, adam', { lr: 0.05, epochs: 3, batchSize: 4, shuffle: true, optimizer: 'adam' }],
  ['batches of 1, adam with its own betas and epsilon', { lr: 0.05, epochs: 2, batchSize: 1, optimizer: { type: 'adam', beta1: 0.5, beta2: 0.75, epsilon: 1e-3 } }],
];

describe.each(Object.entries(nets))('%s', (name, make) => {
  const { y, vy } = data(name);
  it.each(cases)('fit = the textbook loop: %s', (_, options) => {
    const net = make();
    const ref = make();
    const got = net.fit(X, y, { ...options, validation: [VX, vy] });
    const want = referenceFit(ref, X, y, { ...options, validation: [VX, vy] });
    close(got.loss, want.loss, 'loss');
    close(got.accuracy, want.accuracy, 'accuracy');
    close(got.valLoss!, want.valLoss, 'valLoss');
    close(got.valAccuracy!, want.valAccuracy, 'valAccuracy');
    close(params(net), params(ref), 'parameters');
  });

  it('optimizer state starts from zero at every fit (two fits = two reference runs)', () => {
    const options = { lr: 0.1, epochs: 2, batchSize: 3, optimizer: 'momentum' as const };
    const net = make();
    const ref = make();
    net.fit(X, y, options);
    net.fit(X, y, { ...options, optimizer: 'adam' });
    referenceFit(ref, X, y, options);
    referenceFit(ref, X, y, { ...options, optimizer: 'adam' });
    close(params(net), params(ref), 'parameters');
  });

  it('train = full-batch sgd; its finalLoss is the loss after the last update', () => {
    const net = make();
    const ref = make();
    const { losses, finalLoss } = net.train(X, y, { lr: 0.2, epochs: 5 });
    close(losses, referenceFit(ref, X, y, { lr: 0.2, epochs: 5 }).loss, 'losses');
    close([finalLoss], [ref.loss(X, y)], 'finalLoss');
    close(params(net), params(ref), 'parameters');
  });

  it('trainer.step takes the batches in turn and writes each update back to the network', () => {
    const net = make();
    const ref = make();
    const t = net.trainer(X, y, { lr: 0.2, batchSize: 3, shuffle: true, seed: 11 });
    const want = referenceFit(ref, X, y, { lr: 0.2, epochs: 2, batchSize: 3, shuffle: true, seed: 11 });
    let total = 0;
    for (let s = 0; s < 6; s++) {
      const rows = t.nextBatchRows;
      t.step();
      total += t.loss * rows;
      if (s === 2 || s === 5) {
        close([total / 7], [want.loss[s === 2 ? 0 : 1]!], 'epoch loss');
        total = 0;
      }
    }
    close(params(net), params(ref), 'parameters');
  });
});
