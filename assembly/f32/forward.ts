/**
 * The float32 inference kernels of the frozen predictor (src/predictor/): one dense layer at a time,
 *
 *   Y (n×kp) = act(X (n×m) · W + b)
 *
 * Layouts, all chosen so that the micro-kernel's loads need one pointer and constant offsets:
 *   X, Y   row tiles: rows in groups of 4 (n a multiple of 4; the host pads), tile t holding its 4
 *          rows column by column: entry (r, c) at base + ((r >> 2)·width + c)·16 + (r & 3)·4 bytes,
 *          so the four rows' values of one column are 16 contiguous bytes. Each layer writes its Y
 *          in the layout the next one reads.
 *   W      column panels of 8, packed once by the host: panel q holds columns 8q … 8q+7, p-major
 *          (W[p][8q … 8q+7] are 8 contiguous floats at w + (q·m + p)·32 bytes). kp, the padded output
 *          width, is a multiple of 8; the padding columns of W and b are zeros, and the next layer's
 *          W has zero rows for them.
 *   b      kp floats, or none (b = 0).
 *
 * Micro-kernel: a 4-row × 8-column tile of Y in eight f32x4 accumulators, started from the bias;
 * per p it loads the panel's two vectors and splats the four rows' x (v128.load32_splat at offsets
 * 0, 4, 8, 12 of one pointer): 8 mul + 8 add, 6 loads, so with x64's 16 xmm registers nothing spills
 * (the f64 kernels' 4×4 tile, assembly/packed.ts, with twice the lanes). Reading X row-major instead
 * (four row pointers) measured 24-31 GFLOP/s against 34-39 for the tiles, the address arithmetic
 * being the difference (128×128×128, CPU time, one process, interleaved). The epilogue applies the
 * activation and transposes the tile's two 4×4 blocks into Y's layout (8 shuffles each). No fused
 * multiply-add: `c + x·w` is a mul then an add. Every sum runs over p in ascending order from the bias.
 *
 * Activations (act): 0 linear, 1 relu (max(z, 0); a NaN stays NaN), 2 leaky ReLU (z > 0 ? z : slope·z),
 * 3 softsign (z / (1 + |z|)) are fused as f32x4 operations; tanh and sigmoid are applied after the
 * product by `tanhInPlace` / `sigmoidInPlace`, lane by lane with AssemblyScript's Mathf (musl's
 * float32 tanhf/expf, under 1 ulp).
 *
 * `pack` converts the host's float64 rows of X into the first layer's row tiles (and finds what
 * float32 cannot hold). The module imports env.memory and allocates nothing: every buffer is the
 * host's, above dataEnd().
 */

@inline function activate(v: v128, act: i32, alpha: v128): v128 {
  if (act == 1) return f32x4.max(v, f32x4.splat(0));
  if (act == 2) return v128.bitselect(v, f32x4.mul(v, alpha), f32x4.gt(v, f32x4.splat(0)));
  if (act == 3) return f32x4.div(v, f32x4.add(f32x4.splat(1), f32x4.abs(v)));
  return v;
}

/** Stores the 4×4 block whose rows are r0 … r3 (rows of Y, four columns each) at yt as four columns of 4 rows. */
@inline function storeTransposed(yt: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t2 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(yt, i32x4.shuffle(t0, t1, 0, 1, 4, 5));
  v128.store(yt, i32x4.shuffle(t0, t1, 2, 3, 6, 7), 16);
  v128.store(yt, i32x4.shuffle(t2, t3, 0, 1, 4, 5), 32);
  v128.store(yt, i32x4.shuffle(t2, t3, 2, 3, 6, 7), 48);
}

/**
 * One layer over n rows (see the file's comment; the buffers hold ⌈n/4⌉ whole tiles). Addresses in
 * bytes; sizes in floats. A last tile of one row (a batch of 1 above all) takes a 1×8 kernel
 * instead of computing three rows of padding.
 */
