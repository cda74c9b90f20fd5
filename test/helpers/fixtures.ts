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

/**
 * A reference case of SPEC sections 5-6 (heads, biases, activations, weight decay), as written by an
 * independent NumPy reference. Every key beyond section 4's is optional: a fixture without
 * "biases" or "activations" means the seed's network, and `expected` holds only the keys its head
 * has (no accuracy or predictions for a linear head, mae and r2 only for it; bias_grads as 1×n
 * matrices, null for a layer without bias; final_biases as flat rows).
 */
export interface ModelFixture {
  name: string;
  path: string;
  /** The raw JSON, as the CLI reads it. */
  json: Record<string, unknown>;
  weights: number[][][];
  biases?: (number[] | null)[] | null;
  activations?: string[];
  X: number[][];
  Y: number[][] | number[];
  train: { lr: number; epochs: number; weightDecay?: number };
  expected: Record<string, unknown>;
  expected_train: Record<string, unknown>;
}

/**
 * Where the model fixtures live: test/fixtures/model (the repo's copy of the two shared ones, and
 * gen_*.json from test/reference/reference.py), then ../shared/fixtures/model and
 * $TYPED_MLP_MODEL_FIXTURES when present (further cases there are picked up; a name seen already is skipped).
 */
export const MODEL_FIXTURE_DIRS = [
  { dir: join(here, '../fixtures/model'), pattern: /\.json$/ },
  { dir: join(here, '../../../shared/fixtures/model'), pattern: /\.json$/ },
  ...(process.env.TYPED_MLP_MODEL_FIXTURES ? [{ dir: process.env.TYPED_MLP_MODEL_FIXTURES, pattern: /\.json$/ }] : []),
] as const;

/** Every model fixture of {@link MODEL_FIXTURE_DIRS}, sorted by name within each folder (a missing folder gives none). */
export function loadModelFixtures(): ModelFixture[] {
  const out: ModelFixture[] = [];
  for (const { dir, pattern } of MODEL_FIXTURE_DIRS) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => pattern.test(f)).sort()) {
      const path = join(dir, file);
      if (out.some((f) => f.name === file.replace(/\.json$/, ''))) continue;
      const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      if (json.expected === undefined) continue;
      out.push({ ...(json as unknown as ModelFixture), name: file.replace(/\.json$/, ''), path, json });
    }
  }
  return out;
}
