import type { GraphIR, Position } from '@studio/ir';

const STEP = 40;

/** The first spot at or diagonally below `p` that no node occupies, so keyboard-added nodes do not stack. */
export function freeSpot(graph: GraphIR, p: Position): Position {
  const taken = (q: Position) =>
    graph.nodes.some(
      (n) => n.position && Math.abs(n.position.x - q.x) < STEP && Math.abs(n.position.y - q.y) < STEP,
    );
  let q = p;
  for (let i = 0; i < 50 && taken(q); i++) q = { x: q.x + STEP, y: q.y + STEP };
  return q;
}
