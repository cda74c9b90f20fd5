/**
 * The WebAssembly SIMD kernels (f64x2), the fast implementation of `src/kernels/types.ts`.
 *
 * Compiled by `npm run build:wasm` (scripts/build-wasm.mjs) into src/kernels/wasm-binary.ts, from
 * this file and the two it imports: packed.ts (the cache-blocked, packed products, GotoBLAS/BLIS
 * style) and direct.ts (the unpacked products, for small sizes). The module imports its memory as
 * `env.memory` (the host owns it) and has no runtime: nothing here allocates. At instantiation it
 * grows that memory once by a fixed reserve for packing (see packed.ts), above the host's data.
 * Pointers are byte offsets into that memory, matrices are float64 row-major. Rows may start at any
 * 8-byte offset (odd widths), so every vector access is an unaligned v128.load/store.
 *
 * Every argument is an integer (i32 byte offsets and counts): a float passed from JavaScript to a
 * call V8 does not inline is boxed on the heap, so the learning rate of sgd/sgdCheck is read from
 * memory (its byte offset is the argument), and the divisors of gemmTA/colSums are integer counts.
 *
 * Arithmetic is plain IEEE float64 mul/add/div (no fused multiply-add, no relaxed-simd):
 *  - gemm, gemmTA: each c[i][j] is a[i][0]·b[0][j] + a[i][1]·b[1][j] + … in ascending p, from the
 *    p = 0 product, on both paths, exactly as the plain TypeScript kernels sum it, so the two agree
 *    bit for bit; gemmTA then divides each sum by `div`.
 *  - gemmTB, gemmTBRelu: the packed path sums in ascending p too (bit-identical to js.ts); the
 *    direct path, for few rows, vectorises the dot product along p (even p in lane 0, odd p in
 *    lane 1), so there the order of terms differs by design (allowed by the ABI: a few ulps of
 *    Σ|terms|).
 *  - addRows, relu, colSums (row 0 + row 1 + …, then / div), sgdCheck, sgd: the same operations in
 *    the same order as the reference, so the results are identical.
 */

import { gemmCore, gemmTBCore } from './direct';
import { PACKED_KC, SCRATCH, packedCore } from './packed';

// ---------------------------------------------------------------------------------------------
// The products: packed (packed.ts) or direct (direct.ts).
// ---------------------------------------------------------------------------------------------

// When packing pays: it costs O(k·m) for B plus O(n·k) for A per call and gains on every
// multiply-add; the direct loops are efficient while their block of b (min(k, 48) rows × m) stays
// in L1 (32 KiB). Measured with the two paths side by side (CPU time, interleaved, medians of 5;
// n ∈ {8, 12, 16, 24, 32, 48, 64}, m ∈ {8 … 256}, k ∈ {8 … 256}):
//  - gemm, gemmTA: the packed path is 3–25 % faster when n ≥ 24 and the direct path's block of b
//    is ≥ 32 KiB or n·k·m ≥ 2¹⁸ (at the training step's 32×64·64×128: 1.08–1.22×), and up to 30 %
//    slower below (few rows or a narrow b: packing is not amortised);
//  - gemmTB, gemmTBRelu: the packed path is faster from n, m ≥ 16 (the direct one's horizontal
//    sums cost more), 1.05–1.3× at 32×128·(128×128)ᵀ; k < 4 stays direct (k = 1 is an outer product).
// m = 1 (a matrix–vector product) always takes the direct path's own loop.

// @ts-ignore: decorator
@inline function packsAB(n: i32, k: i32, m: i32): bool {
  return SCRATCH != 0 && n >= 24 && m >= 16 && k >= 4 && (<f64>min(k, 48) * <f64>m >= 4096 || <f64>n * <f64>k * <f64>m >= 262144);
}

// @ts-ignore: decorator
@inline function packsTB(n: i32, k: i32, m: i32): bool {
  return SCRATCH != 0 && n >= 16 && m >= 16 && k >= 4;
}

/** c (n×m) = a (n×k) · b (k×m). */
export function gemm(a: usize, b: usize, c: usize, n: i32, k: i32, m: i32): void {
  if (packsAB(n, k, m)) packedCore(false, false, 0, a, b, 0, c, n, k, m, 1);
  else gemmCore(false, a, <usize>k << 3, 8, b, c, n, k, m, false, 1);
}

/** c (n×m) = (aᵀ · b) / div, a k×n, b k×m; div is an integer count (exact as a float64). */
export function gemmTA(a: usize, b: usize, c: usize, k: i32, n: i32, m: i32, div: i32): void {
  if (packsAB(n, k, m)) packedCore(true, false, 1, a, b, 0, c, n, k, m, <f64>div);
  else gemmCore(true, a, 8, <usize>n << 3, b, c, n, k, m, true, <f64>div);
}

