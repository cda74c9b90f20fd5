/**
 * The four matrix products of the plain TypeScript kernels (js.ts), register-tiled.
 *
 * Every output tile of 2 rows × 4 columns of c is summed in eight local doubles with p innermost,
 * reading each p's 2 values of A and 4 of B once (6 loads for 8 multiply-adds, where the former
 * i-p-j loops loaded and stored c on every one). 8 accumulators + 6 loaded values fit x64's 16
 * registers; a 4×4 tile (16 + 8) spills. Measured on the training step's products (32×128·128×128
 * and the like; Node 20, x64, CPU time, interleaved; the order changed from run to run): 2×4 and
 * 4×2 tiles 3.0–4.7 GFLOP/s, 4×4 2.6–4.1, 2×2 2.4–3.5, against 1.0–1.7 for the former loops. Each
 * tile is a small function (nn24, tn24, nt24) called per tile. The 1–3 rows or columns left over
 * go through `dotInto`, one output at a time; products of fewer than SMALL multiply-adds (XOR's)
 * take the former plain loops, which sum in the same order.
 *
 * Order of the sums, as in the WebAssembly kernels: each c[i][j] is a[i][0]·b[0][j] +
 * a[i][1]·b[1][j] + … in ascending p, starting from the p = 0 product (not 0 + it, which would turn
 * −0 into +0); for gemm/gemmTA a k-block of KB resumes from the partial sum stored in c. The
 * WebAssembly kernels sum in exactly this order (all of gemm and gemmTA, gemmTB on its packed
 * path), so the two agree bit for bit there. gemmTA divides each finished sum by div, as a
 * multiplication by 1/div when div is a power of two (then the results are identical: 1/div is
 * exact, and both are the correctly rounded x·2^−j).
 *
 * Arguments are float64 indices into h (byte offsets >> 3). Nothing here allocates.
 */

/** gemm/gemmTA k-block: a 2-row slab of A (2·KB doubles) and the 4 columns of B it meets stay in L1. */
const KB = 256;

/** c[cp] = (first ? 0 : c[cp]) + Σ_{p < kw} h[pa + p·sa]·h[pb + p·sb], p ascending, from the p = 0 product when first. */
function dotInto(h: Float64Array, pa: number, sa: number, pb: number, sb: number, kw: number, cp: number, first: boolean): void {
  let s = first ? h[pa]! * h[pb]! : h[cp]! + h[pa]! * h[pb]!;
  for (let p = 1; p < kw; p++) {
    pa += sa;
    pb += sb;
    s += h[pa]! * h[pb]!;
  }
  h[cp] = s;
}

/**
 * gemm tile: rows r0 and r0 + lda of A (p contiguous), the 4 adjacent columns of B at pb (next p:
 * + ldb), kw terms; c at cp and cp + ldc, from the p = 0 products when first, else from c.
 */
function nn24(h: Float64Array, r0: number, lda: number, pb: number, ldb: number, cp: number, ldc: number, kw: number, first: boolean): void {
  const r1 = r0 + lda;
  const c1 = cp + ldc;
  let a0 = h[r0]!;
  let a1 = h[r1]!;
  let b0 = h[pb]!;
  let b1 = h[pb + 1]!;
  let b2 = h[pb + 2]!;
  let b3 = h[pb + 3]!;
  let s00 = a0 * b0, s01 = a0 * b1, s02 = a0 * b2, s03 = a0 * b3;
  let s10 = a1 * b0, s11 = a1 * b1, s12 = a1 * b2, s13 = a1 * b3;
  if (!first) {
    s00 = h[cp]! + s00; s01 = h[cp + 1]! + s01; s02 = h[cp + 2]! + s02; s03 = h[cp + 3]! + s03;
    s10 = h[c1]! + s10; s11 = h[c1 + 1]! + s11; s12 = h[c1 + 2]! + s12; s13 = h[c1 + 3]! + s13;
  }
  for (let p = 1; p < kw; p++) {
    pb += ldb;
    a0 = h[r0 + p]!;
    a1 = h[r1 + p]!;
    b0 = h[pb]!;
    b1 = h[pb + 1]!;
    b2 = h[pb + 2]!;
    b3 = h[pb + 3]!;
    s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
    s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
  }
  h[cp] = s00; h[cp + 1] = s01; h[cp + 2] = s02; h[cp + 3] = s03;
  h[c1] = s10; h[c1 + 1] = s11; h[c1 + 2] = s12; h[c1 + 3] = s13;
}

/**
 * gemmTA tile: A = aᵀ, so rows i and i + 1 of A at p are adjacent in a: pa, pa + 1 (next p: + lda);
 * B and c as in nn24.
 */
