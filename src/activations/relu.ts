import type { ActivationRecord } from './activation.js';

/**
 * ReLU, the seed's hidden activation, on fused kernels:
 *
 *   a(z)  = max(z, 0)
 *   a'(z) = 1 if z > 0 else 0          so ReLU'(0) = 0: a unit sitting exactly at zero passes no gradient
 *
 * Backward is one kernel, `gemmTBRelu`, so δ_{l+1}·W_{l+1}ᵀ is never stored. Initial weights: He
 * (He et al. 2015, https://arxiv.org/abs/1502.01852). ONNX `Relu`.
 *
 * @example
 * ```ts
 * relu.at(-2); // 0
 * network(9).relu(6).sigmoid(1);
 * ```
 */
export const relu: ActivationRecord = {
  name: 'relu',
  label: 'ReLU',
  init: 'he',
  onnx: { op: 'Relu' },
  at: (z) => (z > 0 ? z : 0),
  forward: (k, z, a, count) => k.relu(z, a, count),
  backward: (k, deltaNext, W, z, _a, delta, n, fanOut, fanIn) => k.gemmTBRelu(deltaNext, W, z, delta, n, fanOut, fanIn),
};
