import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A reference case (SPEC §4), as written by the independent NumPy implementation. */
export interface Fixture {
  name: string;
  path: string;
  layer_sizes: number[];
  weights: number[][][];
  X: number[][];
  Y: number[][] | number[];
  train: { lr: number; epochs: number };
  expected: {
    layer_sizes: number[];
    Xs: number[][][];
    Zs: number[][][];
    Yhat: number[][];
    predictions: number[][];
    loss: number;
    per_sample_loss: number[];
    accuracy: number;
    deltas: number[][][];
    grads: number[][][];
  };
  expected_train: {
    lr: number;
    epochs: number;
    losses: number[];
    final_loss: number;
    final_weights: number[][][];
    final_Yhat: number[][];
    final_predictions: number[][];
    final_accuracy: number;
  };
}

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The repo's copy of the shared fixtures (test/fixtures), plus any further cases in
 * ../shared/fixtures or $TYPED_MLP_FIXTURES, deduplicated by file name.
 */
export function loadFixtures(): Fixture[] {
  const dirs = [join(here, '../fixtures'), join(here, '../../../shared/fixtures'), process.env.TYPED_MLP_FIXTURES].filter(
    (d): d is string => d !== undefined && existsSync(d),
  );
  const byName = new Map<string, Fixture>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      if (byName.has(file)) continue;
      const path = join(dir, file);
      const json = JSON.parse(readFileSync(path, 'utf8')) as Fixture;
      if (json.expected === undefined) continue;
      byName.set(file, { ...json, path });
    }
  }
  return [...byName.values()];
}
