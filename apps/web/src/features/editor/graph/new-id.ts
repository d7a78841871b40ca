/** A short id that is unique within a graph; readable prefix so diffs and audit lines stay legible. */
export function newId(prefix: string, taken: ReadonlySet<string>): string {
  const base = prefix.replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 40) || 'n';
  for (;;) {
    const id = `${base}-${Math.random().toString(36).slice(2, 7)}`;
    if (!taken.has(id)) return id;
  }
}
