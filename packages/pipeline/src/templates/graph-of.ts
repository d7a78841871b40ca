import { defaultParams, IR_VERSION, type GraphIR } from '@studio/ir';

/** One node of `graphOf`: id, op and the params that differ from the op's defaults. */
export type NodeDef = [id: string, op: string, params?: Record<string, unknown>];

/** A graph from `[id, op, params]` nodes and `"node.port" -> "node.port"` wires (tests and templates alike). */
export function graphOf(name: string, nodes: NodeDef[], wires: [string, string][], seed = 42): GraphIR {
  return {
    irVersion: IR_VERSION,
    meta: { name, seed },
    nodes: nodes.map(([id, op, params = {}], i) => ({
      id,
      op,
      params: { ...defaultParams(op), ...params },
      position: { x: 220 * i, y: 0 },
    })),
    edges: wires.map(([from, to], i) => {
      const [sn = '', sp = ''] = from.split('.');
      const [tn = '', tp = ''] = to.split('.');
      return { id: `e${i + 1}`, source: { node: sn, port: sp }, target: { node: tn, port: tp } };
    }),
  };
}
