/**
 * The hidden activations other than ReLU (which has fused kernels, see relu.ts), each forward
 * beside its backward. Forward writes X_{l+1} = a(Z_l); backward multiplies G = δ_{l+1}·W_{l+1}ᵀ,
 * already in `delta`, by a'(Z_l) in place, reading the derivative from Z_l or from X_{l+1}.
 * `f` is the workspace memory; z, x, delta are float64 indices into it.
 *
 *   leakyRelu  a(z) = z > 0 ? z : α·z        a'(z) = z > 0 ? 1 : α      (α = 0.01)
 *   tanh       a(z) = tanh z                   a'(z) = 1 − a(z)²
 *   sigmoid    a(z) = 1 / (1 + e^{−z})         a'(z) = a(z)·(1 − a(z))
 *   linear     a(z) = z                        a'(z) = 1
 *
 * @example
 * ```ts
 * const f = new Float64Array([-2, 3, 0, 0]);
 * HIDDEN.leakyRelu.forward(f, 0, 2, 2); // f[2..3] = [-0.02, 3]
 * ```
 */
import { sigmoid } from './sigmoid.js';

/** The slope of leakyRelu for z ≤ 0. */
export const LEAKY_RELU_SLOPE = 0.01;

export interface HiddenActivation {
  forward(f: Float64Array, z: number, x: number, count: number): void;
  backward(f: Float64Array, z: number, x: number, delta: number, count: number): void;
}

export const HIDDEN: Record<'leakyRelu' | 'tanh' | 'sigmoid' | 'linear', HiddenActivation> = {
  leakyRelu: {
    forward(f, z, x, count) {
      for (let i = 0; i < count; i++) {
        const v = f[z + i]!;
        f[x + i] = v > 0 ? v : LEAKY_RELU_SLOPE * v;
      }
    },
    backward(f, z, _x, delta, count) {
      for (let i = 0; i < count; i++) if (!(f[z + i]! > 0)) f[delta + i] = f[delta + i]! * LEAKY_RELU_SLOPE;
    },
  },
  tanh: {
    forward(f, z, x, count) {
      for (let i = 0; i < count; i++) f[x + i] = Math.tanh(f[z + i]!);
    },
    backward(f, _z, x, delta, count) {
      for (let i = 0; i < count; i++) {
        const a = f[x + i]!;
        f[delta + i] = f[delta + i]! * (1 - a * a);
      }
    },
  },
  sigmoid: {
    forward(f, z, x, count) {
      for (let i = 0; i < count; i++) f[x + i] = sigmoid(f[z + i]!);
    },
    backward(f, _z, x, delta, count) {
      for (let i = 0; i < count; i++) {
        const a = f[x + i]!;
        f[delta + i] = f[delta + i]! * (a * (1 - a));
      }
    },
  },
  linear: {
    forward(f, z, x, count) {
      for (let i = 0; i < count; i++) f[x + i] = f[z + i]!;
    },
    backward() {
      // a'(z) = 1: δ_l = G as it is.
    },
  },
};
