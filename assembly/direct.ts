/**
 * The direct (unpacked) products: gemm, gemmTA, gemmTB and gemmTBRelu straight from the operands,
 * for the sizes where packing into scratch would cost more than it saves (kernels.ts chooses:
 * few rows or columns, the matrix–vector case m = 1, the outer product k = 1) and as the fallback
 * when no scratch could be reserved. The large products go through packed.ts.
 *
 * Order of the sums: gemm and gemmTA as in packed.ts (ascending p from the p = 0 product, so
 * bit-identical to js.ts). gemmTB/gemmTBRelu vectorise the dot product along p (even p in lane 0,
 * odd p in lane 1, the lanes added, then the last term when k is odd): the order of the terms
 * differs from js.ts here (a few ulps of Σ|terms|, as the ABI allows); k = 1 is the plain product.
 */

import { exactReciprocal } from './packed';

// Cache blocking of the direct gemm/gemmTA (no packing). For each block of
// KC rows × NC columns of b (≤ 192 KiB, kept in L2), every 2-row slab of a (2·KC·8 bytes) stays
// in L1 while the micro-kernel walks the block's columns. Measured with scripts/gemm-gflops.mjs
// (square n = 256, 512, 1024; KC ∈ {32, 48, 64, 96, 128}, NC ∈ {256, 512, 1024}): KC = 48,
// NC = 512 is within 3% of the best at every size; KC ≥ 64 loses 10–30% at n ≥ 512, where the
// power-of-two row stride of b maps the block's rows onto few cache sets.
const KC: i32 = 48;
const NC: i32 = 512;
// gemmTB: rows of b per block, chosen so that one block of b (NB·k·8 bytes) is about 256 KiB.
const TB_BYTES: i32 = 256 * 1024;

// ---------------------------------------------------------------------------------------------
// gemm / gemmTA: c (n×m) = A (n×k) · b (k×m), where A[i][p] is at a + i·ars + p·acs.
//   gemm:   A = a (n×k):  ars = 8k, acs = 8.
//   gemmTA: A = aᵀ (a k×n): ars = 8, acs = 8n.
// The micro-kernel keeps a tile of R = 2 (or 1) rows × 8 columns of c in eight f64x2 accumulators
// and, per p, loads 4 vectors of b's row p and splats R elements of A's column p. (V8 hoists all
// of an iteration's loads above its arithmetic, so the live vectors are 8 accumulators + 6 loads
// + 1 product: a bigger tile spills on x64's 16 registers.) Narrower tiles (4, 2, 1 columns)
// finish the row. On the first k-block (first) the p = 0 products initialise the accumulators,
// later k-blocks resume from the partial sums stored in c; on the last k-block of gemmTA they are
// divided by div (finish; or multiplied by 1/div when that is exact, see packed.ts exactReciprocal). adj (gemmTA): A's rows i and i+1 are adjacent, so the second splat is
// the first address + 8, an immediate offset.
// The helpers are inlined with constant R / V / adj / doDiv, and the optimiser removes dead branches.
// ---------------------------------------------------------------------------------------------

