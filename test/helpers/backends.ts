import { afterAll, beforeAll } from 'vitest';
import { kernelBackend, setKernelBackend, type KernelBackend } from '../../src/index.js';

/** Both kernel paths: every suite that uses this runs once on WebAssembly SIMD and once on plain TypeScript. */
export const BACKENDS: KernelBackend[] = ['wasm-simd', 'js'];

/** Inside a describe block: switch to `backend` for its tests, and back afterwards. */
export function useBackend(backend: KernelBackend): void {
  let before: KernelBackend;
  beforeAll(() => {
    before = kernelBackend();
    setKernelBackend(backend);
  });
  afterAll(() => setKernelBackend(before));
}
