// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { readResponse, SIGNED_OUT_EVENT } from './client';

describe('readResponse and the session', () => {
  const seen: string[] = [];
  const listener = (e: Event) => seen.push(String((e as CustomEvent).detail));
  window.addEventListener(SIGNED_OUT_EVENT, listener);
  afterEach(() => {
    seen.length = 0;
  });
  const body = (code: string) => JSON.stringify({ code, message: 'm' });

  it('announces a missing or ended session (the auth gate then asks to sign in again)', () => {
    expect(() => readResponse(401, body('SESSION_EXPIRED'))).toThrow(ApiError);
    expect(() => readResponse(401, body('AUTH_REQUIRED'))).toThrow(ApiError);
    expect(seen).toEqual(['SESSION_EXPIRED', 'AUTH_REQUIRED']);
  });

  it('does not for a wrong password, a refused role or a deployment key', () => {
    expect(() => readResponse(401, body('SIGN_IN_FAILED'))).toThrow(ApiError);
    expect(() => readResponse(403, body('FORBIDDEN'))).toThrow(ApiError);
    expect(() => readResponse(401, body('API_KEY_MISSING'))).toThrow(ApiError);
    expect(seen).toEqual([]);
  });
});
