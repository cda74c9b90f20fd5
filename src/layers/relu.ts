import type { Kernels } from '../kernels/types.js';

/**
 * The hidden layers' activation, forward and backward side by side.
 *
 *   forward:  X_{l+1} = ReLU(Z_l) = max(Z_l, 0)
 *   backward: δ_l = (δ_{l+1} · W_{l+1}ᵀ) ∘ ReLU'(Z_l), ReLU'(z) = 1 if z > 0 else 0
 *             (so ReLU'(0) = 0: a unit sitting exactly at zero passes no gradient).
 *
 * The backward product and the mask are one fused kernel, so δ_{l+1}·W_{l+1}ᵀ is never stored.
 * Arguments are byte offsets into the kernels' memory (see Workspace).
 *
 * @example
 * ```ts
 * reluForward(k, ws.Z[0], ws.X[1], n * 6);                        // X_2 = ReLU(Z_1)
 * reluBackward(k, ws.delta[1], ws.W[1], ws.Z[0], ws.delta[0], n, 6, 6); // δ_1
 * ```
 */
export function reluForward(k: Kernels, z: number, x: number, count: number): void {
  k.relu(z, x, count);
}

/** δ_l (n×fanIn) = (δ_{l+1} (n×fanOut) · W_{l+1}ᵀ (fanOut×fanIn)) ∘ ReLU'(Z_l). */
export function reluBackward(k: Kernels, deltaNext: number, W: number, z: number, delta: number, n: number, fanOut: number, fanIn: number): void {
  k.gemmTBRelu(deltaNext, W, z, delta, n, fanOut, fanIn);
}
