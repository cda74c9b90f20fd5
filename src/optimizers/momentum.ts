import { MOMENTUM_SLOTS } from '../kernels/types.js';
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
 * v starts at zero for each fit or trainer. Weight decay is coupled: g includes λ·W. It runs on
 * the kernels (`momentumCheck`, then `momentum`: WebAssembly SIMD where available).
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
        // The constants the kernels read from memory (MOMENTUM_SLOTS): a float argument would be boxed.
        const c = ws.ruleSlots;
        ws.f64[(c >> 3) + MOMENTUM_SLOTS.lr] = ws.f64[ws.lr >> 3]!;
        ws.f64[(c >> 3) + MOMENTUM_SLOTS.momentum] = mu;
        const count = ws.paramBytes >> 3;
        if (!write) return ws.k.momentumCheck(ws.params, ws.grads, ws.state1, count, c);
        ws.k.momentum(ws.params, ws.grads, ws.state1, count, c); //       v ← μ·v + g;  θ ← θ − lr·v
        return -1;
      },
      done() {},
    };
  },
};
