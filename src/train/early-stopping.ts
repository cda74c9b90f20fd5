import { ValueError } from '../errors.js';
import { checkKeys, describe, keysOf } from '../validate.js';

/** A value in the history that early stopping can watch. */
export type Monitor = 'loss' | 'accuracy' | 'mae' | 'valLoss' | 'valAccuracy' | 'valMae';

/**
 * Early stopping (Keras 3 `EarlyStopping`, https://keras.io/api/callbacks/early_stopping/): watch
 * one value of the history after every epoch, and stop when it has not improved for `patience`
 * epochs in a row.
 *
 *   improves   value < best − minDelta     (value > best + minDelta for accuracy, where higher is better)
 *              ties do not improve; NaN never improves
 *   stops      after `patience` epochs in a row without improvement
 *   restores   with restoreBestWeights, the weights of the best epoch, when training ends for any reason
 *
 * @example
 * ```ts
 * net.fit(X, Y, { lr: 0.01, epochs: 500, validation: [Xv, Yv], earlyStopping: { patience: 10, restoreBestWeights: true } });
 * ```
 */
export interface EarlyStopping {
  /** What to watch (default 'valLoss', which needs `validation`). Accuracies are better higher, the rest lower. */
  readonly monitor?: Monitor;
  /** Epochs in a row without improvement before stopping, an integer ≥ 0 (default 0: stop at the first). */
  readonly patience?: number;
  /** How much a value must beat the best by to count as an improvement, ≥ 0 (default 0). */
  readonly minDelta?: number;
  /** Put back the weights of the best epoch when training ends (default false). */
  readonly restoreBestWeights?: boolean;
}

const EARLY_STOPPING_KEYS = keysOf<EarlyStopping>()('monitor', 'patience', 'minDelta', 'restoreBestWeights');

/** The state of early stopping over one fit. */
export class EarlyStopper {
  readonly monitor: Monitor;
  readonly restoreBestWeights: boolean;
  /** The best value seen (Infinity, or −Infinity for accuracies, before any). */
  best: number;
  /** The epoch of the best value, or −1 while none has improved. */
  bestEpoch = -1;
  private wait = 0;
  private readonly patience: number;
  private readonly minDelta: number;
  private readonly higherIsBetter: boolean;

  constructor(options: EarlyStopping, available: readonly string[]) {
    checkKeys(options, EARLY_STOPPING_KEYS, 'earlyStopping');
    this.monitor = options.monitor ?? 'valLoss';
    if (!available.includes(this.monitor)) {
      const why = this.monitor.startsWith('val') && !available.includes('valLoss') ? ' (validation data is needed for it)' : '';
      throw new ValueError(`earlyStopping.monitor is ${describe(this.monitor)}, but this fit records ${available.map((a) => `"${a}"`).join(', ')}${why}`);
    }
    this.patience = options.patience ?? 0;
    if (typeof this.patience !== 'number' || !Number.isSafeInteger(this.patience) || this.patience < 0) {
      throw new ValueError(`earlyStopping.patience is ${describe(this.patience)}, but it must be an integer ≥ 0`);
    }
    this.minDelta = options.minDelta ?? 0;
    if (typeof this.minDelta !== 'number' || !Number.isFinite(this.minDelta) || this.minDelta < 0) {
      throw new ValueError(`earlyStopping.minDelta is ${describe(this.minDelta)}, but it must be a finite number ≥ 0`);
    }
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.higherIsBetter = this.monitor === 'accuracy' || this.monitor === 'valAccuracy';
    this.best = this.higherIsBetter ? -Infinity : Infinity;
  }

  /** Records epoch `epoch`'s value; returns whether it improved on the best (NaN never does). */
  improved(value: number, epoch: number): boolean {
    const better = this.higherIsBetter ? value > this.best + this.minDelta : value < this.best - this.minDelta;
    if (better) {
      this.best = value;
      this.bestEpoch = epoch;
      this.wait = 0;
    } else {
      this.wait++;
    }
    return better;
  }

  /** True once `patience` epochs in a row have not improved. */
  get shouldStop(): boolean {
    return this.wait >= Math.max(this.patience, 1);
  }
}
