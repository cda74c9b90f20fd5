import { sgdStep, updateNotFinite } from '../backprop.js';
import type { Workspace } from '../engine/workspace.js';
import { ValueError } from '../errors.js';
import { describe } from '../validate.js';

/**
 * Which update rule training uses. The rules, θ the parameters, g = ∂J/∂θ of the batch:
 *
 *   sgd       θ ← θ − lr·g
 *   momentum  v ← μ·v + g;  θ ← θ − lr·v                          (μ = 0.9; PyTorch's form)
 *   adam      m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  t ← t + 1
 *             θ ← θ − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)     (β1 0.9, β2 0.999, ε 1e-8)
 *
 * State (v, m, t) starts at zero for each fit or trainer. Every update is all or nothing: a first
 * pass computes each new value and checks it is finite, writing nothing; only then a second pass
 * writes them.
 *
 * @example
 * ```ts
 * net.fit(X, Y, { lr: 0.01, epochs: 100, optimizer: 'adam' });
 * net.fit(X, Y, { lr: 0.1, epochs: 100, optimizer: { type: 'momentum', momentum: 0.8 } });
 * ```
 */
export type OptimizerSpec =
  | 'sgd'
  | 'momentum'
  | 'adam'
  | { readonly type: 'sgd' }
  | { readonly type: 'momentum'; readonly momentum?: number }
  | { readonly type: 'adam'; readonly beta1?: number; readonly beta2?: number; readonly epsilon?: number };

/** One update rule bound to a workspace's state. */
export interface Optimizer {
  step(ws: Workspace, lr: number): void;
}

/** The optimizer for a spec, with its options checked and its state zeroed in `ws`. */
export function createOptimizer(spec: OptimizerSpec = 'sgd', ws: Workspace): Optimizer {
  const s = typeof spec === 'string' ? { type: spec } : spec;
  const f = ws.f64;
  f.fill(0, ws.state1 >> 3, (ws.state1 + 2 * ws.paramBytes) >> 3);
  switch (s.type) {
    case 'sgd':
      return { step: sgdStep };
    case 'momentum':
      return momentum(inUnit('momentum', 'momentum' in s ? s.momentum : undefined, 0.9));
    case 'adam': {
      const o = s as { beta1?: number; beta2?: number; epsilon?: number };
      const eps = o.epsilon ?? 1e-8;
      if (!(Number.isFinite(eps) && eps > 0)) throw new ValueError(`optimizer.epsilon is ${describe(eps)}, but it must be a finite number > 0`);
      return adam(inUnit('beta1', o.beta1, 0.9), inUnit('beta2', o.beta2, 0.999), eps);
    }
    default:
      throw new ValueError(`optimizer is ${describe((s as { type: unknown }).type)}, expected "sgd", "momentum" or "adam"`);
  }
}

function inUnit(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!(Number.isFinite(v) && v >= 0 && v < 1)) throw new ValueError(`optimizer.${name} is ${describe(v)}, but it must be in [0, 1)`);
  return v;
}

function momentum(mu: number): Optimizer {
  return {
    step(ws, lr) {
      const f = ws.f64;
      const w = ws.params >> 3;
      const g = ws.grads >> 3;
      const v = ws.state1 >> 3;
      const count = ws.paramBytes >> 3;
      for (let i = 0; i < count; i++) {
        const vi = mu * f[v + i]! + f[g + i]!;
        if (!Number.isFinite(vi) || !Number.isFinite(f[w + i]! - lr * vi)) throw updateNotFinite(ws, i);
      }
      for (let i = 0; i < count; i++) {
        const vi = mu * f[v + i]! + f[g + i]!; //                             v ← μ·v + g
        f[v + i] = vi;
        f[w + i] = f[w + i]! - lr * vi; //                                   θ ← θ − lr·v
      }
    },
  };
}

function adam(beta1: number, beta2: number, eps: number): Optimizer {
  let t = 0;
  return {
    step(ws, lr) {
      const f = ws.f64;
      const w = ws.params >> 3;
      const g = ws.grads >> 3;
      const m = ws.state1 >> 3;
      const v = ws.state2 >> 3;
      const count = ws.paramBytes >> 3;
      const c1 = 1 - beta1 ** (t + 1);
      const c2 = 1 - beta2 ** (t + 1);
      for (let i = 0; i < count; i++) {
        const gi = f[g + i]!;
        const mi = beta1 * f[m + i]! + (1 - beta1) * gi;
        const vi = beta2 * f[v + i]! + (1 - beta2) * gi * gi;
        if (!Number.isFinite(f[w + i]! - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps)) || !Number.isFinite(vi)) throw updateNotFinite(ws, i);
      }
      for (let i = 0; i < count; i++) {
        const gi = f[g + i]!;
        const mi = beta1 * f[m + i]! + (1 - beta1) * gi; //                 m ← β1·m + (1−β1)·g
        const vi = beta2 * f[v + i]! + (1 - beta2) * gi * gi; //            v ← β2·v + (1−β2)·g²
        f[m + i] = mi;
        f[v + i] = vi;
        f[w + i] = f[w + i]! - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps); // θ ← θ − lr·m̂/(√v̂ + ε)
      }
      t++;
    },
  };
}
