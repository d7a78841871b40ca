import type { Dataset } from '@studio/api';

const TARGET_NAME = /default|bad|target|label|creditab|outcome|delinq/i;

/**
 * The column the wizard proposes as the target: the one two-valued column named like an outcome, else the
 * last two-valued column (outcomes tend to come last), else none. The analyst confirms it with its bad rate.
 * The server's template route guesses the same way (apps/server/src/templates/template-project.ts).
 */
export function guessTarget(columns: Dataset['columns']): string | null {
  const binary = columns.filter((c) => c.distinctCount === 2);
  return binary.find((c) => TARGET_NAME.test(c.name))?.name ?? binary.at(-1)?.name ?? null;
}

/** Columns in the order the target picker lists them: two-valued ones first, as they can be a target. */
export function targetChoices(columns: Dataset['columns']): { name: string; binary: boolean }[] {
  const binary = columns.filter((c) => c.distinctCount === 2).map((c) => ({ name: c.name, binary: true }));
  const rest = columns.filter((c) => c.distinctCount !== 2).map((c) => ({ name: c.name, binary: false }));
  return [...binary, ...rest];
}
