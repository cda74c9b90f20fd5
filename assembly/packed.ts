/**
 * The cache-blocked, packed products: gemm, gemmTA, gemmTB and gemmTBRelu for every size where
 * packing pays (kernels.ts chooses; small products take the direct loops of direct.ts).
 *
 * The design is GotoBLAS/BLIS's: K. Goto and R. van de Geijn, "Anatomy of High-Performance Matrix
 * Multiplication", ACM TOMS 34(3), 2008; F. Van Zee and R. van de Geijn, "BLIS: A Framework for
 * Rapidly Instantiating BLAS Functionality", ACM TOMS 41(3), 2015. For C (n×m) = A (n×k) · B (k×m):
 *
 *   for jc in steps of NC                     (columns of C and B)
 *     for pc in steps of KC                   (the sum, p)
 *       pack B[pc…, jc…] (KC×NC) → PB          micro-panels of 4 columns, p-major
 *       for ic in steps of MC                 (rows of C and A)
 *         pack A[ic…, pc…] (MC×KC) → PA        micro-panels of 4 rows, p-major
 *         for jr in steps of 4                (one micro-panel of B, kept in L1)
 *           for ir in steps of 4              (the micro-panels of A, streamed from L2)
 *             C[4×4 tile] (+)= PA panel · PB panel      the micro-kernel
 *
 * Packing makes every operand access of the micro-kernel contiguous and independent of the
 * matrices' strides (the direct loops, reading b in place, ran at 14–16 GFLOP/s at n ≥ 512 against
 * 19–21 at n ≤ 128: a block's rows of b, one power-of-two row stride apart, share a few cache
 * sets), and lets one routine serve all four products: aᵀ (gemmTA) and bᵀ (gemmTB) only change
 * which packing routine reads them.
 *
 * Micro-kernel: a 4×4 tile of C in eight f64x2 accumulators; per p it loads the two vectors of
 * B's micro-panel and splats A's four values (v128.load64_splat), then 8 mul + 8 add. Why 4×4:
 * V8 (TurboFan) places all of a loop body's loads before its arithmetic, so every loaded value is
 * live at once; with x64's 16 xmm registers (one kept as scratch by V8) 8 accumulators + 6 loads +
 * 1 product is the most that fits. Measured in L1 on this machine (AMD EPYC Zen 4, Node 20,
 * CPU time): 4×4 22.7 GFLOP/s, 2×8 22.4, 4×4 with the splats made by shuffles 18.1, 4×4 with A
 * packed pre-splatted (plain loads, twice the bytes) no better than the splat loads, 5×4 11.8 and
 * 6×4 14.0 (both spill), against 27.5 GFLOP/s for a pure f64x2 mul + add loop (six independent
 * mul chains and six add chains). Unrolling p by hand spills too (all 12 loads hoisted). What
 * does pay is a loop body of two p-steps with the exit test between them: each step is a block of
 * its own, so its 6 loads (placed first again, node --print-wasm-code) fit beside the 8
 * accumulators, and the back edge, the stack check and the pointer updates are shared by two
 * steps. Measured against one step per trip (same machine, Node 20, CPU time, interleaved,
 * medians of 7, two runs in either order): square n = 256 … 1024 +1.5–4 % (n = 256: 23.2 → 24.0
 * GFLOP/s), the training step's products +1–5 %. The gain is not in the count of instructions
 * (the second step's splat offsets cost a lea each, see micro), and three or four steps per trip
 * were 4–6 % slower than one. Bigger tiles still spill: 3×6 (9 accumulators) with two to four
 * steps per trip ran at 13–17 GFLOP/s and 5×4 at 19, against 4×4's 22–23 (in L1). (In one such
 * loop outside the library, V8 did place the second step's loads next to their uses; in the
 * library's own code it does not.)
 * Re-measured in place (the whole gemm, 2026-11-30): 2×8 tiles (A's micro-panels 2 rows, B's 8
 * columns) were 0.84–0.99× of 4×4 from n = 64 to 1024.
 * No fused multiply-add: `x + s·b` is a mul then an add, as in js.ts.
 *
 * Block sizes: KC = 256 keeps a micro-panel of B (KC·4·8 = 8 KiB) and one of A (8 KiB) in the
 * 32 KiB L1 with room to spare; MC = 64 makes the packed A block (MC·KC·8 = 128 KiB) a fraction of
 * the 1 MiB L2; NC = 512 makes the packed B panel (KC·NC·8 = 1 MiB) an L2's worth, streamed from
 * L3. Measured (scripts/gemm-gflops.mjs-style, CPU time, medians of 5, one process) over
 * KC ∈ {128, 256, 384} × MC ∈ {32, 64, 128} × NC ∈ {512, 1024} at n = 256, 512, 768, 1024: all 18
 * within 22.2–23.6 GFLOP/s at n ≤ 768; at n = 1024 runs of 13–15 GFLOP/s came and went with the
 * machine's other load for every variant alike (the same variant, re-run, gave 21–22), so no
 * choice stood out, and the smallest scratch that keeps the micro-panels in L1 was taken.
 * Re-checked with the two-step micro-kernel (2026-11-30, interleaved, CPU time, medians of 5–9):
 * (KC, MC, NC) = (256, 64, 512), (256, 128, 512), (320, 64, 512), (256, 64, 1024) and
 * (192, 96, 512) all within 22.5–23.5 GFLOP/s at n = 512 and 1024, the differences inside the
 * noise; the kernel alone is flat from n = 64 to 1024 (about 23–24 GFLOP/s).
 *
 * Order of the sums: each c[i][j] is a[i][0]·b[0][j] + a[i][1]·b[1][j] + … in ascending p, from the
 * p = 0 product (not 0 + it, which would turn −0 into +0); a later KC block resumes from the
 * partial sum stored in c. That is exactly the plain TypeScript kernels' order, so every product
 * computed here is bit-identical to js.ts. gemmTA divides each finished sum by div (multiplies by
 * 1/div when that gives the same bits: exactReciprocal); gemmTBRelu zeroes the sums where z ≤ 0 or
 * z is NaN (a bitwise and with the mask z > 0, giving +0).
 *
 * Edges: a partial micro-panel (fewer than 4 rows or columns left) is packed with zeros, and its
 * tile is computed in TILE and the valid part copied out (edgeTile), so the micro-kernel never
 * stores outside C.
 *
 * Scratch: PA (MC·KC·8 bytes), PB (KC·NC·8) and TILE (128) are reserved once, when the module is
 * instantiated, by growing the host's memory by SCRATCH_PAGES (1.1 MiB of address space; pages
 * are committed only when first packed into). The host's data stays below; src/kernels/wasm.ts
 * leaves the reserve out of its `f64` view. If the memory cannot grow (a 4 GiB workspace),
 * SCRATCH is 0 and kernels.ts uses the direct loops for every size.
 */

