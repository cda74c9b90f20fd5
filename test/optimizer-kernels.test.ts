import { describe, expect, it } from 'vitest';
import { jsKernels } from '../src/kernels/js.js';
import { ADAM_SLOTS, type Kernels } from '../src/kernels/types.js';
import { wasmKernels, wasmSimdSupported } from '../src/kernels/wasm.js';
import { mulberry32 } from '../src/random.js';

/**
 * The Adam kernel (`adam`) on both backends against Adam's update written out here in the order of
 * operations the kernels document (the paper's efficient form, a = lr·√c2/c1 and ε̂ = ε·√c2), bit
 * for bit on random data, over several steps that alternate the two pairs of moment blocks, with
 * every count from 0 to 40 and odd offsets, with and without decay; and, where a non-finite θ' or
 * v' is planted anywhere in a block of eight, its index, with the parameters and the current
 * moments as they were.
 */
const PAGE = 65536;
const backends: [string, () => Kernels][] = [
  ['js', () => jsKernels(new ArrayBuffer(PAGE))],
  ...(wasmSimdSupported() ? [['wasm', () => wasmKernels(new WebAssembly.Memory({ initial: 1 }))] as [string, () => Kernels]] : []),
];

/** Adam's update of one span, on plain arrays: a = lr·√c2/c1, ε̂ = ε·√c2 (c1 = 1 − β1ᵗ, c2 = 1 − β2ᵗ). */
function reference(w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, a: number, lrDecay: number, b1: number, b2: number, epsHat: number, write: boolean): number {
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const mi = b1 * m[i]! + (1 - b1) * gi;
    const vi = b2 * v[i]! + (1 - b2) * gi * gi;
    const wi = w[i]! - lrDecay * w[i]!;
    const next = wi - (a * mi) / (Math.sqrt(vi) + epsHat);
    if (write) {
      m[i] = mi;
      v[i] = vi;
      w[i] = next;
    } else if (!(Number.isFinite(next) && Number.isFinite(vi))) return i;
  }
  return -1;
}

const bits = (a: Float64Array) => Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length), (x) => x.toString(16));

describe.each(backends)('Adam kernel (%s) agrees bit for bit with its formula', (_name, make) => {
  it('on random data, every count 0…40, decay or none, over several steps', () => {
    const u = mulberry32(11);
    const k = make();
    const f = k.f64;
    for (let count = 0; count <= 40; count++) {
      for (const lrDecay of [0, 0.003 * 0.1]) {
        // Odd word offsets (8-byte aligned only), as the layers' blocks may be.
        const W = 1, G = W + 64, M = G + 65, V = M + 67, M2 = V + 63, V2 = M2 + 65, S = V2 + 63, C = S + 64;
        const w = Float64Array.from({ length: count }, () => (u() - 0.5) * 4 * (u() < 0.1 ? -0 : 1));
        const m = Float64Array.from({ length: count }, () => (u() - 0.5) * 0.1);
        const v = Float64Array.from({ length: count }, () => u() * 0.01);
        f.set(w, W); f.set(m, M); f.set(v, V);
        const lr = 0.003, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        for (let t = 1; t <= 3; t++) {
          const g = Float64Array.from({ length: count }, () => (u() - 0.5) * (u() < 0.2 ? 1e-9 : 2));
          f.set(g, G);
          const root = Math.sqrt(1 - b2 ** t);
          const a = (lr * root) / (1 - b1 ** t), epsHat = eps * root;
          const slots = [a, lrDecay, b1, 1 - b1, b2, 1 - b2, epsHat];
          expect(slots.length).toBe(ADAM_SLOTS.count);
          f.set(slots, C);
          const before = f.slice(W, W + count);
          // Odd steps read (M, V) and write (M2, V2); even steps the other way round, as the rule does.
          const [mIn, vIn, mOut, vOut] = t % 2 === 1 ? [M, V, M2, V2] : [M2, V2, M, V];
          expect(k.adam(W * 8, G * 8, mIn * 8, vIn * 8, mOut * 8, vOut * 8, S * 8, count, C * 8)).toBe(reference(w, g, m, v, a, lrDecay, b1, b2, epsHat, false));
          reference(w, g, m, v, a, lrDecay, b1, b2, epsHat, true);
          const at = `count ${count}, decay ${lrDecay}, t ${t}`;
          expect(bits(f.subarray(W, W + count)), `w ${at}`).toEqual(bits(w));
          expect(bits(f.subarray(mOut, mOut + count)), `m ${at}`).toEqual(bits(m));
          expect(bits(f.subarray(vOut, vOut + count)), `v ${at}`).toEqual(bits(v));
          expect(bits(f.subarray(S, S + count)), `saved ${at}`).toEqual(bits(before));
        }
      }
    }
  });

  it('a θ or v that is not finite: its index, and w, m and v as they were', () => {
    const k = make();
    const f = k.f64;
    const count = 37;
    const W = 0, G = 40, M = 80, V = 120, C = 160, M2 = 200, V2 = 240, S = 280;
    f.set([1e-3, 0, 0.9, 1 - 0.9, 0.999, 1 - 0.999, 1e-8], C);
    for (const [at, what] of [[0, Infinity], [5, NaN], [17, 1e200], [36, -Infinity], [2, 'w'], [15, NaN], [31, 'w'], [8, Infinity], [33, 1e200]] as const) {
      for (let i = 0; i < count; i++) { f[W + i] = 0.5 + i; f[G + i] = 0.1; f[M + i] = 0.01 * i; f[V + i] = 0.001; }
      if (what === 'w') f[W + at] = Infinity; else f[G + at] = what; // 1e200² overflows v
      const before = bits(f.subarray(0, C + ADAM_SLOTS.count));
      expect(k.adam(W * 8, G * 8, M * 8, V * 8, M2 * 8, V2 * 8, S * 8, count, C * 8), `${what} at ${at}`).toBe(at);
      expect(bits(f.subarray(0, C + ADAM_SLOTS.count)), `${what} at ${at}: w, g, m, v and the constants`).toEqual(before);
    }
  });
});
