import { decodeBase64 } from './base64.js';
import { jsKernels } from './js.js';
import type { Kernels } from './types.js';
import { WASM_KERNELS_BASE64 } from './wasm-binary.js';

/**
 * The WebAssembly SIMD kernels: the module built from `assembly/kernels.ts` (f64x2, no fused
 * multiply-add), embedded as base64 in `wasm-binary.ts` and instantiated over the caller's Memory.
 */

/**
 * The exports of the kernel module (see assembly/kernels.ts): the Kernels methods, minus `name`/`f64`,
 * and the matrix-vector (m = 1) and outer (k = 1) products, which the products below call directly.
 */
type KernelExports = Omit<Kernels, 'name' | 'f64'> & {
  gemv(a: number, b: number, c: number, n: number, k: number): void;
  gemvTA(a: number, b: number, c: number, k: number, n: number, div: number): void;
  outer(a: number, b: number, c: number, n: number, m: number): void;
  outerRelu(a: number, b: number, z: number, c: number, n: number, m: number): void;
};

/**
 * Below these sizes a kernel call goes to the plain TypeScript kernels over the same memory, because
 * crossing into wasm would cost more than the work. How they were chosen: each kernel timed in a
 * loop of direct calls (Node 20, x64, warmed up, best of 5), the module's export against jsKernels
 * on the same data, over a ladder of sizes. Results, wasm ns / TypeScript ns per call:
 *   gemm        1×1×1: 10/8   1×2×2: 19/17   2×2×2: 23/31   2×4×4: 24/96   8×8×8: 109/1410
 *   gemmTA      1×1×1: 12/11  1×2×2: 22/23   2×2×2: 28/37   8×8×8: 151/1583
 *   gemmTB(Relu) alike (2×2×2: 20/41, 25/32);  relu 4: 9/8, 8: 9/14, 64: 25/115
 *   sgd, sgdCheck, addRows, colSums: 4 elements 10/9 … 11/15, 8: 11/16 … 12/24.
 * The JS→wasm call costs about 8–10 ns, the TypeScript loops about 2 ns per multiply-add and
 * 1–2 ns per element, so wasm is ahead from very small sizes on. Hence: products go to TypeScript
 * when n·k·m < 8, elementwise kernels when the element count is < 8 (below that the two are within
 * a few nanoseconds either way, and TypeScript is usually the faster).
 */
const PRODUCT_MIN = 8;
const ELEMENTS_MIN = 8;

/** The dispatch thresholds above, for tests: `product` is n·k·m, `elements` the element count. */
export const WASM_PLAIN_BELOW = { product: PRODUCT_MIN, elements: ELEMENTS_MIN } as const;

// A minimal module whose one function uses v128 (f64x2.splat, f64x2.add): it validates only where
// the engine implements WebAssembly SIMD.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, // magic, version
  1, 5, 1, 96, 0, 1, 123, // type section: () → v128
  3, 2, 1, 0, // function section: one function of type 0
  10, 29, 1, 27, 0, // code section: one body of 27 bytes, no locals
  68, 0, 0, 0, 0, 0, 0, 0, 0, 253, 20, // f64.const 0, f64x2.splat
  68, 0, 0, 0, 0, 0, 0, 0, 0, 253, 20, // f64.const 0, f64x2.splat
  253, 240, 1, 11, // f64x2.add, end
]);

let simdSupported: boolean | undefined;

/** Whether this engine runs WebAssembly SIMD (128-bit), decided once per process. */
export function wasmSimdSupported(): boolean {
  if (simdSupported === undefined) {
    try {
      simdSupported = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
    } catch {
      simdSupported = false;
    }
  }
  return simdSupported;
}

let compiled: WebAssembly.Module | undefined;

/** The compiled kernel module, compiled on first use and shared by every instance. */
function kernelModule(): WebAssembly.Module {
  if (compiled === undefined) {
    if (!wasmSimdSupported()) throw new Error('WebAssembly SIMD is not supported by this engine');
    compiled = new WebAssembly.Module(decodeBase64(WASM_KERNELS_BASE64));
  }
  return compiled;
}

/**
 * The WebAssembly SIMD kernels over `memory` (which the caller creates and owns; pointers are byte
 * offsets into it). Instantiation is synchronous. Tiny calls run the plain TypeScript kernels over
 * the same memory (see PRODUCT_MIN), so both paths see the same data.
 *
 * Instantiating the module grows `memory` once, by the kernels' packing reserve (about 1 MiB of
 * address space, committed only when a large product first packs into it; assembly/packed.ts).
 * The reserve lies above the caller's bytes and is the kernels' own: `f64` covers only the
 * caller's part, the bytes the memory had before.
 */
export function wasmKernels(memory: WebAssembly.Memory): Kernels {
  const callerBytes = memory.buffer.byteLength;
  const exports = new WebAssembly.Instance(kernelModule(), { env: { memory } }).exports as unknown as KernelExports;
  return new WasmKernels(memory, exports, callerBytes >> 3);
}

/**
 * A class, not an object of closures, so every instance shares the same method functions and the
 * engine's call sites stay monomorphic however many workspaces exist.
 */
