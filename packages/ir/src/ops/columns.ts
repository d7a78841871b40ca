import type { TableValue } from '../port-values';

/**
 * Checks a column list chosen in the inspector against what is known about the table.
 * Returns a message to show on the node, or null. Unknown schemas pass: the server checks again with the data.
 */
export function columnProblem(table: TableValue, param: string, columns: readonly string[]): string | null {
  if (table.target !== undefined && columns.includes(table.target)) {
    return `${param} lists the target column "${table.target}"; remove it from ${param}`;
  }
  if (table.columns === undefined) return null;
  const known = new Set(table.columns);
  const missing = columns.filter((c) => !known.has(c));
  if (missing.length === 0) return null;
  return `${param} names ${missing.map((c) => `"${c}"`).join(', ')}, not in the incoming table; pick from its columns`;
}

/** Message for ops that learn from labels when no target column reached them. */
export function missingTargetMessage(title: string): string {
  return `${title} needs a target column; set Target on the Dataset node`;
}
