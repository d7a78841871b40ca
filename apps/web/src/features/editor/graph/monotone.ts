/** The direction a monotone constraint gives the predicted risk as a column grows. */
export type Monotone = 'increasing' | 'decreasing' | 'none';

/** The params of a Gradient Boosting node that hold its constraints: one column list per direction. */
export interface MonotoneLists {
  monotoneIncreasing: string[];
  monotoneDecreasing: string[];
}

/** The constraint of `column` under the node's two lists. */
export function monotoneOf(lists: MonotoneLists, column: string): Monotone {
  if (lists.monotoneIncreasing.includes(column)) return 'increasing';
  if (lists.monotoneDecreasing.includes(column)) return 'decreasing';
  return 'none';
}

/** Both lists after giving `column` the constraint `to`: it leaves the other list, so it is never in both. */
export function withMonotone(lists: MonotoneLists, column: string, to: Monotone): MonotoneLists {
  const drop = (list: string[]) => list.filter((c) => c !== column);
  return {
    monotoneIncreasing:
      to === 'increasing' ? [...drop(lists.monotoneIncreasing), column] : drop(lists.monotoneIncreasing),
    monotoneDecreasing:
      to === 'decreasing' ? [...drop(lists.monotoneDecreasing), column] : drop(lists.monotoneDecreasing),
  };
}
