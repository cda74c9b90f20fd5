// One job: stored tensors as float64 numbers: a TensorProto (its data type, dims and data), a
// Constant node's value, the Transpose of a stored matrix, and a layer's bias from one.
import { FormatError } from '../errors.js';
import { MAX_ENTRIES } from '../validate.js';
import { attributes, fail, label, type Node } from './onnx-node.js';
import { type ProtoMessage, readReals } from './protobuf-read.js';

// onnx.proto enum values.
export const T_FLOAT = 1;
const T_INT32 = 6;
const T_BOOL = 9;
const T_INT64 = 7;
export const T_DOUBLE = 11;
const TYPE_NAMES: Record<number, string> = {
  0: 'undefined', 1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool',
  10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 14: 'complex64', 15: 'complex128', 16: 'bfloat16',
};
export const FLOAT_TYPES = new Set([1, 10, 11, 16]);
export const typeName = (t: number | undefined) => (t === undefined ? 'of no data type' : (TYPE_NAMES[t] ?? `of data type ${t}`));

/** A tensor stored in the file: an initializer or a Constant node's value, as float64 (integers too). */
export interface Tensor {
  readonly dims: readonly number[];
  readonly type: number;
  readonly values: Float64Array;
}

/** A TensorProto as float64 values, checking its dims against what it holds. */
export function readTensor(t: ProtoMessage, where: string): Tensor {
  const dims = t.ints(1, 'dims');
  let size = 1;
  for (const d of dims) {
    if (d < 0) throw new FormatError(`${where} has dims [${dims.join(', ')}]: a dim cannot be negative`);
    size *= d;
  }
  if (size > MAX_ENTRIES) throw new FormatError(`${where} has dims [${dims.join(', ')}], ${size} values, over the limit of ${MAX_ENTRIES}`);
  const type = t.int(2, 'data_type') ?? 0;
  if ((t.int(14, 'data_location') ?? 0) !== 0 || t.has(13)) throw new FormatError(`${where} is stored outside the model file (external data), which fromOnnx does not read: save the model with its tensors inside`);
  if (t.has(3)) throw new FormatError(`${where} is a segment of a tensor, which fromOnnx does not read`);
  const width = type === T_FLOAT || type === T_INT32 ? 4 : type === T_DOUBLE || type === T_INT64 ? 8 : type === T_BOOL ? 1 : 0;
  if (width === 0) throw new FormatError(`${where} is ${typeName(type)}, but fromOnnx reads float32 and float64 weights (and int64 shapes, bool flags); convert the model with model.float() before exporting`);
  // What the tensor holds is counted before anything is allocated: dims alone may claim 2²⁷ values.
  const held = (count: number) => {
    if (count !== size) throw new FormatError(`${where} has dims [${dims.join(', ')}] (${size} values) but holds ${count}`);
    return new Float64Array(size);
  };
  const raw = t.bytes(9, 'raw_data');
  if (raw !== undefined) {
    if (raw.length % width !== 0) throw new FormatError(`${where} has ${raw.length} bytes of raw_data, not a whole number of ${typeName(type)} values`);
    const values = held(raw.length / width);
    if (type === T_FLOAT || type === T_DOUBLE) readReals(raw, width as 4 | 8, values, 0);
    else readIntegers(raw, width, values);
    return { dims, type, values };
  }
  if (type === T_FLOAT || type === T_DOUBLE) {
    const field = type === T_FLOAT ? 4 : 10;
    const fieldName = type === T_FLOAT ? 'float_data' : 'double_data';
    const values = held(t.reals(field, fieldName, width as 4 | 8));
    t.reals(field, fieldName, width as 4 | 8, values);
    return { dims, type, values };
  }
  const ints = type === T_INT64 ? t.ints(7, 'int64_data') : t.ints(5, 'int32_data'); // bool is stored as int32_data
  const values = held(ints.length);
  values.set(ints);
  return { dims, type, values };
}

