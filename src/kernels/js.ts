import { gemm, gemmTA, gemmTB, scale, SMALL, smallGemm, smallGemmTA, smallGemmTB } from './js-products.js';
import type { Kernels } from './types.js';
import * as u from './js-updates.js';

/**
 * The plain TypeScript kernels: the reference for the WebAssembly ones, the fallback where
 * WebAssembly SIMD is missing, and the faster choice for tiny products (no call boundary).
 * `memory` is an ArrayBuffer, or a wasm Memory's buffer; pointers are byte offsets into it. The
 * products are register-tiled (js-products.ts); the elementwise kernels are plain loops.
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

  // The products: tiled (js-products.ts), or, below SMALL multiply-adds, plain loops (decided here,
  // so that a tiny product costs one call, not three).
  gemm(a: number, b: number, c: number, n: number, k: number, m: number): void {
    if (n * k * m < SMALL) smallGemm(this.f64, a >> 3, b >> 3, c >> 3, n, k, m);
    else gemm(this.f64, a >> 3, b >> 3, c >> 3, n, k, m);
  }

  gemmTA(a: number, b: number, c: number, k: number, n: number, m: number, div: number): void {
    if (n * k * m < SMALL) {
      smallGemmTA(this.f64, a >> 3, b >> 3, c >> 3, k, n, m);
      scale(this.f64, c >> 3, n * m, div);
    } else gemmTA(this.f64, a >> 3, b >> 3, c >> 3, k, n, m, div);
  }

  gemmTB(a: number, b: number, c: number, n: number, k: number, m: number): void {
    if (n * k * m < SMALL) smallGemmTB(this.f64, a >> 3, b >> 3, -1, c >> 3, n, k, m);
    else gemmTB(this.f64, a >> 3, b >> 3, -1, c >> 3, n, k, m);
  }

  gemmTBRelu(a: number, b: number, z: number, c: number, n: number, k: number, m: number): void {
    if (n * k * m < SMALL) smallGemmTB(this.f64, a >> 3, b >> 3, z >> 3, c >> 3, n, k, m);
    else gemmTB(this.f64, a >> 3, b >> 3, z >> 3, c >> 3, n, k, m);
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

  biasAct(z: number, bias: number, x: number, n: number, m: number, flags: number): number {
    const h = this.f64;
    z >>= 3; bias >>= 3; x >>= 3;
    const addBias = (flags & 1) !== 0;
    const relu = (flags & 2) !== 0;
    for (let i = 0; i < n; i++) {
      let s = 0; // Σ (v − v): +0 while every v is finite, NaN from the first that is not
      for (let j = 0; j < m; j++) {
        let v = h[z + i * m + j]!;
        if (addBias) v += h[bias + j]!;
        s += v - v;
        h[x + i * m + j] = relu ? (v > 0 ? v : 0) : v;
      }
      if (s !== s) return i;
    }
    return -1;
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

  // The update rules and the elementwise steps around them (js-updates.ts).
  adam(w: number, g: number, m: number, v: number, mOut: number, vOut: number, saved: number, count: number, c: number): number {
    return u.adam(this.f64, w >> 3, g >> 3, m >> 3, v >> 3, mOut >> 3, vOut >> 3, saved >> 3, count, c >> 3);
  }

  momentumCheck(w: number, g: number, v: number, count: number, c: number): number {
    return u.momentumCheck(this.f64, w >> 3, g >> 3, v >> 3, count, c >> 3);
  }

  momentum(w: number, g: number, v: number, count: number, c: number): void {
    u.momentum(this.f64, w >> 3, g >> 3, v >> 3, count, c >> 3);
  }

  addScaled(y: number, x: number, alphaAt: number, count: number): void {
    u.addScaled(this.f64, y >> 3, x >> 3, alphaAt >> 3, count);
  }

  sumSquares(x: number, count: number, outAt: number): void {
    u.sumSquares(this.f64, x >> 3, count, outAt >> 3);
  }

  scale(x: number, count: number, sAt: number): void {
    u.scale(this.f64, x >> 3, count, sAt >> 3);
  }

  multiply(x: number, y: number, count: number): void {
    u.multiply(this.f64, x >> 3, y >> 3, count);
  }

  dropout(a: number, mask: number, x: number, count: number, c: number): void {
    u.dropout(this.f64, a >> 3, mask >> 3, x >> 3, count, c >> 3);
  }
}
