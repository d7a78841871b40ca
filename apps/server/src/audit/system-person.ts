import type { Person } from '@studio/api';

/** The actor of events no person caused (a run interrupted by a shutdown, a cascade's own steps). */
export const SYSTEM_PERSON: Person = { id: 'system', name: 'The Studio' };
