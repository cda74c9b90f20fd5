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
 * inputs' finiteness check, the ReLU passes (1.2 µs, 0.2 ms). With this pass, measured the same way
 * (the load rising from 0.5 to 5): 85 µs and 11.2 ms.
 *  - `biasAct` does a layer's bias, its ReLU and the finiteness check of Z_l in one wasm pass,
 *    and writes X_{l+1} directly (Z_l keeps the bare product; inference needs no Z for backward);
 *  - X_1 is checked through Z_1: a value of X that is ±∞ or NaN makes every term x·w of its row
 *    of Z_1 non-finite (±∞, or NaN where w = 0), and a sum with one such term is not finite, so a
 *    finite Z_1 proves a finite X. (The caller copies X in with one typed-array `set`.)
 * Not done: caching the packed weights between calls. The products' fixed cost per call, mostly
 * packing the weights, is about 7 µs of a 32-row call (2 and 5 µs for the two layers, from the
 * slope of their time against rows: 32 … 128 rows, CPU time, medians of 9), but a cache must know
 * of every write to `weights[l].data`, a Float64Array the caller may write at any time unseen, and
 * comparing the weights with their packed copy costs a pass like packing itself.
 * The results are those of backprop's `forward`: the same gemm, then z + b, then max(z, 0) as
 * addRows and relu compute them (other hidden activations run their own `forward` on z + b).
 * The checked path stays what training and `loss`/`gradients` use: they need Z_l and A_l.
 */
export function infer(ws: Workspace, n: number): boolean {
  for (let r = 0; r < n; r += BLOCK_ROWS) if (!inferRows(ws, r, Math.min(BLOCK_ROWS, n - r))) return false;
  const K = ws.sizes[ws.L]!;
  ws.head.forward(ws.f64, ws.Z[ws.L - 1]! >> 3, ws.Yhat >> 3, n, K); //     Ŷ = head(Z_L)
  return true;
}

/**
 * Rows per pass through the layers. A large batch goes through the network in blocks of this many
 * rows, every layer for one block before the next block, so that a block's X_l and Z_l (128 rows
 * × 128 units: 128 KiB each) stay in the 1 MiB L2 between the layers instead of streaming the whole
 * batch's (4 MiB each at 4096 rows) through L3. Each block packs the weights again (one more pass
 * over them per 128 rows). Measured at 4096 rows on 64-128-128-1 (interleaved, CPU time, medians
 * of 15, load 6-7): blocks of 128 rows 1.03-1.04× faster than none, 256 rows 1.00-1.06×. The
 * results do not depend on it: every row is computed alone, gemm sums in the same order on its
 * packed and direct paths, and the head runs once over all rows.
 */
const BLOCK_ROWS = 128;

/** Rows from … from + n − 1 through every layer (each buffer's rows at its own offset), up to Z_L. */
function inferRows(ws: Workspace, from: number, n: number): boolean {
  const { k, L, sizes } = ws;
  for (let l = 0; l < L; l++) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    const x = ws.X[l]! + from * fanIn * 8;
    const z = ws.Z[l]! + from * fanOut * 8;
    k.gemm(x, ws.W[l]!, z, n, fanIn, fanOut); //                            Z_l = X_l · W_l
    const bias = ws.hasBias[l] ? 1 : 0;
    const b = bias ? ws.b[l]! : 0;
    if (l === L - 1) {
      if (k.biasAct(z, b, z, n, fanOut, bias) >= 0) return false; //      … + b_l, checked
    } else if (ws.hidden[l]!.name === 'relu') {
      if (k.biasAct(z, b, ws.X[l + 1]! + from * fanOut * 8, n, fanOut, bias | 2) >= 0) return false; // X_{l+1} = ReLU(Z_l + b_l), checked
    } else {
      if (k.biasAct(z, b, z, n, fanOut, bias) >= 0) return false;
      ws.hidden[l]!.forward(k, z, ws.X[l + 1]! + from * fanOut * 8, n * fanOut); // X_{l+1} = a_l(Z_l)
    }
  }
  return true;
}
