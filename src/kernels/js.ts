import type { Kernels } from './types.js';

/**
 * The plain TypeScript kernels: the reference for the WebAssembly ones, the fallback where
 * WebAssembly SIMD is missing, and the faster choice for tiny products (no call boundary).
 * `memory` is an ArrayBuffer, or a wasm Memory's buffer; pointers are byte offsets into it.
 */
export function jsKernels(memory: ArrayBufferLike): Kernels {
  const h = new Float64Array(memory);
  return {
    name: 'js',
    f64: h,

    gemm(a, b, c, n, k, m) {
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
    },

    gemmTA(a, b, c, k, n, m, div) {
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
    },

    gemmTB(a, b, c, n, k, m) {
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
    },

    gemmTBRelu(a, b, z, c, n, k, m) {
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
    },

    addRows(c, bias, n, m) {
      c >>= 3; bias >>= 3;
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) h[c + i * m + j]! += h[bias + j]!;
    },

    relu(z, x, count) {
      z >>= 3; x >>= 3;
      for (let i = 0; i < count; i++) {
        const v = h[z + i]!;
        h[x + i] = v > 0 ? v : 0;
      }
    },

    colSums(d, out, n, m, div) {
      d >>= 3; out >>= 3;
      for (let j = 0; j < m; j++) h[out + j] = h[d + j]!;
      for (let i = 1; i < n; i++) for (let j = 0; j < m; j++) h[out + j]! += h[d + i * m + j]!;
      for (let j = 0; j < m; j++) h[out + j]! /= div;
    },

    sgdCheck(w, g, lr, count) {
      w >>= 3; g >>= 3;
      for (let i = 0; i < count; i++) if (!Number.isFinite(h[w + i]! - lr * h[g + i]!)) return i;
      return -1;
    },

    sgd(w, g, lr, count) {
      w >>= 3; g >>= 3;
      for (let i = 0; i < count; i++) h[w + i]! -= lr * h[g + i]!;
    },
  };
}
