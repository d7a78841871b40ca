/** Protocol Buffers wire format, write side: varints, fixed 32-bit floats and length-delimited fields. */
export class WireWriter {
  #chunks: Uint8Array[] = [];
  #buf = new Uint8Array(256);
  #pos = 0;

  #reserve(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    this.#chunks.push(this.#buf.subarray(0, this.#pos));
    this.#buf = new Uint8Array(Math.max(256, n, this.#buf.length * 2));
    this.#pos = 0;
  }

  /** An unsigned varint; negative integers are written as 64-bit two's complement (10 bytes), as protobuf int64 does. */
  varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    this.#reserve(10);
    while (v >= 0x80n) {
      this.#buf[this.#pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.#buf[this.#pos++] = Number(v);
  }

  /** A field key: field number and wire type. */
  tag(field: number, wireType: 0 | 1 | 2 | 5): void {
    this.varint(field * 8 + wireType);
  }

  /** A float32, little-endian. */
  float32(value: number): void {
    this.#reserve(4);
    new DataView(this.#buf.buffer, this.#buf.byteOffset).setFloat32(this.#pos, value, true);
    this.#pos += 4;
  }

  /** A float64, little-endian. */
  float64(value: number): void {
    this.#reserve(8);
    new DataView(this.#buf.buffer, this.#buf.byteOffset).setFloat64(this.#pos, value, true);
    this.#pos += 8;
  }

  /** Raw bytes, no length prefix. */
  raw(bytes: Uint8Array): void {
    this.#reserve(bytes.length);
    this.#buf.set(bytes, this.#pos);
    this.#pos += bytes.length;
  }

  /** A length-prefixed byte string. */
  bytes(bytes: Uint8Array): void {
    this.varint(bytes.length);
    this.raw(bytes);
  }

  /** Everything written so far, as one array. */
  finish(): Uint8Array {
    const parts = [...this.#chunks, this.#buf.subarray(0, this.#pos)];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
