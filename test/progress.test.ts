import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { column, fromWeights, matrix, network } from '../src/index.js';
import { createProgress } from '../src/train/progress.js';

const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = column([0, 1, 1, 0]);
const sink = (isTTY: boolean) => {
  const out: string[] = [];
  return { out, stream: { isTTY, columns: 80, write: (t: string) => void out.push(t) } };
};

describe('fit progress', () => {
  it('piped: a plain line at every tenth of the epochs, nothing redrawn', () => {
    const { out, stream } = sink(false);
    network(2, { seed: 1, bias: true }).relu(3).sigmoid(1).fit(X, Y, { lr: 0.5, epochs: 50, progress: { stream, ci: false } });
    expect(out).toHaveLength(10);
    expect(out[9]).toMatch(/^epoch 50\/50 100% loss \d\.\d+e?-?\d*  eta 0\.0s\n$/);
    expect(out.join('')).not.toContain('\r');
  });

  it('terminal: one line redrawn in place with a bar, ended by a newline', () => {
    const { out, stream } = sink(true);
    network(2, { seed: 1, bias: true }).relu(3).sigmoid(1).fit(X, Y, { lr: 0.5, epochs: 20, progress: { stream, ci: false }, validation: [X, Y] });
    expect(out[0]!.startsWith('\r')).toBe(true);
    expect(out.at(-2)).toMatch(/epoch 20\/20 \[█+\] 100% loss \S+  val \S+  eta/);
    expect(out.at(-1)).toBe('\n');
  });

  it('under CI: silent', () => {
    const { out, stream } = sink(true);
    network(2, { seed: 1 }).relu(3).sigmoid(1).fit(X, Y, { lr: 0.5, epochs: 20, progress: { stream, ci: true } });
    expect(out).toEqual([]);
  });
});

describe('the progress line itself (createProgress, on a fake clock)', () => {
  const logs = { loss: 0.123456, accuracy: 0.5 };
  const at = (ms: number) => vi.setSystemTime(new Date(Date.UTC(2026, 0, 1) + ms));
  const tty = (columns?: number) => {
    const out: string[] = [];
    return { out, stream: { isTTY: true, ...(columns === undefined ? {} : { columns }), write: (t: string) => void out.push(t) } };
  };
  beforeEach(() => {
    vi.useFakeTimers();
    at(0);
  });
  afterEach(() => vi.useRealTimers());

  it('eta = elapsed / done × (1 − done)', () => {
    const { out, stream } = sink(false);
    const p = createProgress(4, { stream, ci: false }); // piped, 4 epochs: a line for each
    at(2000);
    p(0, logs); // a quarter done after 2 s: 6 s to go
    at(3000);
    p(1, { ...logs, valLoss: 0.5 }); // half done after 3 s: 3 s to go
    expect(out).toEqual(['epoch 1/4  25% loss 0.1235  eta 6.0s\n', 'epoch 2/4  50% loss 0.1235  val 0.5000  eta 3.0s\n']);
  });

  it('a terminal line: bar sized to the terminal (10 to 30 cells), redrawn at most every 100 ms and always at the end', () => {
    const { out, stream } = tty(200);
    const p = createProgress(3, { stream, ci: false });
    at(1000);
    p(0, logs);
    at(1050);
    p(1, logs); // 50 ms later: skipped
    at(1080);
    p(2, logs); // the last epoch: drawn anyway
    p.done();
    expect(out).toEqual([
      `\repoch 1/3 [${'█'.repeat(10)}${'░'.repeat(20)}]  33% loss 0.1235  eta 2.0s\x1b[K`,
      `\repoch 3/3 [${'█'.repeat(30)}] 100% loss 0.1235  eta 0.0s\x1b[K`,
      '\n',
    ]);
  });

  it('redraws again once 100 ms have passed since the last drawing', () => {
    const { out, stream } = tty(80);
    const p = createProgress(10, { stream, ci: false });
    at(5000);
    p(0, logs);
    at(5099);
    p(1, logs); // 99 ms: skipped
    at(5100);
    p(2, logs); // 100 ms: drawn
    expect(out.map((l) => l.match(/epoch (\d+)/)![1])).toEqual(['1', '3']);
  });

  it('a narrow terminal still gets 10 cells; width − text − 4 in between; 80 columns when unknown', () => {
    const cells = (columns: number | undefined) => {
      const { out, stream } = tty(columns);
      createProgress(2, { stream, ci: false })(0, logs);
      return out[0]!.match(/\[([█░]*)\]/)![1]!.length;
    };
    const text = 'epoch 1/2 [] 50% loss 0.1235  eta 0.0s'.length - 2 - 1; // head + tail, without "[] " and one space
    expect(cells(20)).toBe(10);
    expect(cells(text + 4 + 17)).toBe(17);
    expect(cells(undefined)).toBe(Math.min(30, 80 - text - 4));
  });

  it('nothing drawn, nothing to end: a fit that fails in its first epoch leaves the terminal untouched', () => {
    const { out, stream } = tty(80);
    const huge = matrix([[1e200, 1e200], [0, 0], [0, 0], [0, 0]]);
    const n = fromWeights([matrix([[1e200, 1], [1, 1]]), matrix([[1], [1]])]);
    expect(() => n.fit(huge, Y, { lr: 0.1, epochs: 5, progress: { stream, ci: false } })).toThrow(/^Z_1\[0\]\[0\] is Infinity/);
    expect(out).toEqual([]);
  });

  it('piped: every tenth of the epochs, counted from 1, and the last', () => {
    const { out, stream } = sink(false);
    const p = createProgress(25, { stream, ci: false }); // every 2 epochs, and epoch 25
    for (let e = 0; e < 25; e++) p(e, logs);
    expect(out.map((l) => Number(l.match(/^epoch (\d+)/)![1]))).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 25]);
  });

  it('by default: process.stderr, and silent when the CI environment variable is set', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const ci = process.env.CI;
    try {
      delete process.env.CI;
      createProgress(1)(0, logs);
      expect(write).toHaveBeenCalledTimes(1);
      process.env.CI = 'true';
      createProgress(1)(0, logs);
      expect(write).toHaveBeenCalledTimes(1);
    } finally {
      if (ci === undefined) delete process.env.CI;
      else process.env.CI = ci;
      write.mockRestore();
    }
  });
});
