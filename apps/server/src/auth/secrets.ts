import { createHash, randomBytes } from 'node:crypto';

/** A random secret (32 bytes, base64url) with an optional readable prefix. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
