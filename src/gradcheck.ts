import { backward, checkLogits, forward, loss } from './backprop.js';
import type { Workspace } from './engine/workspace.js';

/** The result of comparing back-propagated gradients with central finite differences. */
export interface GradCheck {
  /** The step used: ∂J/∂w ≈ (J(w + eps) − J(w − eps)) / (2·eps). */
  readonly eps: number;
  /** max |analytic − numeric| over every parameter. */
  readonly maxAbsErr: number;
  /** max |analytic − numeric| / max(|analytic|, |numeric|, 1e-4) over every parameter. */
  readonly maxRelErr: number;
  /**
   * Where maxRelErr occurs (the first such entry, in the order W_1, b_1, W_2, … row by row): layer is
   * 1-based (W_1 … W_L), index is [row, col] of the weight matrix (or [0, j] of the bias row when
   * `kind` is 'bias').
   */
  readonly worst: { layer: number; kind: 'weight' | 'bias'; index: [number, number]; analytic: number; numeric: number };
}

/** The floor in the relative error's denominator, so gradients near 0 are judged absolutely. */
export const GRADCHECK_FLOOR = 1e-4;

/**
 * Checks back-propagation against central finite differences of the loss, one parameter at a time,
 * on the first n rows already loaded in the workspace (X at ws.X[0], Y at ws.Y, parameters loaded).
 * Every parameter is restored bit for bit afterwards.
 */
export function gradcheck(ws: Workspace, n: number, eps = 1e-6): GradCheck {
  forward(ws, n);
  checkLogits(ws, n);
  backward(ws, n);
  const f = ws.f64;
  const lossAt = () => {
    forward(ws, n);
    loss(ws, n);
    return ws.loss;
  };
  let maxAbsErr = 0;
  let maxRelErr = -1;
  let worst: GradCheck['worst'] = { layer: 1, kind: 'weight', index: [0, 0], analytic: 0, numeric: 0 };
  const check = (layer: number, kind: 'weight' | 'bias', param: number, grad: number, count: number, cols: number) => {
    const analytic = ws.read(grad, count); // before any perturbation: the forward passes below overwrite nothing else
    for (let i = 0; i < count; i++) {
      const at = (param >> 3) + i;
      const saved = f[at]!;
      f[at] = saved + eps;
      const plus = lossAt();
      f[at] = saved - eps;
      const minus = lossAt();
      f[at] = saved;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic[i]!;
      const abs = Math.abs(a - numeric);
      const rel = abs / Math.max(Math.abs(a), Math.abs(numeric), GRADCHECK_FLOOR);
      maxAbsErr = Math.max(maxAbsErr, abs);
      if (rel > maxRelErr) {
        maxRelErr = rel;
        worst = { layer: layer + 1, kind, index: [Math.floor(i / cols), i % cols], analytic: a, numeric };
      }
    }
  };
  for (let l = 0; l < ws.L; l++) {
    const fanIn = ws.sizes[l]!;
    const fanOut = ws.sizes[l + 1]!;
    check(l, 'weight', ws.W[l]!, ws.dW[l]!, fanIn * fanOut, fanOut);
    if (ws.hasBias[l]) check(l, 'bias', ws.b[l]!, ws.db[l]!, fanOut, fanOut);
  }
  return { eps, maxAbsErr, maxRelErr, worst };
}
