/**
 * The model file of `fit --save`, as `predict` and `summary` read it: the library's saved model
 * (saveNetwork / loadModel: the network and its scalers) plus the CSV columns it was trained on,
 * under three keys of the CLI's own, validated here.
 */
import { InputError, TypedMlpError } from '../errors.js';
import type { HeadName } from '../heads/index.js';
import type { Network } from '../network.js';
import type { Scaler } from '../data/scaler.js';
import { loadModel } from '../io/format.js';
import { describe } from '../validate.js';
import { parseStrictJson } from '../io/json.js';
import { readTextFile } from './input.js';

/** The CSV columns a model was trained on: the three keys the CLI adds to the saved model. */
export interface Columns {
  /** The feature column names, in the network's input order. */
  readonly features: readonly string[];
  /** The target column names. */
  readonly targets: readonly string[];
  /** Softmax with one target column: the class names, in the network's output order. */
  readonly labels?: readonly string[];
}

/** A model file, loaded and checked. */
export interface CliModel extends Columns {
  readonly network: Network<number[], HeadName>;
  readonly inputScaler?: Scaler;
  readonly targetScaler?: Scaler;
}

/**
 * Reads and checks a model file; an InputError (exit 2) names the file and what is wrong. Without
 * `requireColumns`, a saved network without the CLI's column keys is read too (its columns are
 * then empty): summary shows any saved network, predict needs the names.
 */
export function readModel(path: string, requireColumns = true): CliModel {
  const source = `MODEL ${JSON.stringify(path)}`;
  const text = readTextFile(path, 'MODEL');
  const json = parseStrictJson(text, (why) => new InputError(`${source} ${why.startsWith('not ') ? 'is' : 'has a'} ${why}`));
  let loaded: ReturnType<typeof loadModel>;
  try {
    loaded = loadModel(json);
  } catch (e) {
    if (e instanceof TypedMlpError) throw new InputError(`${source} is not a typed-mlp model: ${e.message}`);
    throw e;
  }
  const obj = json as Record<string, unknown>;
  const columns = requireColumns || Object.hasOwn(obj, 'features') || Object.hasOwn(obj, 'targets') ? readColumns(obj, loaded.network, source) : { features: [], targets: [] };
  return {
    network: loaded.network as Network<number[], HeadName>,
    ...(loaded.inputScaler !== undefined && { inputScaler: loaded.inputScaler }),
    ...(loaded.targetScaler !== undefined && { targetScaler: loaded.targetScaler }),
    ...columns,
  };
}

/** The column keys of a model object, checked against its network. */
export function readColumns(obj: Record<string, unknown>, net: { readonly sizes: readonly number[]; readonly head: HeadName }, source: string): Columns {
  const inputs = net.sizes[0]!;
  const outputs = net.sizes[net.sizes.length - 1]!;
  if (!Object.hasOwn(obj, 'features') || !Object.hasOwn(obj, 'targets')) {
    throw new InputError(`${source} has no "features" and "targets": it is a saved network, but not one written by typed-mlp fit --save (predict needs the column names)`);
  }
  const features = names(obj.features, 'features', source);
  const targets = names(obj.targets, 'targets', source);
  if (features.length !== inputs) throw new InputError(`${source}: "features" names ${features.length} columns but the network takes ${inputs} inputs`);
  const shared = targets.find((t) => features.includes(t));
  if (shared !== undefined) throw new InputError(`${source}: ${JSON.stringify(shared)} is both a feature and a target`);
  if (obj.labels === undefined) {
    if (targets.length !== outputs) throw new InputError(`${source}: "targets" names ${targets.length} columns but the network has ${outputs} outputs`);
    return { features, targets };
  }
  const labels = names(obj.labels, 'labels', source);
  if (net.head !== 'softmax') throw new InputError(`${source}: "labels" (class names) belong to a softmax head, but the network's head is ${net.head}`);
  if (targets.length !== 1) throw new InputError(`${source}: "labels" come from one target column, but "targets" names ${targets.length}`);
  if (labels.length !== outputs) throw new InputError(`${source}: "labels" names ${labels.length} classes but the network has ${outputs} outputs`);
  return { features, targets, labels };
}

/** A list of distinct non-empty strings. */
function names(value: unknown, key: string, source: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new InputError(`${source}: "${key}" must be a non-empty array of names, got ${describe(value)}`);
  value.forEach((v: unknown, i) => {
    if (typeof v !== 'string' || v === '') throw new InputError(`${source}: "${key}"[${i}] is ${describe(v)}, but it must be a non-empty string`);
    if (value.indexOf(v) !== i) throw new InputError(`${source}: "${key}" names ${JSON.stringify(v)} twice`);
  });
  return value as string[];
}
