import { codeOf, diagnosticCodes, type DiagnosticName } from '../diagnostic-codes';
import type { Diagnostic, GraphEdge, GraphNode } from '../graph';
import type { OpSpec } from '../op-spec';

/** Where a finding sits: node, edge, port or param. */
export type Pin = Omit<Diagnostic, 'code' | 'severity' | 'message'>;

/** A diagnostic from the catalogue entry `name`, with the catalogue's severity. */
export function diagnostic(name: DiagnosticName, message: string, pin: Pin = {}): Diagnostic {
  return { code: codeOf(name), severity: diagnosticCodes[name].severity, message, ...pin };
}

/** `a.out -> b.in`, the way messages and audit lines name a wire. */
export const wireName = (e: GraphEdge) =>
  `${e.source.node}.${e.source.port} -> ${e.target.node}.${e.target.port}`;

/** What node checks learned about one node (first occurrence of its id). */
export interface NodeFacts {
  node: GraphNode;
  spec: OpSpec | undefined;
  /** Parsed params with defaults, when they are valid. */
  params: Record<string, unknown> | undefined;
}

/** Key of one input port, for sets of connected or taken inputs. */
export const inputKey = (node: string, port: string) => `${node}\u0000${port}`;
