import type { Edge, Node } from '@xyflow/react';
import type { Diagnostic, OpSpec } from '@studio/ir';

/** What an op node renders; derived from the document on every change, never edited in place. */
export type OpNodeData = {
  op: string;
  spec: OpSpec | undefined;
  label: string | undefined;
  diagnostics: Diagnostic[];
};

export type OpFlowNode = Node<OpNodeData, 'op'>;
export type FlowEdge = Edge;
