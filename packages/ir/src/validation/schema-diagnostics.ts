import type { z } from 'zod';
import { codeOf } from '../diagnostic-codes';
import type { Diagnostic } from '../graph';

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? 'document' : out;
}

// Pins a schema finding on the node or edge it sits in, when that element still has a readable id.
function elementId(raw: unknown, list: 'nodes' | 'edges', index: unknown): string | undefined {
  if (typeof index !== 'number' || typeof raw !== 'object' || raw === null) return undefined;
  const items = (raw as Record<string, unknown>)[list];
  if (!Array.isArray(items)) return undefined;
  const item: unknown = items[index];
  if (typeof item !== 'object' || item === null) return undefined;
  const id = (item as Record<string, unknown>).id;
  return typeof id === 'string' ? id : undefined;
}

/** Turns zod issues about a whole document into diagnostics, pinned to nodes and edges where possible. */
export function schemaDiagnostics(raw: unknown, error: z.ZodError): Diagnostic[] {
  return error.issues.map((issue) => {
    const d: Diagnostic = {
      code: codeOf('INVALID_DOCUMENT'),
      severity: 'error',
      message: `${formatPath(issue.path)}: ${issue.message}`,
    };
    const [list, index] = issue.path;
    if (list === 'nodes') {
      const id = elementId(raw, 'nodes', index);
      if (id !== undefined) d.nodeId = id;
    } else if (list === 'edges') {
      const id = elementId(raw, 'edges', index);
      if (id !== undefined) d.edgeId = id;
    }
    return d;
  });
}