// R rows × 2V columns (V = 1, 2 or 4 vectors).
// @ts-ignore: decorator
@inline function tileV(
  R: i32, V: i32, adj: bool, a: usize, ars: usize, acs: usize, b: usize, sb: usize, c: usize,
  kw: i32, first: bool, finish: bool, dv: v128, recip: bool, rv: v128,
): void {
  const zero = f64x2.splat(0);
  const c0 = c, c1 = c + sb;
  let x00 = zero, x01 = zero, x02 = zero, x03 = zero;
  let x10 = zero, x11 = zero, x12 = zero, x13 = zero;
  const a0 = a, a1 = a + ars;
  let o: usize = 0;
  let pb = b;
  let p = 0;
  if (first) {
    // The p = 0 term initialises the sums (as in the reference: no 0 + term, which would turn −0 into +0).
    const b0 = v128.load(pb);
    let b1 = zero, b2 = zero, b3 = zero;
    if (V > 1) b1 = v128.load(pb, 16);
    if (V > 2) { b2 = v128.load(pb, 32); b3 = v128.load(pb, 48); }
    const s = v128.load64_splat(a0);
    x00 = f64x2.mul(s, b0);
    if (V > 1) x01 = f64x2.mul(s, b1);
    if (V > 2) { x02 = f64x2.mul(s, b2); x03 = f64x2.mul(s, b3); }
    if (R > 1) {
      const t = v128.load64_splat(a1);
      x10 = f64x2.mul(t, b0);
      if (V > 1) x11 = f64x2.mul(t, b1);
      if (V > 2) { x12 = f64x2.mul(t, b2); x13 = f64x2.mul(t, b3); }
    }
    o = acs;
    pb += sb;
    p = 1;
  } else {
    x00 = v128.load(c0);
    if (V > 1) x01 = v128.load(c0, 16);
    if (V > 2) { x02 = v128.load(c0, 32); x03 = v128.load(c0, 48); }
    if (R > 1) {
      x10 = v128.load(c1);
      if (V > 1) x11 = v128.load(c1, 16);
      if (V > 2) { x12 = v128.load(c1, 32); x13 = v128.load(c1, 48); }
    }
  }
  const pbEnd = b + <usize>kw * sb;
  for (; pb < pbEnd; pb += sb) {
    const b0 = v128.load(pb);
    let b1 = zero, b2 = zero, b3 = zero;
    if (V > 1) b1 = v128.load(pb, 16);
    if (V > 2) { b2 = v128.load(pb, 32); b3 = v128.load(pb, 48); }
    const s = v128.load64_splat(a0 + o);
    x00 = f64x2.add(x00, f64x2.mul(s, b0));
    if (V > 1) x01 = f64x2.add(x01, f64x2.mul(s, b1));
    if (V > 2) {
      x02 = f64x2.add(x02, f64x2.mul(s, b2));
      x03 = f64x2.add(x03, f64x2.mul(s, b3));
    }
    if (R > 1) {
      const t = adj ? v128.load64_splat(a0 + o, 8) : v128.load64_splat(a1 + o);
      x10 = f64x2.add(x10, f64x2.mul(t, b0));
      if (V > 1) x11 = f64x2.add(x11, f64x2.mul(t, b1));
      if (V > 2) {
        x12 = f64x2.add(x12, f64x2.mul(t, b2));
        x13 = f64x2.add(x13, f64x2.mul(t, b3));
      }
    }
    o += acs;
  }
  if (finish) {
    if (recip) {
      x00 = f64x2.mul(x00, rv); x01 = f64x2.mul(x01, rv);
      x02 = f64x2.mul(x02, rv); x03 = f64x2.mul(x03, rv);
      x10 = f64x2.mul(x10, rv); x11 = f64x2.mul(x11, rv);
      x12 = f64x2.mul(x12, rv); x13 = f64x2.mul(x13, rv);
    } else {
      x00 = f64x2.div(x00, dv); x01 = f64x2.div(x01, dv);
      x02 = f64x2.div(x02, dv); x03 = f64x2.div(x03, dv);
      x10 = f64x2.div(x10, dv); x11 = f64x2.div(x11, dv);
      x12 = f64x2.div(x12, dv); x13 = f64x2.div(x13, dv);
    }
  }
  v128.store(c0, x00);
  if (V > 1) v128.store(c0, x01, 16);
  if (V > 2) { v128.store(c0, x02, 32); v128.store(c0, x03, 48); }
  if (R > 1) {
    v128.store(c1, x10);
    if (V > 1) v128.store(c1, x11, 16);
    if (V > 2) { v128.store(c1, x12, 32); v128.store(c1, x13, 48); }
  }
}

