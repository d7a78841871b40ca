import { codeOf } from '../diagnostic-codes';
import { UserError } from '../errors';

/**
 * irVersion 2 -> 3: graphs gained `groups`, named blocks of nodes (subgraphs). A version 2 document has none,
 * so it becomes a version 3 document with `groups: []`; nodes, edges and meta are unchanged, and it trains
 * exactly as before (groups never change what a graph computes).
 */
export function migrateV2ToV3(raw: unknown): Record<string, unknown> {
  const doc = raw as Record<string, unknown>;
  if (!Array.isArray(doc.nodes) || !Array.isArray(doc.edges)) {
    throw new UserError(
      codeOf('INVALID_DOCUMENT'),
      'the irVersion 2 graph has no nodes or edges list; open a graph saved by the Studio',
    );
  }
  return { ...doc, irVersion: 3, groups: [] };
}
