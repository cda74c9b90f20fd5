// Issue 10, point 5: a size too large for memory is a named ShapeError, never a bare RangeError,
// and it is raised before anything large is allocated.
import { describe, expect, it } from 'vitest';
import { Workspace } from '../src/engine/workspace.js';
import { column, network, ShapeError } from '../src/index.js';

describe('sizes too large for memory', () => {
  it('network(1_000_000).relu(1_000_000) names the weight matrix and the limit', () => {
    expect(() => network(1_000_000).relu(1_000_000).sigmoid(1)).toThrow(new ShapeError('weights[0] is 1000000×1000000, over the limit of 134217728 entries'));
  });

  it('a later layer too, before any weights are drawn', () => {
    expect(() => network(2).relu(20_000).relu(20_000).sigmoid(1)).toThrow(new ShapeError('weights[1] is 20000×20000, over the limit of 134217728 entries'));
  });

  it('a workspace over 4 GiB (a WebAssembly memory) is refused with its size, for both kernel backends', () => {
    for (const backend of ['wasm-simd', 'js'] as const) {
      expect(() => new Workspace([2, 20_000, 20_000, 1], [true, true, true], 64, ['relu', 'relu', 'sigmoid'], backend)).toThrow(
        /^the network's workspace for batches of 64 rows needs \d+ MiB, over the limit of 4096 MiB \(a WebAssembly memory\): use fewer or smaller layers, or smaller batches$/,
      );
    }
  });

  it('an empty column is refused with the compile-time sentence', () => {
    expect(() => column([] as number[])).toThrow(new ShapeError('values has no entries'));
  });
});
