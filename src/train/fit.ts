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
  /**
   * ReLU hidden layers found with no active unit over a whole epoch (every unit output 0 for every
   * row, so none passes a gradient): each layer once, with the first such epoch. Absent when none.
   */
  readonly inactiveLayers?: readonly { readonly layer: number; readonly epoch: number }[];
} & MetricHistory<H>;

/**
 * The epochs of `fit` over a trainer: after each, the logs (loss, the head's metric, lr and the
 * validation figures) go to the history, the progress display, early stopping and `onEpochEnd`.
 * The network holds the trained parameters when the loop ends, for any reason (and before each
 * `onEpochEnd`); with early stopping's restoreBestWeights, the best epoch's ones. Usually they are
 * the network's own all along (see Trainer); a trainer working on a copy writes it back then.
 */
export function fitLoop<H extends HeadName>(trainer: Trainer, metric: 'accuracy' | 'mae', options: FitOptions, validation?: readonly [Matrix, Matrix]): FitHistory<H> {
  const valMetric = metric === 'accuracy' ? 'valAccuracy' : 'valMae';
  // Nothing to report between epochs: the trainer's own loop runs them (Trainer.runEpochs). Nothing
  // can stop it early either, so the history's arrays are made whole beforehand, and of doubles:
  // arrays that start empty change their elements' kind with their first values, and that change
  // made the loop's compiled code bail out now and then.
  const quiet = !validation && !options.progress && !options.onEpochEnd && !options.earlyStopping;
  const loss: number[] = quiet ? doubles(options.epochs) : [];
  const scores: number[] = quiet ? doubles(options.epochs) : [];
  const lr: number[] = quiet ? doubles(options.epochs) : [];
  const valLoss: number[] = [];
  const valScores: number[] = [];
  const recorded = ['loss', metric, ...(validation ? ['valLoss', valMetric] : [])];
  const stopper = options.earlyStopping ? new EarlyStopper(options.earlyStopping, recorded) : undefined;
  const watched = stopper && [loss, scores, valLoss, valScores][recorded.indexOf(stopper.monitor)]!;
  const progress = options.progress ? createProgress(options.epochs, options.progress === true ? {} : options.progress) : undefined;
  const { onEpochEnd } = options;
  const result: { stoppedEpoch?: number; bestEpoch?: number; inactiveLayers?: { layer: number; epoch: number }[] } = {};
  let best: Float64Array | undefined;
  try {
    if (quiet) {
      for (let epoch = 0; epoch < loss.length; ) {
        epoch = trainer.runEpochs(epoch, loss.length, loss, scores, lr);
        if (trainer.anyInactive) noteInactive(trainer, epoch - 1, result, options.onWarning);
      }
    } else {
      for (let epoch = 0; epoch < options.epochs; epoch++) {
        trainer.runEpoch();
        if (trainer.anyInactive) noteInactive(trainer, epoch, result, options.onWarning);
        loss.push(trainer.epochLoss);
        scores.push(trainer.epochMetric);
        lr.push(trainer.lr);
        if (validation) {
          trainer.measure(validation[0], validation[1]);
          valLoss.push(trainer.evalLoss);
          valScores.push(trainer.evalMetric);
        }
        // The logs object is made only for those who read it: a fit of many tiny epochs pays nothing for it.
        const logs = progress || onEpochEnd ? logsOf(epoch, metric, loss, scores, lr, validation && { valMetric, valLoss, valScores }) : undefined;
        progress?.(epoch, logs!);
        if (stopper?.improved(watched![epoch]!, epoch) && stopper.restoreBestWeights) best = trainer.snapshot(best);
        if (onEpochEnd) {
          trainer.sync();
          if (onEpochEnd(epoch, logs!) === false) break;
        }
        if (stopper?.shouldStop) {
          result.stoppedEpoch = epoch;
          break;
        }
      }
    }
    if (best) trainer.restore(best);
  } catch (e) {
    throw trainer.withContext(e);
  } finally {
    trainer.sync();
    progress?.done();
  }
  if (stopper) result.bestEpoch = stopper.bestEpoch;
  const history = { loss, [metric]: scores, lr, ...(validation ? { valLoss, [valMetric]: valScores } : {}), ...result };
  return history as unknown as FitHistory<H>;
}

/** An array of n NaNs, whose elements are doubles (V8: HOLEY_DOUBLE_ELEMENTS) from the start. */
function doubles(n: number): number[] {
  return new Array<number>(n).fill(Number.NaN);
}

/**
 * Records the ReLU layers that went wholly inactive in this epoch (each once), and says so the first
 * time, through `onWarning` or else the console: never silently.
 */
function noteInactive(trainer: Trainer, epoch: number, result: { inactiveLayers?: { layer: number; epoch: number }[] }, onWarning?: (message: string) => void): void {
  const known = (result.inactiveLayers ??= []);
  const fresh = trainer.inactiveLayers().filter((layer) => !known.some((k) => k.layer === layer));
  if (fresh.length === 0) return;
  const first = known.length === 0;
  for (const layer of fresh) known.push({ layer, epoch });
  if (!first) return;
  const which = fresh.map((l) => `hidden layer ${l}`).join(', ');
  (onWarning ?? ((m: string) => console.warn(`typed-mlp: ${m}`)))(
    `${which} (ReLU) had no active unit in epoch ${epoch}: every unit output 0 for every row, so ${fresh.length === 1 ? 'it passes' : 'they pass'} no gradient and will not learn again. ` +
      'Usual causes: inputs far from unit scale (standardize them to mean 0 and variance 1) or a learning rate too large. See history.inactiveLayers.',
  );
}

/** Epoch e's entries of the history, as `onEpochEnd` and the progress display receive them. */
function logsOf(
  e: number,
  metric: 'accuracy' | 'mae',
  loss: number[],
  scores: number[],
  lr: number[],
  val: { valMetric: string; valLoss: number[]; valScores: number[] } | undefined,
): EpochLogs {
  const logs: Record<string, number> = { loss: loss[e]!, [metric]: scores[e]!, lr: lr[e]! };
  if (val) {
    logs.valLoss = val.valLoss[e]!;
    logs[val.valMetric] = val.valScores[e]!;
  }
  return logs as unknown as EpochLogs;
}
