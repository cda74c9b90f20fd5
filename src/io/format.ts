import type { InputSize, Mutable, OutputSize, SizesCheck } from '../../types/index.js';
import { FormatError, ValueError } from '../errors.js';
import { checkLayers } from '../checks.js';
import { readScaler, savedScalerFor } from '../data/load-scaler.js';
import type { SavedScaler, Scaler } from '../data/scaler.js';
import type { HeadName } from '../heads/index.js';
import { Matrix } from '../matrix.js';
import { type Activation, Network } from '../network.js';
import type { WeightsOf } from '../network-types.js';
import { checkKeys, count, describe, keysOf, readRows, shapeText } from '../validate.js';
import { parseStrictJson } from './json.js';

/** The saved form of a network (version 1). Plain JSON: numbers are written at round-trip precision. */
export interface SavedNetwork {
  readonly format: 'typed-mlp';
  readonly version: 1;
  /** n_1 … n_{L+1}. */
  readonly sizes: number[];
  /** One per layer, W_1's first. */
  readonly activations: string[];
  /** One per layer: W_l as rows (n_l × n_{l+1}) and b_l (n_{l+1} numbers) or null. */
  readonly layers: { weights: number[][]; bias: number[] | null }[];
  /** The scaler of the inputs, fitted on the training X (n_1 columns), when saved with the model. */
  readonly inputScaler?: SavedScaler;
  /** The scaler of a linear head's targets, fitted on the training Y (n_{L+1} columns), when saved with the model. */
  readonly targetScaler?: SavedScaler;
}

/** The scalers saved with a model: options of {@link saveNetwork}, and what {@link loadModel} gives back. */
export interface ModelScalers<I extends number = number, O extends number = number> {
  /** Applied to the inputs before the network (fitted on the training X). */
  readonly inputScaler?: Scaler<I>;
  /** Applied to a linear head's targets (fitted on the training Y); `inverseTransform` turns predictions back into units. */
  readonly targetScaler?: Scaler<O>;
}

const SAVE_KEYS = keysOf<ModelScalers>()('inputScaler', 'targetScaler');

const LOAD_KEYS = keysOf<LoadOptions>()('maxBytes', 'head');

/** The largest saved network `loadNetwork` parses from text unless told otherwise (64 MiB). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * A network as a versioned, self-describing JSON object (the same as `net.toJSON()`, so
 * `JSON.stringify(net)` writes it too). `JSON.stringify` of it and `loadNetwork` round-trip exactly
 * (float64 to shortest round-trip decimal and back). The scalers it was trained with can be saved
 * in the same file (`inputScaler`, `targetScaler`, still format version 1: a file without them
 * loads as before); {@link loadModel} reads them back.
 *
 * @throws {ShapeError} a scaler whose column count is not the network's input (or output) size.
 * @throws {ValueError} something that is not a scaler, a targetScaler for a classifier head, or an unknown option.
 *
 * @example
 * ```ts
 * writeFileSync('net.json', JSON.stringify(saveNetwork(net)));
 * writeFileSync('model.json', JSON.stringify(saveNetwork(net, { inputScaler: scaler }))); // with its scaler
 * ```
 */
export function saveNetwork<S extends readonly number[], H extends HeadName>(net: Network<S, H>, scalers?: ModelScalers<InputSize<S>, OutputSize<S>>): SavedNetwork {
  checkKeys(scalers, SAVE_KEYS, 'saveNetwork options');
  const saved = net.toJSON();
  const sizes = saved.sizes;
  const input = scalers?.inputScaler && savedScalerFor(scalers.inputScaler, 'inputScaler', sizes[0]!, 'input size');
  if (scalers?.targetScaler !== undefined && net.head !== 'linear') {
    throw new ValueError(`targetScaler is for a linear head's targets, but this network's head is ${net.head} (its targets are classes)`);
  }
  const target = scalers?.targetScaler && savedScalerFor(scalers.targetScaler, 'targetScaler', sizes[sizes.length - 1]!, 'output size');
  return { ...saved, ...(input && { inputScaler: input }), ...(target && { targetScaler: target }) };
}

