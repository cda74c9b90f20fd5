// The optimizer state blocks (momentum's v, Adam's m and v) must read zero when a trainer starts,
// and are written only when they do not already: a fresh workspace's memory is zero, and writing
// zeros there anyway commits memory that SGD never reads (2 × 193 KiB of the peak RSS of a fit of
// 64-128-128-1; issue 12, point 6). That both hold, on both kernel backends.
import { describe, expect, it, vi } from 'vitest';
import { Workspace } from '../src/engine/workspace.js';
import { createRule, Driver } from '../src/optimizers/index.js';
import { BACKENDS } from './helpers/backends.js';

const SETTINGS = { weightDecay: 0, clipNorm: Number.POSITIVE_INFINITY };

const workspace = (backend: (typeof BACKENDS)[number]) => new Workspace([5, 7, 3, 2], [true, false, true], 4, ['relu', 'tanh', 'softmax'], backend);

/** The state blocks' bits, as 32-bit words (so a −0 is seen). */
function stateBits(ws: Workspace): Int32Array {
  const f = ws.f64;
  return new Int32Array(f.buffer, f.byteOffset + ws.state1, (ws.paramBytes * 2) / 4);
}

describe.each(BACKENDS)('optimizer state blocks (%s)', (backend) => {
  it.each(['sgd', 'momentum', 'adam'])('a fresh workspace: %s starts on zero state and writes none of it', (optimizer) => {
    const ws = workspace(backend);
    const fill = vi.spyOn(Float64Array.prototype, 'fill');
    try {
      new Driver(createRule(optimizer), SETTINGS, ws);
      expect(fill).not.toHaveBeenCalled();
    } finally {
      fill.mockRestore();
    }
    expect(stateBits(ws).every((w) => w === 0)).toBe(true);
  });

  it.each([
    ['a velocity left in the first block', (ws: Workspace) => (ws.f64[(ws.state1 >> 3) + 3] = 0.25)],
    ['a second moment left in the last entry', (ws: Workspace) => (ws.f64[((ws.state2 + ws.paramBytes) >> 3) - 1] = 1e-300)],
    ['a −0 (equal to 0, but not zero bits)', (ws: Workspace) => (ws.f64[(ws.state2 >> 3) + 1] = -0)],
  ])('%s is cleared for the next trainer', (_, dirty) => {
    const ws = workspace(backend);
    dirty(ws);
    new Driver(createRule('momentum'), SETTINGS, ws);
    expect(stateBits(ws).every((w) => w === 0)).toBe(true);
  });
});
