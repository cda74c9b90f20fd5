/**
 * The seed's network, forward and backward, for any depth. Each line is one line of the derivation
 * (docs/derivation.md walks through it):
 *
 *   X_1 = X
 *   Z_l = X_l · W_l (+ b_l)                      l = 1 … L
 *   X_{l+1} = ReLU(Z_l)                          l = 1 … L−1   (or another hidden activation a_l: activations/)
 *   Ŷ = σ(Z_L)                                   (or the network's head: heads/)
 *   δ_L = Ŷ − Y                                  (the head's δ_L)
 *   δ_l = (δ_{l+1} · W_{l+1}ᵀ) ∘ ReLU'(Z_l)      l = L−1 … 1   (or ∘ a_l'(Z_l))
 *   ∂J/∂W_l = X_lᵀ · δ_l / N                     ∂J/∂b_l = Σ_rows δ_l / N
 *
 * With dropout (training only), X_{l+1} = a_l(Z_l) ∘ m_l, where m_l holds 0 for a dropped unit and
 * 1/(1 − p) for a kept one, and δ_l is multiplied by the same m_l.
 *
 * Arrays are 0-based, so `ws.W[l]` is W_{l+1}. Everything lives in a Workspace (one block of memory,
 * laid out once), and the products run on its kernels (WebAssembly SIMD or plain TypeScript): a
 * training step allocates nothing. The batch is the first `n` rows of the workspace's buffers,
 * with X_1 at ws.X[0] and Y at ws.Y. Shapes are the caller's business (Network checks them).
 */
import type { Workspace } from './engine/workspace.js';
import { ValueError } from './errors.js';
import { DROPOUT_SLOTS } from './kernels/types.js';

/**
 * Dropout for one forward pass: the drop probability of each hidden layer's units (0 for none)
 * and the state of the seeded mulberry32 stream the masks are drawn from. Only training passes one.
 */
export interface Dropout {
  readonly rates: Float64Array;
  readonly state: Uint32Array;
}

export function forward(ws: Workspace, n: number, dropout?: Dropout): void {
  const { k, L, sizes } = ws;
  for (let l = 0; l < L; l++) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    k.gemm(ws.X[l]!, ws.W[l]!, ws.Z[l]!, n, fanIn, fanOut); //          Z_l = X_l · W_l
    if (ws.hasBias[l]) k.addRows(ws.Z[l]!, ws.b[l]!, n, fanOut); //      … + b_l
    if (l < L - 1) {
      const dropping = dropout !== undefined && dropout.rates[l]! > 0;
      const a = dropping ? ws.A[l]! : ws.X[l + 1]!;
      ws.hidden[l]!.forward(k, ws.Z[l]!, a, n * fanOut); //             X_{l+1} = ReLU(Z_l)
      ws.dropped[l] = dropping ? 1 : 0;
      if (dropping) drop(ws, l, n * fanOut, dropout); //                … ∘ m_l (training only)
    }
  }
  const K = sizes[L]!;
  ws.head.forward(ws.f64, ws.Z[L - 1]! >> 3, ws.Yhat >> 3, n, K); //      Ŷ = σ(Z_L)
}

/**
 * Inverted dropout (PyTorch `nn.Dropout`): each unit of hidden layer l is dropped with probability
 * p, and a kept one is scaled by 1/(1 − p), so that the expected activation is unchanged and
 * inference needs no rescaling: X_{l+1} = A_l ∘ m_l, with m_l (0 or 1/(1 − p)) kept for the
 * backward pass. The uniforms u come from the seeded mulberry32 stream, row by row (src/random.ts
 * `uniforms`); a unit is dropped when u < p. On the kernels (`dropout`).
 */
