import { elementwise } from './activation.js';

/**
 * Softsign (Bergstra et al. 2009; Keras `softsign`, PyTorch `nn.Softsign`,
 * https://pytorch.org/docs/stable/generated/torch.nn.Softsign.html): tanh's shape with polynomial tails.
 *
 *   a(z)  = z / (1 + |z|)
 *   a'(z) = 1 / (1 + |z|)²             (read from Z_l; continuous, 1 at z = 0)
 *
 * Initial weights: Glorot-uniform. ONNX `Softsign`.
 *
 * @example
 * ```ts
 * softsign.at(1); // 0.5
 * network(2).hidden(8, 'softsign').sigmoid(1);
 * ```
 */
export const softsign = elementwise({
  name: 'softsign',
  label: 'softsign',
  init: 'glorot',
  onnx: { op: 'Softsign' },
  at: (z) => z / (1 + Math.abs(z)),
  forward(f, z, a, count) {
    for (let i = 0; i < count; i++) {
      const v = f[z + i]!;
      f[a + i] = v / (1 + Math.abs(v));
    }
  },
  derivative(f, z, _a, delta, count) {
    for (let i = 0; i < count; i++) {
      const d = 1 + Math.abs(f[z + i]!);
      f[delta + i] = f[delta + i]! / (d * d);
    }
  },
});