/** Options of {@link loadNetwork}. */
export interface LoadOptions<H extends HeadName = HeadName> {
  /** Refuse text longer than this many bytes (UTF-8) before parsing it (default 64 MiB; Infinity for no limit). */
  readonly maxBytes?: number;
  /** The head you expect: the result is typed with it, and a file with another head is a FormatError. */
  readonly head?: H;
}

/**
 * A network from a saved one (the object, or its JSON text). Everything is validated, and a file
 * that does not fit gives a FormatError (or ShapeError/ValueError) naming the field and what
 * differs. Given the sizes (and head) you expect, the result is typed with them; a file of other
 * sizes or another head is an error, not a silently different network. Without a head, the result's
 * head is any of them (`Network<…, HeadName>`); narrow it with the `head` option or {@link withHead}.
 * Scalers saved with the network are checked too and then left out: {@link loadModel} returns them.
 *
 * @throws {FormatError} a file that is not a saved network, or has other sizes or another head than expected.
 *
 * @example
 * ```ts
 * const net = loadNetwork(readFileSync('net.json', 'utf8'), [9, 6, 6, 1], { head: 'sigmoid' }); // Network<[9, 6, 6, 1], "sigmoid">
 * const any = loadNetwork(text);                                                              // Network<number[], HeadName>
 * ```
 */
export function loadNetwork<const S extends readonly number[], const H extends HeadName>(saved: unknown, sizes: S & SizesCheck<S>, options: LoadOptions<H> & { readonly head: H }): Network<Mutable<S>, H>;
export function loadNetwork<const S extends readonly number[]>(saved: unknown, sizes: S & SizesCheck<S>, options?: LoadOptions<never>): Network<Mutable<S>, HeadName>;
export function loadNetwork<const H extends HeadName>(saved: unknown, sizes: undefined, options: LoadOptions<H> & { readonly head: H }): Network<number[], H>;
export function loadNetwork(saved: unknown, sizes?: undefined, options?: LoadOptions<never>): Network<number[], HeadName>;
export function loadNetwork(saved: unknown, sizes?: readonly number[], options?: LoadOptions): Network<number[], HeadName> {
  return readModel(saved, sizes, options).network; // saved scalers are checked, then left out (loadModel returns them)
}

/** What {@link loadModel} returns: the network and the scalers saved with it (a key is absent when none was saved). */
export type LoadedModel<S extends readonly number[], H extends HeadName> = { readonly network: Network<S, H> } & ModelScalers<InputSize<S>, OutputSize<S>>;

/**
 * A saved model: the network, as {@link loadNetwork} reads it (the same options and checks), with
 * the scalers saved beside it by `saveNetwork(net, { inputScaler, targetScaler })`. Each scaler is
 * checked (FormatError naming its field, e.g. `inputScaler.scale[1]`) and must fit the network's
 * input (output) size. It transforms exactly as the saved one did. The sizes may be left out:
 * `loadModel(saved, { head })` is `loadModel(saved, undefined, { head })`.
 *
 * @throws {FormatError} as loadNetwork, or a saved scaler that does not fit.
 *
 * @example
 * ```ts
 * const { network: net, inputScaler } = loadModel(readFileSync('model.json', 'utf8'), [5, 16, 1], { head: 'linear' });
 * const mpg = net.predict(inputScaler!.transform(fromRecords(cars, columns))); // Matrix<number, 1>
 * const any = loadModel(text, { head: 'linear' }); // sizes not given: { network: Network<number[], "linear">, … }
 * ```
 */
