/**
 * The seed's network, forward and backward, for any depth. Each line is one line of the derivation
 * (docs/derivation.md walks through it):
 *
 *   X_1 = X
 *   Z_l = X_l · W_l (+ b_l)                      l = 1 … L
 *   X_{l+1} = ReLU(Z_l)                          l = 1 … L−1   (or another hidden activation a_l)
 *   Ŷ = σ(Z_L)                                   (or softmax(Z_L), row by row)
 *   δ_L = Ŷ − Y
 *   δ_l = (δ_{l+1} · W_{l+1}ᵀ) ∘ ReLU'(Z_l)      l = L−1 … 1   (or ∘ a_l'(Z_l))
 *   ∂J/∂W_l = X_lᵀ · δ_l / N                     ∂J/∂b_l = Σ_rows δ_l / N
 *
 * Arrays are 0-based, so `ws.W[l]` is W_{l+1}. Everything lives in a Workspace (one block of memory,
 * laid out once), and the products run on its kernels (WebAssembly SIMD or plain TypeScript): a
 * training step allocates nothing. The batch is the first `n` rows of the workspace's buffers,
 * with X_1 at ws.X[0] and Y at ws.Y. Shapes are the caller's business (Network checks them).
 */
import type { Workspace } from './engine/workspace.js';
import { ValueError } from './errors.js';
import { reluBackward, reluForward } from './layers/relu.js';
import { sigmoidBceBackward, sigmoidForward } from './layers/sigmoid.js';
import { HIDDEN } from './layers/activations.js';
import { cceRowLosses, softmaxForward } from './layers/softmax.js';
import { bceRowLosses } from './loss.js';

export function forward(ws: Workspace, n: number): void {
  const { k, L, sizes } = ws;
  for (let l = 0; l < L; l++) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    k.gemm(ws.X[l]!, ws.W[l]!, ws.Z[l]!, n, fanIn, fanOut); //          Z_l = X_l · W_l
    if (ws.hasBias[l]) k.addRows(ws.Z[l]!, ws.b[l]!, n, fanOut); //      … + b_l
    if (l < L - 1) activate(ws, l, n * fanOut); //                      X_{l+1} = ReLU(Z_l)
  }
  if (ws.activations[L - 1] === 'softmax') softmaxForward(ws.f64, ws.Z[L - 1]! >> 3, ws.Yhat >> 3, n, sizes[L]!); // Ŷ = softmax(Z_L)
  else sigmoidForward(ws.f64, ws.Z[L - 1]! >> 3, ws.Yhat >> 3, n * sizes[L]!); //                                 Ŷ = σ(Z_L)
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

/** X_{l+1} = a_l(Z_l): ReLU through the kernels, the other hidden activations in activations.ts. */
function activate(ws: Workspace, l: number, count: number): void {
  const a = ws.activations[l]!;
  if (a === 'relu') reluForward(ws.k, ws.Z[l]!, ws.X[l + 1]!, count);
  else HIDDEN[a as keyof typeof HIDDEN].forward(ws.f64, ws.Z[l]! >> 3, ws.X[l + 1]! >> 3, count);
}

/**
 * J = (1/N) Σ y·softplus(−z) + (1−y)·softplus(z), from the logits Z_L, written to ws.J (per-row
 * losses to ws.perRow). Written, not returned: a float returned from a call V8 does not inline is
 * boxed on the heap, and a training step must allocate nothing. Read it with `ws.f64[ws.J >> 3]`.
 */
export function loss(ws: Workspace, n: number): void {
  const f = ws.f64;
  const perRow = ws.perRow >> 3;
  const rowLosses = ws.activations[ws.L - 1] === 'softmax' ? cceRowLosses : bceRowLosses;
  rowLosses(f, ws.Z[ws.L - 1]! >> 3, ws.Y >> 3, perRow, n, ws.sizes[ws.L]!);
  let total = 0;
  for (let i = 0; i < n; i++) total += f[perRow + i]!;
  f[ws.J >> 3] = total / n; //                                           J = (1/N) Σ_rows
}

export function backward(ws: Workspace, n: number): void {
  const { k, L, sizes } = ws;
  sigmoidBceBackward(ws.f64, ws.Yhat >> 3, ws.Y >> 3, ws.delta[L - 1]! >> 3, n * sizes[L]!); // δ_L = Ŷ − Y
  for (let l = L - 1; l >= 0; l--) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    k.gemmTA(ws.X[l]!, ws.delta[l]!, ws.dW[l]!, n, fanIn, fanOut, n); //  ∂J/∂W_l = X_lᵀ · δ_l / N
    if (ws.hasBias[l]) k.colSums(ws.delta[l]!, ws.db[l]!, n, fanOut, n); // ∂J/∂b_l = Σ_rows δ_l / N
    if (l > 0) backActivate(ws, l - 1, n, fanOut, fanIn); //            δ_l = (δ_{l+1} · W_{l+1}ᵀ) ∘ ReLU'(Z_l)
  }
}

/** δ_l = (δ_{l+1} · W_{l+1}ᵀ) ∘ a_l'(Z_l): one fused kernel for ReLU, a product then a' for the others. */
function backActivate(ws: Workspace, l: number, n: number, fanOut: number, fanIn: number): void {
  const a = ws.activations[l]!;
  if (a === 'relu') return reluBackward(ws.k, ws.delta[l + 1]!, ws.W[l + 1]!, ws.Z[l]!, ws.delta[l]!, n, fanOut, fanIn);
  ws.k.gemmTB(ws.delta[l + 1]!, ws.W[l + 1]!, ws.delta[l]!, n, fanOut, fanIn);
  HIDDEN[a as keyof typeof HIDDEN].backward(ws.f64, ws.Z[l]! >> 3, ws.X[l + 1]! >> 3, ws.delta[l]! >> 3, n * fanIn);
}

/**
 * W_l ← W_l − lr · ∂J/∂W_l and b_l ← b_l − lr · ∂J/∂b_l, for every layer at once (the parameters
 * are one block, their gradients another with the same layout), all or nothing: if any updated
 * parameter would not be finite, nothing is written and a ValueError says which.
 */
export function sgdStep(ws: Workspace, lr: number): void {
  const count = ws.paramBytes >> 3;
  const bad = ws.k.sgdCheck(ws.params, ws.grads, lr, count);
  if (bad >= 0) throw updateNotFinite(ws, bad);
  ws.k.sgd(ws.params, ws.grads, lr, count); //                         θ ← θ − lr · ∂J/∂θ
}

/** The error for a parameter (an index into the parameter block) whose update would not be finite. */
export function updateNotFinite(ws: Workspace, index: number): ValueError {
  const at = ws.params + index * 8;
  const gradient = ws.f64[(ws.grads >> 3) + index];
  for (let l = 0; l < ws.L; l++) {
    const cols = ws.sizes[l + 1]!;
    const w = (at - ws.W[l]!) >> 3;
    const b = (at - ws.b[l]!) >> 3;
    const where =
      w >= 0 && w < ws.sizes[l]! * cols ? `weights[${l}][${Math.floor(w / cols)}][${w % cols}]`
      : ws.hasBias[l] && b >= 0 && b < cols ? `biases[${l}][${b}]`
      : undefined;
    if (where) return new ValueError(`the update of ${where} is not finite (gradient ${gradient}); no parameter was changed`);
  }
  return new ValueError(`an update is not finite (gradient ${gradient}); no parameter was changed`);
}
