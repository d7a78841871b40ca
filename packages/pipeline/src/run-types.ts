import type { Run } from '@studio/api';

/** One point of the live learning curve (the Run DTO's history entry). */
export type HistoryPoint = Run['history'][number];

/** A finding shown with the run, pinned to a node where one is to blame. */
export type RunWarning = Run['warnings'][number];
