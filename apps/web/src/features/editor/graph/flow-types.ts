import type { Edge, Node } from '@xyflow/react';
import type { Diagnostic, OpSpec } from '@studio/ir';
import type { LayerSize } from './layer-size';

/** What an op node renders; derived from the document on every change, never edited in place. */
export type OpNodeData = {
  op: string;
  spec: OpSpec | undefined;
  label: string | undefined;
  diagnostics: Diagnostic[];
  /** What the node outputs as inference sees it now ("23 columns + target", "[batch, 32]"); null when unknown. */
  output: string | null;
  /** A layer's parameters and weight bytes; null for other ops or an unknown input width. */
  size: LayerSize | null;
};

export type OpFlowNode = Node<OpNodeData, 'op'>;
export type FlowEdge = Edge;
