/**
 * An independent textbook MLP on plain arrays of rows (SPEC §1, §5, §7), written from the formulas
 * and nothing else: no kernel, workspace or head of the library is used. It is the reference that
 * test/training-control.test.ts checks training control against (dropout masks included, which
 * `evaluate` never applies).
 *
 *   X_1 = X;  Z_l = X_l·W_l + b_l;  A_l = f_l(Z_l);  X_{l+1} = A_l ∘ m_l  (m_l = 1 without dropout)
 *   Ŷ = σ(Z_L) (sigmoid head, binary cross-entropy) or Z_L (linear head, mean squared error)
 *   δ_L = Ŷ − Y (sigmoid) or (2/K)(Ŷ − Y) (linear);  δ_l = (δ_{l+1}·W_{l+1}ᵀ) ∘ f_l'(Z_l) ∘ m_l
 *   ∂J/∂W_l = X_lᵀ·δ_l / N;  ∂J/∂b_l = Σ_rows δ_l / N
 */
import type { Matrix } from '../../src/index.js';

export type Rows = number[][];

/** Parameters as plain arrays: W[l] is n_l × n_{l+1} rows; b[l] a list of n_{l+1} numbers or null. */
export interface RefNet {
  W: Rows[];
  b: (number[] | null)[];
  /** The activation of each hidden layer. */
  hidden: string[];
  head: 'sigmoid' | 'linear';
}

/** What the tests read off a Network (a structural view, so any Network<S, H> fits). */
export interface NetView {
  readonly weights: readonly Matrix[];
  readonly biases: readonly (Matrix | null)[];
  readonly activations: readonly string[];
}

/** A deep copy of a network's parameters as plain arrays. */
export function refOf(net: NetView): RefNet {
  const acts = [...net.activations];
  const head = acts.pop();
  if (head !== 'sigmoid' && head !== 'linear') throw new Error(`textbook reference: head ${head} not supported`);
  return { W: net.weights.map((w) => w.toArray()), b: net.biases.map((b) => (b ? Array.from(b.data) : null)), hidden: acts, head };
}

/** The parameters of a network in the shape of {@link RefNet} (for comparing with expectClose). */
export function paramsOf(net: NetView): { W: Rows[]; b: (number[] | null)[] } {
  return { W: net.weights.map((w) => w.toArray()), b: net.biases.map((b) => (b ? Array.from(b.data) : null)) };
}

export function copyRef(r: RefNet): RefNet {
  return { W: r.W.map((w) => w.map((row) => [...row])), b: r.b.map((b) => (b ? [...b] : null)), hidden: [...r.hidden], head: r.head };
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + eᵗ), stable. */
export function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

function activate(name: string, z: number): number {
  switch (name) {
    case 'relu':
      return z > 0 ? z : 0;
    case 'leakyRelu':
      return z > 0 ? z : 0.01 * z;
    case 'tanh':
      return Math.tanh(z);
    case 'sigmoid':
      return sigmoid(z);
    case 'linear':
      return z;
    default:
      throw new Error(`textbook reference: activation ${name} not supported`);
  }
}

function derivative(name: string, z: number): number {
  switch (name) {
    case 'relu':
      return z > 0 ? 1 : 0;
    case 'leakyRelu':
      return z > 0 ? 1 : 0.01;
    case 'tanh':
      return 1 - Math.tanh(z) ** 2;
    case 'sigmoid':
      return sigmoid(z) * (1 - sigmoid(z));
    case 'linear':
      return 1;
    default:
      throw new Error(`textbook reference: activation ${name} not supported`);
  }
}

/** X·W (+ b on every row). */
function affine(x: Rows, w: Rows, b: number[] | null): Rows {
  const out: Rows = [];
  for (const row of x) {
    const z: number[] = [];
    for (let j = 0; j < w[0]!.length; j++) {
      let s = 0;
      for (let k = 0; k < row.length; k++) s += row[k]! * w[k]![j]!;
      z.push(b ? s + b[j]! : s);
    }
    out.push(z);
  }
  return out;
}

/** One forward pass; `masks[l]` (0 or 1/(1 − p) per unit of hidden layer l) applies dropout to that layer. */
export interface Pass {
  /** X_1 … X_L (X_{l+1} after its mask). */
  Xs: Rows[];
  Zs: Rows[];
  yhat: Rows;
  /** Per-row losses and their mean J (when labels were given). */
  perRow: number[];
  loss: number;
}

export function refForward(net: RefNet, x: Rows, y?: Rows, masks?: readonly (Rows | null)[]): Pass {
  const L = net.W.length;
  const Xs: Rows[] = [x];
  const Zs: Rows[] = [];
  for (let l = 0; l < L; l++) {
    const z = affine(Xs[l]!, net.W[l]!, net.b[l]!);
    Zs.push(z);
    if (l < L - 1) {
      const m = masks?.[l] ?? null;
      Xs.push(z.map((row, i) => row.map((v, j) => activate(net.hidden[l]!, v) * (m ? m[i]![j]! : 1))));
    }
  }
  const zL = Zs[L - 1]!;
  const yhat = zL.map((row) => row.map((v) => (net.head === 'sigmoid' ? sigmoid(v) : v)));
  const perRow = y
    ? zL.map((row, i) =>
        net.head === 'sigmoid'
          ? row.reduce((s, z, k) => s + y[i]![k]! * softplus(-z) + (1 - y[i]![k]!) * softplus(z), 0)
          : row.reduce((s, z, k) => s + (z - y[i]![k]!) ** 2, 0) / row.length,
      )
    : [];
  const loss = perRow.reduce((s, v) => s + v, 0) / x.length;
  return { Xs: Xs.slice(0, L), Zs, yhat, perRow, loss };
}