const KC: i32 = 256;
const MC: i32 = 64;
const NC: i32 = 512;

const PA_BYTES: usize = <usize>MC * <usize>KC * 8;
const PB_BYTES: usize = <usize>KC * <usize>NC * 8;
const SCRATCH_BYTES: usize = PA_BYTES + PB_BYTES + 128;
const SCRATCH_PAGES: i32 = <i32>((SCRATCH_BYTES + 65535) >> 16);

/** Grows the memory by SCRATCH_PAGES at instantiation; the byte offset of the new pages, or 0 if it could not grow. */
function reserve(): usize {
  const old = memory.grow(SCRATCH_PAGES);
  return old < 0 ? 0 : <usize>old << 16;
}
export const SCRATCH: usize = reserve();
const PA: usize = SCRATCH;
const PB: usize = SCRATCH + PA_BYTES;
const TILE: usize = PB + PB_BYTES;

// Rows of a row-major matrix (row stride ld bytes) from src, kc columns: micro-panels of 4 rows,
// p-major (the 4 rows' values at p, then at p + 1, …), rows past `rows` zero. Packs A for gemm
// and gemmTB, and bᵀ for gemmTB. Two columns at a time: four loads, four 2×2 transposes.
function packT(src: usize, ld: usize, rows: i32, kc: i32, dst: usize): void {
  const kb2 = <usize>(kc & ~1) << 3;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const s0 = src + <usize>r * ld, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
    for (let o: usize = 0; o < kb2; o += 16) {
      const v0 = v128.load(s0 + o), v1 = v128.load(s1 + o), v2 = v128.load(s2 + o), v3 = v128.load(s3 + o);
      v128.store(dst, f64x2.shuffle(v0, v1, 0, 2));
      v128.store(dst, f64x2.shuffle(v2, v3, 0, 2), 16);
      v128.store(dst, f64x2.shuffle(v0, v1, 1, 3), 32);
      v128.store(dst, f64x2.shuffle(v2, v3, 1, 3), 48);
      dst += 64;
    }
    if (kc & 1) {
      store<f64>(dst, load<f64>(s0 + kb2));
      store<f64>(dst, load<f64>(s1 + kb2), 8);
      store<f64>(dst, load<f64>(s2 + kb2), 16);
      store<f64>(dst, load<f64>(s3 + kb2), 24);
      dst += 32;
    }
  }
  const left = rows - r;
  if (left > 0) {
    const s0 = src + <usize>r * ld;
    for (let p = 0; p < kc; p++) {
      const o = <usize>p << 3;
      for (let q = 0; q < 4; q++) store<f64>(dst + (<usize>q << 3), q < left ? load<f64>(s0 + <usize>q * ld + o) : 0);
      dst += 32;
    }
  }
}

