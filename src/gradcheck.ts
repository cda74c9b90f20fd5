import { backwardPass, forwardPass, lossOf } from './backprop.js';
import type { Matrix } from './matrix.js';

/** The result of comparing back-propagated gradients with central finite differences. */
export interface GradCheck {
  /** The step used: ∂J/∂w ≈ (J(w + eps) − J(w − eps)) / (2·eps). */
  readonly eps: number;
  /** max |analytic − numeric| over every weight. */
  readonly maxAbsErr: number;
  /** max |analytic − numeric| / max(|analytic|, |numeric|, 1e-4) over every weight. */
  readonly maxRelErr: number;
  /** Where maxRelErr occurs: layer is 1-based (W_1 … W_L), index is [row, col]. */
  readonly worst: { layer: number; index: [number, number]; analytic: number; numeric: number };
}

/** The floor in the relative error's denominator, so gradients near 0 are judged absolutely. */
export const GRADCHECK_FLOOR = 1e-4;

/**
 * Checks backpropagation against central finite differences of the loss, one weight at a time.
 * Every weight is restored bit for bit afterwards. Shapes are assumed checked by the caller.
 */
export function gradcheck(Ws: readonly Matrix[], X: Matrix, Y: Matrix, eps = 1e-6): GradCheck {
  const { grads } = backwardPass(Ws, forwardPass(Ws, X), Y);
  const lossAt = () => lossOf(forwardPass(Ws, X), Y);
  let maxAbsErr = 0;
  let maxRelErr = -1;
  let worst: GradCheck['worst'] = { layer: 1, index: [0, 0], analytic: 0, numeric: 0 };
  Ws.forEach((W, l) => {
    for (let i = 0; i < W.data.length; i++) {
      const saved = W.data[i]!;
      W.data[i] = saved + eps;
      const plus = lossAt();
      W.data[i] = saved - eps;
      const minus = lossAt();
      W.data[i] = saved;
      const numeric = (plus - minus) / (2 * eps);
      const analytic = grads[l]!.data[i]!;
      const abs = Math.abs(analytic - numeric);
      const rel = abs / Math.max(Math.abs(analytic), Math.abs(numeric), GRADCHECK_FLOOR);
      maxAbsErr = Math.max(maxAbsErr, abs);
      if (rel > maxRelErr) {
        maxRelErr = rel;
        worst = { layer: l + 1, index: [Math.floor(i / W.cols), i % W.cols], analytic, numeric };
      }
    }
  });
  return { eps, maxAbsErr, maxRelErr, worst };
}
