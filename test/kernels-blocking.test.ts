import { describe, expect, it } from 'vitest';
import { jsKernels } from '../src/kernels/js.js';
import type { Kernels } from '../src/kernels/types.js';
import { wasmKernels } from '../src/kernels/wasm.js';
import { mulberry32 } from '../src/random.js';
import { rawKernels } from './helpers/raw-wasm.js';

/**
 * The four products of both backends against an independent, naive reference (three nested loops
 * written here), on shapes at every edge of the blocking:
 *  - wasm, packed path (assembly/packed.ts): micro-tiles of 4×4 (sizes ≡ 1, 2, 3 mod 4 leave
 *    partial micro-panels), KC = 256 (k = 255, 256, 257, 513: one, two and three blocks of the sum,
 *    the last of 1 term), MC = 64 (n = 63, 64, 65, 129), NC = 512 (m = 511, 512, 513, 1025), and the
 *    dispatch to it (gemm/gemmTA from n ≥ 24, gemmTB from n, m ≥ 16, k ≥ 4);
 *  - wasm, direct path (assembly/direct.ts): tiles of 2 rows × 8/4/2/1 columns, its k-block of 48
 *    and column block of 512, m = 1 and k = 1;
 *  - plain TypeScript (js-products.ts): 2×4 tiles, 1–3 rows or columns left over, the k-block of 256.
 * Every run also checks that nothing but the output was written (guard words around it, and the
 * inputs unchanged), with rows starting at odd 8-byte offsets.
 *
 * Exactness: the reference sums each output in ascending p from the p = 0 product, as both
 * backends promise for gemm and gemmTA, and as js.ts and wasm's packed path do for gemmTB: those
 * must agree bit for bit (Object.is, so −0 and NaN count). wasm's direct gemmTB (few rows or
 * columns) sums even and odd p in two lanes: within 1e-12 of Σ|terms| there.
 */

const PAGE = 65536;


type Shape = readonly [n: number, k: number, m: number];
type Product = 'gemm' | 'gemmTA' | 'gemmTB' | 'gemmTBRelu' | 'gemmTBRelu, c = z';

/** The naive reference: c[i][j] = Σ_p A(i, p)·B(p, j), p ascending from the p = 0 product. */
function reference(kind: Product, A: Float64Array, B: Float64Array, Z: Float64Array, [n, k, m]: Shape, div: number): Float64Array {
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const a = kind === 'gemmTA' ? A[p * n + i]! : A[i * k + p]!;
        const b = kind === 'gemm' || kind === 'gemmTA' ? B[p * m + j]! : B[j * k + p]!;
        s = p === 0 ? a * b : s + a * b;
      }
      if (kind === 'gemmTA') s /= div;
      if (kind.startsWith('gemmTBRelu') && !(Z[i * m + j]! > 0)) s = 0;
      c[i * m + j] = s;
    }
  }
  return c;
}

/** Whether wasm sums this gemmTB in ascending p (packed path, or k = 1): the dispatch rule of assembly/kernels.ts. */
const wasmTBExact = ([n, k, m]: Shape, aliased: boolean) => k === 1 || (n >= 16 && m >= 16 && k >= 4 && !(aliased && k > 256));

const specials = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300, -1e-300];