function readIntegers(raw: Uint8Array, width: number, out: Float64Array): void {
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = width === 1 ? v.getUint8(i) : width === 4 ? v.getInt32(i * 4, true) : Number(v.getBigInt64(i * 8, true));
}

/** The value of a Constant node: its one attribute, a tensor or a float(s)/int(s). */
export function constantValue(node: Node): Tensor {
  const attrs = attributes(node, ['value', 'value_float', 'value_floats', 'value_int', 'value_ints', 'sparse_value', 'value_string', 'value_strings']);
  if (attrs.size !== 1) throw new FormatError(`${label(node)} has ${attrs.size} attributes, but a Constant has exactly one`);
  const [key, a] = [...attrs][0]!;
  const where = `${label(node)}'s ${key}`;
  switch (key) {
    case 'value': {
      const t = a.message(5, 't');
      if (!t) throw new FormatError(`${where} holds no tensor`);
      return readTensor(t, where);
    }
    case 'value_float':
      return { dims: [], type: T_FLOAT, values: Float64Array.of(a.float(2, 'f') ?? fail(`${where} holds no float`)) };
    case 'value_floats': {
      const values = new Float64Array(a.reals(7, 'floats', 4));
      a.reals(7, 'floats', 4, values);
      return { dims: [values.length], type: T_FLOAT, values };
    }
    case 'value_int':
      return { dims: [], type: T_INT64, values: Float64Array.of(a.int(3, 'i') ?? fail(`${where} holds no int`)) };
    case 'value_ints': {
      const values = Float64Array.from(a.ints(8, 'ints'));
      return { dims: [values.length], type: T_INT64, values };
    }
    default:
      throw new FormatError(`${where} is a ${key === 'sparse_value' ? 'sparse tensor' : 'string'}, which fromOnnx does not read`);
  }
}

/** The Transpose of a stored matrix (perm [1, 0], or none); a vector or scalar is left as it is. */
export function transposeTensor(node: Node, t: Tensor, attrs: Map<string, ProtoMessage>): Tensor {
  const perm = attrs.get('perm')?.ints(8, 'ints');
  const rank = t.dims.length;
  if (rank <= 1) return t;
  const reverse = perm === undefined || perm.every((p, i) => p === rank - 1 - i);
  if (rank !== 2 || !reverse) throw new FormatError(`${label(node)} transposes a tensor of dims [${t.dims.join(', ')}] with perm [${perm?.join(', ') ?? ''}]: fromOnnx folds a Transpose of a stored matrix only`);
  const [r, c] = t.dims as [number, number];
  return { dims: [c, r], type: t.type, values: transpose(t.values, r, c) };
}

/** The transpose of a row-major r×c matrix. */
export function transpose(values: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = values[i * c + j]!;
  return out;
}

/**
 * A bias as n numbers, from a stored tensor that broadcasts along the rows: [n], [1, n], [1] or
 * a scalar (leading 1s allowed up to the data's rank), never one that depends on the row.
 */
export function readBias(node: Node, c: Tensor, n: number, rank: number | undefined): Float64Array {
  const dims = c.dims;
  const lead = dims.slice(0, -1);
  const last = dims.at(-1) ?? 1;
  const fits = lead.every((d) => d === 1) && (last === n || last === 1) && dims.length <= Math.max(rank ?? 2, 1);
  if (!fits) {
    throw new FormatError(`${label(node)}'s bias has dims [${dims.join(', ')}], but a layer of ${n} outputs takes [${n}], [1, ${n}] or a scalar (the same for every row)`);
  }
  if (!FLOAT_TYPES.has(c.type)) throw new FormatError(`${label(node)}'s bias is ${typeName(c.type)}, but weights are float32 or float64`);
  const out = c.values.length === n ? c.values.slice() : new Float64Array(n).fill(c.values[0] ?? 0);
  checkFiniteValues(out, `${label(node)}'s bias`);
  return out;
}

export function checkFiniteValues(values: Float64Array, where: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new FormatError(`${where} has entry ${values[i]} at index ${i}: weights must be finite`);
  }
}
