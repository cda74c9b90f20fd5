import { elementwise } from './activation.js';

/** The slope of leakyRelu for z ≤ 0 (PyTorch's `LeakyReLU` default, and ONNX's `LeakyRelu` alpha). */
export const LEAKY_RELU_SLOPE = 0.01;

/**
 * Leaky ReLU (Maas et al. 2013; PyTorch `nn.LeakyReLU(0.01)`):
 *
 *   a(z)  = z if z > 0 else 0.01·z
 *   a'(z) = 1 if z > 0 else 0.01       so a'(0) = 0.01
 *
 * Initial weights: He. ONNX `LeakyRelu` with alpha 0.01.
 *
 * @example
 * ```ts
 * leakyRelu.at(-2); // -0.02
 * ```
 */
export const leakyRelu = elementwise({
  name: 'leakyRelu',
  label: 'leaky ReLU',
  init: 'he',
  onnx: { op: 'LeakyRelu', attributes: [{ name: 'alpha', float: LEAKY_RELU_SLOPE }] },
  at: (z) => (z > 0 ? z : LEAKY_RELU_SLOPE * z),
  forward(f, z, a, count) {
    for (let i = 0; i < count; i++) {
      const v = f[z + i]!;
      f[a + i] = v > 0 ? v : LEAKY_RELU_SLOPE * v;
    }
  },
  derivative(f, z, _a, delta, count) {
    for (let i = 0; i < count; i++) if (!(f[z + i]! > 0)) f[delta + i] = f[delta + i]! * LEAKY_RELU_SLOPE;
  },
});
