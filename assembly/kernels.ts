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

import { gemmCore, gemmTBCore, tbOuter } from './direct';
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

// The matrix-vector product (m = 1) and the outer product (k = 1) are also exports of their own
// (gemv, gemvTA, outer, outerRelu: the same inlined loops), which the host calls for those cases
// (src/kernels/wasm.ts), and the four products return right after their packed call. Why: the
// engine recompiles a hot function with its optimizing compiler (V8: TurboFan, on a worker thread,
// while training goes on), and the memory that takes grows with the function. A net whose output
// layer has one unit runs those two products every step; when it ran them inside gemm, gemmTA and
// gemmTBRelu, all three got hot and each took 1.3-1.5 MB of compiler memory (3-5 KB of code), often
// at the same time: the largest transient of one fit (bench/README.md, "Comparing two builds": peak
// RSS). Now they run in small functions, and the products, called for their packed path only, use
// little of the engine's tier-up budget per call (it counts the code up to the return) and stay in
// its baseline code. The products keep every path inlined, as before, for the host's other calls
// and for any size: moving the direct loops out of them (one wasm call more per direct product)
// cost the 2-3-1 net of bench C 3.5-4.5 %, and even moving the m = 1 and k = 1 loops out changed the
// general loops' machine code enough to cost batch-1 training 1-2 %.

/** c (n×m) = a (n×k) · b (k×m). */
export function gemm(a: usize, b: usize, c: usize, n: i32, k: i32, m: i32): void {
  if (packsAB(n, k, m)) {
    packedCore(false, false, 0, a, b, 0, c, n, k, m, 1);
    return;
  }
  gemmCore(false, a, <usize>k << 3, 8, b, c, n, k, m, false, 1);
}

/** c (n×1) = a (n×k) · b (k×1). */
export function gemv(a: usize, b: usize, c: usize, n: i32, k: i32): void {
  gemmCore(false, a, <usize>k << 3, 8, b, c, n, k, 1, false, 1);
}

/** c (n×m) = (aᵀ · b) / div, a k×n, b k×m; div is an integer count (exact as a float64). */
export function gemmTA(a: usize, b: usize, c: usize, k: i32, n: i32, m: i32, div: i32): void {
  if (packsAB(n, k, m)) {
    packedCore(true, false, 1, a, b, 0, c, n, k, m, <f64>div);
    return;
  }
  gemmCore(true, a, 8, <usize>n << 3, b, c, n, k, m, true, <f64>div);
}

/** c (n×1) = (aᵀ · b) / div, a k×n, b k×1. */
export function gemvTA(a: usize, b: usize, c: usize, k: i32, n: i32, div: i32): void {
  gemmCore(true, a, 8, <usize>n << 3, b, c, n, k, 1, true, <f64>div);
}

/** c (n×m) = a (n×k) · bᵀ, b m×k. */
export function gemmTB(a: usize, b: usize, c: usize, n: i32, k: i32, m: i32): void {
  if (packsTB(n, k, m)) {
    packedCore(false, true, 0, a, b, 0, c, n, k, m, 1);
    return;
  }
  gemmTBCore(false, a, b, c, c, n, k, m);
}

/** c (n×m) = a (n×1) · bᵀ, b m×1: c[i][j] = a[i]·b[j]. */
export function outer(a: usize, b: usize, c: usize, n: i32, m: i32): void {
  tbOuter(false, a, b, c, c, n, m);
}

/**
 * c (n×m) = (a · bᵀ) ∘ [z > 0]. c may equal z: the direct path reads each z before writing its c,
 * and the packed one is used with c = z only when the sum is not blocked (k ≤ KC), since between
 * blocks c holds partial sums.
 */
export function gemmTBRelu(a: usize, b: usize, z: usize, c: usize, n: i32, k: i32, m: i32): void {
  if (packsTB(n, k, m) && (c != z || k <= PACKED_KC)) {
    packedCore(false, true, 2, a, b, z, c, n, k, m, 1);
    return;
  }
  gemmTBCore(true, a, b, z, c, n, k, m);
}