/** c (n×m) = a (n×k) · bᵀ, b m×k. */
export function gemmTB(a: usize, b: usize, c: usize, n: i32, k: i32, m: i32): void {
  if (packsTB(n, k, m)) packedCore(false, true, 0, a, b, 0, c, n, k, m, 1);
  else gemmTBCore(false, a, b, c, c, n, k, m);
}

/**
 * c (n×m) = (a · bᵀ) ∘ [z > 0]. c may equal z: the direct path reads each z before writing its c,
 * and the packed one is used with c = z only when the sum is not blocked (k ≤ KC), since between
 * blocks c holds partial sums.
 */
export function gemmTBRelu(a: usize, b: usize, z: usize, c: usize, n: i32, k: i32, m: i32): void {
  if (packsTB(n, k, m) && (c != z || k <= PACKED_KC)) packedCore(false, true, 2, a, b, z, c, n, k, m, 1);
  else gemmTBCore(true, a, b, z, c, n, k, m);
}

// ---------------------------------------------------------------------------------------------
// Elementwise kernels.
// ---------------------------------------------------------------------------------------------

/** c (n×m) += bias (1×m) on every row. */
export function addRows(c: usize, bias: usize, n: i32, m: i32): void {
  const mb = <usize>m << 3;
  const m4 = <usize>(m & ~3) << 3;
  const m2 = <usize>(m & ~1) << 3;
  let row = c;
  for (let i = 0; i < n; i++) {
    let o: usize = 0;
    for (; o < m4; o += 32) {
      v128.store(row + o, f64x2.add(v128.load(row + o), v128.load(bias + o)));
      v128.store(row + o, f64x2.add(v128.load(row + o, 16), v128.load(bias + o, 16)), 16);
    }
    if (o < m2) {
      v128.store(row + o, f64x2.add(v128.load(row + o), v128.load(bias + o)));
      o += 16;
    }
    if (o < mb) store<f64>(row + o, load<f64>(row + o) + load<f64>(bias + o));
    row += mb;
  }
}

/** x = max(z, 0) elementwise (NaN and −0 give +0), `count` elements; x may equal z. */
export function relu(z: usize, x: usize, count: i32): void {
  const zero = f64x2.splat(0);
  const nb = <usize>count << 3;
  const n4 = <usize>(count & ~3) << 3;
  let o: usize = 0;
  for (; o < n4; o += 32) {
    // pmax(0, v) = 0 < v ? v : 0
    const u = v128.load(z + o), v = v128.load(z + o, 16);
    v128.store(x + o, f64x2.pmax(zero, u));
    v128.store(x + o, f64x2.pmax(zero, v), 16);
  }
  for (; o < nb; o += 8) {
    const v = load<f64>(z + o);
    store<f64>(x + o, select<f64>(v, 0, v > 0));
  }
}

/**
 * x (n×m) = act(z + bias), the rest of a layer's forward pass after its product, in one pass:
 * flags & 1 adds bias (1×m) to every row (as addRows: z + bias), flags & 2 applies ReLU (as relu:
 * max(v, 0), NaN and −0 give +0), otherwise the identity. x may equal z. Returns the index of the
 * first row where a value z + bias (before the activation) is not finite, or −1: inference checks
 * its logits here instead of in a JavaScript pass over every Z_l (src/engine/infer.ts). Rows up
 * to that one are written; past it, nothing.
 */
export function biasAct(z: usize, bias: usize, x: usize, n: i32, m: i32, flags: i32): i32 {
  if (flags == 0) return biasActRows(false, false, z, bias, x, n, m);
  if (flags == 1) return biasActRows(true, false, z, bias, x, n, m);
  if (flags == 2) return biasActRows(false, true, z, bias, x, n, m);
  return biasActRows(true, true, z, bias, x, n, m);
}

// One row at a time; v − v is +0 for finite v and NaN for ±∞ or NaN, summed (in two chains) over
// the row, so the sum is NaN iff one of the row's values is not finite. B, R: compile-time flags.
// @ts-ignore: decorator
@inline function biasActRows(B: bool, R: bool, z: usize, bias: usize, x: usize, n: i32, m: i32): i32 {
  const zero = f64x2.splat(0);
  const mb = <usize>m << 3;
  const m4 = <usize>(m & ~3) << 3;
  const m2 = <usize>(m & ~1) << 3;
  for (let i = 0; i < n; i++) {
    const zr = z + <usize>i * mb, xr = x + <usize>i * mb;
    let t0 = zero, t1 = zero;
    let o: usize = 0;
    for (; o < m4; o += 32) {
      let u = v128.load(zr + o), v = v128.load(zr + o, 16);
      if (B) {
        u = f64x2.add(u, v128.load(bias + o));
        v = f64x2.add(v, v128.load(bias + o, 16));
      }
      t0 = f64x2.add(t0, f64x2.sub(u, u));
      t1 = f64x2.add(t1, f64x2.sub(v, v));
      v128.store(xr + o, R ? f64x2.pmax(zero, u) : u);
      v128.store(xr + o, R ? f64x2.pmax(zero, v) : v, 16);
    }
    if (o < m2) {
      let u = v128.load(zr + o);
      if (B) u = f64x2.add(u, v128.load(bias + o));
      t0 = f64x2.add(t0, f64x2.sub(u, u));
      v128.store(xr + o, R ? f64x2.pmax(zero, u) : u);
      o += 16;
    }
    const t = f64x2.add(t0, t1);
    let s = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
    if (o < mb) {
      let v = load<f64>(zr + o);
      if (B) v += load<f64>(bias + o);
      s += v - v;
      store<f64>(xr + o, R ? select<f64>(v, 0, v > 0) : v);
    }
    if (s != s) return i;
  }
  return -1;
}

