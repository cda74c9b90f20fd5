import { decodeBase64 } from '../kernels/base64.js';
import { wasmSimdSupported } from '../kernels/wasm.js';
import { WASM_F32_BASE64 } from './wasm32-binary.js';

/**
 * The float32 layer kernels of the frozen predictor, over one memory (addresses in bytes, sizes in
 * floats). The layouts and the meaning of each call are assembly/f32/forward.ts's:
 *
 *   layer            Y (n×kp) = act(X (n×m) · W + b): X and Y in row tiles (4 rows, column by
 *                    column: entry (r, c) at ((r >> 2)·width + c)·4 + (r & 3) floats), the buffers
 *                    holding ⌈n/4⌉ whole tiles (padding rows are computed or not, and never read); W packed in column panels of 8 (p-major); b kp floats, or 0 for none;
 *                    act 0 linear, 1 relu, 2 leaky ReLU (slope), 3 softsign
 *   narrow           the same for a layer of k ≤ 4 outputs, W p-major unpadded (W[p][c] at p·k + c),
 *                    b k floats or none, Y k wide
 *   tanhInPlace      a ← tanh(a), count floats
 *   sigmoidInPlace   a ← σ(a), count floats
 *   pack             n rows of float64 X (row-major, m per row) into float32 row tiles, zero rows up to
 *                    the tile; the index of the first entry not finite in float32, or −1
 */
export interface Kernels32 {
  readonly name: 'wasm-simd' | 'js';
  /** The first byte the host may use (the wasm module's static data lies below it); a multiple of 16. */
  readonly base: number;
  /** Makes the memory at least `bytes` bytes long (keeping its contents). */
  reserve(bytes: number): void;
  /** The memory as floats (made again after the memory grows). */
  readonly f32: Float32Array;
  layer(x: number, w: number, b: number, y: number, n: number, m: number, kp: number, act: number, slope: number): void;
  narrow(x: number, w: number, b: number, y: number, n: number, m: number, k: number, act: number, slope: number): void;
  tanhInPlace(a: number, count: number): void;
  sigmoidInPlace(a: number, count: number): void;
  pack(src: number, dst: number, n: number, m: number): number;
  /** The memory as float64 (made again after the memory grows). */
  readonly f64: Float64Array;
}

/** The activation codes of `layer` (tanh and sigmoid are applied in place after it). */
export const ACT = { linear: 0, relu: 1, leakyRelu: 2, softsign: 3, tanh: 4, sigmoid: 5 } as const;

type Exports32 = Pick<Kernels32, 'layer' | 'narrow' | 'tanhInPlace' | 'sigmoidInPlace' | 'pack'> & { dataEnd(): number };

let compiled: WebAssembly.Module | undefined;

/** The float32 f32x4 kernels over a fresh WebAssembly.Memory of their own (throws where the engine cannot compile them). */
export function wasmKernels32(): Kernels32 {
  if (!wasmSimdSupported()) throw new Error('this engine has no WebAssembly SIMD');
  compiled ??= new WebAssembly.Module(decodeBase64(WASM_F32_BASE64));
  const memory = new WebAssembly.Memory({ initial: 1 });
  const exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as Exports32;
  return new WasmKernels32(memory, exports);
}

/** A class, so every predictor shares the same methods and the call sites stay monomorphic. */
class WasmKernels32 implements Kernels32 {
  readonly name = 'wasm-simd';
  readonly base: number;
  private view: Float32Array;
  private view64: Float64Array;
  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly x: Exports32,
  ) {
    this.view = new Float32Array(memory.buffer);
    this.view64 = new Float64Array(memory.buffer);
    this.base = (x.dataEnd() + 15) & ~15;
  }

  get f64(): Float64Array {
    if (this.view64.length === 0) this.view64 = new Float64Array(this.memory.buffer);
    return this.view64;
  }

  pack(src: number, dst: number, n: number, m: number): number {
    return this.x.pack(src, dst, n, m);
  }

  reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
  }

  get f32(): Float32Array {
    if (this.view.length === 0) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  layer(x: number, w: number, b: number, y: number, n: number, m: number, kp: number, act: number, slope: number): void {
    this.x.layer(x, w, b, y, n, m, kp, act, slope);
  }

  narrow(x: number, w: number, b: number, y: number, n: number, m: number, k: number, act: number, slope: number): void {
    this.x.narrow(x, w, b, y, n, m, k, act, slope);
  }

  tanhInPlace(a: number, count: number): void {
    this.x.tanhInPlace(a, count);
  }

  sigmoidInPlace(a: number, count: number): void {
    this.x.sigmoidInPlace(a, count);
  }
}