export function loadModel<const S extends readonly number[], const H extends HeadName>(saved: unknown, sizes: S & SizesCheck<S>, options: LoadOptions<H> & { readonly head: H }): LoadedModel<Mutable<S>, H>;
export function loadModel<const S extends readonly number[]>(saved: unknown, sizes: S & SizesCheck<S>, options?: LoadOptions<never>): LoadedModel<Mutable<S>, HeadName>;
export function loadModel<const H extends HeadName>(saved: unknown, sizes: undefined, options: LoadOptions<H> & { readonly head: H }): LoadedModel<number[], H>;
export function loadModel(saved: unknown, sizes?: undefined, options?: LoadOptions<never>): LoadedModel<number[], HeadName>;
export function loadModel<const H extends HeadName>(saved: unknown, options: LoadOptions<H> & { readonly head: H }): LoadedModel<number[], H>;
export function loadModel(saved: unknown, options: LoadOptions<never>): LoadedModel<number[], HeadName>;
export function loadModel(saved: unknown, sizes?: readonly number[] | LoadOptions, options?: LoadOptions): LoadedModel<number[], HeadName> {
  // loadModel(saved, options) is loadModel(saved, undefined, options).
  if (sizes !== undefined && !Array.isArray(sizes) && options === undefined) return readModel(saved, undefined, sizes as LoadOptions);
  return readModel(saved, sizes as readonly number[] | undefined, options);
}

/** The network and the scalers of a saved model, every field checked. */
function readModel(saved: unknown, sizes: readonly number[] | undefined, options: LoadOptions | undefined): LoadedModel<number[], HeadName> {
  checkKeys(options, LOAD_KEYS, 'load options');
  if (sizes !== undefined && !Array.isArray(sizes)) throw new ValueError(`sizes must be the list of layer sizes you expect (or undefined), got ${describe(sizes)}`);
  const obj = parse(saved, readMaxBytes(options?.maxBytes));
  if (obj.format !== 'typed-mlp') throw new FormatError(`format is ${describe(obj.format)}, expected "typed-mlp"`);
  if (obj.version !== 1) throw new FormatError(`version is ${describe(obj.version)}, but this library reads version 1`);
  const fileSizes = readSizes(obj.sizes);
  const L = fileSizes.length - 1;
  if (!Array.isArray(obj.layers)) throw new FormatError(`layers must be an array, got ${describe(obj.layers)}`);
  if (obj.layers.length !== L) throw new FormatError(`layers has ${count(obj.layers.length, 'entry')} but sizes [${fileSizes.join(', ')}] gives ${count(L, 'layer')}`);
  const activations = readActivations(obj.activations, fileSizes);
  const weights: Matrix[] = [];
  const biases: (Matrix | null)[] = [];
  obj.layers.forEach((layer: unknown, l) => {
    if (typeof layer !== 'object' || layer === null || Array.isArray(layer)) throw new FormatError(`layers[${l}] must be an object, got ${describe(layer)}`);
    const { weights: w, bias } = layer as Record<string, unknown>;
    const field = `layers[${l}].weights`;
    if (w === undefined) throw new FormatError(`${field} is missing`);
    const m = readRows(w, field);
    if (m.rows !== fileSizes[l] || m.cols !== fileSizes[l + 1]) {
      throw new FormatError(`${field} is ${shapeText(m.rows, m.cols)} but sizes says ${shapeText(fileSizes[l]!, fileSizes[l + 1]!)}`);
    }
    weights.push(new Matrix(m.rows, m.cols, m.data));
    if (bias === undefined || bias === null) {
      biases.push(null);
    } else {
      biases.push(readBias(bias, `layers[${l}].bias`, fileSizes[l + 1]!));
    }
  });
  if (sizes !== undefined && (sizes.length !== fileSizes.length || sizes.some((n, i) => n !== fileSizes[i]))) {
    throw new FormatError(`the saved network has sizes [${fileSizes.join(', ')}] but [${sizes.join(', ')}] was expected`);
  }
  const net = new Network<number[], HeadName>(weights as WeightsOf<number[]>, biases, activations as never);
  if (options?.head !== undefined && net.head !== options.head) {
    throw new FormatError(`the saved network has a ${net.head} head but a ${String(options.head)} head was expected`);
  }
  const inputScaler = obj.inputScaler === undefined ? undefined : readScaler(obj.inputScaler, 'inputScaler', { columns: fileSizes[0]!, what: "the network's input size" });
  if (obj.targetScaler !== undefined && net.head !== 'linear') throw new FormatError(`targetScaler is saved with a ${net.head} head, but it is for a linear head's targets`);
  const targetScaler = obj.targetScaler === undefined ? undefined : readScaler(obj.targetScaler, 'targetScaler', { columns: fileSizes[L]!, what: "the network's output size" });
  return { network: net, ...(inputScaler && { inputScaler }), ...(targetScaler && { targetScaler }) };
}

