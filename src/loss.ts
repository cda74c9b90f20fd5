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
  // softplus(±z) share log1p(e^{−|z|}): for z ≥ 0, softplus(z) = z + log1p(e^{−z}) and
  // softplus(−z) = log1p(e^{−z}), so the loss is (1−y)·z + log1p(e^{−z}); mirrored for z < 0.
  // One exp and one log1p, and still exact where it matters (z = 40, y = 1 gives log1p(e^{−40})).
  const tail = Math.log1p(Math.exp(-Math.abs(z)));
  return z >= 0 ? (1 - y) * z + tail : -y * z + tail;
}

/**
 * softplus(t) = log(1 + eᵗ) = max(t, 0) + log1p(e^{−|t|}), which never overflows.
 *
 * @example
 * ```ts
 * softplus(0);    // 0.6931471805599453 (log 2)
 * softplus(1000); // 1000, where log(1 + Math.exp(1000)) gives Infinity
 * ```
 */
export function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}
