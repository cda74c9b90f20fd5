/**
 * The raw loops every product in the library goes through, on row-major Float64Arrays. `out` is
 * overwritten. Loop orders are chosen so the innermost loop walks memory contiguously.
 */

/** out (n×m) = a (n×k) · b (k×m). */
export function gemm(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void {
  out.fill(0, 0, n * m);
  for (let i = 0; i < n; i++) {
    const o = i * m;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p]!;
      if (aip === 0) continue;
      const bp = p * m;
      for (let j = 0; j < m; j++) out[o + j]! += aip * b[bp + j]!;
    }
  }
}

/** out (n×m) = aᵀ · b, where a is k×n and b is k×m (the gradient Xᵀ·δ). */
export function gemmTransA(a: Float64Array, b: Float64Array, out: Float64Array, k: number, n: number, m: number): void {
  out.fill(0, 0, n * m);
  for (let p = 0; p < k; p++) {
    const ap = p * n;
    const bp = p * m;
    for (let i = 0; i < n; i++) {
      const api = a[ap + i]!;
      if (api === 0) continue;
      const o = i * m;
      for (let j = 0; j < m; j++) out[o + j]! += api * b[bp + j]!;
    }
  }
}

/** out (n×m) = a · bᵀ, where a is n×k and b is m×k (the back-propagated δ·Wᵀ). */
export function gemmTransB(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    for (let j = 0; j < m; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p]! * b[bj + p]!;
      out[i * m + j] = s;
    }
  }
}