// kc rows of a row-major matrix (row stride ld bytes) from src, `cols` columns: micro-panels of 4
// columns, p-major, columns past `cols` zero. Packs B for gemm and gemmTA, and aᵀ for gemmTA.
function packN(src: usize, ld: usize, kc: i32, cols: i32, dst: usize): void {
  let c = 0;
  // Two micro-panels (8 columns: one 64-byte line of each row) per walk down the rows, so each line
  // is read once, not once per panel (a walk down a power-of-two row stride misses L1 at every
  // row). Measured on the forward products at 32 rows (64×128 and 128×128 weights; interleaved, CPU
  // time, medians of 11, two runs): 1–3 % faster, the fixed cost per call (by the slope of time
  // against rows) 2.2–3.1 → 1.4–1.7 µs and 4.5–5.0 → 0.8–3.4 µs.
  const panel = <usize>kc << 5;
  for (; c + 8 <= cols; c += 8) {
    let s = src + (<usize>c << 3);
    const d2 = dst + panel;
    for (let o: usize = 0; o < panel; o += 32) {
      v128.store(dst + o, v128.load(s));
      v128.store(dst + o, v128.load(s, 16), 16);
      v128.store(d2 + o, v128.load(s, 32));
      v128.store(d2 + o, v128.load(s, 48), 16);
      s += ld;
    }
    dst += panel << 1;
  }
  for (; c + 4 <= cols; c += 4) {
    let s = src + (<usize>c << 3);
    for (let p = 0; p < kc; p++) {
      v128.store(dst, v128.load(s));
      v128.store(dst, v128.load(s, 16), 16);
      dst += 32;
      s += ld;
    }
  }
  const left = cols - c;
  if (left > 0) {
    let s = src + (<usize>c << 3);
    for (let p = 0; p < kc; p++) {
      for (let q = 0; q < 4; q++) store<f64>(dst + (<usize>q << 3), q < left ? load<f64>(s + (<usize>q << 3)) : 0);
      dst += 32;
      s += ld;
    }
  }
}

