import { elementwise } from './activation.js';

/**
 * The hyperbolic tangent:
 *
 *   a(z)  = tanh z
 *   a'(z) = 1 − a(z)²                  (read from the stored activation, no second tanh)
 *
 * Initial weights: Glorot-uniform (Glorot & Bengio 2010). ONNX `Tanh`.
 *
 * @example
 * ```ts
 * tanh.at(0); // 0
 * network(1).tanh(16).linear(1);
 * ```
 */
export const tanh = elementwise({
  name: 'tanh',
  label: 'tanh',
  init: 'glorot',
  onnx: { op: 'Tanh' },
  at: Math.tanh,
  forward(f, z, a, count) {
    for (let i = 0; i < count; i++) f[a + i] = Math.tanh(f[z + i]!);
  },
  derivative(f, _z, a, delta, count) {
    for (let i = 0; i < count; i++) {
      const t = f[a + i]!;
      f[delta + i] = f[delta + i]! * (1 - t * t);
    }
  },
});
