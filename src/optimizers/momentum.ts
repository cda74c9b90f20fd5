import { unitInterval } from './options.js';
import type { Rule, RuleFactory } from './rule.js';

/** Options of the momentum rule. */
export interface MomentumOptions {
  /** μ in [0, 1) (default 0.9). */
  readonly momentum: number;
}

/**
 * SGD with momentum in PyTorch's form (`torch.optim.SGD(momentum=μ)`, dampening 0, no Nesterov,
 * https://pytorch.org/docs/stable/generated/torch.optim.SGD.html):
 *
 *   v ← μ·v + g
 *   θ ← θ − lr·v
 *
 * v starts at zero for each fit or trainer. Weight decay is coupled: g includes λ·W.
 *
 * @example
 * ```ts
 * net.fit(X, Y, { lr: 0.1, epochs: 100, optimizer: { type: 'momentum', momentum: 0.8 } });
 * ```
 */
export const momentum: RuleFactory<MomentumOptions> = {
  name: 'momentum',
  options: ['momentum'],
  create(options): Rule {
    const mu = unitInterval('momentum', options.momentum, 0.9);
    return {
      decay: 'coupled',
      pass(ws, write) {
        const f = ws.f64;
        const lr = f[ws.lr >> 3]!;
        const w = ws.params >> 3;
        const g = ws.grads >> 3;
        const v = ws.state1 >> 3;
        const count = ws.paramBytes >> 3;
        for (let i = 0; i < count; i++) {
          const vi = mu * f[v + i]! + f[g + i]!; //                         v ← μ·v + g
          const wi = f[w + i]! - lr * vi; //                                θ ← θ − lr·v
          if (write) {
            f[v + i] = vi;
            f[w + i] = wi;
          } else if (!(Number.isFinite(vi) && Number.isFinite(wi))) return i;
        }
        return -1;
      },
      done() {},
    };
  },
};
