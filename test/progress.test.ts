import { describe, expect, it } from 'vitest';
import { column, matrix, network } from '../src/index.js';

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
