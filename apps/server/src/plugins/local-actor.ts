import type { Actor } from '@studio/api';

/**
 * The one user of the embedded, single-analyst mode (`auth: 'local'`: tests, and the seed's author). It cannot
 * sign in (no username); in that mode every request acts as it, with the admin role.
 */
export const LOCAL_ACTOR: Actor = { id: 'local', name: 'Local analyst', role: 'admin' };
