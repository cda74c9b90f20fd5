import type { Kernels } from '../kernels/types.js';

/** The initial-weight scheme a layer gets unless the network's `init` option says otherwise. */
export type Initializer = 'he' | 'glorot';

/** An attribute of an ONNX node (a float such as LeakyRelu's alpha, or an int such as Softmax's axis). */
export type OnnxAttribute = { readonly name: string; readonly float: number } | { readonly name: string; readonly int: number };

/** How an activation is written in ONNX: the operator and its attributes. */
export interface OnnxOp {
  readonly op: string;
  readonly attributes?: readonly OnnxAttribute[];
}

/**
 * A hidden layer's activation a, as one record: forward beside backward, plus what the builder,
 * the loader, the ONNX exporter and the diagram need to know about it. One file each; register it
 * in `index.ts`. Buffers are byte offsets into the kernels' memory (see Workspace):
 *
 *   forward   A_l = a(Z_l)                                     (count = rows × units entries)
 *   backward  δ_l = (δ_{l+1} · W_{l+1}ᵀ) ∘ a'(Z_l)              (δ_{l+1} n×fanOut, W_{l+1} fanIn×fanOut)
 *
 * `A_l` is the activation before any dropout (X_{l+1} itself when there is none), so a derivative
 * may be read from Z_l or from A_l, whichever is cheaper.
 */
export interface ActivationRecord {
  /** The name used in code, saved files and the CLI, e.g. 'leakyRelu'. */
  readonly name: string;
  /** The name shown in plots, e.g. 'leaky ReLU'. */
  readonly label: string;
  /** The default initial weights of a layer with this activation: 'he' for the ReLU family, 'glorot' otherwise. */
  readonly init: Initializer;
  /** The ONNX operator, or null for the identity (no node). */
  readonly onnx: OnnxOp | null;
  /** a(z) for one number: the definition, for plots and tests. */
  readonly at: (z: number) => number;
  forward(k: Kernels, z: number, a: number, count: number): void;
  backward(k: Kernels, deltaNext: number, W: number, z: number, a: number, delta: number, n: number, fanOut: number, fanIn: number): void;
}

/** An activation written as two elementwise loops over float64 indices (f is the memory). */
export interface Elementwise {
  readonly name: string;
  readonly label: string;
  readonly init: Initializer;
  readonly onnx: OnnxOp | null;
  readonly at: (z: number) => number;
  /** a[i] = a(z[i]). */
  forward(f: Float64Array, z: number, a: number, count: number): void;
  /** delta[i] ← delta[i] · a'(z[i]), reading a'(z) from z or from a = a(z). */
  derivative(f: Float64Array, z: number, a: number, delta: number, count: number): void;
}

/**
 * The record of an elementwise activation: backward is the product δ_{l+1} · W_{l+1}ᵀ through the
 * kernels, then the derivative in place.
 */
export function elementwise(spec: Elementwise): ActivationRecord {
  const { forward, derivative } = spec;
  return {
    name: spec.name,
    label: spec.label,
    init: spec.init,
    onnx: spec.onnx,
    at: spec.at,
    forward: (k, z, a, count) => forward(k.f64, z >> 3, a >> 3, count),
    backward(k, deltaNext, W, z, a, delta, n, fanOut, fanIn) {
      k.gemmTB(deltaNext, W, delta, n, fanOut, fanIn); //           δ_{l+1} · W_{l+1}ᵀ
      derivative(k.f64, z >> 3, a >> 3, delta >> 3, n * fanIn); //  ∘ a'(Z_l)
    },
  };
}