export function layer(x: usize, w: usize, b: usize, y: usize, n: i32, m: i32, kp: i32, act: i32, slope: f32): void {
  const panel = <usize>m << 5;
  const xTile = <usize>m << 4;
  const yTile = <usize>kp << 4;
  const tiles = (n & 3) == 1 ? n >> 2 : (n + 3) >> 2;
  const alpha = f32x4.splat(slope);
  const zero = f32x4.splat(0);
  for (let j = 0; j < kp; j += 8) {
    const wp = w + <usize>(j >> 3) * panel;
    const b0 = b ? v128.load(b + (<usize>j << 2)) : zero;
    const b1 = b ? v128.load(b + (<usize>j << 2), 16) : zero;
    for (let t = 0; t < tiles; t++) {
      let pa = x + <usize>t * xTile;
      const end = pa + xTile;
      let pw = wp;
      let c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
      while (pa < end) {
        const w0 = v128.load(pw);
        const w1 = v128.load(pw, 16);
        const a0 = v128.load32_splat(pa);
        const a1 = v128.load32_splat(pa, 4);
        const a2 = v128.load32_splat(pa, 8);
        const a3 = v128.load32_splat(pa, 12);
        c00 = f32x4.add(c00, f32x4.mul(a0, w0));
        c01 = f32x4.add(c01, f32x4.mul(a0, w1));
        c10 = f32x4.add(c10, f32x4.mul(a1, w0));
        c11 = f32x4.add(c11, f32x4.mul(a1, w1));
        c20 = f32x4.add(c20, f32x4.mul(a2, w0));
        c21 = f32x4.add(c21, f32x4.mul(a2, w1));
        c30 = f32x4.add(c30, f32x4.mul(a3, w0));
        c31 = f32x4.add(c31, f32x4.mul(a3, w1));
        pa += 16;
        pw += 32;
      }
      const yt = y + <usize>t * yTile + (<usize>j << 4);
      storeTransposed(yt, activate(c00, act, alpha), activate(c10, act, alpha), activate(c20, act, alpha), activate(c30, act, alpha));
      storeTransposed(yt + 64, activate(c01, act, alpha), activate(c11, act, alpha), activate(c21, act, alpha), activate(c31, act, alpha));
    }
    if ((n & 3) == 1) {
      let pa = x + <usize>tiles * xTile; //                                  the last tile's row 0 only
      const end = pa + xTile;
      let pw = wp;
      let c0 = b0, c1 = b1;
      while (pa < end) {
        const a = v128.load32_splat(pa);
        c0 = f32x4.add(c0, f32x4.mul(a, v128.load(pw)));
        c1 = f32x4.add(c1, f32x4.mul(a, v128.load(pw, 16)));
        pa += 16;
        pw += 32;
      }
      const yt = y + <usize>tiles * yTile + (<usize>j << 4);
      c0 = activate(c0, act, alpha);
      c1 = activate(c1, act, alpha);
      store<f32>(yt, f32x4.extract_lane(c0, 0));
      store<f32>(yt, f32x4.extract_lane(c0, 1), 16);
      store<f32>(yt, f32x4.extract_lane(c0, 2), 32);
      store<f32>(yt, f32x4.extract_lane(c0, 3), 48);
      store<f32>(yt, f32x4.extract_lane(c1, 0), 64);
      store<f32>(yt, f32x4.extract_lane(c1, 1), 80);
      store<f32>(yt, f32x4.extract_lane(c1, 2), 96);
      store<f32>(yt, f32x4.extract_lane(c1, 3), 112);
    }
  }
}

/** a ← tanh(a) for `count` floats at byte address a. */
export function tanhInPlace(a: usize, count: i32): void {
  for (let i = 0; i < count; i++) {
    const at = a + (<usize>i << 2);
    store<f32>(at, Mathf.tanh(load<f32>(at)));
  }
}

/** a ← σ(a) for `count` floats at byte address a, overflow-free (only e^{−|z|} is taken). */
export function sigmoidInPlace(a: usize, count: i32): void {
  for (let i = 0; i < count; i++) {
    const at = a + (<usize>i << 2);
    const v = load<f32>(at);
    const e = Mathf.exp(-Mathf.abs(v));
    store<f32>(at, v >= 0 ? <f32>1 / (<f32>1 + e) : e / (<f32>1 + e));
  }
}

