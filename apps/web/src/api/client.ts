import { ApiError, apiErrorFromText } from './api-error';

/** Sends one JSON request to the Studio API and returns the parsed body; non-2xx answers throw ApiError. */
export async function apiFetch<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  const res = await fetch(path, init);
  return readResponse<T>(res.status, await res.text());
}

/** Fired on `window` when the server says the session is missing or ended; the auth gate asks to sign in. */
export const SIGNED_OUT_EVENT = 'studio:signed-out';

/** Turns a status and raw text into the typed body, or the coded ApiError the server sent. */
export function readResponse<T>(status: number, text: string): T {
  const parsed = parseJson(text);
  if (status >= 200 && status < 300) return parsed as T;
  if (parsed && typeof parsed === 'object' && 'code' in parsed && 'message' in parsed) {
    const error = new ApiError(status, parsed as ConstructorParameters<typeof ApiError>[1]);
    if (status === 401 && (error.code === 'AUTH_REQUIRED' || error.code === 'SESSION_EXPIRED'))
      window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: error.code }));
    throw error;
  }
  throw apiErrorFromText(status, text);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
