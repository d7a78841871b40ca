/** What `ByteIndex.get` returns for bytes it has not seen. */
export const UNSEEN = -2;

/**
 * Remembers a number per distinct byte string (a category's code, -1 for a missing marker), so that a cell
 * repeating a value already seen is looked up straight from the file's bytes: no sub-buffer, no UTF-8 decoding,
 * no string. Open addressing on an FNV-1a hash; the keys are copies of the bytes, compared in full on a hit.
 */
export class ByteIndex {
  private mask = 63;
  private hashes = new Int32Array(64);
  private codes = new Int32Array(64).fill(UNSEEN);
  private keys: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(64);
  private size = 0;

  /** The number stored for `buf[start, end)`, or UNSEEN. */
  get(buf: Uint8Array, start: number, end: number): number {
    const h = hashBytes(buf, start, end);
    const keys = this.keys;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const code = this.codes[slot]!;
      if (code === UNSEEN) return UNSEEN;
      if (this.hashes[slot] === h && sameBytes(keys[slot]!, buf, start, end)) return code;
    }
  }

  /** Stores `code` for `buf[start, end)` (which must not be stored yet). */
  set(buf: Uint8Array, start: number, end: number, code: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    this.place(hashBytes(buf, start, end), buf.slice(start, end), code);
    this.size++;
  }

  private place(h: number, key: Uint8Array, code: number): void {
    let slot = h & this.mask;
    while (this.codes[slot] !== UNSEEN) slot = (slot + 1) & this.mask;
    this.hashes[slot] = h;
    this.codes[slot] = code;
    this.keys[slot] = key;
  }

  private grow(): void {
    const { hashes, codes, keys } = this;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.hashes = new Int32Array(cap);
    this.codes = new Int32Array(cap).fill(UNSEEN);
    this.keys = new Array<Uint8Array | undefined>(cap);
    for (let i = 0; i < codes.length; i++)
      if (codes[i] !== UNSEEN) this.place(hashes[i]!, keys[i]!, codes[i]!);
  }
}

function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h;
}

function sameBytes(key: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== buf[start + i]) return false;
  return true;
}
