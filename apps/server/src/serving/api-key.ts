import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'sk_';

/** A new random key (32 bytes, base64url); only its hash is stored, the key itself is shown once. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

/**
 * sha256 of the key. A key carries 256 random bits, so a fast unsalted hash is safe here (nothing to brute
 * force) and lets a request find its key by an indexed lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The key a request presents: `Authorization: Bearer <key>` or `X-Api-Key: <key>`; null when none. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | null {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (m) return m[1]!;
  }
  const direct = headers['x-api-key'];
  return typeof direct === 'string' && direct.length > 0 ? direct : null;
}
