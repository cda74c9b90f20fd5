/**
 * The registry of update rules, and OptimizerSpec, the `optimizer` option of fit and trainer. A new
 * rule is one file beside these and one line below; its spec type follows from its options.
 */
import { ValueError } from '../errors.js';
import { describe } from '../validate.js';
import { adam } from './adam.js';
import { momentum } from './momentum.js';
import type { Rule, RuleFactory } from './rule.js';
import { sgd } from './sgd.js';

export const OPTIMIZERS = {
  sgd,
  momentum,
  adam,
} satisfies Record<string, RuleFactory<never>>;

type Options<K extends keyof typeof OPTIMIZERS> = (typeof OPTIMIZERS)[K] extends RuleFactory<infer O> ? O : never;

/**
 * Which update rule training uses: a name with the rule's defaults, or an object with its `type`
 * and options (see sgd.ts, momentum.ts, adam.ts for each formula and its source).
 *
 * @example
 * ```ts
 * net.fit(X, Y, { lr: 0.01, epochs: 100, optimizer: 'adam' });
 * net.fit(X, Y, { lr: 0.1, epochs: 100, optimizer: { type: 'momentum', momentum: 0.8 } });
 * ```
 */
export type OptimizerSpec = { [K in keyof typeof OPTIMIZERS]: K | ({ readonly type: K } & Partial<Options<K>>) }[keyof typeof OPTIMIZERS];

/** The rule of a spec (default 'sgd'), its options checked: unknown names, types and options are ValueErrors. */
export function createRule(spec: unknown = 'sgd'): Rule {
  const s = typeof spec === 'string' ? { type: spec } : spec;
  if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new ValueError(`optimizer is ${describe(spec)}, expected ${names()} or an object with a "type"`);
  const { type, ...options } = s as { type?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(OPTIMIZERS, type)) throw new ValueError(`optimizer is ${describe(type)}, expected ${names()}`);
  const factory = OPTIMIZERS[type as keyof typeof OPTIMIZERS] as RuleFactory<Record<string, unknown>>;
  for (const key of Object.keys(options)) {
    if (!factory.options.includes(key)) {
      const known = factory.options.length ? `it takes ${factory.options.map((o) => `"${o}"`).join(', ')}` : 'it takes no options';
      throw new ValueError(`optimizer.${key} is not an option of "${type}": ${known}`);
    }
  }
  return factory.create(options);
}

/** `"sgd", "momentum" or "adam"`. */
function names(): string {
  const quoted = Object.keys(OPTIMIZERS).map((n) => `"${n}"`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

export { Driver, type UpdateSettings } from './driver.js';
