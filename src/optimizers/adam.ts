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
 * m, v and t start at zero for each fit or trainer. It runs on the `adam` kernel (WebAssembly SIMD
 * where available: one pass, all or nothing, see `span`) in the paper's efficient form (Kingma & Ba §2, as
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
    // Which pair of moment blocks holds m and v: (state1, state2), or after an odd number of steps
    // (state4, state5). A step reads one pair and writes the other, then they change places.
    let swapped = false;
    return {
      decay: 'decoupled',
      pass(ws, write) {
        // The whole update is done by the first pass (all or nothing: see span); the second only
        // makes the moments it wrote the current ones.
        if (write) {
          swapped = !swapped;
          return -1;
        }
        const f = ws.f64;
        const s = ws.ruleSlots >> 3;
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
        // (The decay factor goes to its slot here, not as an argument: a float passed to a call V8
        // does not inline is boxed, and a step allocates nothing.)
        for (let l = 0; l < ws.L; l++) {
          f[s + ADAM_SLOTS.lrDecay] = ws.frozen[l] === 1 ? 0 : lrDecay;
          const bad = span(ws, swapped, ws.W[l]!, ws.sizes[l]! * ws.sizes[l + 1]!);
          if (bad >= 0) return bad;
          if (!ws.hasBias[l]) continue;
          f[s + ADAM_SLOTS.lrDecay] = 0;
          const badBias = span(ws, swapped, ws.b[l]!, ws.sizes[l + 1]!);
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
 * The update of the `count` parameters at byte offset `at` of the parameter block, with the decay
 * factor in its slot (lr·λ, 0 for biases), by the `adam` kernel: θ' over the parameters (the old ones kept in
 * state3), the new moments into the other pair of blocks. If one is not finite the kernel puts this
 * span back, and the spans before it are put back here from state3: no parameter changes, and the
 * moments were never written. Returns the parameter index of the first one not finite, or −1.
 */
function span(ws: Workspace, swapped: boolean, at: number, count: number): number {
  const c = ws.ruleSlots;
  const d = at - ws.params;
  const m = (swapped ? ws.state4 : ws.state1) + d;
  const v = (swapped ? ws.state5 : ws.state2) + d;
  const mOut = (swapped ? ws.state1 : ws.state4) + d;
  const vOut = (swapped ? ws.state2 : ws.state5) + d;
  const bad = ws.k.adam(at, ws.grads + d, m, v, mOut, vOut, ws.state3 + d, count, c); // θ ← (θ − lr·λ·θ) − a·m/(√v + ε̂)
  if (bad < 0) return -1;
  ws.f64.copyWithin(ws.params >> 3, ws.state3 >> 3, (ws.state3 + d) >> 3); // the spans before this one, back as they were
  return (d >> 3) + bad;
}