// R rows × 1 column: the two rows share one vector [row 0, row 1].
// @ts-ignore: decorator
@inline function tile1(
  R: i32, a: usize, ars: usize, acs: usize, b: usize, sb: usize, c: usize,
  kw: i32, first: bool, finish: bool, dv: v128, recip: bool, rv: v128,
): void {
  const c0 = c, c1 = c + sb;
  let x = f64x2.splat(0);
  const a0 = a, a1 = a + ars;
  let o: usize = 0;
  let pb = b;
  let p = 0;
  if (first) {
    let av = v128.load64_zero(a0);
    if (R > 1) av = v128.load64_lane(a1, av, 1);
    x = f64x2.mul(av, v128.load64_splat(pb));
    o = acs;
    pb += sb;
    p = 1;
  } else {
    x = v128.load64_zero(c0);
    if (R > 1) x = v128.load64_lane(c1, x, 1);
  }
  for (; p < kw; p++) {
    let av = v128.load64_zero(a0 + o);
    if (R > 1) av = v128.load64_lane(a1 + o, av, 1);
    x = f64x2.add(x, f64x2.mul(av, v128.load64_splat(pb)));
    o += acs;
    pb += sb;
  }
  if (finish) x = recip ? f64x2.mul(x, rv) : f64x2.div(x, dv);
  v128.store64_lane(c0, x, 0);
  if (R > 1) v128.store64_lane(c1, x, 1);
}

// R rows of c, jw columns.
// @ts-ignore: decorator
@inline function rowBlock(
  R: i32, adj: bool, a: usize, ars: usize, acs: usize, b: usize, sb: usize, c: usize,
  kw: i32, jw: i32, first: bool, finish: bool, dv: v128, recip: bool, rv: v128,
): void {
  let j = 0;
  for (; j + 8 <= jw; j += 8) {
    const o = <usize>j << 3;
    tileV(R, 4, adj, a, ars, acs, b + o, sb, c + o, kw, first, finish, dv, recip, rv);
  }
  if (j + 4 <= jw) {
    const o = <usize>j << 3;
    tileV(R, 2, adj, a, ars, acs, b + o, sb, c + o, kw, first, finish, dv, recip, rv);
    j += 4;
  }
  if (j + 2 <= jw) {
    const o = <usize>j << 3;
    tileV(R, 1, adj, a, ars, acs, b + o, sb, c + o, kw, first, finish, dv, recip, rv);
    j += 2;
  }
  if (j < jw) {
    const o = <usize>j << 3;
    tile1(R, a, ars, acs, b + o, sb, c + o, kw, first, finish, dv, recip, rv);
  }
}

// Two rows of A at column p, [A[i][p], A[i+1][p]]: one load when the rows are adjacent (gemmTA).
// @ts-ignore: decorator
@inline function pairAt(adjacent: bool, a: usize, ars: usize): v128 {
  return adjacent ? v128.load(a) : v128.load64_lane(a + ars, v128.load64_zero(a), 1);
}

// m = 1 (a matrix–vector product, e.g. the output layer of a one-unit net): c is a column, so 8
// rows at a time are four independent vectors [c_i, c_i+1] … (one accumulator would wait on the
// add latency every p). Still p ascending per element, from the p = 0 term.
// @ts-ignore: decorator
@inline function mvRows(
  R: i32, adjacent: bool, a: usize, ars: usize, acs: usize, b: usize, c: usize, k: i32,
  doDiv: bool, dv: v128, recip: bool, rv: v128,
): void {
  // R = 8 or 2 rows.
  const a2 = a + 2 * ars, a4 = a + 4 * ars, a6 = a + 6 * ars;
  let bs = v128.load64_splat(b);
  let x0 = f64x2.mul(pairAt(adjacent, a, ars), bs);
  let x1 = x0, x2 = x0, x3 = x0;
  if (R > 2) {
    x1 = f64x2.mul(pairAt(adjacent, a2, ars), bs);
    x2 = f64x2.mul(pairAt(adjacent, a4, ars), bs);
    x3 = f64x2.mul(pairAt(adjacent, a6, ars), bs);
  }
  let o = acs;
  for (let p = 1; p < k; p++) {
    bs = v128.load64_splat(b + (<usize>p << 3));
    x0 = f64x2.add(x0, f64x2.mul(pairAt(adjacent, a + o, ars), bs));
    if (R > 2) {
      x1 = f64x2.add(x1, f64x2.mul(pairAt(adjacent, a2 + o, ars), bs));
      x2 = f64x2.add(x2, f64x2.mul(pairAt(adjacent, a4 + o, ars), bs));
      x3 = f64x2.add(x3, f64x2.mul(pairAt(adjacent, a6 + o, ars), bs));
    }
    o += acs;
  }
  if (doDiv) {
    if (recip) {
      x0 = f64x2.mul(x0, rv); x1 = f64x2.mul(x1, rv);
      x2 = f64x2.mul(x2, rv); x3 = f64x2.mul(x3, rv);
    } else {
      x0 = f64x2.div(x0, dv); x1 = f64x2.div(x1, dv);
      x2 = f64x2.div(x2, dv); x3 = f64x2.div(x3, dv);
    }
  }
  v128.store(c, x0);
  if (R > 2) {
    v128.store(c, x1, 16);
    v128.store(c, x2, 32);
    v128.store(c, x3, 48);
  }
}

