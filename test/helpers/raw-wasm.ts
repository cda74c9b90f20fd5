import type { Kernels } from '../../src/kernels/types.js';
import { WASM_KERNELS_BASE64 } from '../../src/kernels/wasm-binary.js';

/**
 * The exports of a fresh instance of the kernels' module on `memory`, called directly: no dispatch
 * to TypeScript for tiny sizes, as `wasmKernels` does. `f64` covers the caller's part of the memory
 * (the bytes it had before the module grew it for its packing reserve).
 */
export function rawKernels(memory: WebAssembly.Memory, name = 'raw wasm'): Kernels {
  const module = new WebAssembly.Module(Buffer.from(WASM_KERNELS_BASE64, 'base64'));
  const callerWords = memory.buffer.byteLength / 8;
  const e = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Omit<Kernels, 'name' | 'f64'>;
  return {
    name,
    get f64() {
      return new Float64Array(memory.buffer, 0, callerWords);
    },
    gemm: e.gemm,
    gemmTA: e.gemmTA,
    gemmTB: e.gemmTB,
    gemmTBRelu: e.gemmTBRelu,
    addRows: e.addRows,
    relu: e.relu,
    biasAct: e.biasAct,
    colSums: e.colSums,
    sgdCheck: e.sgdCheck,
    sgd: e.sgd,
  };
}
