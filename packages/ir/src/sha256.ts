// SHA-256 through @noble/hashes: synchronous and the same in Node and the browser (packages/ir runs in
// both, and SubtleCrypto only offers promises). Server-only code may use node:crypto directly.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** SHA-256 of bytes as lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** SHA-256 of a string's UTF-8 bytes as lowercase hex. */
export function sha256HexOfText(text: string): string {
  return sha256Hex(new TextEncoder().encode(text));
}
