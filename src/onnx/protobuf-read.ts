/**
 * A minimal protocol-buffers reader, the counterpart of {@link ProtoWriter}: just enough of the wire
 * format to read an ONNX model, with no dependency and no schema. A message is decoded one level at a
 * time into its fields; an embedded message stays a view of the bytes (no copy) until it is read.
 *
 * Every defect of the bytes (a varint of more than 10 bytes, a length that runs past the end, a
 * field of the wrong wire type, a group or an unknown wire type, field number 0) is a FormatError
 * naming where it is (`graph.node[3].attribute[0]: …`), never a RangeError or a hang: every step
 * moves forward by at least one byte, and nothing is allocated beyond what the bytes hold.
 *
 * @see https://protobuf.dev/programming-guides/encoding/ the wire format
 */
import { FormatError } from '../errors.js';

/** One field as it was on the wire: a varint (0), a fixed64 (1), length-delimited bytes (2) or a fixed32 (5). */
export type ProtoField =
  | { readonly wire: 0; readonly varint: Varint }
  | { readonly wire: 1; readonly bytes: Uint8Array }
  | { readonly wire: 2; readonly bytes: Uint8Array }
  | { readonly wire: 5; readonly bytes: Uint8Array };

/**
 * A varint as read: a number when it is below 2⁵³ (exact, the common case, no BigInt arithmetic),
 * else the unsigned 64-bit value as a bigint.
 */
export type Varint = number | bigint;

const WIRE_NAMES: Record<number, string> = { 0: 'varint', 1: 'fixed64', 2: 'length-delimited', 5: 'fixed32' };
const decoder = new TextDecoder('utf-8');

/**
 * One decoded message: its fields by number, in the order they came (a repeated field keeps every
 * occurrence; for a singular one the last wins, as protobuf says). `path` names the message in
 * error messages.
 *
 * @example
 * ```ts
 * const model = ProtoMessage.decode(bytes, 'model');
 * model.int(1, 'ir_version');                   // ModelProto.ir_version, or undefined
 * model.message(7, 'graph')?.messages(1, 'node') // GraphProto.node, each decoded one level
 * ```
 */
export class ProtoMessage {
  private constructor(
    readonly path: string,
    private readonly fields: ReadonlyMap<number, readonly ProtoField[]>,
  ) {}

  /**
   * Decodes the top level of `bytes` (embedded messages stay bytes until read).
   *
   * @throws {FormatError} malformed bytes, naming `path`.
   *
   * @example
   * ```ts
   * ProtoMessage.decode(new Uint8Array([0x08, 0x08]), 'model').int(1, 'ir_version'); // 8
   * ```
   */
  static decode(bytes: Uint8Array, path: string): ProtoMessage {
    const fields = new Map<number, ProtoField[]>();
    const r = new Cursor(bytes, path);
    while (!r.done()) {
      const key = r.varint('a field key');
      const field = typeof key === 'number' ? Math.floor(key / 8) : 0;
      const wire = typeof key === 'number' ? key % 8 : 0;
      if (field === 0 || field > 0x1fffffff) throw r.error(`field number ${typeof key === 'number' ? field : BigInt(key) >> 3n} is out of range`);
      let value: ProtoField;
      // The field number stands for its description, which is only written out for an error.
      if (wire === 0) value = { wire, varint: r.varint(field) };
      else if (wire === 1) value = { wire, bytes: r.take(8, field) };
      else if (wire === 2) value = { wire, bytes: r.take(r.length(field), field) };
      else if (wire === 5) value = { wire, bytes: r.take(4, field) };
      else throw r.error(`field ${field} has wire type ${wire}, which ${wire === 3 || wire === 4 ? 'is a group (not used by this format)' : 'does not exist'}`);
      const list = fields.get(field);
      if (list) list.push(value);
      else fields.set(field, [value]);
    }
    return new ProtoMessage(path, fields);
  }

  /** Every occurrence of field `n`, in order (empty when absent). */
  all(n: number): readonly ProtoField[] {
    return this.fields.get(n) ?? [];
  }

