import { findOp } from '@studio/ir';
import type { NodeSize } from './auto-layout';

const WIDTH = 210;
const HEADER = 32;
const PORT_ROW = 22;
const PADDING = 12;
/** The node's inferred-output and size lines (see op-node.tsx). */
const INFO = 36;

/** A node's box before React Flow has measured it: the header, one row per port on the taller side, the info lines. */
export function estimatedNodeSize(op: string): NodeSize {
  const spec = findOp(op);
  const rows = Math.max(1, spec?.inputs.length ?? 1, spec?.outputs.length ?? 1);
  return { width: WIDTH, height: HEADER + PADDING + rows * PORT_ROW + INFO };
}

/** The measured size where React Flow has drawn the node, else the estimate. */
export function nodeSizeOf(
  graph: { nodes: readonly { id: string; op: string }[] },
  measured: Readonly<Record<string, NodeSize>>,
): (nodeId: string) => NodeSize {
  const ops = new Map(graph.nodes.map((n) => [n.id, n.op]));
  return (id) => measured[id] ?? estimatedNodeSize(ops.get(id) ?? '');
}
