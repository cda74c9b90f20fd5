import { elementwise } from './activation.js';

/**
 * σ(z) for one number, overflow-free: it only ever takes e^{−|z|}.
 *
 * @example
 * ```ts
 * sigmoid(0);    // 0.5
 * sigmoid(-800); // 0
 * ```
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * a[i] = σ(z[i]) for `count` entries of the memory f (float64 indices): `sigmoid` written out in
 * the loop, the same operations, because a float returned from a call V8 does not inline is boxed
 * and a training step allocates nothing. Shared by this activation and the sigmoid head.
 *
 * @example
 * ```ts
 * const f = new Float64Array([0, -800, 0, 0]);
 * sigmoidInto(f, 0, 2, 2); // f[2..3] = [0.5, 0]
 * ```
 */
export function sigmoidInto(f: Float64Array, z: number, a: number, count: number): void {
  for (let i = 0; i < count; i++) {
    const v = f[z + i]!;
    const e = Math.exp(-Math.abs(v));
    f[a + i] = v >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
}

/**
 * The logistic sigmoid as a hidden activation (the sigmoid head is heads/sigmoid.ts):
 *
 *   a(z)  = σ(z) = 1 / (1 + e^{−z})
 *   a'(z) = a(z)·(1 − a(z))            (read from the stored activation)
 *
 * Initial weights: Glorot-uniform. ONNX `Sigmoid`.
 *
 * @example
 * ```ts
 * network(4).hidden(8, 'sigmoid').sigmoid(1);
 * ```
 */
export const sigmoidActivation = elementwise({
  name: 'sigmoid',
  label: 'sigmoid',
  init: 'glorot',
  onnx: { op: 'Sigmoid' },
  at: sigmoid,
  forward: sigmoidInto,
  derivative(f, _z, a, delta, count) {
    for (let i = 0; i < count; i++) {
      const s = f[a + i]!;
      f[delta + i] = f[delta + i]! * (s * (1 - s));
    }
  },
});
