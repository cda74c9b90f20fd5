import type { Kernels } from './types.js';

/**
 * The plain TypeScript kernels: the reference for the WebAssembly ones, the fallback where
 * WebAssembly SIMD is missing, and the faster choice for tiny products (no call boundary).
 * `memory` is an ArrayBuffer, or a wasm Memory's buffer; pointers are byte offsets into it.
 *
 * A class, not an object of closures: every instance shares the same method functions, so the
 * engine's call sites stay monomorphic (and inlinable) however many workspaces exist.
 */
export function jsKernels(memory: ArrayBufferLike): Kernels {
  return new JsKernels(memory);
}

class JsKernels implements Kernels {
  readonly name = 'js';
  readonly f64: Float64Array;

  constructor(memory: ArrayBufferLike) {
    this.f64 = new Float64Array(memory);
  }

  gemm(a: number, b: number, c: number, n: number, k: number, m: number): void {
    const h = this.f64;
    a >>= 3; b >>= 3; c >>= 3;
    for (let i = 0; i < n; i++) {
      const ci = c + i * m;
      const ai = a + i * k;
      // The p = 0 term initialises the row (no separate zero fill: it costs more than the work on tiny nets).
      const ai0 = h[ai]!;
      for (let j = 0; j < m; j++) h[ci + j] = ai0 * h[b + j]!;
      for (let p = 1; p < k; p++) {
        const aip = h[ai + p]!;
        const bp = b + p * m;
        for (let j = 0; j < m; j++) h[ci + j]! += aip * h[bp + j]!;
      }
    }
  }

  gemmTA(a: number, b: number, c: number, k: number, n: number, m: number, div: number): void {
    const h = this.f64;
    a >>= 3; b >>= 3; c >>= 3;
    for (let i = 0; i < n; i++) {
      const a0i = h[a + i]!;
      const ci = c + i * m;
      for (let j = 0; j < m; j++) h[ci + j] = a0i * h[b + j]!;
    }
    for (let p = 1; p < k; p++) {
      const ap = a + p * n;
      const bp = b + p * m;
      for (let i = 0; i < n; i++) {
        const api = h[ap + i]!;
        const ci = c + i * m;
        for (let j = 0; j < m; j++) h[ci + j]! += api * h[bp + j]!;
      }
    }
    for (let i = c; i < c + n * m; i++) h[i]! /= div;
  }

  gemmTB(a: number, b: number, c: number, n: number, k: number, m: number): void {
    const h = this.f64;
    a >>= 3; b >>= 3; c >>= 3;
    for (let i = 0; i < n; i++) {
      const ai = a + i * k;
      for (let j = 0; j < m; j++) {
        const bj = b + j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += h[ai + p]! * h[bj + p]!;
        h[c + i * m + j] = s;
      }
    }
  }

  gemmTBRelu(a: number, b: number, z: number, c: number, n: number, k: number, m: number): void {
    const h = this.f64;
    a >>= 3; b >>= 3; z >>= 3; c >>= 3;
    for (let i = 0; i < n; i++) {
      const ai = a + i * k;
      for (let j = 0; j < m; j++) {
        if (!(h[z + i * m + j]! > 0)) {
          h[c + i * m + j] = 0;
          continue;
        }
        const bj = b + j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += h[ai + p]! * h[bj + p]!;
        h[c + i * m + j] = s;
      }
    }
  }

  addRows(c: number, bias: number, n: number, m: number): void {
    const h = this.f64;
    c >>= 3; bias >>= 3;
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) h[c + i * m + j]! += h[bias + j]!;
  }

  relu(z: number, x: number, count: number): void {
    const h = this.f64;
    z >>= 3; x >>= 3;
    for (let i = 0; i < count; i++) {
      const v = h[z + i]!;
      h[x + i] = v > 0 ? v : 0;
    }
  }

  colSums(d: number, out: number, n: number, m: number, div: number): void {
    const h = this.f64;
    d >>= 3; out >>= 3;
    for (let j = 0; j < m; j++) h[out + j] = h[d + j]!;
    for (let i = 1; i < n; i++) for (let j = 0; j < m; j++) h[out + j]! += h[d + i * m + j]!;
    for (let j = 0; j < m; j++) h[out + j]! /= div;
  }

  sgdCheck(w: number, g: number, lrAt: number, count: number): number {
    const h = this.f64;
    const lr = h[lrAt >> 3]!;
    w >>= 3; g >>= 3;
    for (let i = 0; i < count; i++) if (!Number.isFinite(h[w + i]! - lr * h[g + i]!)) return i;
    return -1;
  }

  sgd(w: number, g: number, lrAt: number, count: number): void {
    const h = this.f64;
    const lr = h[lrAt >> 3]!;
    w >>= 3; g >>= 3;
    for (let i = 0; i < count; i++) h[w + i]! -= lr * h[g + i]!;
  }
}
