import type { ClassifierHead, HeadName } from '../heads/index.js';
import type { Matrix } from '../matrix.js';
import { EarlyStopper } from './early-stopping.js';
import type { EpochLogs, FitOptions } from './options.js';
import { createProgress } from './progress.js';
import type { Trainer } from './trainer.js';

/** The per-epoch metric of a head in the history: accuracy for classifiers, mean absolute error for regression. */
type MetricHistory<H extends HeadName> = H extends ClassifierHead
  ? { readonly accuracy: number[]; readonly valAccuracy?: number[] }
  : { readonly mae: number[]; readonly valMae?: number[] };

/**
 * What {@link Network.fit} returns: one entry per epoch run, in arrays named like the logs.
 * `loss[e]` is the mean over epoch e's rows of the loss of each row's batch, before that batch's
 * update; `accuracy[e]` (classifiers) or `mae[e]` (regression) is counted the same way; `valLoss`
 * and `valAccuracy`/`valMae` are measured on the validation data after the epoch; `lr[e]` is the
 * learning rate epoch e used.
 */
export type FitHistory<H extends HeadName = HeadName> = {
  readonly loss: number[];
  readonly lr: number[];
  readonly valLoss?: number[];
  /** With early stopping: the epoch it stopped at (absent when every epoch ran). */
  readonly stoppedEpoch?: number;
  /** With early stopping: the epoch of the best monitored value (−1 if none improved). */
  readonly bestEpoch?: number;
} & MetricHistory<H>;

/**
 * The epochs of `fit` over a trainer: after each, the logs (loss, the head's metric, lr and the
 * validation figures) go to the history, the progress display, early stopping and `onEpochEnd`.
 * The trainer's parameters are written back to the network when the loop ends, for any reason;
 * with early stopping's restoreBestWeights, the best epoch's ones.
 */
export function fitLoop<H extends HeadName>(trainer: Trainer, metric: 'accuracy' | 'mae', options: FitOptions, validation?: readonly [Matrix, Matrix]): FitHistory<H> {
  const valMetric = metric === 'accuracy' ? 'valAccuracy' : 'valMae';
  const history: Record<string, number[]> = { loss: [], [metric]: [], lr: [], ...(validation ? { valLoss: [], [valMetric]: [] } : {}) };
  const stopper = options.earlyStopping ? new EarlyStopper(options.earlyStopping, Object.keys(history).filter((k) => k !== 'lr')) : undefined;
  const progress = options.progress ? createProgress(options.epochs, options.progress === true ? {} : options.progress) : undefined;
  const result: { stoppedEpoch?: number; bestEpoch?: number } = {};
  let best: Float64Array | undefined;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      trainer.runEpoch();
      const logs: Record<string, number> = { loss: trainer.epochLoss, [metric]: trainer.epochMetric, lr: trainer.lr };
      if (validation) {
        trainer.measure(validation[0], validation[1]);
        logs.valLoss = trainer.evalLoss;
        logs[valMetric] = trainer.evalMetric;
      }
      for (const key of Object.keys(history)) history[key]!.push(logs[key]!);
      progress?.(epoch, logs as unknown as EpochLogs);
      if (stopper?.improved(logs[stopper.monitor]!, epoch) && stopper.restoreBestWeights) best = trainer.snapshot(best);
      if (options.onEpochEnd) {
        trainer.sync();
        if (options.onEpochEnd(epoch, logs as unknown as EpochLogs) === false) break;
      }
      if (stopper?.shouldStop) {
        result.stoppedEpoch = epoch;
        break;
      }
    }
    if (best) trainer.restore(best);
  } finally {
    trainer.sync();
    progress?.done();
  }
  if (stopper) result.bestEpoch = stopper.bestEpoch;
  return Object.assign(history, result) as unknown as FitHistory<H>;
}
