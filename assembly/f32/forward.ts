/**
 * The float32 inference kernels of the frozen predictor (src/predictor/): one dense layer at a time,
 *
 *   Y (n×kp, row stride ys) = act(X (n×m, row stride xs) · W + b)
 *
 * with W pre-packed by the host, once, into column panels of 8: panel q holds columns 8q … 8q+7 of
 * W, p-major (W[p][8q … 8q+7] are 8 contiguous floats at w + (q·m + p)·32 bytes); kp, the padded
 * output width, is a multiple of 8, and the padding columns of W and b are zeros. The bias
 * (8 floats per panel, or none when b = 0) and the activation are the product's epilogue: the
 * accumulators start from the bias and the activation is applied to the tile before it is stored.
 *
 * Micro-kernel: 4 rows × 8 columns of Y in eight f32x4 accumulators; per p it loads the panel's
 * two vectors and splats the four rows' x (v128.load32_splat): 8 mul + 8 add, 6 loads, so with x64's
 * 16 xmm registers nothing spills (the f64 kernels' 4×4 tile, assembly/packed.ts, same reasoning,
 * twice the lanes). The n mod 4 rows left take a 1×8 tile. No fused multiply-add: `c + x·w` is a
 * mul then an add. Every sum runs over p in ascending order from the bias.
 *
 * Activations (act): 0 linear, 1 relu (max(z, 0); a NaN stays NaN), 2 leaky ReLU (z > 0 ? z : alpha·z),
 * 3 softsign (z / (1 + |z|)) are fused as f32x4 operations; 4 tanh and 5 sigmoid are applied after
 * the product by `tanhInPlace` / `sigmoidInPlace`, lane by lane with AssemblyScript's Mathf (musl's
 * float32 expf/tanhf, under 1 ulp).
 *
 * The module imports env.memory and allocates nothing: every buffer is the host's.
 */

@inline function activate(v: v128, act: i32, alpha: v128): v128 {
  if (act == 1) return f32x4.max(v, f32x4.splat(0));
  if (act == 2) return v128.bitselect(v, f32x4.mul(v, alpha), f32x4.gt(v, f32x4.splat(0)));
  if (act == 3) return f32x4.div(v, f32x4.add(f32x4.splat(1), f32x4.abs(v)));
  return v;
}

/** One layer over n rows (see the file's comment). Addresses in bytes; strides and sizes in floats. */
export function layer(x: usize, xStride: i32, w: usize, b: usize, y: usize, yStride: i32, n: i32, m: i32, kp: i32, act: i32, slope: f32): void {
  const xs = <usize>xStride << 2;
  const ys = <usize>yStride << 2;
  const panel = <usize>m << 5;
  const alpha = f32x4.splat(slope);
  const zero = f32x4.splat(0);
  for (let j = 0; j < kp; j += 8) {
    const wp = w + <usize>(j >> 3) * panel;
    const b0 = b ? v128.load(b + (<usize>j << 2)) : zero;
    const b1 = b ? v128.load(b + (<usize>j << 2), 16) : zero;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const x0 = x + <usize>i * xs;
      const x1 = x0 + xs;
      const x2 = x1 + xs;
      const x3 = x2 + xs;
      let c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
      for (let p = 0; p < m; p++) {
        const wq = wp + (<usize>p << 5);
        const w0 = v128.load(wq);
        const w1 = v128.load(wq, 16);
        const o = <usize>p << 2;
        const a0 = v128.load32_splat(x0 + o);
        const a1 = v128.load32_splat(x1 + o);
        const a2 = v128.load32_splat(x2 + o);
        const a3 = v128.load32_splat(x3 + o);
        c00 = f32x4.add(c00, f32x4.mul(a0, w0));
        c01 = f32x4.add(c01, f32x4.mul(a0, w1));
        c10 = f32x4.add(c10, f32x4.mul(a1, w0));
        c11 = f32x4.add(c11, f32x4.mul(a1, w1));
        c20 = f32x4.add(c20, f32x4.mul(a2, w0));
        c21 = f32x4.add(c21, f32x4.mul(a2, w1));
        c30 = f32x4.add(c30, f32x4.mul(a3, w0));
        c31 = f32x4.add(c31, f32x4.mul(a3, w1));
      }
      const y0 = y + <usize>i * ys + (<usize>j << 2);
      v128.store(y0, activate(c00, act, alpha));
      v128.store(y0, activate(c01, act, alpha), 16);
      v128.store(y0 + ys, activate(c10, act, alpha));
      v128.store(y0 + ys, activate(c11, act, alpha), 16);
      v128.store(y0 + 2 * ys, activate(c20, act, alpha));
      v128.store(y0 + 2 * ys, activate(c21, act, alpha), 16);
      v128.store(y0 + 3 * ys, activate(c30, act, alpha));
      v128.store(y0 + 3 * ys, activate(c31, act, alpha), 16);
    }
    for (; i < n; i++) {
      const x0 = x + <usize>i * xs;
      let c00 = b0, c01 = b1;
      for (let p = 0; p < m; p++) {
        const wq = wp + (<usize>p << 5);
        const a0 = v128.load32_splat(x0 + (<usize>p << 2));
        c00 = f32x4.add(c00, f32x4.mul(a0, v128.load(wq)));
        c01 = f32x4.add(c01, f32x4.mul(a0, v128.load(wq, 16)));
      }
      const y0 = y + <usize>i * ys + (<usize>j << 2);
      v128.store(y0, activate(c00, act, alpha));
      v128.store(y0, activate(c01, act, alpha), 16);
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

/** The index of the first of `count` floats at byte address a that is NaN or ±Infinity, or −1 when all are finite. */
export function firstNonFinite(a: usize, count: i32): i32 {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const v = v128.load(a + (<usize>i << 2));
    const d = f32x4.sub(v, v); // 0 for a finite lane, NaN otherwise
    if (v128.any_true(f32x4.ne(d, d))) break;
  }
  for (; i < count; i++) {
    const v = load<f32>(a + (<usize>i << 2));
    if (v - v != 0) return i;
  }
  return -1;
}