// @ts-ignore: decorator
@inline function mvCore(
  adjacent: bool, a: usize, ars: usize, acs: usize, b: usize, c: usize, n: i32, k: i32,
  doDiv: bool, dv: v128, recip: bool, rv: v128,
): void {
  let i = 0;
  for (; i + 8 <= n; i += 8) mvRows(8, adjacent, a + <usize>i * ars, ars, acs, b, c + (<usize>i << 3), k, doDiv, dv, recip, rv);
  for (; i + 2 <= n; i += 2) mvRows(2, adjacent, a + <usize>i * ars, ars, acs, b, c + (<usize>i << 3), k, doDiv, dv, recip, rv);
  if (i < n) tile1(1, a + <usize>i * ars, ars, acs, b, 8, c + (<usize>i << 3), k, true, doDiv, dv, recip, rv);
}

// @ts-ignore: decorator
@inline export function gemmCore(
  adj: bool, a: usize, ars: usize, acs: usize, b: usize, c: usize, n: i32, k: i32, m: i32,
  doDiv: bool, div: f64,
): void {
  const sb = <usize>m << 3;
  const dv = f64x2.splat(div);
  const recip = exactReciprocal(div);
  const rv = f64x2.splat(1 / div);
  if (m == 1) {
    if (adj) mvCore(true, a, ars, acs, b, c, n, k, doDiv, dv, recip, rv);
    else mvCore(false, a, ars, acs, b, c, n, k, doDiv, dv, recip, rv);
    return;
  }
  for (let jc = 0; jc < m; jc += NC) {
    const jw = min(NC, m - jc);
    const bj = b + (<usize>jc << 3);
    const cj = c + (<usize>jc << 3);
    for (let pc = 0; pc < k; pc += KC) {
      const kw = min(KC, k - pc);
      const first = pc == 0;
      const finish = doDiv && pc + kw == k;
      const ap = a + <usize>pc * acs;
      const bp = bj + <usize>pc * sb;
      let i = 0;
      for (; i + 2 <= n; i += 2) {
        rowBlock(2, adj, ap + <usize>i * ars, ars, acs, bp, sb, cj + <usize>i * sb, kw, jw, first, finish, dv, recip, rv);
      }
      if (i < n) {
        rowBlock(1, adj, ap + <usize>i * ars, ars, acs, bp, sb, cj + <usize>i * sb, kw, jw, first, finish, dv, recip, rv);
      }
    }
  }
}


// ---------------------------------------------------------------------------------------------
// gemmTB / gemmTBRelu: c[i][j] = a_i · b_j (rows of a and b, both contiguous along p).
// A tile is R rows of a (1..4) × 2 or 1 rows of b; each accumulator is a f64x2 over (even p, odd p).
// ---------------------------------------------------------------------------------------------

// Adds lane 0 and lane 1 of x and of y: [x0 + x1, y0 + y1].
// @ts-ignore: decorator
@inline function hsum2(x: v128, y: v128): v128 {
  return f64x2.add(f64x2.shuffle(x, y, 0, 2), f64x2.shuffle(x, y, 1, 3));
}

