/**
 * The registry of hidden activations: the builder, the loader, the CLI, the ONNX exporter and the
 * diagram read every activation from here. A new one is one file beside these and one line below.
 */
import type { ActivationRecord } from './activation.js';
import { leakyRelu } from './leaky-relu.js';
import { linear } from './linear.js';
import { relu } from './relu.js';
import { sigmoidActivation } from './sigmoid.js';
import { softsign } from './softsign.js';
import { tanh } from './tanh.js';

export const ACTIVATIONS = {
  relu,
  leakyRelu,
  tanh,
  sigmoid: sigmoidActivation,
  linear,
  softsign,
} satisfies Record<string, ActivationRecord>;

/** A hidden layer's activation: 'relu' (the seed's), 'leakyRelu', 'tanh', 'sigmoid' or 'linear'. */
export type HiddenActivation = keyof typeof ACTIVATIONS;

/** Every hidden activation's name, in registry order. */
export const HIDDEN_ACTIVATIONS = Object.keys(ACTIVATIONS) as HiddenActivation[];

/** The record of a hidden activation, or undefined for a name that is not one (own keys only: never `toString`). */
export function activationRecord(name: unknown): ActivationRecord | undefined {
  return typeof name === 'string' && Object.hasOwn(ACTIVATIONS, name) ? ACTIVATIONS[name as HiddenActivation] : undefined;
}

export type { ActivationRecord, Initializer, OnnxOp } from './activation.js';
