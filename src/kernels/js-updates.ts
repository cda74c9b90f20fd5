/**
 * The plain TypeScript twins of the update kernels of assembly/kernels.ts: the optimizer rules
 * (Adam, momentum) and the elementwise steps around every rule (coupled weight decay, clipping,
 * dropout). Each does the same IEEE float64 operations in the same order as its WebAssembly twin,
 * so the two give the same bits (test/optimizer-kernels.test.ts, test/update-kernels.test.ts).
 * Arguments are float64 indices into `h` (the kernels' memory), counts, and the float64 index of a
 * constant block `c` (or of one constant) laid out as src/kernels/types.ts says.
 */

/** Adam's update in one pass: θ' over w (old w to saved), m', v' to mOut, vOut; on the first θ' or v' not finite, w put back and its index returned. */
export function adam(h: Float64Array, w: number, g: number, m: number, v: number, mOut: number, vOut: number, saved: number, count: number, c: number): number {
  const a = h[c]!, dec = h[c + 1]!, b1 = h[c + 2]!, ob1 = h[c + 3]!, b2 = h[c + 4]!, ob2 = h[c + 5]!, eps = h[c + 6]!;
  for (let i = 0; i < count; i++) {
    const gi = h[g + i]!;
    const mi = b1 * h[m + i]! + ob1 * gi; //                            m ← β1·m + (1−β1)·g
    const vi = b2 * h[v + i]! + ob2 * gi * gi; //                       v ← β2·v + (1−β2)·g²
    const wo = h[w + i]!;
    const next = wo - dec * wo - (a * mi) / (Math.sqrt(vi) + eps); //   θ ← (θ − lr·λ·θ) − a·m/(√v + ε̂)
    if (!(Number.isFinite(next) && Number.isFinite(vi))) {
      h.copyWithin(w, saved, saved + i); // all or nothing: the i already written go back
      return i;
    }
    h[saved + i] = wo;
    h[w + i] = next;
    h[mOut + i] = mi;
    h[vOut + i] = vi;
  }
  return -1;
}

/** Momentum's check: the index of the first v' = μ·v + g or θ' = θ − lr·v' not finite, or −1. Writes nothing. */
export function momentumCheck(h: Float64Array, w: number, g: number, v: number, count: number, c: number): number {
  const lr = h[c]!, mu = h[c + 1]!;
  for (let i = 0; i < count; i++) {
    const vi = mu * h[v + i]! + h[g + i]!;
    const wi = h[w + i]! - lr * vi;
    if (!(Number.isFinite(vi) && Number.isFinite(wi))) return i;
  }
  return -1;
}

/** Momentum's update. */
export function momentum(h: Float64Array, w: number, g: number, v: number, count: number, c: number): void {
  const lr = h[c]!, mu = h[c + 1]!;
  for (let i = 0; i < count; i++) {
    const vi = mu * h[v + i]! + h[g + i]!; //                           v ← μ·v + g
    h[v + i] = vi;
    h[w + i] = h[w + i]! - lr * vi; //                                  θ ← θ − lr·v
  }
}

/** y ← y + α·x, α = h[alphaAt]. */
export function addScaled(h: Float64Array, y: number, x: number, alphaAt: number, count: number): void {
  const alpha = h[alphaAt]!;
  for (let i = 0; i < count; i++) h[y + i] = h[y + i]! + alpha * h[x + i]!;
}

/** h[outAt] ← Σ x², in four running sums s_r (i mod 4 = r, ascending), then (s0 + s2) + (s1 + s3). */
export function sumSquares(h: Float64Array, x: number, count: number, outAt: number): void {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const a = h[x + i]!, b = h[x + i + 1]!, c = h[x + i + 2]!, d = h[x + i + 3]!;
    s0 += a * a;
    s1 += b * b;
    s2 += c * c;
    s3 += d * d;
  }
  if (i < count) s0 += h[x + i]! * h[x + i]!;
  if (i + 1 < count) s1 += h[x + i + 1]! * h[x + i + 1]!;
  if (i + 2 < count) s2 += h[x + i + 2]! * h[x + i + 2]!;
  h[outAt] = s0 + s2 + (s1 + s3);
}

/** x ← x·s, s = h[sAt]. */
export function scale(h: Float64Array, x: number, count: number, sAt: number): void {
  const s = h[sAt]!;
  for (let i = 0; i < count; i++) h[x + i] = h[x + i]! * s;
}

/** x ← x ∘ y. */
export function multiply(h: Float64Array, x: number, y: number, count: number): void {
  for (let i = 0; i < count; i++) h[x + i] = h[x + i]! * h[y + i]!;
}

/**
 * Inverted dropout's forward: u from the mulberry32 stream whose state (a uint32) is h[c + 2],
 * m = 0 if u < p else 1/(1 − p), mask ← m, x ← a·m.
 * The stream is src/random.ts `uniforms`, step for step.
 */
export function dropout(h: Float64Array, a: number, mask: number, x: number, count: number, c: number): void {
  const p = h[c]!, keep = h[c + 1]!;
  let s = h[c + 2]!;
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    const m = ((t ^ (t >>> 14)) >>> 0) / 4294967296 < p ? 0 : keep;
    h[mask + i] = m;
    h[x + i] = h[a + i]! * m;
  }
  h[c + 2] = s;
}