// @ts-ignore: decorator
@inline function tbStore2(
  relu: bool, s: v128, ar: usize, kb: usize, odd: bool, bt: v128, c: usize, z: usize,
): void {
  if (odd) s = f64x2.add(s, f64x2.mul(v128.load64_splat(ar + kb), bt));
  if (relu) s = v128.and(s, f64x2.gt(v128.load(z), f64x2.splat(0)));
  v128.store(c, s);
}

// @ts-ignore: decorator
@inline function tbTile2(
  R: i32, relu: bool, a: usize, sa: usize, b: usize, sb: usize, c: usize, z: usize, sc: usize,
  k: i32,
): void {
  const zero = f64x2.splat(0);
  const a0 = a, a1 = a + sa, a2 = a + 2 * sa, a3 = a + 3 * sa;
  const b0 = b, b1 = b + sb;
  let x00 = zero, x01 = zero, x10 = zero, x11 = zero;
  let x20 = zero, x21 = zero, x30 = zero, x31 = zero;
  const kb = <usize>(k & ~1) << 3;
  for (let o: usize = 0; o < kb; o += 16) {
    const u = v128.load(b0 + o), v = v128.load(b1 + o);
    let s = v128.load(a0 + o);
    x00 = f64x2.add(x00, f64x2.mul(s, u)); x01 = f64x2.add(x01, f64x2.mul(s, v));
    if (R > 1) {
      s = v128.load(a1 + o);
      x10 = f64x2.add(x10, f64x2.mul(s, u)); x11 = f64x2.add(x11, f64x2.mul(s, v));
    }
    if (R > 2) {
      s = v128.load(a2 + o);
      x20 = f64x2.add(x20, f64x2.mul(s, u)); x21 = f64x2.add(x21, f64x2.mul(s, v));
    }
    if (R > 3) {
      s = v128.load(a3 + o);
      x30 = f64x2.add(x30, f64x2.mul(s, u)); x31 = f64x2.add(x31, f64x2.mul(s, v));
    }
  }
  const odd = (k & 1) != 0;
  let bt = zero;
  if (odd) bt = v128.load64_lane(b1 + kb, v128.load64_zero(b0 + kb), 1);
  tbStore2(relu, hsum2(x00, x01), a0, kb, odd, bt, c, z);
  if (R > 1) tbStore2(relu, hsum2(x10, x11), a1, kb, odd, bt, c + sc, z + sc);
  if (R > 2) tbStore2(relu, hsum2(x20, x21), a2, kb, odd, bt, c + 2 * sc, z + 2 * sc);
  if (R > 3) tbStore2(relu, hsum2(x30, x31), a3, kb, odd, bt, c + 3 * sc, z + 3 * sc);
}

// One row of b: the R results are packed two to a vector.
// @ts-ignore: decorator
@inline function tbTile1(
  R: i32, relu: bool, a: usize, sa: usize, b: usize, c: usize, z: usize, sc: usize, k: i32,
): void {
  const zero = f64x2.splat(0);
  const a0 = a, a1 = a + sa, a2 = a + 2 * sa, a3 = a + 3 * sa;
  let x0 = zero, x1 = zero, x2 = zero, x3 = zero;
  const kb = <usize>(k & ~1) << 3;
  for (let o: usize = 0; o < kb; o += 16) {
    const u = v128.load(b + o);
    x0 = f64x2.add(x0, f64x2.mul(v128.load(a0 + o), u));
    if (R > 1) x1 = f64x2.add(x1, f64x2.mul(v128.load(a1 + o), u));
    if (R > 2) x2 = f64x2.add(x2, f64x2.mul(v128.load(a2 + o), u));
    if (R > 3) x3 = f64x2.add(x3, f64x2.mul(v128.load(a3 + o), u));
  }
  // [s0, s1], [s2, s3]
  let s01 = hsum2(x0, x1), s23 = hsum2(x2, x3);
  if ((k & 1) != 0) {
    const bt = v128.load64_splat(b + kb);
    let at = v128.load64_zero(a0 + kb);
    if (R > 1) at = v128.load64_lane(a1 + kb, at, 1);
    s01 = f64x2.add(s01, f64x2.mul(at, bt));
    if (R > 2) {
      let au = v128.load64_zero(a2 + kb);
      if (R > 3) au = v128.load64_lane(a3 + kb, au, 1);
      s23 = f64x2.add(s23, f64x2.mul(au, bt));
    }
  }
  if (relu) {
    let zv = v128.load64_zero(z);
    if (R > 1) zv = v128.load64_lane(z + sc, zv, 1);
    s01 = v128.and(s01, f64x2.gt(zv, zero));
    if (R > 2) {
      let zw = v128.load64_zero(z + 2 * sc);
      if (R > 3) zw = v128.load64_lane(z + 3 * sc, zw, 1);
      s23 = v128.and(s23, f64x2.gt(zw, zero));
    }
  }
  v128.store64_lane(c, s01, 0);
  if (R > 1) v128.store64_lane(c + sc, s01, 1);
  if (R > 2) v128.store64_lane(c + 2 * sc, s23, 0);
  if (R > 3) v128.store64_lane(c + 3 * sc, s23, 1);
}