class WasmKernels implements Kernels {
  readonly name = 'wasm-simd';
  // Views of memory.buffer. When the memory grows, its old ArrayBuffer is detached (length 0), so a
  // zero length means: make them again over the new buffer. `view` ends where the caller's bytes
  // end (the kernels' packing reserve follows them).
  private view: Float64Array;
  private plainKernels: Kernels;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly x: KernelExports,
    private readonly words: number,
  ) {
    this.view = new Float64Array(memory.buffer, 0, words);
    this.plainKernels = jsKernels(memory.buffer);
  }

  get f64(): Float64Array {
    if (this.view.length === 0) this.view = new Float64Array(this.memory.buffer, 0, this.words);
    return this.view;
  }

  private get plain(): Kernels {
    if (this.plainKernels.f64.length === 0) this.plainKernels = jsKernels(this.memory.buffer);
    return this.plainKernels;
  }

  // m = 1 and k = 1 go to their own exports (the module's products would compute them the same way):
  // see assembly/kernels.ts for why they are functions of their own.
  gemm(a: number, b: number, c: number, n: number, k: number, m: number): void {
    if (n * k * m < PRODUCT_MIN) this.plain.gemm(a, b, c, n, k, m);
    else if (m === 1) this.x.gemv(a, b, c, n, k);
    else this.x.gemm(a, b, c, n, k, m);
  }

  gemmTA(a: number, b: number, c: number, k: number, n: number, m: number, div: number): void {
    if (n * k * m < PRODUCT_MIN) this.plain.gemmTA(a, b, c, k, n, m, div);
    else if (m === 1) this.x.gemvTA(a, b, c, k, n, div);
    else this.x.gemmTA(a, b, c, k, n, m, div);
  }

  gemmTB(a: number, b: number, c: number, n: number, k: number, m: number): void {
    if (n * k * m < PRODUCT_MIN) this.plain.gemmTB(a, b, c, n, k, m);
    else if (k === 1) this.x.outer(a, b, c, n, m);
    else this.x.gemmTB(a, b, c, n, k, m);
  }

  gemmTBRelu(a: number, b: number, z: number, c: number, n: number, k: number, m: number): void {
    if (n * k * m < PRODUCT_MIN) this.plain.gemmTBRelu(a, b, z, c, n, k, m);
    else if (k === 1) this.x.outerRelu(a, b, z, c, n, m);
    else this.x.gemmTBRelu(a, b, z, c, n, k, m);
  }

  addRows(c: number, bias: number, n: number, m: number): void {
    if (n * m < ELEMENTS_MIN) this.plain.addRows(c, bias, n, m);
    else this.x.addRows(c, bias, n, m);
  }

  relu(z: number, x: number, count: number): void {
    if (count < ELEMENTS_MIN) this.plain.relu(z, x, count);
    else this.x.relu(z, x, count);
  }

  biasAct(z: number, bias: number, x: number, n: number, m: number, flags: number): number {
    return n * m < ELEMENTS_MIN ? this.plain.biasAct(z, bias, x, n, m, flags) : this.x.biasAct(z, bias, x, n, m, flags);
  }

  colSums(d: number, out: number, n: number, m: number, div: number): void {
    if (n * m < ELEMENTS_MIN) this.plain.colSums(d, out, n, m, div);
    else this.x.colSums(d, out, n, m, div);
  }

  sgdCheck(w: number, g: number, lrAt: number, count: number): number {
    return count < ELEMENTS_MIN ? this.plain.sgdCheck(w, g, lrAt, count) : this.x.sgdCheck(w, g, lrAt, count);
  }

  sgd(w: number, g: number, lrAt: number, count: number): void {
    if (count < ELEMENTS_MIN) this.plain.sgd(w, g, lrAt, count);
    else this.x.sgd(w, g, lrAt, count);
  }

  adam(w: number, g: number, m: number, v: number, mOut: number, vOut: number, saved: number, count: number, c: number): number {
    return count < ELEMENTS_MIN ? this.plain.adam(w, g, m, v, mOut, vOut, saved, count, c) : this.x.adam(w, g, m, v, mOut, vOut, saved, count, c);
  }

  momentumCheck(w: number, g: number, v: number, count: number, c: number): number {
    return count < ELEMENTS_MIN ? this.plain.momentumCheck(w, g, v, count, c) : this.x.momentumCheck(w, g, v, count, c);
  }

  momentum(w: number, g: number, v: number, count: number, c: number): void {
    if (count < ELEMENTS_MIN) this.plain.momentum(w, g, v, count, c);
    else this.x.momentum(w, g, v, count, c);
  }

  addScaled(y: number, x: number, alphaAt: number, count: number): void {
    if (count < ELEMENTS_MIN) this.plain.addScaled(y, x, alphaAt, count);
    else this.x.addScaled(y, x, alphaAt, count);
  }

  sumSquares(x: number, count: number, outAt: number): void {
    if (count < ELEMENTS_MIN) this.plain.sumSquares(x, count, outAt);
    else this.x.sumSquares(x, count, outAt);
  }

  scale(x: number, count: number, sAt: number): void {
    if (count < ELEMENTS_MIN) this.plain.scale(x, count, sAt);
    else this.x.scale(x, count, sAt);
  }

  multiply(x: number, y: number, count: number): void {
    if (count < ELEMENTS_MIN) this.plain.multiply(x, y, count);
    else this.x.multiply(x, y, count);
  }

  dropout(a: number, mask: number, x: number, count: number, c: number): void {
    if (count < ELEMENTS_MIN) this.plain.dropout(a, mask, x, count, c);
    else this.x.dropout(a, mask, x, count, c);
  }
}
