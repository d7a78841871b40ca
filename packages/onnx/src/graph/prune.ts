/** Dead-node elimination: what an exported graph keeps once only its outputs matter. */
import type { NodeProto, TensorProto } from '../protobuf/onnx-types';

/**
 * The nodes and initializers that `outputs` depend on (in their original order), and every tensor name they
 * read: a raw column the model does not use leaves no node behind, so it is no graph input either.
 */
export function liveGraph(
  nodes: readonly NodeProto[],
  initializers: readonly TensorProto[],
  outputs: readonly string[],
): { nodes: NodeProto[]; initializers: TensorProto[]; reads: Set<string> } {
  const producer = new Map<string, number>();
  nodes.forEach((n, k) => n.output?.forEach((o) => producer.set(o, k)));
  const live = new Uint8Array(nodes.length);
  const reads = new Set<string>();
  const stack = [...outputs];
  while (stack.length > 0) {
    const name = stack.pop()!;
    const k = producer.get(name);
    if (k === undefined || live[k]) continue;
    live[k] = 1;
    for (const input of nodes[k]!.input ?? []) {
      if (input === '') continue;
      reads.add(input);
      stack.push(input);
    }
  }
  return {
    nodes: nodes.filter((_, k) => live[k]),
    initializers: initializers.filter((t) => reads.has(t.name ?? '')),
    reads,
  };
}