export interface Grads {
  gW: Rows[];
  gb: (number[] | null)[];
  loss: number;
  pass: Pass;
}

/** Forward and backward on a batch: the data gradient ∂J/∂W_l, ∂J/∂b_l (mean over the batch rows). */
export function refGrads(net: RefNet, x: Rows, y: Rows, masks?: readonly (Rows | null)[]): Grads {
  const pass = refForward(net, x, y, masks);
  const L = net.W.length;
  const N = x.length;
  const K = y[0]!.length;
  let delta: Rows = pass.yhat.map((row, i) => row.map((v, k) => (net.head === 'sigmoid' ? v - y[i]![k]! : (2 / K) * (v - y[i]![k]!))));
  const gW: Rows[] = new Array<Rows>(L);
  const gb: (number[] | null)[] = new Array<number[] | null>(L);
  for (let l = L - 1; l >= 0; l--) {
    const xl = pass.Xs[l]!;
    const w = net.W[l]!;
    gW[l] = w.map((wrow, k) => wrow.map((_, j) => xl.reduce((s, row, i) => s + row[k]! * delta[i]![j]!, 0) / N));
    gb[l] = net.b[l] ? net.b[l]!.map((_, j) => delta.reduce((s, row) => s + row[j]!, 0) / N) : null;
    if (l > 0) {
      const m = masks?.[l - 1] ?? null;
      const z = pass.Zs[l - 1]!;
      delta = delta.map((drow, i) =>
        w.map((wrow, k) => wrow.reduce((s, wkj, j) => s + drow[j]! * wkj, 0) * derivative(net.hidden[l - 1]!, z[i]![k]!) * (m ? m[i]![k]! : 1)),
      );
    }
  }
  return { gW, gb, loss: pass.loss, pass };
}

/**
 * Inverted-dropout masks for one forward pass of `n` rows, drawn from `uniform` layer by layer,
 * row-major over each hidden layer's n × units block: a unit is dropped (0) when u < p, else kept
 * and scaled by 1/(1 − p). A layer with p = 0 is the identity and draws nothing (as PyTorch's
 * `nn.Dropout(0)`), so its mask is null.
 */
export function dropoutMasks(uniform: () => number, n: number, net: RefNet, rates: readonly number[]): (Rows | null)[] {
  return net.hidden.map((_, l) => {
    const p = rates[l]!;
    if (p === 0) return null;
    const units = net.W[l]![0]!.length;
    return Array.from({ length: n }, () => Array.from({ length: units }, () => (uniform() < p ? 0 : 1 / (1 - p))));
  });
}

/** θ ← θ − lr·g on every weight and bias (in place). */
export function sgdStep(net: RefNet, g: { gW: Rows[]; gb: (number[] | null)[] }, lr: number): void {
  net.W.forEach((w, l) => w.forEach((row, k) => row.forEach((v, j) => (row[j] = v - lr * g.gW[l]![k]![j]!))));
  net.b.forEach((b, l) => b?.forEach((v, j) => (b[j] = v - lr * g.gb[l]![j]!)));
}

/** The fraction of label entries a sigmoid head gets right (prediction 1 where ŷ > 0.5). */
export function accuracyOf(yhat: Rows, y: Rows): number {
  let hits = 0;
  let count = 0;
  yhat.forEach((row, i) => row.forEach((v, k) => {
    hits += (v > 0.5 ? 1 : 0) === y[i]![k]! ? 1 : 0;
    count++;
  }));
  return hits / count;
}

/** (1/(N·K)) Σ |ŷ − y|. */
export function maeOf(yhat: Rows, y: Rows): number {
  let sum = 0;
  let count = 0;
  yhat.forEach((row, i) => row.forEach((v, k) => {
    sum += Math.abs(v - y[i]![k]!);
    count++;
  }));
  return sum / count;
}

/**
 * Keras 3 early stopping, written from SPEC §7: an epoch improves only if its value beats the best
 * by more than minDelta (strictly; NaN never does); training stops once `patience` epochs in a row
 * have not improved (patience 0 acts as 1, as in Keras, where the first epoch always improves).
 */
export function textbookEarlyStop(values: readonly number[], o: { patience: number; minDelta: number; higherIsBetter: boolean }): { stoppedEpoch: number | undefined; bestEpoch: number } {
  let best = o.higherIsBetter ? -Infinity : Infinity;
  let bestEpoch = -1;
  let wait = 0;
  for (let e = 0; e < values.length; e++) {
    const v = values[e]!;
    const improves = o.higherIsBetter ? v > best + o.minDelta : v < best - o.minDelta;
    if (improves) {
      best = v;
      bestEpoch = e;
      wait = 0;
    } else wait++;
    if (wait >= Math.max(o.patience, 1)) return { stoppedEpoch: e, bestEpoch };
  }
  return { stoppedEpoch: undefined, bestEpoch };
}