function parse(saved: unknown, maxBytes: number): Record<string, unknown> {
  let value = saved;
  if (typeof saved === 'string') {
    checkSize(saved, maxBytes);
    value = parseStrictJson(saved, (why) => new FormatError(`the saved network is ${why}`));
  } else if (ArrayBuffer.isView(saved) || saved instanceof ArrayBuffer) {
    // Raw bytes (readFileSync without 'utf8') would otherwise fail later as "format is missing".
    const kind = Object.prototype.toString.call(saved).slice(8, -1);
    throw new FormatError(`a saved network must be a JSON object or its text (a string), got ${kind === 'ArrayBuffer' ? 'an' : 'a'} ${kind} of ${saved.byteLength} bytes: decode it first (e.g. readFileSync(path, 'utf8'))`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FormatError(`a saved network must be a JSON object, got ${describe(value)}`);
  for (const key of ['format', 'version', 'sizes', 'activations', 'layers']) {
    if (!Object.hasOwn(value, key)) throw new FormatError(`${key} is missing`);
  }
  return value as Record<string, unknown>;
}

/**
 * Refuses text over `maxBytes` in UTF-8 before it is parsed. UTF-8 takes at least one byte per
 * UTF-16 unit, so a long string is refused on its length alone, without a pass over 200 MB.
 */
function checkSize(text: string, maxBytes: number): void {
  const limit = `over the limit of ${maxBytes} bytes (pass maxBytes to raise it)`;
  if (text.length > maxBytes) throw new FormatError(`the saved network is ${text.length} characters, ${limit}`);
  if (text.length * 3 <= maxBytes) return; // at most 3 bytes per unit: it cannot be over
  const bytes = utf8Length(text);
  if (bytes > maxBytes) throw new FormatError(`the saved network is ${bytes} bytes in UTF-8 (${text.length} characters), ${limit}`);
}

/** The UTF-8 length of `text` without encoding it (a surrogate pair is 4 bytes, a lone surrogate 3, as U+FFFD). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The byte limit from the options: a number ≥ 0 (Infinity for none); NaN would silently mean no limit. */
function readMaxBytes(maxBytes: unknown): number {
  if (maxBytes === undefined) return DEFAULT_MAX_BYTES;
  if (typeof maxBytes !== 'number' || Number.isNaN(maxBytes) || maxBytes < 0) {
    throw new ValueError(`maxBytes is ${describe(maxBytes)}, but it must be a number ≥ 0 (Infinity for no limit)`);
  }
  return maxBytes;
}

function readSizes(sizes: unknown): number[] {
  if (!Array.isArray(sizes) || sizes.length < 2) throw new FormatError(`sizes must list at least 2 layer sizes, got ${describe(sizes)}`);
  sizes.forEach((n: unknown, i) => {
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw new FormatError(`sizes[${i}] is ${describe(n)}, but it must be a positive integer`);
  });
  return sizes as number[];
}

function readBias(bias: unknown, field: string, n: number): Matrix {
  if (!Array.isArray(bias)) throw new FormatError(`${field} must be an array of ${n} numbers or null, got ${describe(bias)}`);
  if (bias.length !== n) throw new FormatError(`${field} has ${count(bias.length, 'entry')} but sizes says ${n}`);
  return new Matrix(1, n, readRows([bias], field).data); // readRows checks every entry is a finite number
}

function readActivations(activations: unknown, sizes: readonly number[]): Activation[] {
  const L = sizes.length - 1;
  if (!Array.isArray(activations) || activations.length !== L) {
    throw new FormatError(`activations must list ${L} activations (one per layer), got ${describe(activations)}${Array.isArray(activations) ? ` of length ${activations.length}` : ''}`);
  }
  try {
    checkLayers(activations, sizes.slice(1));
  } catch (e) {
    throw new FormatError((e as Error).message);
  }
  return activations as Activation[];
}
