import type { Workspace } from '../engine/workspace.js';
import { ADAM_SLOTS } from '../kernels/types.js';
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
 * m, v and t start at zero for each fit or trainer. It runs on the kernels (`adamCheck`, then
 * `adam`: WebAssembly SIMD where available) in the paper's efficient form (Kingma & Ba §2, as
 * Keras computes it), one square root and one division an element instead of three divisions:
 *
 *   θ ← θ − a·m / (√v + ε̂),   a = lr·√(1−β2ᵗ)/(1−β1ᵗ),   ε̂ = ε·√(1−β2ᵗ)
 *
 * which is the line above exactly (divide its numerator and denominator by √(1−β2ᵗ)), so ε keeps
 * PyTorch's meaning; only the rounding of the last bits differs.
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
        const c = ws.ruleSlots;
        const s = c >> 3;
        const lr = f[ws.lr >> 3]!;
        const c1 = 1 - beta1 ** (t + 1);
        const root = Math.sqrt(1 - beta2 ** (t + 1));
        // The constants the kernels read from memory (ADAM_SLOTS): a float argument would be boxed.
        f[s + ADAM_SLOTS.step] = (lr * root) / c1; //                  a = lr·√c2/c1
        f[s + ADAM_SLOTS.beta1] = beta1;
        f[s + ADAM_SLOTS.oneMinusBeta1] = 1 - beta1;
        f[s + ADAM_SLOTS.beta2] = beta2;
        f[s + ADAM_SLOTS.oneMinusBeta2] = 1 - beta2;
        f[s + ADAM_SLOTS.epsHat] = eps * root; //                      ε̂ = ε·√c2
        const lrDecay = lr * f[ws.weightDecay >> 3]!;
        // Layer by layer: its weights decay, its biases do not (padding between blocks is zero and stays so).
        for (let l = 0; l < ws.L; l++) {
          const bad = span(ws, write, ws.W[l]!, ws.sizes[l]! * ws.sizes[l + 1]!, ws.frozen[l] === 1 ? 0 : lrDecay);
          if (bad >= 0) return bad;
          if (!ws.hasBias[l]) continue;
          const badBias = span(ws, write, ws.b[l]!, ws.sizes[l + 1]!, 0);
          if (badBias >= 0) return badBias;
        }
        return -1;
      },
      done() {
        t++;
      },
    };
  },
};

/**
 * The update of the `count` parameters at byte offset `at` of the parameter block, with decay
 * factor lr·λ (0 for biases): adamCheck (computes θ' into the scratch block state3, writes nothing
 * else, returns the parameter index of the first one not finite, or −1), or adam (commits).
 */
function span(ws: Workspace, write: boolean, at: number, count: number, lrDecay: number): number {
  const c = ws.ruleSlots;
  ws.f64[(c >> 3) + ADAM_SLOTS.lrDecay] = lrDecay;
  const g = at + ws.grads - ws.params;
  const m = at + ws.state1 - ws.params;
  const v = at + ws.state2 - ws.params;
  const s = at + ws.state3 - ws.params;
  if (write) {
    ws.k.adam(at, g, m, v, s, count, c); //  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  θ ← θ'
    return -1;
  }
  const bad = ws.k.adamCheck(at, g, m, v, s, count, c); // θ' = (W − lr·λ·W) − a·m/(√v + ε̂)
  return bad < 0 ? -1 : ((at - ws.params) >> 3) + bad;
}