function tn24(h: Float64Array, pa: number, lda: number, pb: number, ldb: number, cp: number, ldc: number, kw: number, first: boolean): void {
  const c1 = cp + ldc;
  let a0 = h[pa]!;
  let a1 = h[pa + 1]!;
  let b0 = h[pb]!;
  let b1 = h[pb + 1]!;
  let b2 = h[pb + 2]!;
  let b3 = h[pb + 3]!;
  let s00 = a0 * b0, s01 = a0 * b1, s02 = a0 * b2, s03 = a0 * b3;
  let s10 = a1 * b0, s11 = a1 * b1, s12 = a1 * b2, s13 = a1 * b3;
  if (!first) {
    s00 = h[cp]! + s00; s01 = h[cp + 1]! + s01; s02 = h[cp + 2]! + s02; s03 = h[cp + 3]! + s03;
    s10 = h[c1]! + s10; s11 = h[c1 + 1]! + s11; s12 = h[c1 + 2]! + s12; s13 = h[c1 + 3]! + s13;
  }
  for (let p = 1; p < kw; p++) {
    pa += lda;
    pb += ldb;
    a0 = h[pa]!;
    a1 = h[pa + 1]!;
    b0 = h[pb]!;
    b1 = h[pb + 1]!;
    b2 = h[pb + 2]!;
    b3 = h[pb + 3]!;
    s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
    s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
  }
  h[cp] = s00; h[cp + 1] = s01; h[cp + 2] = s02; h[cp + 3] = s03;
  h[c1] = s10; h[c1 + 1] = s11; h[c1 + 2] = s12; h[c1 + 3] = s13;
}

/**
 * gemmTB tile: rows r0 and r0 + k of a, rows q0 … q0 + 3k of b (both p contiguous), all k terms;
 * c at cp and cp + ldc. With z ≥ 0 (gemmTBRelu: the tile's first word of z, laid out like c), each
 * sum is kept only where z > 0 and 0 stored elsewhere; all of z is read before c is written, so
 * z = c works.
 */
function nt24(h: Float64Array, r0: number, q0: number, k: number, cp: number, ldc: number, z: number): void {
  const r1 = r0 + k;
  const q1 = q0 + k;
  const q2 = q1 + k;
  const q3 = q2 + k;
  let a0 = h[r0]!;
  let a1 = h[r1]!;
  let b0 = h[q0]!;
  let b1 = h[q1]!;
  let b2 = h[q2]!;
  let b3 = h[q3]!;
  let s00 = a0 * b0, s01 = a0 * b1, s02 = a0 * b2, s03 = a0 * b3;
  let s10 = a1 * b0, s11 = a1 * b1, s12 = a1 * b2, s13 = a1 * b3;
  for (let p = 1; p < k; p++) {
    a0 = h[r0 + p]!;
    a1 = h[r1 + p]!;
    b0 = h[q0 + p]!;
    b1 = h[q1 + p]!;
    b2 = h[q2 + p]!;
    b3 = h[q3 + p]!;
    s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
    s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
  }
  const c1 = cp + ldc;
  if (z >= 0) {
    const z0 = z;
    const z1 = z + ldc;
    if (!(h[z0]! > 0)) s00 = 0;
    if (!(h[z0 + 1]! > 0)) s01 = 0;
    if (!(h[z0 + 2]! > 0)) s02 = 0;
    if (!(h[z0 + 3]! > 0)) s03 = 0;
    if (!(h[z1]! > 0)) s10 = 0;
    if (!(h[z1 + 1]! > 0)) s11 = 0;
    if (!(h[z1 + 2]! > 0)) s12 = 0;
    if (!(h[z1 + 3]! > 0)) s13 = 0;
  }
  h[cp] = s00; h[cp + 1] = s01; h[cp + 2] = s02; h[cp + 3] = s03;
  h[c1] = s10; h[c1 + 1] = s11; h[c1 + 2] = s12; h[c1 + 3] = s13;
}

/**
 * Below this many multiply-adds (n·k·m) a product runs the plain loops below (the former kernels):
 * for XOR's products (4×2·2×3 …) they take 25–35 ns a call, the tiles and their edges 35–65.
 */
export const SMALL = 128;

/** gemm, i-p-j: row i of c starts as a[i][0]·b[0] and gets a[i][p]·b[p] added, p ascending. */
export function smallGemm(h: Float64Array, a: number, b: number, c: number, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const ci = c + i * m;
    const ai = a + i * k;
    const ai0 = h[ai]!;
    for (let j = 0; j < m; j++) h[ci + j] = ai0 * h[b + j]!;
    for (let p = 1; p < k; p++) {
      const aip = h[ai + p]!;
      const bp = b + p * m;
      for (let j = 0; j < m; j++) h[ci + j]! += aip * h[bp + j]!;
    }
  }
}

/** gemmTA before the division, p-i-j: c starts as a[0]ᵀ·b[0] and gets a[p]ᵀ·b[p] added, p ascending. */
export function smallGemmTA(h: Float64Array, a: number, b: number, c: number, k: number, n: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const a0i = h[a + i]!;
    const ci = c + i * m;
    for (let j = 0; j < m; j++) h[ci + j] = a0i * h[b + j]!;
  }
  for (let p = 1; p < k; p++) {
    const ap = a + p * n;
    const bp = b + p * m;
    for (let i = 0; i < n; i++) {
      const api = h[ap + i]!;
      const ci = c + i * m;
      for (let j = 0; j < m; j++) h[ci + j]! += api * h[bp + j]!;
    }
  }
}

