import { OP_CATEGORIES, type OpCategory, type OpSpec } from '@studio/ir';

/** Palette sections after a search: categories in catalogue order, empty ones dropped. */
export function filterPalette(
  ops: readonly OpSpec[],
  query: string,
): { category: OpCategory; ops: OpSpec[] }[] {
  const q = query.trim().toLowerCase();
  const hit = (s: OpSpec) =>
    !q || [s.title, s.op, s.category, s.description].some((t) => t.toLowerCase().includes(q));
  return OP_CATEGORIES.map((category) => ({
    category,
    ops: ops.filter((s) => s.category === category && hit(s)),
  })).filter((g) => g.ops.length > 0);
}
