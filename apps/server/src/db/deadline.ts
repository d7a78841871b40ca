import { OperationalError } from '@studio/ir';

/** How long a request's own database lookups (keys, the active version) may take before it answers 503. */
export const LOOKUP_TIMEOUT_MS = 5000;

/**
 * `p`, or a rejection with an OperationalError (answered 503 with Retry-After) once `ms` have passed: a database
 * that stopped answering (a hung server, a dropped network) must not hold a request, or a probe, forever.
 * `p` itself is not cancelled; its connection times out on its own.
 */
export function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new OperationalError('SERVICE_UNAVAILABLE', `${what} did not answer within ${ms} ms`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}
