/**
 * The hidden layers' activation, forward and backward side by side.
 *
 *   forward:  X_{l+1} = ReLU(Z_l) = max(Z_l, 0)
 *   backward: δ_l = G ∘ ReLU'(Z_l), where G = δ_{l+1}·W_{l+1}ᵀ and ReLU'(z) = 1 if z > 0 else 0
 *             (so ReLU'(0) = 0: a unit sitting exactly at zero passes no gradient).
 *
 * @example
 * ```ts
 * const z = new Float64Array([-1, 0, 2]), x = new Float64Array(3);
 * reluForward(z, x);                               // x = [0, 0, 2]
 * const d = new Float64Array(3);
 * reluBackward(new Float64Array([5, 5, 5]), z, d); // d = [0, 0, 5]
 * ```
 */
export function reluForward(z: Float64Array, out: Float64Array): void {
  for (let i = 0; i < z.length; i++) out[i] = z[i]! > 0 ? z[i]! : 0;
}

/** out = g ∘ ReLU'(z); `g` and `out` may be the same array. */
export function reluBackward(g: Float64Array, z: Float64Array, out: Float64Array): void {
  for (let i = 0; i < z.length; i++) out[i] = z[i]! > 0 ? g[i]! : 0;
}