/** gemmTB(Relu), one dot product per output (0 where z ≤ 0 or NaN, when z ≥ 0). */
export function smallGemmTB(h: Float64Array, a: number, b: number, z: number, c: number, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const ai = a + i * k;
    for (let j = 0; j < m; j++) {
      if (z >= 0 && !(h[z + i * m + j]! > 0)) {
        h[c + i * m + j] = 0;
        continue;
      }
      const bj = b + j * k;
      let s = h[ai]! * h[bj]!;
      for (let p = 1; p < k; p++) s += h[ai + p]! * h[bj + p]!;
      h[c + i * m + j] = s;
    }
  }
}

/**
 * c (n×m) = A (n×k) · b (k×m), where A(i, p) = h[a + i·ars + p·acs]: a itself (ars = k, acs = 1,
 * gemm) or aᵀ of a k×n (ars = 1, acs = n, gemmTA). p in blocks of KB, each resuming from c.
 */
function gemmRows(h: Float64Array, a: number, ars: number, acs: number, b: number, c: number, n: number, k: number, m: number): void {
  const transposed = acs !== 1;
  for (let p0 = 0; p0 < k; p0 += KB) {
    const kw = Math.min(KB, k - p0);
    const first = p0 === 0;
    const ap = a + p0 * acs;
    const bp = b + p0 * m;
    let i = 0;
    for (; i + 2 <= n; i += 2) {
      const ai = ap + i * ars;
      const ci = c + i * m;
      let j = 0;
      if (transposed) for (; j + 4 <= m; j += 4) tn24(h, ai, acs, bp + j, m, ci + j, m, kw, first);
      else for (; j + 4 <= m; j += 4) nn24(h, ai, ars, bp + j, m, ci + j, m, kw, first);
      for (; j < m; j++) {
        dotInto(h, ai, acs, bp + j, m, kw, ci + j, first);
        dotInto(h, ai + ars, acs, bp + j, m, kw, ci + m + j, first);
      }
    }
    if (i < n) {
      const ai = ap + i * ars;
      const ci = c + i * m;
      for (let j = 0; j < m; j++) dotInto(h, ai, acs, bp + j, m, kw, ci + j, first);
    }
  }
}

// The products, tiled; js.ts sends the small ones (n·k·m < SMALL) to the plain loops above instead.

/** c (n×m) = a (n×k) · b (k×m). */
export function gemm(h: Float64Array, a: number, b: number, c: number, n: number, k: number, m: number): void {
  gemmRows(h, a, k, 1, b, c, n, k, m);
}

/** c (n×m) = (aᵀ · b) / div, a k×n, b k×m. */
export function gemmTA(h: Float64Array, a: number, b: number, c: number, k: number, n: number, m: number, div: number): void {
  gemmRows(h, a, 1, n, b, c, n, k, m);
  scale(h, c, n * m, div);
}

/** c[0 … count) /= div, as a multiplication by 1/div when div is a power of two (the same bits: see above). */
export function scale(h: Float64Array, c: number, count: number, div: number): void {
  const end = c + count;
  // x / 2^j = x · 2^−j exactly, and a multiplication is several times cheaper than a division.
  if (div > 0 && div <= 0x40000000 && (div & (div - 1)) === 0) {
    const r = 1 / div;
    for (let i = c; i < end; i++) h[i] = h[i]! * r;
  } else {
    for (let i = c; i < end; i++) h[i] = h[i]! / div;
  }
}

/** c (n×m) = (a · bᵀ) ∘ [z > 0] when z ≥ 0, else a · bᵀ; a n×k, b m×k. z may equal c. */
export function gemmTB(h: Float64Array, a: number, b: number, z: number, c: number, n: number, k: number, m: number): void {
  const relu = z >= 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const ai = a + i * k;
    const ci = c + i * m;
    const zi = z + i * m;
    let j = 0;
    for (; j + 4 <= m; j += 4) nt24(h, ai, b + j * k, k, ci + j, m, relu ? zi + j : -1);
    for (; j < m; j++) {
      for (let r = 0; r < 2; r++) {
        const o = r * m + j;
        if (relu && !(h[zi + o]! > 0)) h[ci + o] = 0;
        else dotInto(h, ai + r * k, 1, b + j * k, 1, k, ci + o, true);
      }
    }
  }
  if (i < n) {
    const ai = a + i * k;
    const ci = c + i * m;
    const zi = z + i * m;
    for (let j = 0; j < m; j++) {
      if (relu && !(h[zi + j]! > 0)) h[ci + j] = 0;
      else dotInto(h, ai, 1, b + j * k, 1, k, ci + j, true);
    }
  }
}
