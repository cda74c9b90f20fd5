import type { Workspace } from '../engine/workspace.js';
import { ValueError } from '../errors.js';
import { describe } from '../validate.js';
import { unitInterval } from './options.js';
import type { Rule, RuleFactory } from './rule.js';

/** Options of the Adam rule. */
export interface AdamOptions {
  /** β1 in [0, 1) (default 0.9). */
  readonly beta1: number;
  /** β2 in [0, 1) (default 0.999). */
  readonly beta2: number;
  /** ε > 0 (default 1e-8). */
  readonly epsilon: number;
}

/**
 * Adam (Kingma & Ba 2015, https://arxiv.org/abs/1412.6980), with weight decay decoupled as AdamW
 * (Loshchilov & Hutter 2019; PyTorch `torch.optim.AdamW`, https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html):
 *
 *   W ← W − lr·λ·W                                       (weights only; λ = 0 leaves θ as it is)
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  t ← t + 1
 *   θ ← θ − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)
 *
 * m, v and t start at zero for each fit or trainer.
 *
 * @example
 * ```ts
 * net.fit(X, Y, { lr: 0.01, epochs: 100, optimizer: 'adam', weightDecay: 1e-4 });
 * ```
 */
export const adam: RuleFactory<AdamOptions> = {
  name: 'adam',
  options: ['beta1', 'beta2', 'epsilon'],
  create(options): Rule {
    const beta1 = unitInterval('beta1', options.beta1, 0.9);
    const beta2 = unitInterval('beta2', options.beta2, 0.999);
    const eps = options.epsilon ?? 1e-8;
    if (!(typeof eps === 'number' && Number.isFinite(eps) && eps > 0)) throw new ValueError(`optimizer.epsilon is ${describe(eps)}, but it must be a finite number > 0`);
    let t = 0;
    return {
      decay: 'decoupled',
      pass(ws, write) {
        const f = ws.f64;
        const lr = f[ws.lr >> 3]!;
        const c1 = 1 - beta1 ** (t + 1);
        const c2 = 1 - beta2 ** (t + 1);
        const lrDecay = lr * f[ws.weightDecay >> 3]!;
        // Layer by layer: its weights decay, its biases do not (padding between blocks is zero and stays so).
        for (let l = 0; l < ws.L; l++) {
          const bad = span(ws, write, lr, c1, c2, ws.W[l]! >> 3, ws.sizes[l]! * ws.sizes[l + 1]!, ws.frozen[l] === 1 ? 0 : lrDecay);
          if (bad >= 0) return bad;
          if (!ws.hasBias[l]) continue;
          const badBias = span(ws, write, lr, c1, c2, ws.b[l]! >> 3, ws.sizes[l + 1]!, 0);
          if (badBias >= 0) return badBias;
        }
        return -1;
      },
      done() {
        t++;
      },
    };

    /** The update of the `count` parameters from index `at` of the parameter block, with decay factor lr·λ (0 for biases). */
    function span(ws: Workspace, write: boolean, lr: number, c1: number, c2: number, at: number, count: number, lrDecay: number): number {
      const f = ws.f64;
      const w = (ws.params >> 3) + at;
      const g = (ws.grads >> 3) + at;
      const m = (ws.state1 >> 3) + at;
      const v = (ws.state2 >> 3) + at;
      for (let i = 0; i < count; i++) {
        const gi = f[g + i]!;
        const mi = beta1 * f[m + i]! + (1 - beta1) * gi; //                 m ← β1·m + (1−β1)·g
        const vi = beta2 * f[v + i]! + (1 - beta2) * gi * gi; //            v ← β2·v + (1−β2)·g²
        const wi = f[w + i]! - lrDecay * f[w + i]!; //                      W ← W − lr·λ·W
        const next = wi - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps); // θ ← θ − lr·m̂/(√v̂ + ε)
        if (write) {
          f[m + i] = mi;
          f[v + i] = vi;
          f[w + i] = next;
        } else if (!(Number.isFinite(next) && Number.isFinite(vi))) return at + i;
      }
      return -1;
    }
  },
};