  /** Whether field `n` occurs at all. */
  has(n: number): boolean {
    return this.fields.has(n);
  }

  /** The field numbers present, in increasing order. */
  numbers(): number[] {
    return [...this.fields.keys()].sort((a, b) => a - b);
  }

  /** The last occurrence of a length-delimited field `n` as bytes (a view, not a copy), or undefined. */
  bytes(n: number, name: string): Uint8Array | undefined {
    const f = this.last(n);
    if (f === undefined) return undefined;
    return this.delimited(f, n, name);
  }

  /** Every occurrence of a length-delimited field `n`. */
  bytesList(n: number, name: string): Uint8Array[] {
    return this.all(n).map((f) => this.delimited(f, n, name));
  }

  /** A string field (UTF-8; an invalid sequence becomes U+FFFD), or undefined when absent. */
  string(n: number, name: string): string | undefined {
    const b = this.bytes(n, name);
    return b === undefined ? undefined : decoder.decode(b);
  }

  /** Every occurrence of a repeated string field. */
  strings(n: number, name: string): string[] {
    return this.bytesList(n, name).map((b) => decoder.decode(b));
  }

  /** An embedded message field (the last occurrence), decoded one level, or undefined. */
  message(n: number, name: string): ProtoMessage | undefined {
    const b = this.bytes(n, name);
    return b === undefined ? undefined : ProtoMessage.decode(b, `${this.path}.${name}`);
  }

  /** Every occurrence of a repeated message field, each decoded one level and named `name[i]`. */
  messages(n: number, name: string): ProtoMessage[] {
    return this.bytesList(n, name).map((b, i) => ProtoMessage.decode(b, `${this.path}.${name}[${i}]`));
  }

  /**
   * A signed integer field (int32, int64 or enum: two's complement, as written) as a number, or
   * undefined when absent.
   *
   * @throws {FormatError} a value that is not a varint or beyond ±2⁵³.
   */
  int(n: number, name: string): number | undefined {
    const f = this.last(n);
    if (f === undefined) return undefined;
    if (f.wire !== 0) throw this.wrongWire(n, name, f.wire, 'varint');
    return this.signed(f.varint, name);
  }

  /** A repeated integer field, packed (one length-delimited run of varints) or not, in order. */
  ints(n: number, name: string): number[] {
    const out: number[] = [];
    for (const f of this.all(n)) {
      if (f.wire === 0) out.push(this.signed(f.varint, name));
      else if (f.wire === 2) {
        const r = new Cursor(f.bytes, `${this.path}.${name}`);
        while (!r.done()) out.push(this.signed(r.varint('a packed value'), name));
      } else throw this.wrongWire(n, name, f.wire, 'varint or packed');
    }
    return out;
  }

  /** A float field (fixed32) as a number, or undefined when absent. */
  float(n: number, name: string): number | undefined {
    const f = this.last(n);
    if (f === undefined) return undefined;
    if (f.wire !== 5) throw this.wrongWire(n, name, f.wire, 'fixed32');
    return view(f.bytes).getFloat32(0, true);
  }

  /**
   * A repeated float (`width` 4) or double (`width` 8) field, packed or not, appended to `out`.
   * Returns how many values it has, without reading them when `out` is omitted.
   */
  reals(n: number, name: string, width: 4 | 8, out?: Float64Array): number {
    const wire = width === 4 ? 5 : 1;
    let count = 0;
    for (const f of this.all(n)) {
      let b: Uint8Array;
      if (f.wire === 2) {
        if (f.bytes.length % width !== 0) throw new FormatError(`${this.path}.${name} has ${f.bytes.length} bytes of packed values, not a multiple of ${width}`);
        b = f.bytes;
      } else if (f.wire === wire) b = f.bytes;
      else throw this.wrongWire(n, name, f.wire, `${WIRE_NAMES[wire]} or packed`);
      if (out) readReals(b, width, out, count);
      count += b.length / width;
    }
    return count;
  }

