/**
 * The output for more than two classes, Ŷ = softmax(Z_L) row by row, with categorical
 * cross-entropy, forward and backward side by side.
 *
 *   forward:  ŷ_k = e^{z_k − m} / Σ_j e^{z_j − m}, m = max_j z_j   (no overflow for any z)
 *   loss:     per row Σ_k y_k·(lse − z_k), lse = m + log Σ_j e^{z_j − m}   (never log of a rounded ŷ)
 *   backward: with each label row summing to 1, the chain rule collapses to δ_L = Ŷ − Y, as for
 *             sigmoid + binary cross-entropy (see sigmoid.ts): the same subtraction.
 *
 * `f` is the workspace memory; z, yhat, y, perRow are float64 indices; rows are n, classes k.
 *
 * @example
 * ```ts
 * const f = new Float64Array([1000, 1000, 0, 0]);
 * softmaxForward(f, 0, 2, 1, 2); // f[2..3] = [0.5, 0.5], no Infinity on the way
 * ```
 */
export function softmaxForward(f: Float64Array, z: number, yhat: number, n: number, k: number): void {
  for (let i = 0; i < n; i++) {
    const row = z + i * k;
    const out = yhat + i * k;
    let m = -Infinity;
    for (let j = 0; j < k; j++) m = Math.max(m, f[row + j]!);
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(f[row + j]! - m);
      f[out + j] = e;
      sum += e;
    }
    for (let j = 0; j < k; j++) f[out + j] = f[out + j]! / sum;
  }
}

/** Each row's categorical cross-entropy Σ_k y_k·(lse − z_k) into perRow. */
export function cceRowLosses(f: Float64Array, z: number, y: number, perRow: number, n: number, k: number): void {
  for (let i = 0; i < n; i++) {
    const row = z + i * k;
    let m = -Infinity;
    for (let j = 0; j < k; j++) m = Math.max(m, f[row + j]!);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(f[row + j]! - m);
    const lse = m + Math.log(sum);
    let loss = 0;
    for (let j = 0; j < k; j++) {
      const yj = f[y + i * k + j]!;
      if (yj !== 0) loss += yj * (lse - f[row + j]!);
    }
    f[perRow + i] = loss;
  }
}