/**
 * The plain TypeScript kernels over a Float32Array of their own, for engines without WebAssembly
 * SIMD (or `TYPED_MLP_KERNELS=js`). Same layouts and calls as the wasm kernels; each output is
 * accumulated in float64 (JavaScript numbers, from the bias, in ascending p) and rounded to float32
 * once, when it is stored, so this path is at least as close to the float64 network.
 */
export function jsKernels32(): Kernels32 {
  return new JsKernels32();
}

class JsKernels32 implements Kernels32 {
  readonly name = 'js';
  readonly base = 16;
  f32 = new Float32Array(4);
  f64 = new Float64Array(this.f32.buffer, 0, 2);
  private readonly acc = new Float64Array(8);

  reserve(bytes: number): void {
    if (bytes > this.f32.byteLength) {
      const grown = new Float32Array(Math.ceil(bytes / 8) * 2);
      grown.set(this.f32);
      this.f32 = grown;
      this.f64 = new Float64Array(grown.buffer);
    }
  }

  pack(src: number, dst: number, n: number, m: number): number {
    const f = this.f32;
    const d = this.f64;
    src >>= 3;
    dst >>= 2;
    const n4 = (n + 3) & ~3;
    for (let i = 0; i < n4; i++) {
      const to = dst + (i >> 2) * m * 4 + (i & 3);
      for (let p = 0; p < m; p++) {
        const s = i < n ? Math.fround(d[src + i * m + p]!) : 0;
        if (s - s !== 0) return i * m + p;
        f[to + 4 * p] = s;
      }
    }
    return -1;
  }

  layer(x: number, w: number, b: number, y: number, n: number, m: number, kp: number, act: number, slope: number): void {
    const f = this.f32;
    const acc = this.acc;
    x >>= 2;
    w >>= 2;
    b >>= 2;
    y >>= 2;
    for (let i = 0; i < n; i++) {
      const xi = x + (i >> 2) * m * 4 + (i & 3); //   row i's column p is at xi + 4p
      const yi = y + (i >> 2) * kp * 4 + (i & 3);
      for (let j = 0; j < kp; j += 8) {
        for (let c = 0; c < 8; c++) acc[c] = b === 0 ? 0 : f[b + j + c]!;
        const wp = w + (j >> 3) * m * 8;
        for (let p = 0; p < m; p++) {
          const v = f[xi + 4 * p]!;
          const wq = wp + p * 8;
          for (let c = 0; c < 8; c++) acc[c] = acc[c]! + v * f[wq + c]!;
        }
        for (let c = 0; c < 8; c++) {
          f[yi + 4 * (j + c)] = activate(acc[c]!, act, slope);
        }
      }
    }
  }

  narrow(x: number, w: number, b: number, y: number, n: number, m: number, k: number, act: number, slope: number): void {
    const f = this.f32;
    x >>= 2;
    w >>= 2;
    b >>= 2;
    y >>= 2;
    for (let i = 0; i < n; i++) {
      const xi = x + (i >> 2) * m * 4 + (i & 3);
      const yi = y + (i >> 2) * k * 4 + (i & 3);
      for (let c = 0; c < k; c++) {
        let z = b === 0 ? 0 : f[b + c]!;
        for (let p = 0; p < m; p++) z += f[xi + 4 * p]! * f[w + p * k + c]!;
        f[yi + 4 * c] = activate(z, act, slope);
      }
    }
  }

  tanhInPlace(a: number, count: number): void {
    const f = this.f32;
    a >>= 2;
    for (let i = 0; i < count; i++) f[a + i] = Math.tanh(f[a + i]!);
  }

  sigmoidInPlace(a: number, count: number): void {
    const f = this.f32;
    a >>= 2;
    for (let i = 0; i < count; i++) {
      const v = f[a + i]!;
      const e = Math.exp(-Math.abs(v));
      f[a + i] = v >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
  }
}

/** The fused activations of `layer` and `narrow` for one number (act as in ACT; tanh and sigmoid come after). */
function activate(z: number, act: number, slope: number): number {
  return act === 1 ? (z > 0 || z !== z ? z : 0) : act === 2 ? (z > 0 ? z : slope * z) : act === 3 ? z / (1 + Math.abs(z)) : z;
}
