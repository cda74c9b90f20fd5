/**
 * The registry of output heads. The builder, the loader, the CLI, the ONNX exporter and the
 * diagram read every head from here; a network resolves its head here once. A new head is one file
 * beside these and one line below.
 */
import type { Head } from './head.js';
import { linearHead } from './linear.js';
import { sigmoidHead } from './sigmoid.js';
import { softmaxHead } from './softmax.js';

export const HEADS = {
  sigmoid: sigmoidHead,
  softmax: softmaxHead,
  linear: linearHead,
} as const satisfies Record<string, Head>;

/** An output head: 'sigmoid' (binary cross-entropy), 'softmax' (categorical cross-entropy) or 'linear' (mean squared error). */
export type HeadName = keyof typeof HEADS;

/** The heads that classify (they have predictions of classes and an accuracy). */
export type ClassifierHead = { [H in HeadName]: (typeof HEADS)[H]['kind'] extends 'classifier' ? H : never }[HeadName];

/** The heads that regress (their predictions are Ŷ; they have mae and r2, no accuracy). */
export type RegressionHead = Exclude<HeadName, ClassifierHead>;

/** Every head's name, in registry order. */
export const HEAD_NAMES = Object.keys(HEADS) as HeadName[];

/** The head of a name, or undefined for a name that is not one (own keys only: never `toString`). */
export function headOf(name: unknown): Head | undefined {
  return typeof name === 'string' && Object.hasOwn(HEADS, name) ? HEADS[name as HeadName] : undefined;
}

export type { Head } from './head.js';