// R rows of c, columns [j0, j1).
// @ts-ignore: decorator
@inline function tbRowBlock(
  R: i32, relu: bool, a: usize, sa: usize, b: usize, c: usize, z: usize, sc: usize,
  k: i32, j0: i32, j1: i32,
): void {
  let j = j0;
  for (; j + 2 <= j1; j += 2) {
    const o = <usize>j << 3;
    tbTile2(R, relu, a, sa, b + <usize>j * sa, sa, c + o, z + o, sc, k);
  }
  if (j < j1) {
    const o = <usize>j << 3;
    tbTile1(R, relu, a, sa, b + <usize>j * sa, c + o, z + o, sc, k);
  }
}

// k = 1 (e.g. the δ of a one-unit output layer sent back): a and b are columns, c[i][j] = a[i]·b[j]
// (the p = 0 product, as in js.ts), vectorised along j, which is contiguous in b when k = 1.
// @ts-ignore: decorator
@inline export function tbOuter(relu: bool, a: usize, b: usize, z: usize, c: usize, n: i32, m: i32): void {
  const zero = f64x2.splat(0);
  const mb = <usize>m << 3;
  const m2 = <usize>(m & ~1) << 3;
  let cr = c, zr = z;
  for (let i = 0; i < n; i++) {
    const s = v128.load64_splat(a + (<usize>i << 3));
    let o: usize = 0;
    for (; o < m2; o += 16) {
      let v = f64x2.mul(s, v128.load(b + o));
      if (relu) v = v128.and(v, f64x2.gt(v128.load(zr + o), zero));
      v128.store(cr + o, v);
    }
    if (o < mb) {
      let v = f64x2.extract_lane(s, 0) * load<f64>(b + o);
      if (relu) v = select<f64>(v, 0, load<f64>(zr + o) > 0);
      store<f64>(cr + o, v);
    }
    cr += mb;
    zr += mb;
  }
}

// @ts-ignore: decorator
@inline export function gemmTBCore(
  relu: bool, a: usize, b: usize, z: usize, c: usize, n: i32, k: i32, m: i32,
): void {
  if (k == 1) {
    tbOuter(relu, a, b, z, c, n, m);
    return;
  }
  const sa = <usize>k << 3; // row stride of a and of b
  const sc = <usize>m << 3;
  let nb = (TB_BYTES / k) & ~1;
  if (nb < 4) nb = 4;
  for (let j0 = 0; j0 < m; j0 += nb) {
    const j1 = min(m, j0 + nb);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i * sc;
      tbRowBlock(4, relu, a + <usize>i * sa, sa, b, c + o, z + o, sc, k, j0, j1);
    }
    const r = n - i;
    const ai = a + <usize>i * sa;
    const o = <usize>i * sc;
    if (r == 3) tbRowBlock(3, relu, ai, sa, b, c + o, z + o, sc, k, j0, j1);
    else if (r == 2) tbRowBlock(2, relu, ai, sa, b, c + o, z + o, sc, k, j0, j1);
    else if (r == 1) tbRowBlock(1, relu, ai, sa, b, c + o, z + o, sc, k, j0, j1);
  }
}