// The micro-kernel: the 4×4 tile of c at c, c + ldc, c + 2·ldc, c + 3·ldc gets A-panel (kc×4) ·
// B-panel (kc×4), p ascending; `first` starts from the p = 0 products, otherwise from c's partial
// sums. When `finish`: epi (compile-time) 0 stores the sums, 1 divides them by dv (multiplies by
// rv = 1/div when `recip`: see exactReciprocal), 2 masks them by z > 0 (z laid out like c).
// Two p-steps per trip, the exit test between them (see the header). V8 gives each splat's
// immediate offset a register of its own (memory start + offset), recomputed in the second step;
// advancing pa between the steps instead, so both use offsets 0…24, was 4 % slower (so was taking
// the second step's splats from pa + 32 in a constant), and A packed pre-splatted (plain loads,
// offsets folded) with two steps per trip was no faster.
// @ts-ignore: decorator
@inline function micro(
  epi: i32, pa: usize, pb: usize, kc: i32, c: usize, ldc: usize, first: bool, finish: bool, z: usize,
  dv: v128, recip: bool, rv: v128,
): void {
  const c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
  let x00: v128, x01: v128, x10: v128, x11: v128, x20: v128, x21: v128, x30: v128, x31: v128;
  if (first) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let s = v128.load64_splat(pa);
    x00 = f64x2.mul(s, b0); x01 = f64x2.mul(s, b1);
    s = v128.load64_splat(pa, 8);
    x10 = f64x2.mul(s, b0); x11 = f64x2.mul(s, b1);
    s = v128.load64_splat(pa, 16);
    x20 = f64x2.mul(s, b0); x21 = f64x2.mul(s, b1);
    s = v128.load64_splat(pa, 24);
    x30 = f64x2.mul(s, b0); x31 = f64x2.mul(s, b1);
    pa += 32;
    pb += 32;
    kc--;
  } else {
    x00 = v128.load(c); x01 = v128.load(c, 16);
    x10 = v128.load(c1); x11 = v128.load(c1, 16);
    x20 = v128.load(c2); x21 = v128.load(c2, 16);
    x30 = v128.load(c3); x31 = v128.load(c3, 16);
  }
  const end = pb + (<usize>kc << 5);
  if (pb < end) {
    while (true) {
      let b0 = v128.load(pb), b1 = v128.load(pb, 16);
      let s = v128.load64_splat(pa);
      x00 = f64x2.add(x00, f64x2.mul(s, b0)); x01 = f64x2.add(x01, f64x2.mul(s, b1));
      s = v128.load64_splat(pa, 8);
      x10 = f64x2.add(x10, f64x2.mul(s, b0)); x11 = f64x2.add(x11, f64x2.mul(s, b1));
      s = v128.load64_splat(pa, 16);
      x20 = f64x2.add(x20, f64x2.mul(s, b0)); x21 = f64x2.add(x21, f64x2.mul(s, b1));
      s = v128.load64_splat(pa, 24);
      x30 = f64x2.add(x30, f64x2.mul(s, b0)); x31 = f64x2.add(x31, f64x2.mul(s, b1));
      if (pb + 32 >= end) break;
      b0 = v128.load(pb, 32); b1 = v128.load(pb, 48);
      s = v128.load64_splat(pa, 32);
      x00 = f64x2.add(x00, f64x2.mul(s, b0)); x01 = f64x2.add(x01, f64x2.mul(s, b1));
      s = v128.load64_splat(pa, 40);
      x10 = f64x2.add(x10, f64x2.mul(s, b0)); x11 = f64x2.add(x11, f64x2.mul(s, b1));
      s = v128.load64_splat(pa, 48);
      x20 = f64x2.add(x20, f64x2.mul(s, b0)); x21 = f64x2.add(x21, f64x2.mul(s, b1));
      s = v128.load64_splat(pa, 56);
      x30 = f64x2.add(x30, f64x2.mul(s, b0)); x31 = f64x2.add(x31, f64x2.mul(s, b1));
      pa += 64;
      pb += 64;
      if (pb >= end) break;
    }
  }
  if (epi == 1) {
    if (finish) {
      if (recip) {
        x00 = f64x2.mul(x00, rv); x01 = f64x2.mul(x01, rv);
        x10 = f64x2.mul(x10, rv); x11 = f64x2.mul(x11, rv);
        x20 = f64x2.mul(x20, rv); x21 = f64x2.mul(x21, rv);
        x30 = f64x2.mul(x30, rv); x31 = f64x2.mul(x31, rv);
      } else {
        x00 = f64x2.div(x00, dv); x01 = f64x2.div(x01, dv);
        x10 = f64x2.div(x10, dv); x11 = f64x2.div(x11, dv);
        x20 = f64x2.div(x20, dv); x21 = f64x2.div(x21, dv);
        x30 = f64x2.div(x30, dv); x31 = f64x2.div(x31, dv);
      }
    }
  }
  if (epi == 2) {
    if (finish) {
      const zero = f64x2.splat(0);
      const z1 = z + ldc, z2 = z1 + ldc, z3 = z2 + ldc;
      x00 = v128.and(x00, f64x2.gt(v128.load(z), zero)); x01 = v128.and(x01, f64x2.gt(v128.load(z, 16), zero));
      x10 = v128.and(x10, f64x2.gt(v128.load(z1), zero)); x11 = v128.and(x11, f64x2.gt(v128.load(z1, 16), zero));
      x20 = v128.and(x20, f64x2.gt(v128.load(z2), zero)); x21 = v128.and(x21, f64x2.gt(v128.load(z2, 16), zero));
      x30 = v128.and(x30, f64x2.gt(v128.load(z3), zero)); x31 = v128.and(x31, f64x2.gt(v128.load(z3, 16), zero));
    }
  }
  v128.store(c, x00); v128.store(c, x01, 16);
  v128.store(c1, x10); v128.store(c1, x11, 16);
  v128.store(c2, x20); v128.store(c2, x21, 16);
  v128.store(c3, x30); v128.store(c3, x31, 16);
}

