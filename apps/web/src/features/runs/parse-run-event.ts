import { runEventSchema, type RunEvent } from '@studio/api';

/**
 * Reads one SSE message (event name + JSON data) as a RunEvent; null for anything that does not match the
 * contract, which the run page ignores rather than crash on. Nothing from the wire is trusted unchecked.
 */
export function parseRunEvent(name: string, data: string): RunEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const parsed = runEventSchema.safeParse({ type: name, ...body });
  return parsed.success ? parsed.data : null;
}