function drop(ws: Workspace, l: number, count: number, dropout: Dropout): void {
  const f = ws.f64;
  const c = ws.dropoutSlots;
  const p = dropout.rates[l]!;
  // The constants and the stream's state go through memory: the kernel takes only integers.
  f[(c >> 3) + DROPOUT_SLOTS.rate] = p;
  f[(c >> 3) + DROPOUT_SLOTS.keep] = 1 / (1 - p);
  f[(c >> 3) + DROPOUT_SLOTS.state] = dropout.state[0]!;
  ws.k.dropout(ws.A[l]!, ws.mask[l]!, ws.X[l + 1]!, count, c); //       m_l = [u ≥ p]/(1 − p);  X_{l+1} = A_l ∘ m_l
  dropout.state[0] = f[(c >> 3) + DROPOUT_SLOTS.state]!;
}

/**
 * Throws a ValueError naming the first Z_l entry that is not finite. Inputs and weights are checked
 * finite on the way in, but their products can still overflow float64 (1e300 · 1e300): without this
 * the loss would come out as NaN, or a ReLU would quietly turn a NaN into 0. The batch holds rows
 * `from` … `from + n − 1` of the caller's X (or, shuffled, rows order[from …]): the message names
 * that row, not the row inside the batch.
 */
export function checkLogits(ws: Workspace, n: number, from = 0, order?: Uint32Array): void {
  const f = ws.f64;
  for (let l = 0; l < ws.L; l++) {
    const z = ws.Z[l]! >> 3;
    const cols = ws.sizes[l + 1]!;
    const count = n * cols;
    for (let i = 0; i < count; i++) {
      const v = f[z + i]!;
      if (v - v !== 0) {
        const row = order ? order[from + Math.floor(i / cols)]! : from + Math.floor(i / cols);
        throw new ValueError(`Z_${l + 1}[${row}][${i % cols}] is ${v}: the inputs or weights are too large for float64 (a product overflows)`);
      }
    }
  }
}

/**
 * J = (1/N) Σ y·softplus(−z) + (1−y)·softplus(z), from the logits Z_L, written to ws.J (per-row
 * losses to ws.perRow). Written, not returned: a float returned from a call V8 does not inline is
 * boxed on the heap, and a training step must allocate nothing. Read it with `ws.f64[ws.J >> 3]`.
 */
export function loss(ws: Workspace, n: number): void {
  const f = ws.f64;
  const perRow = ws.perRow >> 3;
  ws.head.rowLosses(f, ws.Z[ws.L - 1]! >> 3, ws.Yhat >> 3, ws.Y >> 3, perRow, n, ws.sizes[ws.L]!);
  let total = 0;
  for (let i = 0; i < n; i++) total += f[perRow + i]!;
  f[ws.J >> 3] = total / n; //                                           J = (1/N) Σ_rows
}

export function backward(ws: Workspace, n: number): void {
  const { k, L, sizes } = ws;
  ws.head.delta(ws.f64, ws.Yhat >> 3, ws.Y >> 3, ws.delta[L - 1]! >> 3, n, sizes[L]!); // δ_L = Ŷ − Y
  for (let l = L - 1; l >= 0; l--) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    k.gemmTA(ws.X[l]!, ws.delta[l]!, ws.dW[l]!, n, fanIn, fanOut, n); //  ∂J/∂W_l = X_lᵀ · δ_l / N
    if (ws.hasBias[l]) k.colSums(ws.delta[l]!, ws.db[l]!, n, fanOut, n); // ∂J/∂b_l = Σ_rows δ_l / N
    if (l > 0) backActivate(ws, l - 1, n, fanOut, fanIn); //            δ_l = (δ_{l+1} · W_{l+1}ᵀ) ∘ ReLU'(Z_l)
  }
}

/** δ_l = (δ_{l+1} · W_{l+1}ᵀ) ∘ a_l'(Z_l), then ∘ m_l if the forward pass dropped units of layer l. */
function backActivate(ws: Workspace, l: number, n: number, fanOut: number, fanIn: number): void {
  const dropped = ws.dropped[l] === 1;
  const a = dropped ? ws.A[l]! : ws.X[l + 1]!;
  ws.hidden[l]!.backward(ws.k, ws.delta[l + 1]!, ws.W[l + 1]!, ws.Z[l]!, a, ws.delta[l]!, n, fanOut, fanIn);
  if (dropped) ws.k.multiply(ws.delta[l]!, ws.mask[l]!, n * fanIn); //   δ_l ∘ m_l
}
