import { isStudioError, UserError } from '@studio/ir';

/** Runs `fn`, pinning any user error it throws to `nodeId` (details.nodeId) so the canvas can show it in place. */
export function atNode<T>(nodeId: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw pinned(e, nodeId);
  }
}

/** The async twin of `atNode`. */
export async function atNodeAsync<T>(nodeId: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw pinned(e, nodeId);
  }
}

/** The node a pinned error belongs to, if any. */
export function nodeOf(e: unknown): string | undefined {
  const id = isStudioError(e) ? e.details?.nodeId : undefined;
  return typeof id === 'string' ? id : undefined;
}

function pinned(e: unknown, nodeId: string): unknown {
  if (!isStudioError(e) || e.kind !== 'user' || e.code === 'ENGINE_CANCELLED' || nodeOf(e) !== undefined)
    return e;
  const copy = new UserError(e.code, e.message, { ...e.details, nodeId });
  copy.name = e.name;
  return copy;
}
