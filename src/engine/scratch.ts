import { createKernels, kernelBackend, type KernelBackend } from '../kernels/select.js';
import type { Kernels } from '../kernels/types.js';

let scratch: { kernels: Kernels; bytes: number; backend: KernelBackend } | undefined;

/**
 * Kernels over a shared scratch memory of at least `bytes` bytes, for one-off products (`matmul`).
 * Kept between calls and replaced by a larger one when needed (never grown in place, so views stay valid).
 */
export function scratchKernels(bytes: number): Kernels {
  const backend = kernelBackend();
  if (scratch === undefined || scratch.bytes < bytes || scratch.backend !== backend) {
    const size = Math.max(bytes, 1 << 16);
    scratch = { kernels: createKernels(size, backend), bytes: size, backend };
  }
  return scratch.kernels;
}
