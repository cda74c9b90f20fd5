import type { Workspace } from './workspace.js';

/**
 * Inference: the forward pass of backprop.ts (no dropout) for `forward` and `predict`, computing
 * the same Ŷ bit for bit, with its checks folded into the kernels. Returns false, with Ŷ not
 * computed, when some Z_l (or a row of X_1) is not finite: the caller then runs the checked path
 * (checkInputs, backprop `forward`, checkLogits), which names the culprit.
 *
 * Why a second forward pass. Measured on B's 64-128-128-1 without biases (wasm kernels, CPU time,
 * medians of 5; 32 and 4096 rows), a `forward` took 104 µs and 13.5 ms, of which the three
 * products 74 µs and 9.8 ms; the rest was JavaScript passes over the data: checkLogits reading
 * every Z_l (14 µs, 1.75 ms), the rows copied in one element at a time (3.5 µs, 0.5 ms), the
 * inputs' finiteness check, the ReLU passes (1.2 µs, 0.2 ms). With this pass: 85 µs and 11.2 ms.
 *  - `biasAct` does a layer's bias, its ReLU and the finiteness check of Z_l in one wasm pass,
 *    and writes X_{l+1} directly (Z_l keeps the bare product; inference needs no Z for backward);
 *  - X_1 is checked through Z_1: a value of X that is ±∞ or NaN makes every term x·w of its row
 *    of Z_1 non-finite (±∞, or NaN where w = 0), and a sum with one such term is not finite, so a
 *    finite Z_1 proves a finite X. (The caller copies X in with one typed-array `set`.)
 * Not done, measured as not worth it: caching the packed weights between calls (packing B is one
 * pass over the weights per call; the products' time per row is the same at 32 rows as at 4096,
 * where that pass is amortised) and fusing bias and ReLU into the packed product's epilogue (the
 * biasAct pass is 1-3 % of the call).
 * The results are those of backprop's `forward`: the same gemm, then z + b, then max(z, 0) as
 * addRows and relu compute them (other hidden activations run their own `forward` on z + b).
 * The checked path stays what training and `loss`/`gradients` use: they need Z_l and A_l.
 */
export function infer(ws: Workspace, n: number): boolean {
  const { k, L, sizes } = ws;
  for (let l = 0; l < L; l++) {
    const fanOut = sizes[l + 1]!;
    const z = ws.Z[l]!;
    k.gemm(ws.X[l]!, ws.W[l]!, z, n, sizes[l]!, fanOut); //                Z_l = X_l · W_l
    const bias = ws.hasBias[l] ? 1 : 0;
    const b = bias ? ws.b[l]! : 0;
    if (l === L - 1) {
      if (k.biasAct(z, b, z, n, fanOut, bias) >= 0) return false; //      … + b_l, checked
    } else if (ws.hidden[l]!.name === 'relu') {
      if (k.biasAct(z, b, ws.X[l + 1]!, n, fanOut, bias | 2) >= 0) return false; // X_{l+1} = ReLU(Z_l + b_l), checked
    } else {
      if (k.biasAct(z, b, z, n, fanOut, bias) >= 0) return false;
      ws.hidden[l]!.forward(k, z, ws.X[l + 1]!, n * fanOut); //             X_{l+1} = a_l(Z_l)
    }
  }
  ws.head.forward(ws.f64, ws.Z[L - 1]! >> 3, ws.Yhat >> 3, n, sizes[L]!); // Ŷ = head(Z_L)
  return true;
}
