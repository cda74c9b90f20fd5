/** A hidden layer's activation. ReLU is the seed's; the others are in activations.ts. */
export type HiddenActivation = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'linear';
/** The output layer's activation: sigmoid + binary cross-entropy (the seed), or softmax + categorical cross-entropy. */
export type OutputActivation = 'sigmoid' | 'softmax';
/** Any layer's activation. */
export type Activation = HiddenActivation | OutputActivation;

export const HIDDEN_ACTIVATIONS: readonly HiddenActivation[] = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear'];
export const OUTPUT_ACTIVATIONS: readonly OutputActivation[] = ['sigmoid', 'softmax'];

/** The seed's activations for a net of L layers: ReLU hidden, sigmoid output. */
export function defaultActivations(L: number): Activation[] {
  return Array.from({ length: L }, (_, l) => (l === L - 1 ? 'sigmoid' : 'relu'));
}