// The micro-kernel into TILE (row stride 32 bytes), for edge tiles: one shared copy.
function microTile(pa: usize, pb: usize, kc: i32, first: bool): void {
  micro(0, pa, pb, kc, TILE, 32, first, false, 0, f64x2.splat(1), false, f64x2.splat(1));
}

// A tile with fewer than 4 rows (mr) or columns (nr) in c: its partial sums are copied into TILE,
// the micro-kernel runs there, and the valid mr×nr part is copied back (divided, or masked, when
// `finish`, exactly as the micro-kernel would).
function edgeTile(
  epi: i32, pa: usize, pb: usize, kc: i32, c: usize, ldc: usize, mr: i32, nr: i32, first: bool, finish: bool,
  z: usize, div: f64,
): void {
  if (!first) {
    for (let r = 0; r < mr; r++) {
      for (let q = 0; q < nr; q++) store<f64>(TILE + (<usize>(r * 4 + q) << 3), load<f64>(c + <usize>r * ldc + (<usize>q << 3)));
    }
  }
  microTile(pa, pb, kc, first);
  for (let r = 0; r < mr; r++) {
    for (let q = 0; q < nr; q++) {
      const o = <usize>r * ldc + (<usize>q << 3);
      let v = load<f64>(TILE + (<usize>(r * 4 + q) << 3));
      if (finish) {
        if (epi == 1) v = v / div;
        else if (epi == 2) v = select<f64>(v, 0, load<f64>(z + o) > 0);
      }
      store<f64>(c + o, v);
    }
  }
}

// The tiles of one packed block: C[ic…ic+mc, jc…jc+nc] (at c, row stride ldc; z alike) (+)= PA · PB,
// jr outer (one B micro-panel stays in L1), ir inner. epi is a compile-time constant in each of the
// three instances below, so each has exactly its own epilogue.
// @ts-ignore: decorator
@inline function tiles(
  epi: i32, c: usize, z: usize, ldc: usize, mc: i32, nc: i32, kc: i32, first: bool, finish: bool, div: f64,
): void {
  const dv = f64x2.splat(div);
  const recip = epi == 1 && exactReciprocal(div);
  const rv = f64x2.splat(1 / div);
  const panel = <usize>kc << 5; // bytes of one micro-panel, kc × 4 float64s
  let pbm = PB;
  for (let jr = 0; jr < nc; jr += 4) {
    const nr = min(4, nc - jr);
    const cj = <usize>jr << 3;
    let pam = PA;
    let ir = 0;
    if (nr == 4) {
      for (; ir + 4 <= mc; ir += 4) {
        const o = cj + <usize>ir * ldc;
        micro(epi, pam, pbm, kc, c + o, ldc, first, finish, z + o, dv, recip, rv);
        pam += panel;
      }
    }
    for (; ir < mc; ir += 4) {
      const o = cj + <usize>ir * ldc;
      edgeTile(epi, pam, pbm, kc, c + o, ldc, min(4, mc - ir), nr, first, finish, z + o, div);
      pam += panel;
    }
    pbm += panel;
  }
}

function tilesPlain(c: usize, ldc: usize, mc: i32, nc: i32, kc: i32, first: bool): void {
  tiles(0, c, 0, ldc, mc, nc, kc, first, false, 1);
}

