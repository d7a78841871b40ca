import type { z } from 'zod';
import { codeOf } from '../diagnostic-codes';
import { IR_VERSION, type Diagnostic } from '../graph';

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

// A version mismatch is not a malformed document: say which way to go.
function versionMessage(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const doc = raw as Record<string, unknown>;
  const version = 'irVersion' in doc ? doc.irVersion : doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version === IR_VERSION) return undefined;
  return version > IR_VERSION
    ? `irVersion ${version} was written by a newer Studio; upgrade the Studio to open it`
    : `irVersion ${version} is an older format; open it with migrateGraph to upgrade it first`;
}

/** Turns zod issues about a whole document into diagnostics, pinned to nodes and edges where possible. */
export function schemaDiagnostics(raw: unknown, error: z.ZodError): Diagnostic[] {
  const version = versionMessage(raw);
  if (version !== undefined)
    return [{ code: codeOf('INVALID_DOCUMENT'), severity: 'error', message: version }];
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
