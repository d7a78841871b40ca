/** Protocol Buffers wire format, read side; every read is bounds-checked and fails with a reason. */
export class WireReader {
  readonly #bytes: Uint8Array;
  #pos: number;
  readonly #end: number;
  readonly #fail: (why: string) => never;

  constructor(bytes: Uint8Array, fail: (why: string) => never, start = 0, end = bytes.length) {
    this.#bytes = bytes;
    this.#pos = start;
    this.#end = end;
    this.#fail = fail;
  }

  get done(): boolean {
    return this.#pos >= this.#end;
  }

  /** An unsigned varint of at most 10 bytes, as a bigint. */
  varint(): bigint {
    let v = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.#pos >= this.#end) this.#fail(`truncated varint at byte ${this.#pos}`);
      const b = this.#bytes[this.#pos++]!;
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, v);
    }
    return this.#fail(`varint longer than 10 bytes at byte ${this.#pos}`);
  }

  /** A varint read as a signed 64-bit integer; fails when it does not fit a JS number exactly. */
  int64(): number {
    const v = BigInt.asIntN(64, this.varint());
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER))
      this.#fail(`integer ${v} is out of the range this reader supports`);
    return Number(v);
  }

  /** A fixed 32-bit little-endian float. */
  float32(): number {
    const at = this.#take(4);
    return new DataView(this.#bytes.buffer, this.#bytes.byteOffset).getFloat32(at, true);
  }

  /** A fixed 64-bit little-endian double. */
  float64(): number {
    const at = this.#take(8);
    return new DataView(this.#bytes.buffer, this.#bytes.byteOffset).getFloat64(at, true);
  }

  /** A length-delimited field's bounds [start, end) within the underlying bytes. */
  delimited(): [number, number] {
    const n = this.varint();
    if (n > BigInt(this.#end - this.#pos)) this.#fail(`length ${n} at byte ${this.#pos} runs past the end`);
    const start = this.#take(Number(n));
    return [start, start + Number(n)];
  }

  /** Skips an unknown field of the given wire type. */
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.#take(8);
    else if (wireType === 2) this.delimited();
    else if (wireType === 5) this.#take(4);
    else this.#fail(`unsupported wire type ${wireType} at byte ${this.#pos}`);
  }

  #take(n: number): number {
    if (this.#pos + n > this.#end) this.#fail(`field of ${n} bytes at byte ${this.#pos} runs past the end`);
    const at = this.#pos;
    this.#pos += n;
    return at;
  }
}