/** c (n×m) = (a (n×1) · bᵀ) ∘ [z > 0], b m×1; c may equal z. */
export function outerRelu(a: usize, b: usize, z: usize, c: usize, n: i32, m: i32): void {
  tbOuter(true, a, b, z, c, n, m);
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

// ---------------------------------------------------------------------------------------------
// Adam (src/optimizers/adam.ts): its update over one span of the parameter block.
// ---------------------------------------------------------------------------------------------

// The float64 constants, read from the slot block at byte offset `c` (an offset, not the values:
// every kernel argument is an integer). Its layout, shared with src/kernels/types.ts (ADAM_SLOTS):
//   c+0 a = lr·√c2/c1   c+8 lr·λ (this span's decay factor)   c+16 β1   c+24 1−β1   c+32 β2
//   c+40 1−β2   c+48 ε̂ = ε·√c2        (c1 = 1−β1ᵗ, c2 = 1−β2ᵗ)

/**
 * Adam's update of `count` elements in one pass, all or nothing. For each i, in this order:
 *   m' = β1·m + (1−β1)·g;  v' = β2·v + ((1−β2)·g)·g;  w' = w − (lr·λ)·w;  θ' = w' − (a·m') / (√v' + ε̂)
 * (one square root and one division an element: the paper's efficient form, Kingma & Ba §2, the
 * same value as lr·m̂/(√v̂ + ε) up to rounding; f64x2.sqrt and Math.sqrt are both correctly rounded).
 * It writes θ' over w, keeping the old w in `saved`, and m', v' to mOut, vOut (the rule's other
 * pair of moment blocks: m and v are never written). Returns −1; or, if some θ' or v' is not
 * finite, the first such i, with w put back as it was (saved, mOut, vOut are scratch then).
 */
export function adam(w: usize, g: usize, m: usize, v: usize, mOut: usize, vOut: usize, saved: usize, count: i32, c: usize): i32 {
  const a = load<f64>(c), dec = load<f64>(c, 8), b1 = load<f64>(c, 16), ob1 = load<f64>(c, 24);
  const b2 = load<f64>(c, 32), ob2 = load<f64>(c, 40), eps = load<f64>(c, 48);
  const av = f64x2.splat(a), decv = f64x2.splat(dec), b1v = f64x2.splat(b1), ob1v = f64x2.splat(ob1);
  const b2v = f64x2.splat(b2), ob2v = f64x2.splat(ob2), epsv = f64x2.splat(eps);
  const n8 = count & ~7;
  let i = 0;
  // x − x is +0 for finite x and NaN otherwise: the sum over a block of eight is NaN iff one of
  // its θ' or v' is not finite; then that block's w is put back and it is done again one by one.
  for (; i < n8; i += 8) {
    let t = f64x2.splat(0);
    const start = <usize>i << 3;
    for (let o = start, end = start + 64; o < end; o += 16) {
      const gi = v128.load(g + o);
      const mi = f64x2.add(f64x2.mul(b1v, v128.load(m + o)), f64x2.mul(ob1v, gi));
      const vi = f64x2.add(f64x2.mul(b2v, v128.load(v + o)), f64x2.mul(f64x2.mul(ob2v, gi), gi));
      const wo = v128.load(w + o);
      const wi = f64x2.sub(wo, f64x2.mul(decv, wo));
      const next = f64x2.sub(wi, f64x2.div(f64x2.mul(av, mi), f64x2.add(f64x2.sqrt(vi), epsv)));
      v128.store(saved + o, wo);
      v128.store(w + o, next);
      v128.store(mOut + o, mi);
      v128.store(vOut + o, vi);
      t = f64x2.add(t, f64x2.add(f64x2.sub(next, next), f64x2.sub(vi, vi)));
    }
    if (v128.any_true(f64x2.ne(t, t))) {
      for (let o = start, end = start + 64; o < end; o += 16) v128.store(w + o, v128.load(saved + o));
      break;
    }
  }
  for (; i < count; i++) {
    const o = <usize>i << 3;
    const gi = load<f64>(g + o);
    const mi = b1 * load<f64>(m + o) + ob1 * gi;
    const vi = b2 * load<f64>(v + o) + ob2 * gi * gi;
    const wo = load<f64>(w + o);
    const wi = wo - dec * wo;
    const next = wi - (a * mi) / (Math.sqrt(vi) + eps);
    if (next - next != 0 || vi - vi != 0) {
      for (let p: usize = 0; p < o; p += 8) store<f64>(w + p, load<f64>(saved + p));
      return i;
    }
    store<f64>(saved + o, wo);
    store<f64>(w + o, next);
    store<f64>(mOut + o, mi);
    store<f64>(vOut + o, vi);
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Momentum (src/optimizers/momentum.ts), PyTorch's form: v' = μ·v + g;  θ' = θ − lr·v'.
// Its constants at byte offset `c` (MOMENTUM_SLOTS): c+0 lr, c+8 μ.
// ---------------------------------------------------------------------------------------------

/** The index of the first i whose v' or θ' is not finite, or −1. Writes nothing. */
export function momentumCheck(w: usize, g: usize, v: usize, count: i32, c: usize): i32 {
  const lr = load<f64>(c), mu = load<f64>(c, 8);
  const lv = f64x2.splat(lr), mv = f64x2.splat(mu);
  const n8 = count & ~7;
  let i = 0;
  // As in sgdCheck: a block's sum of (x − x) is NaN iff one of its v' or θ' is not finite.
  for (; i < n8; i += 8) {
    let t = f64x2.splat(0);
    for (let o = <usize>i << 3, end = o + 64; o < end; o += 16) {
      const vi = f64x2.add(f64x2.mul(mv, v128.load(v + o)), v128.load(g + o));
      const wi = f64x2.sub(v128.load(w + o), f64x2.mul(lv, vi));
      t = f64x2.add(t, f64x2.add(f64x2.sub(vi, vi), f64x2.sub(wi, wi)));
    }
    if (v128.any_true(f64x2.ne(t, t))) break; // rescan this block one by one
  }
  for (; i < count; i++) {
    const o = <usize>i << 3;
    const vi = mu * load<f64>(v + o) + load<f64>(g + o);
    const wi = load<f64>(w + o) - lr * vi;
    if (vi - vi != 0 || wi - wi != 0) return i;
  }
  return -1;
}

/** v ← μ·v + g;  θ ← θ − lr·v, `count` elements (after momentumCheck returned −1). */
export function momentum(w: usize, g: usize, v: usize, count: i32, c: usize): void {
  const lr = load<f64>(c), mu = load<f64>(c, 8);
  const lv = f64x2.splat(lr), mv = f64x2.splat(mu);
  const n2 = count & ~1;
  let i = 0;
  for (; i < n2; i += 2) {
    const o = <usize>i << 3;
    const vi = f64x2.add(f64x2.mul(mv, v128.load(v + o)), v128.load(g + o));
    v128.store(v + o, vi);
    v128.store(w + o, f64x2.sub(v128.load(w + o), f64x2.mul(lv, vi)));
  }
  if (i < count) {
    const o = <usize>i << 3;
    const vi = mu * load<f64>(v + o) + load<f64>(g + o);
    store<f64>(v + o, vi);
    store<f64>(w + o, load<f64>(w + o) - lr * vi);
  }
}

// ---------------------------------------------------------------------------------------------
// Around every rule (src/optimizers/driver.ts): coupled weight decay, clipping, dropout.
// ---------------------------------------------------------------------------------------------

/** y ← y + α·x, `count` elements, α the float64 at byte offset `alphaAt`. Coupled decay: g_W ← g_W + λ·W. */
export function addScaled(y: usize, x: usize, alphaAt: usize, count: i32): void {
  const alpha = load<f64>(alphaAt);
  const av = f64x2.splat(alpha);
  const n2 = count & ~1;
  let i = 0;
  for (; i < n2; i += 2) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(av, v128.load(x + o))));
  }
  if (i < count) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + alpha * load<f64>(x + o));
  }
}

