import type { Diagnostic } from '../graph';
import type { InferContext } from '../op-spec';
import { diagnostic, type NodeFacts } from './diagnostic';

/**
 * One DATA_WARNING per data warning of a Dataset node's dataset whose column the node still passes on (not in
 * its Leave out list), pinned to the node's Leave out param: the fix is one click there.
 */
export function dataWarnings(facts: Iterable<NodeFacts>, context: InferContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!context.datasetWarnings) return out;
  for (const { node, params } of facts) {
    if (node.op !== 'dataset' || !params) continue;
    const datasetId = String(params.datasetId ?? '');
    const target = String(params.target ?? '');
    if (!datasetId || !target) continue;
    const left = new Set(Array.isArray(params.exclude) ? params.exclude.map(String) : []);
    for (const w of context.datasetWarnings(datasetId, target) ?? []) {
      if (left.has(w.column)) continue;
      out.push(diagnostic('DATA_WARNING', w.message, { nodeId: node.id, param: 'exclude' }));
    }
  }
  return out;
}
