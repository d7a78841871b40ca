import type { PortType } from '@studio/ir';

/** Handle colour per port type; the CSS variables keep the legend and the handles in step. */
export const portColor: Record<PortType, string> = {
  table: 'var(--port-table)',
  tensor: 'var(--port-tensor)',
  model: 'var(--port-model)',
  metrics: 'var(--port-metrics)',
  scorecard: 'var(--port-scorecard)',
  artifact: 'var(--port-artifact)',
};