function tilesDiv(c: usize, ldc: usize, mc: i32, nc: i32, kc: i32, first: bool, finish: bool, div: f64): void {
  tiles(1, c, 0, ldc, mc, nc, kc, first, finish, div);
}

function tilesRelu(c: usize, z: usize, ldc: usize, mc: i32, nc: i32, kc: i32, first: bool, finish: bool): void {
  tiles(2, c, z, ldc, mc, nc, kc, first, finish, 1);
}

/**
 * c (n×m) = A (n×k) · B (k×m), where A = a (n×k), or aᵀ (a k×n) when aT; B = b (k×m), or bᵀ (b m×k)
 * when bT. epi: 0 none, 1 divide by div (gemmTA), 2 mask by z > 0 (gemmTBRelu; z n×m, and c must
 * not equal z when k > KC, since c holds partial sums between KC blocks). Needs SCRATCH ≠ 0.
 *
 * One function does the blocking and packing of all four products; the tiles of a block run in
 * one of three small functions, one per epilogue (tilesPlain, tilesDiv, tilesRelu). With all of
 * it inlined into each export, as a first version had it, the module was 22.7 KB (21.7 now) and
 * the peak RSS of a process that trains 2–4 MiB higher (V8's optimising compiler's memory while it
 * compiles the larger functions); gemmTA at the training step's sizes was 7 % faster that way,
 * gemm and gemmTB within 2 %. With the tiles in the one function too (the epilogue chosen at run
 * time), gemm was 2–5 % slower and gemmTA 8–9 %.
 *
 * Every operand is packed, even at the training step's sizes (32×128·128×128): a variant that
 * read b (gemm, gemmTA) and aᵀ (gemmTA) in place, 4 adjacent columns row after row, was 5–15 %
 * slower there and up to 40 % slower at n = 512 (the in-place micro-panel's rows, one row stride
 * apart, share a few L1 sets).
 */
export function packedCore(
  aT: bool, bT: bool, epi: i32, a: usize, b: usize, z: usize, c: usize, n: i32, k: i32, m: i32, div: f64,
): void {
  const ldc = <usize>m << 3;
  const lda: usize = aT ? <usize>n << 3 : <usize>k << 3;
  const ldb: usize = bT ? <usize>k << 3 : <usize>m << 3;
  for (let jc = 0; jc < m; jc += NC) {
    const nc = min(NC, m - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const first = pc == 0;
      const finish = pc + kc == k;
      if (bT) packT(b + <usize>jc * ldb + (<usize>pc << 3), ldb, nc, kc, PB);
      else packN(b + <usize>pc * ldb + (<usize>jc << 3), ldb, kc, nc, PB);
      for (let ic = 0; ic < n; ic += MC) {
        const mc = min(MC, n - ic);
        if (aT) packN(a + <usize>pc * lda + (<usize>ic << 3), lda, kc, mc, PA);
        else packT(a + <usize>ic * lda + (<usize>pc << 3), lda, mc, kc, PA);
        const co = <usize>ic * ldc + (<usize>jc << 3);
        if (epi == 1) tilesDiv(c + co, ldc, mc, nc, kc, first, finish, div);
        else if (epi == 2) tilesRelu(c + co, z + co, ldc, mc, nc, kc, first, finish);
        else tilesPlain(c + co, ldc, mc, nc, kc, first);
      }
    }
  }
}

/**
 * Whether x / div may be computed as x · (1/div) with the very same result: when div is a power of
 * two (2^j, 0 ≤ j ≤ 1022), 1/div is exact, and x · 2^−j and x / 2^j are both the correctly rounded
 * value of the same real number (subnormals, ±0, ±∞ and NaN included). A division costs several
 * multiplies' time (8 per tile against 32 p-steps at the training step's batch of 32: 25 %), and
 * batch sizes are mostly powers of two.
 */
// @ts-ignore: decorator
@inline export function exactReciprocal(div: f64): bool {
  const d = <i64>div;
  return div >= 1 && div <= 4.49423283715579e307 && <f64>d == div && (d & (d - 1)) == 0;
}

/** The k above which packedCore blocks the sum (so gemmTBRelu with c = z must not use it). */
export const PACKED_KC: i32 = KC;