/** The first byte after the module's static data (Mathf's tables): the host lays its buffers out from here. */
export function dataEnd(): usize {
  return __heap_base;
}

/**
 * Rows of float64 X (row-major, m per row, at byte address src) into float32 row tiles at dst: n
 * rows, then zeros up to the tile. Returns the index (r·m + c) of the first entry that is not finite
 * or lies beyond float32's range (it would become ±Infinity), or −1 when all fit.
 */
export function pack(src: usize, dst: usize, n: i32, m: i32): i32 {
  const n4 = (n + 3) & ~3;
  const tile = <usize>m << 4;
  for (let i = 0; i < n4; i++) {
    const to = dst + <usize>(i >> 2) * tile + (<usize>(i & 3) << 2);
    if (i >= n) {
      for (let p = 0; p < m; p++) store<f32>(to + (<usize>p << 4), 0);
      continue;
    }
    const from = src + ((<usize>i * <usize>m) << 3);
    for (let p = 0; p < m; p++) {
      const v = load<f64>(from + (<usize>p << 3));
      const s = <f32>v;
      if (s - s != 0) return i * m + p; //                           NaN, ±Infinity, or a finite v beyond float32
      store<f32>(to + (<usize>p << 4), s);
    }
  }
  return -1;
}

/**
 * One narrow layer (k ≤ 4 outputs, a classifier's or a regression's last layer above all) over n
 * rows: Y (n×k) = act(X (n×m) · W + b), with W p-major and unpadded (W[p][c] at w + (p·k + c)·4
 * bytes) and b k floats or none. The 8-column kernel would compute 8 columns for 1; here the row
 * tiles' layout puts a tile's 4 rows of one column in one vector, so each output column is
 * Σ_p X_tile[p] · W[p][c] with W[p][c] splatted: 4 tiles (16 rows) at a time in 4 accumulators
 * (then one tile at a time), writing Y in the same layout (width k).
 */
export function narrow(x: usize, w: usize, b: usize, y: usize, n: i32, m: i32, k: i32, act: i32, slope: f32): void {
  const xTile = <usize>m << 4;
  const yTile = <usize>k << 4;
  const tiles = (n + 3) >> 2;
  const alpha = f32x4.splat(slope);
  const wRow = <usize>k << 2;
  for (let c = 0; c < k; c++) {
    const bc = b ? v128.load32_splat(b + (<usize>c << 2)) : f32x4.splat(0);
    const wc = w + (<usize>c << 2);
    let t = 0;
    for (; t + 4 <= tiles; t += 4) {
      let pa = x + <usize>t * xTile;
      const end = pa + xTile;
      let pw = wc;
      let c0 = bc, c1 = bc, c2 = bc, c3 = bc;
      while (pa < end) {
        const s = v128.load32_splat(pw);
        c0 = f32x4.add(c0, f32x4.mul(v128.load(pa), s));
        c1 = f32x4.add(c1, f32x4.mul(v128.load(pa + xTile), s));
        c2 = f32x4.add(c2, f32x4.mul(v128.load(pa + 2 * xTile), s));
        c3 = f32x4.add(c3, f32x4.mul(v128.load(pa + 3 * xTile), s));
        pa += 16;
        pw += wRow;
      }
      const yt = y + <usize>t * yTile + (<usize>c << 4);
      v128.store(yt, activate(c0, act, alpha));
      v128.store(yt + yTile, activate(c1, act, alpha));
      v128.store(yt + 2 * yTile, activate(c2, act, alpha));
      v128.store(yt + 3 * yTile, activate(c3, act, alpha));
    }
    for (; t < tiles; t++) {
      let pa = x + <usize>t * xTile;
      const end = pa + xTile;
      let pw = wc;
      let c0 = bc;
      while (pa < end) {
        c0 = f32x4.add(c0, f32x4.mul(v128.load(pa), v128.load32_splat(pw)));
        pa += 16;
        pw += wRow;
      }
      v128.store(y + <usize>t * yTile + (<usize>c << 4), activate(c0, act, alpha));
    }
  }
}