  private last(n: number): ProtoField | undefined {
    const list = this.fields.get(n);
    return list?.[list.length - 1];
  }

  private delimited(f: ProtoField, n: number, name: string): Uint8Array {
    if (f.wire !== 2) throw this.wrongWire(n, name, f.wire, 'length-delimited');
    return f.bytes;
  }

  /** A varint as a signed 64-bit integer (two's complement), which must lie within ±2⁵³. */
  private signed(v: Varint, name: string): number {
    if (typeof v === 'number') return v;
    const s = BigInt.asIntN(64, v);
    if (s > BigInt(Number.MAX_SAFE_INTEGER) || s < BigInt(Number.MIN_SAFE_INTEGER)) throw new FormatError(`${this.path}.${name} is ${s}, beyond the integers this reader takes (±2^53)`);
    return Number(s);
  }

  private wrongWire(n: number, name: string, wire: number, expected: string): FormatError {
    return new FormatError(`${this.path}.${name} (field ${n}) is ${WIRE_NAMES[wire] ?? `wire type ${wire}`}, but it must be ${expected}`);
  }
}

/** Reads little-endian float32 or float64 values from `b` into out[at …]. */
export function readReals(b: Uint8Array, width: 4 | 8, out: Float64Array, at: number): void {
  const v = view(b);
  const count = b.length / width;
  if (width === 4) for (let i = 0; i < count; i++) out[at + i] = v.getFloat32(i * 4, true);
  else for (let i = 0; i < count; i++) out[at + i] = v.getFloat64(i * 8, true);
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** What is being read, for an error message: a description, or a field's number. */
type What = string | number;
const whatText = (what: What) => (typeof what === 'number' ? `field ${what}` : what);

/** A position in a byte array; every read checks the bytes are there. */
class Cursor {
  private pos = 0;
  constructor(
    private readonly buf: Uint8Array,
    private readonly path: string,
  ) {}

  done(): boolean {
    return this.pos >= this.buf.length;
  }

  error(what: string): FormatError {
    return new FormatError(`${this.path}: ${what} (at byte ${this.pos} of ${this.buf.length})`);
  }

  /** A base-128 varint of at most 10 bytes (64 bits). */
  varint(what: What): Varint {
    const start = this.pos;
    let value = 0; // exact while below 2⁵³: the first 7 bytes (49 bits) always are
    for (let i = 0; i < 7; i++) {
      if (this.pos >= this.buf.length) throw this.truncated(what, start);
      const b = this.buf[this.pos++]!;
      value += (b & 0x7f) * 2 ** (7 * i);
      if (b < 0x80) return value;
    }
    let result = BigInt(value);
    for (let shift = 49n; ; shift += 7n) {
      if (this.pos >= this.buf.length) throw this.truncated(what, start);
      if (shift > 63n) throw new FormatError(`${this.path}: ${whatText(what)} is a varint of more than 10 bytes (at byte ${start} of ${this.buf.length})`);
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) {
        const v = BigInt.asUintN(64, result);
        return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
      }
    }
  }

  /** The length prefix of a length-delimited field, checked against what is left. */
  length(what: What): number {
    const start = this.pos;
    const n = this.varint(what);
    const left = this.buf.length - this.pos;
    if (typeof n !== 'number' || n > left) throw new FormatError(`${this.path}: ${whatText(what)} says it has ${n} bytes but ${left} are left (the data is truncated or not protobuf; at byte ${start} of ${this.buf.length})`);
    return n;
  }

  /** The next `n` bytes, as a view. */
  take(n: number, what: What): Uint8Array {
    if (this.pos + n > this.buf.length) throw new FormatError(`${this.path}: ${whatText(what)} needs ${n} bytes but ${this.buf.length - this.pos} are left (at byte ${this.pos} of ${this.buf.length})`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private truncated(what: What, start: number): FormatError {
    return new FormatError(`${this.path}: ${whatText(what)} is cut off (a varint starting at byte ${start} of ${this.buf.length} runs past the end)`);
  }
}
