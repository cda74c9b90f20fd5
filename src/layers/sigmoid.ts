/**
 * The output layer's activation, Ŷ = σ(Z_L), forward and backward side by side.
 *
 *   forward:  σ(z) = 1 / (1 + e^{−z}), evaluated through e^{−|z|} so it never overflows
 *             (σ(800) = 1, σ(−800) = 0, no Infinity on the way).
 *   backward: paired with binary cross-entropy the chain rule collapses to δ_L = Ŷ − Y
 *             (the seed's (Ŷ−Y)/(Ŷ(1−Ŷ))·σ'(Z_L) with σ' = Ŷ(1−Ŷ) cancelled by hand). The quotient
 *             is never formed: it is 0/0 = NaN as soon as Ŷ rounds to 0 or 1.
 *
 * @example
 * ```ts
 * const yhat = new Float64Array(2);
 * sigmoidForward(new Float64Array([0, -40]), yhat); // [0.5, 4.248354255291589e-18]
 * const d = new Float64Array(2);
 * sigmoidBceBackward(yhat, new Float64Array([0, 1]), d); // Ŷ − Y
 * ```
 */
export function sigmoidForward(z: Float64Array, out: Float64Array): void {
  for (let i = 0; i < z.length; i++) out[i] = sigmoid(z[i]!);
}

/** δ_L = Ŷ − Y, elementwise; labels are N×K like Ŷ, never broadcast. */
export function sigmoidBceBackward(yhat: Float64Array, y: Float64Array, out: Float64Array): void {
  for (let i = 0; i < yhat.length; i++) out[i] = yhat[i]! - y[i]!;
}

/** σ(z) for one number, overflow-free. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