/**
 * The float64 at byte offset `outAt` ← Σ x[i]², summed in four running sums, s_r over the i with
 * i mod 4 = r in ascending i, then (s0 + s2) + (s1 + s3) (src/kernels/js.ts sums in this order too).
 */
export function sumSquares(x: usize, count: i32, outAt: usize): void {
  let a = f64x2.splat(0), b = f64x2.splat(0);
  const n4 = count & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 3;
    const p = v128.load(x + o), q = v128.load(x + o, 16);
    a = f64x2.add(a, f64x2.mul(p, p));
    b = f64x2.add(b, f64x2.mul(q, q));
  }
  let s0 = f64x2.extract_lane(a, 0), s1 = f64x2.extract_lane(a, 1), s2 = f64x2.extract_lane(b, 0), s3 = f64x2.extract_lane(b, 1);
  const o = <usize>i << 3;
  const rest = count - i;
  if (rest > 0) s0 += load<f64>(x + o) * load<f64>(x + o);
  if (rest > 1) s1 += load<f64>(x + o, 8) * load<f64>(x + o, 8);
  if (rest > 2) s2 += load<f64>(x + o, 16) * load<f64>(x + o, 16);
  store<f64>(outAt, (s0 + s2) + (s1 + s3));
}

/** x ← x·s, `count` elements, s the float64 at byte offset `sAt`. Clipping: g ← g·c/G. */
export function scale(x: usize, count: i32, sAt: usize): void {
  const s = load<f64>(sAt);
  const sv = f64x2.splat(s);
  const n2 = count & ~1;
  let i = 0;
  for (; i < n2; i += 2) {
    const o = <usize>i << 3;
    v128.store(x + o, f64x2.mul(v128.load(x + o), sv));
  }
  if (i < count) store<f64>(x + (<usize>i << 3), load<f64>(x + (<usize>i << 3)) * s);
}

