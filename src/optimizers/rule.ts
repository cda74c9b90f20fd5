import type { Workspace } from '../engine/workspace.js';

/**
 * An update rule: one pass over the parameter block θ (weights and biases, laid out as one block)
 * with its gradient block g and its state blocks, all of the same layout. The rule's formula is
 * written once, in `pass`, which reads the learning rate lr and λ from the workspace (`ws.lr`,
 * `ws.weightDecay`); the driver (driver.ts) runs it twice per step to keep every update all
 * or nothing: first with `write` false, which computes every new value and returns the index of
 * the first one that is not finite (or −1); then, only if there was none, with `write` true. When
 * the first pass returns an index, every parameter and every state block must be as it was. SGD and
 * momentum write nothing in it; Adam does its whole update there, since it can put the parameters
 * back (it keeps them in a scratch block and writes the new moments to a second pair of blocks),
 * and its second pass only makes those moments the current ones: one pass over memory, not two.
 *
 * Weight decay λ: a 'coupled' rule has λ·W added to its gradient by the driver before it runs
 * (PyTorch `SGD(weight_decay)`); a 'decoupled' rule applies W ← W − lr·λ·W itself, inside its pass
 * (PyTorch `AdamW`), on the weights `ws.W[l]` only, never the biases.
 */
export interface Rule {
  readonly decay: 'coupled' | 'decoupled';
  pass(ws: Workspace, write: boolean): number;
  /** Called once after each written step (Adam counts its steps here). */
  done(): void;
}

/** How a rule is made from its options, and which options it has (for messages and the type of OptimizerSpec). */
export interface RuleFactory<O extends object> {
  readonly name: string;
  /** Option names besides `type`, for the message about an unknown one. */
  readonly options: readonly (keyof O & string)[];
  /** The rule, its options checked (ValueError naming `optimizer.<option>` otherwise). */
  create(options: Partial<O>): Rule;
}
