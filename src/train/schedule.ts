import { ValueError } from '../errors.js';
import { checkKeys, describe } from '../validate.js';

/**
 * A learning-rate schedule: lr_e, the rate of epoch e (epochs count from 0), from lr0, the `lr`
 * option. It is evaluated once per epoch, before the epoch's first update.
 *
 *   step         lr0·γ^⌊e/s⌋                                    PyTorch `StepLR(step_size=s, gamma=γ)`
 *   exponential  lr0·γ^e                                        PyTorch `ExponentialLR(gamma=γ)`
 *   cosine       lrMin + (lr0 − lrMin)·(1 + cos(π·min(e, T)/T))/2   Keras `CosineDecay` (stays at lrMin after T)
 *   a function   (epoch, step) → lr, step being the number of updates made before the epoch
 *
 * @example
 * ```ts
 * net.fit(X, Y, { lr: 0.1, epochs: 100, lrSchedule: { type: 'cosine', epochs: 100, lrMin: 0.001 } });
 * net.fit(X, Y, { lr: 0.1, epochs: 100, lrSchedule: (epoch) => (epoch < 10 ? 0.01 : 0.1) });
 * ```
 */
export type LrSchedule =
  | { readonly type: 'step'; readonly stepSize: number; readonly gamma: number }
  | { readonly type: 'exponential'; readonly gamma: number }
  | { readonly type: 'cosine'; readonly epochs: number; readonly lrMin?: number }
  | ((epoch: number, step: number) => number);

/**
 * Writes lr_e to out[at], as a function of the epoch and the updates made before it. Written, not
 * returned, so that setting the rate allocates nothing (a returned float is boxed). Options are
 * checked here, once; a function's result is checked each time.
 */
export type Scheduler = (epoch: number, step: number, out: Float64Array, at: number) => void;

/** The scheduler of a schedule (lr0 throughout without one). */
export function scheduleOf(lr0: number, schedule: LrSchedule | undefined): Scheduler {
  if (schedule === undefined) {
    return (_epoch, _step, out, at) => {
      out[at] = lr0;
    };
  }
  if (typeof schedule === 'function') {
    return (epoch, step, out, at) => {
      const lr: unknown = schedule(epoch, step);
      if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
        throw new ValueError(`lrSchedule returned ${describe(lr)} for epoch ${epoch}, but a learning rate must be a finite number > 0`);
      }
      out[at] = lr;
    };
  }
  if (typeof schedule !== 'object' || schedule === null) throw new ValueError(`lrSchedule is ${describe(schedule)}, expected a function or an object with a "type"`);
  switch (schedule.type) {
    case 'step': {
      checkKeys(schedule, ['type', 'stepSize', 'gamma'], 'lrSchedule');
      const s = positiveInt(schedule.stepSize, 'lrSchedule.stepSize');
      const gamma = positive(schedule.gamma, 'lrSchedule.gamma');
      return (epoch, _step, out, at) => {
        out[at] = lr0 * gamma ** Math.floor(epoch / s);
      };
    }
    case 'exponential': {
      checkKeys(schedule, ['type', 'gamma'], 'lrSchedule');
      const gamma = positive(schedule.gamma, 'lrSchedule.gamma');
      return (epoch, _step, out, at) => {
        out[at] = lr0 * gamma ** epoch;
      };
    }
    case 'cosine': {
      checkKeys(schedule, ['type', 'epochs', 'lrMin'], 'lrSchedule');
      const T = positiveInt(schedule.epochs, 'lrSchedule.epochs');
      const lrMin = schedule.lrMin ?? 0;
      if (typeof lrMin !== 'number' || !Number.isFinite(lrMin) || lrMin < 0 || lrMin > lr0) {
        throw new ValueError(`lrSchedule.lrMin is ${describe(lrMin)}, but it must be a finite number in [0, lr] (lr is ${lr0})`);
      }
      return (epoch, _step, out, at) => {
        out[at] = lrMin + ((lr0 - lrMin) * (1 + Math.cos((Math.PI * Math.min(epoch, T)) / T))) / 2;
      };
    }
    default:
      throw new ValueError(`lrSchedule.type is ${describe((schedule as { type: unknown }).type)}, expected "step", "exponential" or "cosine" (or give a function)`);
  }
}

function positive(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new ValueError(`${field} is ${describe(v)}, but it must be a finite number > 0`);
  return v;
}

function positiveInt(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new ValueError(`${field} is ${describe(v)}, but it must be a positive integer`);
  return v;
}
