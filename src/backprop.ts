/**
 * The seed's network, forward and backward, for any depth. Each line is one line of the derivation
 * (docs/derivation.md walks through it):
 *
 *   X_1 = X
 *   Z_l = X_l · W_l                              l = 1 … L
 *   X_{l+1} = ReLU(Z_l)                          l = 1 … L−1
 *   Ŷ = σ(Z_L)
 *   δ_L = Ŷ − Y
 *   δ_l = (δ_{l+1} · W_{l+1}ᵀ) ∘ ReLU'(Z_l)      l = L−1 … 1
 *   ∂J/∂W_l = X_lᵀ · δ_l / N
 *
 * Arrays are 0-based, so `Ws[l]` is W_{l+1}. Shapes are the caller's business (Network checks them);
 * this file is only the math.
 */
import { ValueError } from './errors.js';
import { reluBackward, reluForward } from './layers/relu.js';
import { sigmoidBceBackward, sigmoidForward } from './layers/sigmoid.js';
import { bceLoss } from './loss.js';
import { Matrix } from './matrix.js';
import { gemm, gemmTransA, gemmTransB } from './ops/kernels.js';

/** What the forward pass leaves behind for the backward pass. */
export interface Trace {
  /** X_1 … X_L: the input of each layer (X_1 is the batch itself). */
  readonly Xs: Matrix[];
  /** Z_1 … Z_L: each layer's pre-activation. */
  readonly Zs: Matrix[];
  /** Ŷ = σ(Z_L). */
  readonly Yhat: Matrix;
}

/** What the backward pass computes. */
export interface Backward {
  /** δ_1 … δ_L = ∂(N·J)/∂Z_l (not divided by N). */
  readonly deltas: Matrix[];
  /** ∂J/∂W_1 … ∂J/∂W_L. */
  readonly grads: Matrix[];
}

export function forwardPass(Ws: readonly Matrix[], X: Matrix): Trace {
  const L = Ws.length;
  const N = X.rows;
  const Xs: Matrix[] = [X]; //                                          X_1 = X
  const Zs: Matrix[] = [];
  for (let l = 0; l < L; l++) {
    const W = Ws[l]!;
    const Z = new Matrix(N, W.cols);
    gemm(Xs[l]!.data, W.data, Z.data, N, W.rows, W.cols); //           Z_l = X_l · W_l
    Zs.push(Z);
    if (l < L - 1) {
      const next = new Matrix(N, W.cols);
      reluForward(Z.data, next.data); //                                X_{l+1} = ReLU(Z_l)
      Xs.push(next);
    }
  }
  const ZL = Zs[L - 1]!;
  const Yhat = new Matrix(N, ZL.cols);
  sigmoidForward(ZL.data, Yhat.data); //                                Ŷ = σ(Z_L)
  return { Xs, Zs, Yhat };
}

/** J = (1/N) Σ y·softplus(−z) + (1−y)·softplus(z), from the logits Z_L; fills `perSample`. */
export function lossOf(trace: Trace, Y: Matrix, perSample: Float64Array = new Float64Array(Y.rows)): number {
  const ZL = trace.Zs[trace.Zs.length - 1]!;
  return bceLoss(ZL.data, Y.data, Y.rows, Y.cols, perSample);
}

export function backwardPass(Ws: readonly Matrix[], trace: Trace, Y: Matrix): Backward {
  const L = Ws.length;
  const N = Y.rows;
  const deltas: Matrix[] = new Array<Matrix>(L);
  const grads: Matrix[] = new Array<Matrix>(L);
  let delta = new Matrix(N, Y.cols);
  sigmoidBceBackward(trace.Yhat.data, Y.data, delta.data); //           δ_L = Ŷ − Y
  for (let l = L - 1; l >= 0; l--) {
    const W = Ws[l]!;
    deltas[l] = delta;
    const G = new Matrix(W.rows, W.cols);
    gemmTransA(trace.Xs[l]!.data, delta.data, G.data, N, W.rows, W.cols); // X_lᵀ · δ_l
    for (let i = 0; i < G.data.length; i++) G.data[i]! /= N; //        … / N
    grads[l] = G;
    if (l > 0) {
      const back = new Matrix(N, W.rows);
      gemmTransB(delta.data, W.data, back.data, N, W.cols, W.rows); //  δ_{l+1} · W_{l+1}ᵀ
      reluBackward(back.data, trace.Zs[l - 1]!.data, back.data); //     ∘ ReLU'(Z_l)
      delta = back;
    }
  }
  return { deltas, grads };
}

/**
 * W_l ← W_l − lr · ∂J/∂W_l, for every layer, all or nothing: if any updated weight would not be
 * finite, nothing is written and a ValueError says where.
 */
export function sgdStep(Ws: readonly Matrix[], grads: readonly Matrix[], lr: number): void {
  for (let l = 0; l < Ws.length; l++) {
    const w = Ws[l]!.data;
    const g = grads[l]!.data;
    for (let i = 0; i < w.length; i++) {
      if (!Number.isFinite(w[i]! - lr * g[i]!)) {
        const cols = Ws[l]!.cols;
        throw new ValueError(`the update of weights[${l}][${Math.floor(i / cols)}][${i % cols}] is not finite (gradient ${g[i]}); no weight was changed`);
      }
    }
  }
  for (let l = 0; l < Ws.length; l++) {
    const w = Ws[l]!.data;
    const g = grads[l]!.data;
    for (let i = 0; i < w.length; i++) w[i]! -= lr * g[i]!;
  }
}
