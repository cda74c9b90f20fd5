/**
 * Binary cross-entropy in its stable "with logits" form, computed from Z_L, never from a rounded Ŷ:
 *
 *   loss(z, y) = y·softplus(−z) + (1−y)·softplus(z),   softplus(t) = log(1 + eᵗ)
 *
 * This equals −y·log σ(z) − (1−y)·log(1−σ(z)) exactly, but stays finite where σ(z) rounds to
 * 0 or 1: at z = 40, y = 0 it is 40 (the naive form gives Infinity), at z = 40, y = 1 it is
 * 4.25e-18 (the naive form gives NaN). Clipping Ŷ (Keras's 1e-7) would give wrong numbers too.
 *
 * @example
 * ```ts
 * bceWithLogits(40, 0); // 40
 * bceWithLogits(40, 1); // 4.248354255291589e-18
 * ```
 */
export function bceWithLogits(z: number, y: number): number {
  return y * softplus(-z) + (1 - y) * softplus(z);
}

/** softplus(t) = log(1 + eᵗ) = max(t, 0) + log1p(e^{−|t|}), which never overflows. */
export function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

/**
 * Per-row loss (summed over the K outputs of each row) into `perRow`, and the mean over rows:
 * J = (1/N) Σ_rows Σ_outputs loss(z, y).
 */
export function bceLoss(z: Float64Array, y: Float64Array, n: number, k: number, perRow: Float64Array): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < k; j++) row += bceWithLogits(z[i * k + j]!, y[i * k + j]!);
    perRow[i] = row;
    total += row;
  }
  return total / n;
}
