import { describe, expect, it } from 'vitest';
import { jsKernels } from '../src/kernels/js.js';
import { DROPOUT_SLOTS, MOMENTUM_SLOTS, type Kernels } from '../src/kernels/types.js';
import { wasmKernels, wasmSimdSupported } from '../src/kernels/wasm.js';
import { mulberry32 } from '../src/random.js';

/**
 * The kernels of the update and around it (momentum, coupled decay, clipping's sum of squares and
 * scale, dropout's mask and its backward product) on both backends, against each formula written
 * out here on plain arrays: bit for bit, every count 0…40 (the SIMD bodies, their tails and the
 * calls below the wasm dispatch threshold), at odd word offsets.
 */
const PAGE = 65536;
const backends: [string, () => Kernels][] = [
  ['js', () => jsKernels(new ArrayBuffer(PAGE))],
  ...(wasmSimdSupported() ? [['wasm', () => wasmKernels(new WebAssembly.Memory({ initial: 1 }))] as [string, () => Kernels]] : []),
];
const COUNTS = Array.from({ length: 41 }, (_, i) => i);
// Word offsets of the blocks (odd: rows may start at any 8-byte offset).
const X = 1, Y = X + 65, Z = Y + 63, C = Z + 67;

const bits = (a: ArrayLike<number>) => Array.from(Float64Array.from(a), (x) => new BigUint64Array(Float64Array.of(x).buffer)[0]!.toString(16));
const randoms = (u: () => number, count: number, scale = 2) => Float64Array.from({ length: count }, () => (u() - 0.5) * scale);

describe.each(backends)('update kernels (%s) agree bit for bit with their formulas', (_name, make) => {
  it('momentum: v ← μ·v + g, θ ← θ − lr·v; momentumCheck writes nothing', () => {
    const u = mulberry32(5);
    const k = make();
    const f = k.f64;
    for (const count of COUNTS) {
      const w = randoms(u, count), g = randoms(u, count), v = randoms(u, count, 0.1);
      const [lr, mu] = [0.03, 0.9];
      f.set(w, X); f.set(g, Y); f.set(v, Z); f.set([lr, mu], C);
      expect(MOMENTUM_SLOTS.count).toBe(2);
      const before = bits(f.subarray(0, C + 2));
      expect(k.momentumCheck(X * 8, Y * 8, Z * 8, count, C * 8)).toBe(-1);
      expect(bits(f.subarray(0, C + 2))).toEqual(before);
      k.momentum(X * 8, Y * 8, Z * 8, count, C * 8);
      for (let i = 0; i < count; i++) {
        v[i] = mu * v[i]! + g[i]!;
        w[i] = w[i]! - lr * v[i]!;
      }
      expect(bits(f.subarray(Z, Z + count)), `v, count ${count}`).toEqual(bits(v));
      expect(bits(f.subarray(X, X + count)), `θ, count ${count}`).toEqual(bits(w));
    }
  });

  it('momentumCheck returns the first v or θ that is not finite, wherever it is in a block of eight', () => {
    const k = make();
    const f = k.f64;
    const count = 37;
    for (const [at, what] of [[0, Infinity], [5, NaN], [7, 'v'], [16, 1e308], [31, -Infinity], [36, NaN]] as const) {
      for (let i = 0; i < count; i++) { f[X + i] = 0.5; f[Y + i] = 0.1; f[Z + i] = 0; }
      f.set([1e10, 0.9], C); // lr·(1e308) overflows θ
      if (what === 'v') f[Z + at] = Infinity;
      else f[Y + at] = what;
      const before = bits(f.subarray(0, C + 2));
      expect(k.momentumCheck(X * 8, Y * 8, Z * 8, count, C * 8), `${what} at ${at}`).toBe(at);
      expect(bits(f.subarray(0, C + 2))).toEqual(before);
    }
  });

  it('addScaled (y ← y + α·x), scale (x ← x·s), multiply (x ← x ∘ y)', () => {
    const u = mulberry32(6);
    const k = make();
    const f = k.f64;
    for (const count of COUNTS) {
      const x = randoms(u, count), y = randoms(u, count);
      const [alpha, s] = [1e-3, 0.37];
      f.set(x, X); f.set(y, Y); f.set([alpha, s], C);
      k.addScaled(Y * 8, X * 8, C * 8, count);
      expect(bits(f.subarray(Y, Y + count)), `addScaled ${count}`).toEqual(bits(y.map((yi, i) => yi + alpha * x[i]!)));
      k.scale(X * 8, count, (C + 1) * 8);
      expect(bits(f.subarray(X, X + count)), `scale ${count}`).toEqual(bits(x.map((xi) => xi * s)));
      const y2 = f.slice(Y, Y + count);
      k.multiply(X * 8, Y * 8, count);
      expect(bits(f.subarray(X, X + count)), `multiply ${count}`).toEqual(bits(x.map((xi, i) => xi * s * y2[i]!)));
    }
  });

  it('sumSquares: four running sums by i mod 4, then (s0 + s2) + (s1 + s3)', () => {
    const u = mulberry32(7);
    const k = make();
    const f = k.f64;
    for (const count of COUNTS) {
      // Magnitudes from 1e-8 to 1e8, so that a different order of summation gives different bits.
      const x = Float64Array.from({ length: count }, () => (u() - 0.5) * 10 ** Math.floor(u() * 17 - 8));
      f.set(x, X);
      f[C] = NaN;
      k.sumSquares(X * 8, count, C * 8);
      const s = [0, 0, 0, 0];
      x.forEach((xi, i) => (s[i % 4] = s[i % 4]! + xi * xi));
      expect(bits([f[C]!]), `count ${count}`).toEqual(bits([s[0]! + s[2]! + (s[1]! + s[3]!)]));
    }
  });

  it('dropout: the mulberry32 stream, m = [u ≥ p]/(1 − p), x = a·m, and the stream moves on across calls', () => {
    const k = make();
    const f = k.f64;
    for (const p of [0.5, 0.1, 0.9]) {
      const seed = 12345;
      const stream = mulberry32(seed);
      f.set([p, 1 / (1 - p), seed], C);
      expect(DROPOUT_SLOTS.count).toBe(3);
      for (const count of COUNTS) {
        const a = Float64Array.from({ length: count }, (_, i) => i - 7.5);
        f.set(a, X);
        k.dropout(X * 8, Y * 8, Z * 8, count, C * 8);
        const m = a.map(() => (stream() < p ? 0 : 1 / (1 - p)));
        expect(bits(f.subarray(Y, Y + count)), `mask, p ${p}, count ${count}`).toEqual(bits(m));
        expect(bits(f.subarray(Z, Z + count)), `x, p ${p}, count ${count}`).toEqual(bits(a.map((ai, i) => ai * m[i]!)));
      }
    }
  });
});
