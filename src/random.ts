/**
 * mulberry32: a small, fast, well-known 32-bit PRNG. Same seed, same stream, on every platform.
 *
 * @example
 * ```ts
 * const next = mulberry32(42);
 * next(); // 0.6011037519201636, always
 * ```
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The mulberry32 stream written into memory: `count` uniforms in [0, 1) into out[at …], the same
 * numbers, in the same order, as `count` calls of `mulberry32(seed)` from the same state. The state
 * (one uint32) lives in `state[0]` and moves on. Nothing is allocated: no float crosses a call, so
 * a training step (dropout's masks, the shuffle) can draw without touching the heap.
 *
 * @example
 * ```ts
 * const state = Uint32Array.of(42), out = new Float64Array(2);
 * uniforms(state, out, 0, 2); // out[0] = 0.6011037519201636, as mulberry32(42)()
 * ```
 */
export function uniforms(state: Uint32Array, out: Float64Array, at: number, count: number): void {
  let a = state[0]!;
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    out[at + i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  state[0] = a;
}

/**
 * A standard normal draw by Box-Muller (cos branch only, two uniforms per draw).
 *
 * @example
 * ```ts
 * normal(mulberry32(42)); // -1.2848381576290195
 * ```
 */
export function normal(uniform: () => number): number {
  const u1 = uniform();
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * He-normal initial weights for a fanIn×fanOut layer: N(0, 1)·sqrt(2 / fanIn), row-major.
 * The right scale for ReLU layers: it keeps the activations' variance steady through depth.
 *
 * @example
 * ```ts
 * const w = new Matrix(2, 3, heNormal(2, 3, mulberry32(7))); // Matrix<2, 3>, standard deviation sqrt(2 / 2) = 1
 * ```
 */
export function heNormal(fanIn: number, fanOut: number, uniform: () => number): Float64Array {
  const out = new Float64Array(fanIn * fanOut);
  const scale = Math.sqrt(2 / fanIn);
  for (let i = 0; i < out.length; i++) out[i] = normal(uniform) * scale;
  return out;
}

/**
 * Glorot (Xavier) uniform initial weights for a fanIn×fanOut layer: U(−r, r), r = sqrt(6 / (fanIn + fanOut)),
 * row-major. The usual scale for tanh and sigmoid layers (Keras's default).
 *
 * @example
 * ```ts
 * const w = glorotUniform(4, 3, mulberry32(1)); // 12 numbers in (−0.926, 0.926)
 * ```
 */
export function glorotUniform(fanIn: number, fanOut: number, uniform: () => number): Float64Array {
  const out = new Float64Array(fanIn * fanOut);
  const r = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < out.length; i++) out[i] = (2 * uniform() - 1) * r;
  return out;
}
