import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '@studio/api';

/** The value of one cookie of the request, or null. */
export function readCookie(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function sessionSecretOf(request: FastifyRequest): string | null {
  return readCookie(request, SESSION_COOKIE);
}

/** `httpOnly`, `SameSite=Lax`, path `/`; `Secure` when configured or the request came over TLS. */
export function setSessionCookie(
  reply: FastifyReply,
  secret: string,
  expiresAt: Date,
  secure: boolean,
): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${encodeURIComponent(secret)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`,
  );
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`,
  );
}
