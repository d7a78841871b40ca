import type { Actor } from '@studio/api';

/** The one user of the embedded, single-analyst Studio; seeded at start. */
export const LOCAL_ACTOR: Actor = { id: 'local', name: 'Local analyst' };
