import type { Workspace } from '../engine/workspace.js';
import { ValueError } from '../errors.js';
import type { Rule } from './rule.js';

/** What the driver does around the rule at every step. */
export interface UpdateSettings {
  /** λ ≥ 0: L2 weight decay on the weights, never the biases. 0 is none. */
  readonly weightDecay: number;
  /** The largest global L2 norm of the gradient (PyTorch `clip_grad_norm_`); Infinity is none. */
  readonly clipNorm: number;
}

/**
 * One training update, all or nothing, for any rule:
 *
 *   0. freeze: g ← 0 on every frozen layer (PyTorch `requires_grad_(False)`)
 *   1. clip:   G = ‖g‖₂ over every weight and bias gradient; if G > c, g ← g·c/G
 *              (PyTorch `torch.nn.utils.clip_grad_norm_`, Keras `global_clipnorm`); on the data gradient
 *   2. decay:  g_W ← g_W + λ·W for a coupled rule (PyTorch `SGD(weight_decay=λ)`); weights only
 *   3. check:  the rule computes every new value; the first that is not finite is a ValueError
 *              naming its parameter, and no parameter changes (rule.ts: Adam writes here and puts
 *              everything back on failure)
 *   4. write:  the rule writes them (Adam: makes its new moments current)
 *
 * Steps 1 and 2 change only the gradient block, never a parameter. Nothing here allocates.
 */
export class Driver {
  /** Binds a rule to a workspace and zeroes the rule's state there (momentum's v, Adam's m and v). */
  private readonly clipping: boolean;
  private readonly coupledDecay: boolean;

  constructor(
    private readonly rule: Rule,
    private readonly settings: UpdateSettings,
    ws: Workspace,
  ) {
    zeroState(ws);
    this.clipping = settings.clipNorm < Infinity;
    this.coupledDecay = settings.weightDecay > 0 && rule.decay === 'coupled';
  }

  /** One update with the learning rate in `ws.lr` (the caller's to set), the settings given at construction, and the gradient in `ws`. */
  step(ws: Workspace): void {
    const f = ws.f64;
    zeroFrozenGradients(ws);
    f[ws.weightDecay >> 3] = this.settings.weightDecay;
    if (this.clipping) {
      f[ws.clipNorm >> 3] = this.settings.clipNorm;
      clipGradients(ws);
    }
    if (this.coupledDecay) addWeightDecay(ws);
    const bad = this.rule.pass(ws, false);
    if (bad >= 0) throw updateNotFinite(ws, bad);
    this.rule.pass(ws, true);
    this.rule.done();
  }
}

/**
 * Makes the state blocks zero, writing only if they are not. A workspace's memory starts zeroed, so
 * the first rule to use it has nothing to write, and SGD, which has no state, never touches them:
 * filling them anyway committed pages nothing reads (2 × 193 KiB for 64-128-128-1, 0.4 MiB of the
 * peak RSS of a fit of workload B). Reading them commits nothing. Bit for bit (an Int32Array view),
 * so a −0 left by an earlier rule is cleared too. Once per trainer, never per step.
 */
function zeroState(ws: Workspace): void {
  const f = ws.f64;
  const from = ws.state1 >> 3;
  const to = (ws.state2 + ws.paramBytes) >> 3;
  const bits = new Int32Array(f.buffer, f.byteOffset + from * 8, (to - from) * 2);
  for (let i = 0; i < bits.length; i++) {
    if (bits[i] !== 0) {
      f.fill(0, from, to);
      return;
    }
  }
}

/** g_W ← 0 and g_b ← 0 for every frozen layer (ws.frozen), so no rule moves them and they add nothing to the clipping norm. */
export function zeroFrozenGradients(ws: Workspace): void {
  const f = ws.f64;
  for (let l = 0; l < ws.L; l++) {
    if (ws.frozen[l] === 0) continue;
    const g = ws.dW[l]! >> 3;
    f.fill(0, g, g + ws.sizes[l]! * ws.sizes[l + 1]!);
    if (ws.hasBias[l]) f.fill(0, ws.db[l]! >> 3, (ws.db[l]! >> 3) + ws.sizes[l + 1]!);
  }
}

/**
 * g ← g·c/G when the global norm G = √(Σ g²) exceeds c (`ws.clipNorm`), on the kernels: `sumSquares`
 * (four running sums, see its doc), then `scale`. Padding in the block is zero and adds nothing.
 */
export function clipGradients(ws: Workspace): void {
  const f = ws.f64;
  const slots = ws.clipSlots >> 3;
  const count = ws.paramBytes >> 3;
  ws.k.sumSquares(ws.grads, count, ws.clipSlots); //                  Σ g²
  const norm = Math.sqrt(f[slots]!); //                               G
  const c = f[ws.clipNorm >> 3]!;
  if (!(norm > c)) return;
  f[slots + 1] = c / norm;
  ws.k.scale(ws.grads, count, ws.clipSlots + 8); //                   g ← g·c/G
}

/** g_W ← g_W + λ·W on every layer's weights (not its biases), λ from `ws.weightDecay`, on the kernels (`addScaled`). */
export function addWeightDecay(ws: Workspace): void {
  for (let l = 0; l < ws.L; l++) {
    if (ws.frozen[l] === 1) continue; // a frozen layer's weights take no decay
    ws.k.addScaled(ws.dW[l]!, ws.W[l]!, ws.weightDecay, ws.sizes[l]! * ws.sizes[l + 1]!); // g_W ← g_W + λ·W
  }
}

/** The error for a parameter (an index into the parameter block) whose update would not be finite. */
export function updateNotFinite(ws: Workspace, index: number): ValueError {
  const at = ws.params + index * 8;
  const gradient = ws.f64[(ws.grads >> 3) + index];
  for (let l = 0; l < ws.L; l++) {
    const cols = ws.sizes[l + 1]!;
    const w = (at - ws.W[l]!) >> 3;
    const b = (at - ws.b[l]!) >> 3;
    const where =
      w >= 0 && w < ws.sizes[l]! * cols ? `weights[${l}][${Math.floor(w / cols)}][${w % cols}]`
      : ws.hasBias[l] && b >= 0 && b < cols ? `biases[${l}][${b}]`
      : undefined;
    if (where) return new ValueError(`the update of ${where} is not finite (gradient ${gradient}); no parameter was changed`);
  }
  return new ValueError(`an update is not finite (gradient ${gradient}); no parameter was changed`);
}
