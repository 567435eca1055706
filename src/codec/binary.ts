/**
 * Little-endian binary writing and bounds-checked reading, shared by the workbench's file and proof formats
 * (LWE keys and ciphertexts, STARK proofs). The reader never reads past the end: it calls the caller's `fail`
 * with a message naming the field, so each format raises its own typed error. An element count read from the
 * input (`count`) is checked against a cap and against the bytes left before anyone allocates for it (issue
 * "Sound from model to payment", item 4: bounded resources for input from someone else).
 */

export class ByteWriter {
  private parts: Uint8Array[] = [];
  private size = 0;
  bytes(b: Uint8Array): this {
    this.parts.push(Uint8Array.from(b));
    this.size += b.length;
    return this;
  }
  private fixed(n: number, set: (dv: DataView) => void): this {
    const b = new Uint8Array(n);
    set(new DataView(b.buffer));
    this.parts.push(b);
    this.size += n;
    return this;
  }
  u8(x: number): this {
    return this.fixed(1, (dv) => dv.setUint8(0, x));
  }
  u16(x: number): this {
    return this.fixed(2, (dv) => dv.setUint16(0, x, true));
  }
  u32(x: number): this {
    return this.fixed(4, (dv) => dv.setUint32(0, x, true));
  }
  u64(x: bigint): this {
    return this.fixed(8, (dv) => dv.setBigUint64(0, x, true));
  }
  f64(x: number): this {
    return this.fixed(8, (dv) => dv.setFloat64(0, x, true));
  }
  /** u32 length, then UTF-8 bytes. */
  text(s: string): this {
    const b = new TextEncoder().encode(s);
    return this.u32(b.length).bytes(b);
  }
  /** 32-bit little-endian words. */
  limbs(v: Uint32Array): this {
    return this.fixed(v.length * 4, (dv) => {
      for (let i = 0; i < v.length; i++) dv.setUint32(4 * i, v[i]!, true);
    });
  }
  /** Everything written so far, plus `trailerBytes` zero bytes at the end for the caller to fill. */
  finish(trailerBytes = 0): Uint8Array {
    const out = new Uint8Array(this.size + trailerBytes);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

export class ByteReader {
  private pos = 0;
  private readonly dv: DataView;
  constructor(
    private readonly buf: Uint8Array,
    /** Raises the format's own error; must throw. */
    private readonly fail: (message: string) => never,
    /** How the input is named in truncation messages, e.g. "LWE public key file". */
    private readonly what: string,
  ) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  need(n: number, field: string): void {
    if (!(n >= 0) || this.pos + n > this.buf.length)
      this.fail(`${this.what} is truncated: ${field} needs ${n} bytes at offset ${this.pos}, ${this.buf.length - this.pos} left`);
  }
  bytes(n: number, field: string): Uint8Array {
    this.need(n, field);
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  private read<T>(n: number, field: string, get: (dv: DataView, at: number) => T): T {
    this.need(n, field);
    const x = get(this.dv, this.pos);
    this.pos += n;
    return x;
  }
  u8(field: string): number {
    return this.read(1, field, (dv, at) => dv.getUint8(at));
  }
  u16(field: string): number {
    return this.read(2, field, (dv, at) => dv.getUint16(at, true));
  }
  /** A u32, rejected (by `fail`) above `max`. */
  u32(field: string, max = 0xffffffff): number {
    const x = this.read(4, field, (dv, at) => dv.getUint32(at, true));
    if (x > max) this.fail(`${field} = ${x} exceeds ${max}`);
    return x;
  }
  /**
   * A u32 element count, rejected (by `fail`) above `max` or when `count × minBytesEach` exceeds the bytes left:
   * a caller that allocates `count` slots only ever allocates for elements that can be present.
   */
  count(field: string, max: number, minBytesEach: number): number {
    const n = this.u32(field, max);
    if (n * minBytesEach > this.left) this.fail(`${this.what} is truncated: ${field} = ${n} needs at least ${n * minBytesEach} bytes (${minBytesEach} per element) at offset ${this.pos}, ${this.left} left`);
    return n;
  }
  i32(field: string): number {
    return this.read(4, field, (dv, at) => dv.getInt32(at, true));
  }
  u64(field: string): bigint {
    return this.read(8, field, (dv, at) => dv.getBigUint64(at, true));
  }
  f64(field: string): number {
    return this.read(8, field, (dv, at) => dv.getFloat64(at, true));
  }
  text(field: string, maxBytes = 256): string {
    return new TextDecoder().decode(this.bytes(this.u32(`${field} length`, maxBytes), field));
  }
  limbs(count: number, field: string): Uint32Array {
    this.need(count * 4, field);
    const out = new Uint32Array(count);
    for (let i = 0; i < count; i++) out[i] = this.dv.getUint32(this.pos + 4 * i, true);
    this.pos += count * 4;
    return out;
  }
  get offset(): number {
    return this.pos;
  }
  /** Bytes not read yet. */
  get left(): number {
    return this.buf.length - this.pos;
  }
  get done(): boolean {
    return this.pos === this.buf.length;
  }
}
