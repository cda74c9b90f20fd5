import type { EpochLogs } from './options.js';
import { readEnv } from '../env.js';
import { checkKeys } from '../validate.js';

/** What the display shows of an epoch's logs. */
export type ProgressLogs = Pick<EpochLogs, 'loss' | 'valLoss'>;

/** Where progress goes: a writable text stream (process.stderr by default). */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Options of the progress display of {@link Network.fit}. */
export interface ProgressOptions {
  /** Default: process.stderr. */
  readonly stream?: ProgressStream;
  /** Default: the CI environment variable. Under CI nothing is written. */
  readonly ci?: boolean;
}

/**
 * Progress of a long `fit`, chosen by where it goes:
 * - a terminal (TTY): one line redrawn in place, at most ~10 times a second, with a bar, the
 *   epoch, the latest loss (and validation loss) and the time left;
 * - a pipe or a file: a plain line at every tenth of the epochs (and the last);
 * - under CI: nothing.
 *
 * @example
 * ```ts
 * net.fit(X, Y, { lr: 0.1, epochs: 5000, progress: true });
 * // epoch 1200/5000 [█████████░░░░░░░░░░░░░░░░░░░░░]  24% loss 0.0421  eta 3.1s
 * ```
 */
export function createProgress(epochs: number, options: ProgressOptions = {}): ((epoch: number, logs: ProgressLogs) => void) & { done(): void } {
  checkKeys(options, ['stream', 'ci'], 'progress');
  const stream = options.stream ?? (typeof process !== 'undefined' ? process.stderr : undefined);
  const ci = options.ci ?? !!readEnv('CI');
  const noop = Object.assign(() => {}, { done() {} });
  if (!stream || ci) return noop;
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  const text = (epoch: number, logs: ProgressLogs, width: number) => {
    const done = (epoch + 1) / epochs;
    const elapsed = (Date.now() - started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (1 - done) : 0;
    const loss = `loss ${logs.loss.toPrecision(4)}${logs.valLoss !== undefined ? `  val ${logs.valLoss.toPrecision(4)}` : ''}`;
    const head = `epoch ${epoch + 1}/${epochs}`;
    const tail = `${String(Math.round(done * 100)).padStart(3)}% ${loss}  eta ${eta.toFixed(1)}s`;
    const room = Math.max(10, Math.min(30, width - head.length - tail.length - 4));
    const filled = Math.round(done * room);
    return width > 0 ? `${head} [${'█'.repeat(filled)}${'░'.repeat(room - filled)}] ${tail}` : `${head} ${tail}`;
  };
  if (stream.isTTY) {
    const update = (epoch: number, logs: ProgressLogs) => {
      const now = Date.now();
      if (now - lastDraw < 100 && epoch + 1 < epochs) return;
      lastDraw = now;
      drawn = true;
      stream.write(`\r${text(epoch, logs, stream.columns ?? 80)}\x1b[K`);
    };
    return Object.assign(update, { done: () => void (drawn && stream.write('\n')) });
  }
  const every = Math.max(1, Math.floor(epochs / 10));
  const update = (epoch: number, logs: ProgressLogs) => {
    if ((epoch + 1) % every === 0 || epoch + 1 === epochs) stream.write(`${text(epoch, logs, 0)}\n`);
  };
  return Object.assign(update, { done() {} });
}
