import { jsKernels } from './js.js';
import type { Kernels } from './types.js';
import { wasmKernels, wasmSimdSupported } from './wasm.js';

/** Which kernel implementation new workspaces use. */
export type KernelBackend = 'wasm-simd' | 'js';

let chosen: KernelBackend | undefined;

/**
 * The backend in use: WebAssembly SIMD where the engine supports it, else plain TypeScript.
 * `TYPED_MLP_KERNELS=js` in the environment, or {@link setKernelBackend}, forces the plain path.
 *
 * @example
 * ```ts
 * kernelBackend(); // 'wasm-simd' on Node 20; 'js' when run with TYPED_MLP_KERNELS=js
 * ```
 */
export function kernelBackend(): KernelBackend {
  if (chosen === undefined) {
    const forced = typeof process !== 'undefined' ? process.env?.TYPED_MLP_KERNELS : undefined;
    chosen = forced === 'js' || !wasmSimdSupported() ? 'js' : 'wasm-simd';
  }
  return chosen;
}

/**
 * Chooses the kernels for networks used from now on (tests run every fixture through both).
 * Throws if 'wasm-simd' is asked for where WebAssembly SIMD is missing.
 *
 * @example
 * ```ts
 * setKernelBackend('js'); // plain TypeScript loops everywhere
 * ```
 */
export function setKernelBackend(backend: KernelBackend): void {
  if (backend === 'wasm-simd' && !wasmSimdSupported()) throw new Error('WebAssembly SIMD is not supported by this engine');
  chosen = backend;
}

/** A kernel set over fresh memory of at least `bytes` bytes. */
export function createKernels(bytes: number, backend: KernelBackend = kernelBackend()): Kernels {
  if (backend === 'wasm-simd') {
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    try {
      return wasmKernels(memory);
    } catch {
      // Some engines refuse to compile a module synchronously (older browsers cap it at 4 KB):
      // fall back to the plain kernels for good rather than fail.
      chosen = 'js';
    }
  }
  return jsKernels(new ArrayBuffer(Math.max(16, bytes)));
}
