import { readEnv } from '../env.js';
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
    if (readEnv('TYPED_MLP_KERNELS') === 'js') chosen = 'js';
    else {
      const why = wasmUnusable();
      chosen = why === undefined ? 'wasm-simd' : fallBack(why);
    }
  }
  return chosen;
}

/** Why the WebAssembly kernels cannot run here, found by compiling and instantiating them once; undefined when they can. */
function wasmUnusable(): string | undefined {
  if (!wasmSimdSupported()) return 'this engine has no WebAssembly SIMD';
  try {
    wasmKernels(new WebAssembly.Memory({ initial: 1 }));
    return undefined;
  } catch (e) {
    // A Content-Security-Policy without 'wasm-unsafe-eval', or an engine that refuses to compile a module synchronously.
    return compileFailure(e);
  }
}

/** The reason given when the engine would not compile or instantiate the module: its error's first line. */
function compileFailure(e: unknown): string {
  return `WebAssembly could not be compiled here (${String((e as Error)?.message ?? e).split('\n')[0]})`;
}

/** Why the plain kernels are in use, when they were not asked for (undefined otherwise). */
let fallbackReason: string | undefined;

/** Switches to the plain kernels for good and says so, once, on the console. */
function fallBack(why: string): 'js' {
  if (fallbackReason === undefined) {
    fallbackReason = why;
    console.warn(`typed-mlp: using the plain TypeScript kernels, several times slower than WebAssembly SIMD: ${why}. kernelFallback() returns this reason.`);
  }
  return 'js';
}

/**
 * Why the library fell back to the plain TypeScript kernels without being asked (no WebAssembly
 * SIMD, or a module the engine would not compile), or undefined when it did not.
 *
 * @example
 * ```ts
 * kernelBackend();  // 'js' under a strict Content-Security-Policy
 * kernelFallback(); // "WebAssembly could not be compiled here (…)"
 * ```
 */
export function kernelFallback(): string | undefined {
  kernelBackend();
  return fallbackReason;
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
    } catch (e) {
      // Some engines refuse to compile a module synchronously (older browsers cap it at 4 KB):
      // fall back to the plain kernels for good rather than fail, and say so.
      chosen = fallBack(compileFailure(e));
    }
  }
  return jsKernels(new ArrayBuffer(Math.max(16, bytes)));
}
