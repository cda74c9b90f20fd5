/**
 * The output layer's activation, Ŷ = σ(Z_L), forward and backward side by side.
 *
 *   forward:  σ(z) = 1 / (1 + e^{−z}), evaluated through e^{−|z|} so it never overflows
 *             (σ(800) = 1, σ(−800) = 0, no Infinity on the way).
 *   backward: paired with binary cross-entropy the chain rule collapses to δ_L = Ŷ − Y
 *             (the seed's (Ŷ−Y)/(Ŷ(1−Ŷ))·σ'(Z_L) with σ' = Ŷ(1−Ŷ) cancelled by hand). The quotient
 *             is never formed: it is 0/0 = NaN as soon as Ŷ rounds to 0 or 1.
 *
 * Plain TypeScript (WebAssembly has no exp); it touches only the N×K output, so it is cheap.
 * `f` is the workspace memory, the other arguments are float64 indices into it.
 *
 * @example
 * ```ts
 * const f = new Float64Array([0, -40, 0, 0]);
 * sigmoidForward(f, 0, 2, 2);      // f[2..3] = [0.5, 4.248354255291589e-18]
 * ```
 */
export function sigmoidForward(f: Float64Array, z: number, yhat: number, count: number): void {
  for (let i = 0; i < count; i++) f[yhat + i] = sigmoid(f[z + i]!);
}

/** δ_L = Ŷ − Y, elementwise; labels are N×K like Ŷ, never broadcast. */
export function sigmoidBceBackward(f: Float64Array, yhat: number, y: number, delta: number, count: number): void {
  for (let i = 0; i < count; i++) f[delta + i] = f[yhat + i]! - f[y + i]!;
}

/**
 * σ(z) for one number, overflow-free.
 *
 * @example
 * ```ts
 * sigmoid(0);    // 0.5
 * sigmoid(-800); // 0
 * ```
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
