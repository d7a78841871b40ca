/**
 * One entry per file content, the first seen kept: the same CSV uploaded twice (in one project or several) is
 * listed once, with how many uploads it stands for.
 */
export function uniqueByContent<T extends { dataset: { sha256: string } }>(
  entries: readonly T[],
): (T & { copies: number })[] {
  const bySha = new Map<string, T & { copies: number }>();
  for (const e of entries) {
    const seen = bySha.get(e.dataset.sha256);
    if (seen) seen.copies++;
    else bySha.set(e.dataset.sha256, { ...e, copies: 1 });
  }
  return [...bySha.values()];
}
