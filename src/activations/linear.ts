import { elementwise } from './activation.js';

/**
 * The identity as a hidden activation (a linear bottleneck layer; the linear head is heads/linear.ts):
 *
 *   a(z) = z,  a'(z) = 1               (backward is the product alone)
 *
 * Initial weights: Glorot-uniform. No ONNX node.
 *
 * @example
 * ```ts
 * network(4).hidden(2, 'linear').sigmoid(1);
 * ```
 */
export const linear = elementwise({
  name: 'linear',
  label: 'linear',
  init: 'glorot',
  onnx: null,
  at: (z) => z,
  forward(f, z, a, count) {
    if (a !== z) for (let i = 0; i < count; i++) f[a + i] = f[z + i]!;
  },
  derivative() {
    // a'(z) = 1: δ_l is the product as it is.
  },
});