function check(shape: Shape, seed: number, kinds: readonly Product[] = ['gemm', 'gemmTA', 'gemmTB', 'gemmTBRelu', 'gemmTBRelu, c = z']): void {
  const [n, k, m] = shape;
  const rand = mulberry32(seed);
  const value = (p: number) => (rand() < p ? specials[Math.floor(rand() * specials.length)]! : rand() * 2 - 1);
  // Operands at odd word offsets (rows start at 8-byte, not 16-byte, boundaries), guard words between.
  const GUARD = 3;
  const aAt = 1, bAt = aAt + n * k + GUARD, zAt = bAt + k * m + GUARD, cAt = zAt + n * m + GUARD;
  const words = cAt + n * m + GUARD;
  const pages = Math.ceil((words * 8) / PAGE);
  // Specials (±0, NaN, ±∞, huge, tiny) rarely enough that about one output in ten meets one: a NaN
  // everywhere would hide wrong sums (NaN is NaN whatever was added).
  const A = Float64Array.from({ length: n * k }, () => value(0.05 / k));
  const B = Float64Array.from({ length: k * m }, () => value(0.05 / k));
  const Z = Float64Array.from({ length: n * m }, () => value(0.3));
  const div = 1 + Math.floor(rand() * 40); // powers of two (multiplied by the reciprocal) and others
  const sets = kernelSets(pages);
  for (const kind of kinds) {
    const want = reference(kind, A, B, Z, shape, div);
    for (const kern of sets) {
      const f = kern.f64;
      f.fill(7.25, 0, words);
      f.set(A, aAt);
      f.set(B, bAt);
      f.set(Z, zAt);
      if (kind === 'gemmTBRelu, c = z') f.set(Z, cAt);
      const [a, b, z, c] = [aAt * 8, bAt * 8, zAt * 8, cAt * 8];
      if (kind === 'gemm') kern.gemm(a, b, c, n, k, m);
      else if (kind === 'gemmTA') kern.gemmTA(a, b, c, k, n, m, div);
      else if (kind === 'gemmTB') kern.gemmTB(a, b, c, n, k, m);
      else if (kind === 'gemmTBRelu') kern.gemmTBRelu(a, b, z, c, n, k, m);
      else kern.gemmTBRelu(a, b, c, c, n, k, m);
      const label = `${kern.name} ${kind} ${n}×${k}×${m}${kind === 'gemmTA' ? ` / ${div}` : ''}`;
      const got = kern.f64;
      const exact = kern.name === 'js' || kind === 'gemm' || kind === 'gemmTA' || wasmTBExact(shape, kind === 'gemmTBRelu, c = z');
      for (let e = 0; e < n * m; e++) {
        const g = got[cAt + e]!;
        const w = want[e]!;
        if (Object.is(g, w)) continue;
        const i = Math.floor(e / m);
        const j = e % m;
        let scale = 0;
        for (let p = 0; p < k; p++) scale += Math.abs(A[i * k + p]! * B[j * k + p]!);
        const within = !exact && (Math.abs(g - w) <= 1e-12 * Math.max(Math.abs(g), Math.abs(w), scale) || (Number.isNaN(g) && Number.isNaN(w)));
        if (!within) expect.fail(`${label}: c[${i}][${j}] is ${g}, reference ${w}${exact ? ' (expected bit-identical)' : ''}`);
      }
      // Nothing else written: the guards, and the inputs (z included, unless it is c).
      for (let w = 0; w < cAt; w++) {
        const expected = w >= aAt && w < aAt + n * k ? A[w - aAt]! : w >= bAt && w < bAt + k * m ? B[w - bAt]! : w >= zAt && w < zAt + n * m ? Z[w - zAt]! : 7.25;
        if (!Object.is(got[w], expected)) expect.fail(`${label}: word ${w} changed (${expected} → ${got[w]}), outside the output`);
      }
      for (let w = cAt + n * m; w < words; w++) if (got[w] !== 7.25) expect.fail(`${label}: guard word ${w} after the output changed to ${got[w]}`);
    }
  }
}

let cached: { pages: number; sets: Kernels[] } | undefined;

/** The three kernel sets, each over its own memory of at least `pages` pages (made again only when larger ones are needed). */
function kernelSets(pages: number): Kernels[] {
  if (cached === undefined || cached.pages < pages) {
    cached = {
      pages,
      sets: [jsKernels(new ArrayBuffer(pages * PAGE)), wasmKernels(new WebAssembly.Memory({ initial: pages })), rawKernels(new WebAssembly.Memory({ initial: pages }))],
    };
  }
  return cached.sets;
}

const SMALL = [1, 2, 3, 5, 7, 8, 9, 15, 16, 17];

describe('products against a naive reference, at every edge of the blocking (both backends)', () => {
  it('every n, k, m in {1, 2, 3, 5, 7, 8, 9, 15, 16, 17}: tile remainders, the dispatch thresholds, m = 1, k = 1', () => {
    let seed = 1;
    for (const n of SMALL) for (const k of SMALL) for (const m of SMALL) check([n, k, m], seed++);
  });

  it.each([
    // rows: the packed path's MR = 4 and MC = 64, the thresholds (16, 24), TypeScript's 2-row tiles
    [23, 40, 64], [24, 40, 64], [25, 40, 64], [63, 40, 33], [64, 40, 33], [65, 40, 33], [129, 20, 17],
    // the sum: the packed path's KC = 256, TypeScript's KB = 256, the direct path's 48
    [32, 255, 20], [32, 256, 20], [32, 257, 20], [17, 513, 18], [30, 47, 100], [30, 48, 100], [30, 49, 100], [26, 97, 130],
    // columns: the packed path's NR = 4 and NC = 512 (gemm packed from n ≥ 24, k·m ≥ 4096), the direct path's 512
    [24, 9, 511], [24, 9, 512], [25, 9, 513], [24, 8, 1024], [25, 9, 1025], [16, 6, 511], [16, 6, 512], [16, 6, 513],
    // non-square, k = 1, m = 1 at sizes that would be packed, and the training step's shapes
    [64, 1, 64], [70, 300, 1], [1, 300, 70], [2, 300, 70], [200, 4, 3], [3, 4, 200], [32, 64, 128], [32, 128, 128], [128, 32, 128],
    [65, 65, 65], [63, 63, 63],
  ] as Shape[])('%i×%i×%i', (n, k, m) => {
    check([n, k, m], n * 1_000_003 + k * 1009 + m);
  });

  it('gemmTBRelu with c = z past KC (the packed path would overwrite z with partial sums: the direct path takes it)', () => {
    check([20, 300, 20], 77, ['gemmTBRelu', 'gemmTBRelu, c = z']);
    check([20, 256, 20], 78, ['gemmTBRelu, c = z']);
  });
});