/** out (1×m) = (d[0] + d[1] + … + d[n−1]) / div, d n×m, summed in row order like the reference; div is an integer count. */
export function colSums(d: usize, out: usize, n: i32, m: i32, divCount: i32): void {
  const div = <f64>divCount;
  const dv = f64x2.splat(div);
  const sd = <usize>m << 3;
  let j = 0;
  for (; j + 8 <= m; j += 8) {
    const o = <usize>j << 3;
    let p = d + o;
    let s0 = v128.load(p), s1 = v128.load(p, 16), s2 = v128.load(p, 32), s3 = v128.load(p, 48);
    for (let i = 1; i < n; i++) {
      p += sd;
      s0 = f64x2.add(s0, v128.load(p));
      s1 = f64x2.add(s1, v128.load(p, 16));
      s2 = f64x2.add(s2, v128.load(p, 32));
      s3 = f64x2.add(s3, v128.load(p, 48));
    }
    v128.store(out + o, f64x2.div(s0, dv));
    v128.store(out + o, f64x2.div(s1, dv), 16);
    v128.store(out + o, f64x2.div(s2, dv), 32);
    v128.store(out + o, f64x2.div(s3, dv), 48);
  }
  for (; j + 2 <= m; j += 2) {
    const o = <usize>j << 3;
    let p = d + o;
    let s = v128.load(p);
    for (let i = 1; i < n; i++) {
      p += sd;
      s = f64x2.add(s, v128.load(p));
    }
    v128.store(out + o, f64x2.div(s, dv));
  }
  if (j < m) {
    const o = <usize>j << 3;
    let p = d + o;
    let s = load<f64>(p);
    for (let i = 1; i < n; i++) {
      p += sd;
      s += load<f64>(p);
    }
    store<f64>(out + o, s / div);
  }
}

/**
 * The index of the first i with w[i] − lr·g[i] not finite, or −1. Writes nothing. lr is the
 * float64 at byte offset lrAt (an offset, not the value: every kernel argument is an integer).
 */
export function sgdCheck(w: usize, g: usize, lrAt: usize, count: i32): i32 {
  const lr = load<f64>(lrAt);
  const lv = f64x2.splat(lr);
  const n8 = count & ~7;
  let i = 0;
  // v − v is +0 for finite v and NaN for ±∞ or NaN; the sum of a block's eight is NaN iff one is.
  for (; i < n8; i += 8) {
    const o = <usize>i << 3;
    const v0 = f64x2.sub(v128.load(w + o), f64x2.mul(lv, v128.load(g + o)));
    const v1 = f64x2.sub(v128.load(w + o, 16), f64x2.mul(lv, v128.load(g + o, 16)));
    const v2 = f64x2.sub(v128.load(w + o, 32), f64x2.mul(lv, v128.load(g + o, 32)));
    const v3 = f64x2.sub(v128.load(w + o, 48), f64x2.mul(lv, v128.load(g + o, 48)));
    const t = f64x2.add(
      f64x2.add(f64x2.sub(v0, v0), f64x2.sub(v1, v1)),
      f64x2.add(f64x2.sub(v2, v2), f64x2.sub(v3, v3)),
    );
    if (v128.any_true(f64x2.ne(t, t))) break; // rescan this block one by one
  }
  for (; i < count; i++) {
    const o = <usize>i << 3;
    const v = load<f64>(w + o) - lr * load<f64>(g + o);
    if (v - v != 0) return i;
  }
  return -1;
}

/** w[i] = w[i] − lr·g[i] (a multiply, then a subtract), `count` elements; lr is the float64 at lrAt. */
export function sgd(w: usize, g: usize, lrAt: usize, count: i32): void {
  const lr = load<f64>(lrAt);
  const lv = f64x2.splat(lr);
  const nb = <usize>count << 3;
  const n4 = <usize>(count & ~3) << 3;
  let o: usize = 0;
  for (; o < n4; o += 32) {
    v128.store(w + o, f64x2.sub(v128.load(w + o), f64x2.mul(lv, v128.load(g + o))));
    v128.store(w + o, f64x2.sub(v128.load(w + o, 16), f64x2.mul(lv, v128.load(g + o, 16))), 16);
  }
  for (; o < nb; o += 8) store<f64>(w + o, load<f64>(w + o) - lr * load<f64>(g + o));
}
