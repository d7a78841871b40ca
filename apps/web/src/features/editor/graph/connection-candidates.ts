import { checkConnection, findOp, type GraphIR, type PortRef } from '@studio/ir';

/** One legal wire the keyboard can add, with the words the connect dialog shows for it. */
export interface ConnectionCandidate {
  source: PortRef;
  target: PortRef;
  label: string;
}

/**
 * Every wire the IR would accept between `nodeId` and another node, in either direction: its outputs into
 * free inputs first (building goes forward), then other nodes' outputs into its inputs, in document order.
 */
export function connectionCandidates(graph: GraphIR, nodeId: string): ConnectionCandidate[] {
  const title = (id: string) => {
    const n = graph.nodes.find((x) => x.id === id);
    return n?.label || findOp(n?.op ?? '')?.title || id;
  };
  const portLabel = (id: string, port: string, side: 'inputs' | 'outputs') => {
    const op = graph.nodes.find((x) => x.id === id)?.op ?? '';
    return findOp(op)?.[side].find((p) => p.name === port)?.label ?? port;
  };
  const me = graph.nodes.find((n) => n.id === nodeId);
  const mySpec = me && findOp(me.op);
  if (!me || !mySpec) return [];
  const out: ConnectionCandidate[] = [];
  const add = (source: PortRef, target: PortRef) => {
    if (!checkConnection(graph, source, target).ok) return;
    out.push({
      source,
      target,
      label: `${title(source.node)} · ${portLabel(source.node, source.port, 'outputs')} → ${title(target.node)} · ${portLabel(target.node, target.port, 'inputs')}`,
    });
  };
  const others = graph.nodes.filter((n) => n.id !== nodeId);
  for (const o of mySpec.outputs)
    for (const n of others)
      for (const i of findOp(n.op)?.inputs ?? [])
        add({ node: nodeId, port: o.name }, { node: n.id, port: i.name });
  for (const i of mySpec.inputs)
    for (const n of others)
      for (const o of findOp(n.op)?.outputs ?? [])
        add({ node: n.id, port: o.name }, { node: nodeId, port: i.name });
  return out;
}
