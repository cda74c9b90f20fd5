/**
 * A minimal protocol-buffers writer: just enough of the wire format to serialise an ONNX model,
 * with no dependency. Fields are written in the order the caller gives them (protobuf readers
 * accept any order). Wire types used: 0 (varint), 2 (length-delimited) and 5 (fixed32 float).
 *
 * @example
 * ```ts
 * const w = new ProtoWriter();
 * w.int64(1, 8);                          // ModelProto.ir_version = 8
 * w.string(2, 'typed-mlp');               // ModelProto.producer_name
 * w.message(8, (op) => op.int64(2, 13));  // ModelProto.opset_import { version: 13 }
 * const bytes = w.finish();               // Uint8Array
 * ```
 */
export class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;
  private static readonly encoder = new TextEncoder();

  /** The bytes written so far (a copy of exactly that length). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  /** A varint field (wire type 0) holding a non-negative or negative integer as int64. */
  int64(field: number, value: number): this {
    this.tag(field, 0);
    this.varint(value);
    return this;
  }

  /** An enum or int32 field; written exactly like int64 (negative values take 10 bytes). */
  int32(field: number, value: number): this {
    return this.int64(field, value);
  }

  /** A float field (wire type 5): the value rounded to float32, little-endian. */
  float(field: number, value: number): this {
    this.tag(field, 5);
    this.reserve(4);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat32(this.len, value, true);
    this.len += 4;
    return this;
  }

  /** A UTF-8 string field (wire type 2). */
  string(field: number, value: string): this {
    return this.bytes(field, ProtoWriter.encoder.encode(value));
  }

  /** A bytes field (wire type 2). */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(value.length);
    this.raw(value);
    return this;
  }

  /** An embedded message (wire type 2): `build` writes its fields into a fresh writer. */
  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.buf.subarray(0, inner.len));
  }

  /** A packed repeated float field: one length-delimited run of little-endian float32 values. */
  packedFloats(field: number, values: ArrayLike<number>): this {
    return this.bytes(field, float32LE(values));
  }

  /** A packed repeated varint field (int32/int64/enum). */
  packedInt64s(field: number, values: ArrayLike<number>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) inner.varint(values[i]!);
    return this.bytes(field, inner.buf.subarray(0, inner.len));
  }

  private tag(field: number, wireType: 0 | 2 | 5): void {
    if (!(Number.isInteger(field) && field >= 1 && field < 2 ** 29)) throw new RangeError(`protobuf field number ${field} is out of range`);
    this.varint(field * 8 + wireType);
  }

  /** Base-128 varint; a negative integer is written as its 64-bit two's complement (10 bytes). */
  private varint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`protobuf varint ${value} is not a safe integer`);
    this.reserve(10);
    if (value >= 0) {
      let v = value;
      while (v >= 0x80) {
        this.buf[this.len++] = (v % 0x80) | 0x80;
        v = Math.floor(v / 0x80);
      }
      this.buf[this.len++] = v;
      return;
    }
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.buf[this.len++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.len++] = Number(v);
  }

  private raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

/** The values rounded to float32 (round to nearest even), as little-endian bytes on any host. */
export function float32LE(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return out;
}