/** x ← x ∘ y (element by element), `count` elements. Dropout's backward: δ_l ← δ_l ∘ m_l. */
export function multiply(x: usize, y: usize, count: i32): void {
  const n2 = count & ~1;
  let i = 0;
  for (; i < n2; i += 2) {
    const o = <usize>i << 3;
    v128.store(x + o, f64x2.mul(v128.load(x + o), v128.load(y + o)));
  }
  if (i < count) store<f64>(x + (<usize>i << 3), load<f64>(x + (<usize>i << 3)) * load<f64>(y + (<usize>i << 3)));
}

/**
 * Inverted dropout's forward (src/backprop.ts): for each i, u = the next uniform of the mulberry32
 * stream (src/random.ts `uniforms`, whose state, a uint32 held as a float64, is at byte offset
 * c+16 and moves on),
 * m = 0 if u < p else 1/(1 − p), mask[i] ← m, x[i] ← a[i]·m. Constants at `c`: c+0 p, c+8 1/(1 − p).
 * mulberry32's state after k draws is s + k·0x6d2b79f5 (mod 2³²), so four lanes draw four
 * consecutive uniforms at once, the same numbers in the same order as the scalar stream.
 */
export function dropout(a: usize, mask: usize, x: usize, count: i32, c: usize): void {
  const p = load<f64>(c), keep = load<f64>(c, 8);
  let s = <u32>load<f64>(c, 16);
  const pv = f64x2.splat(p), kv = f64x2.splat(keep), zero = f64x2.splat(0);
  const toUnit = f64x2.splat(1.0 / 4294967296.0); // 2⁻³²: multiplying by it is dividing by 2³², exactly
  const one = i32x4.splat(1), sixtyOne = i32x4.splat(61);
  const n4 = count & ~3;
  let lanes = i32x4.add(i32x4.splat(<i32>s), i32x4(<i32>0x6d2b79f5, <i32>0xda56f3ea, <i32>0x47826ddf, <i32>0xb4ade7d4));
  const step = i32x4.splat(<i32>0xb4ade7d4); // 4·0x6d2b79f5 mod 2³²
  let i = 0;
  for (; i < n4; i += 4) {
    let t = i32x4.mul(v128.xor(lanes, i32x4.shr_u(lanes, 15)), v128.or(lanes, one));
    t = v128.xor(t, i32x4.add(t, i32x4.mul(v128.xor(t, i32x4.shr_u(t, 7)), v128.or(t, sixtyOne))));
    const u = v128.xor(t, i32x4.shr_u(t, 14));
    const u01 = f64x2.mul(f64x2.convert_low_i32x4_u(u), toUnit);
    const u23 = f64x2.mul(f64x2.convert_low_i32x4_u(i8x16.shuffle(u, u, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7)), toUnit);
    const m01 = v128.bitselect(zero, kv, f64x2.lt(u01, pv));
    const m23 = v128.bitselect(zero, kv, f64x2.lt(u23, pv));
    const o = <usize>i << 3;
    v128.store(mask + o, m01);
    v128.store(mask + o, m23, 16);
    v128.store(x + o, f64x2.mul(v128.load(a + o), m01));
    v128.store(x + o, f64x2.mul(v128.load(a + o, 16), m23), 16);
    lanes = i32x4.add(lanes, step);
  }
  s += <u32>i * 0x6d2b79f5;
  for (; i < count; i++) {
    s += 0x6d2b79f5;
    let t = (s ^ (s >>> 15)) * (1 | s);
    t ^= t + (t ^ (t >>> 7)) * (61 | t);
    const u = <f64>(t ^ (t >>> 14)) / 4294967296.0;
    const m = u < p ? 0 : keep;
    const o = <usize>i << 3;
    store<f64>(mask + o, m);
    store<f64>(x + o, load<f64>(a + o) * m);
  }
  store<f64>(c, <f64>s, 16);
}
