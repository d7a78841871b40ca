import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { PortSpec } from '@studio/ir';
import type { OpFlowNode } from '../graph/flow-types';
import { portColor } from '../graph/port-colors';
import { problemText } from '../graph/problem-text';

function PortRow({ port, side }: { port: PortSpec; side: 'in' | 'out' }) {
  return (
    <div className={`port ${side}`} title={`${port.label} (${port.type})`}>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={port.name}
        data-testid={`handle-${side}-${port.name}`}
        style={{ background: portColor[port.type] }}
      />
      {port.label}
      {port.required ? '' : side === 'in' ? ' (optional)' : ''}
    </div>
  );
}

/** A node on the canvas: title, typed input and output handles, and its validation problems in place. */
export const OpNode = memo(function OpNode({ data, selected }: NodeProps<OpFlowNode>) {
  const { spec, diagnostics } = data;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0] ?? diagnostics[0];
  const cls = ['op-node', selected ? 'selected' : '', errors.length ? 'has-error' : ''].join(' ');
  return (
    <div className={cls} data-testid={`node-${data.op}`}>
      <div className="op-node-header">
        <span>{data.label || spec?.title || data.op}</span>
        {diagnostics.length > 0 && (
          <span
            className={`badge ${errors.length ? '' : 'warning'}`}
            data-testid="node-problem-badge"
            title={diagnostics.map((d) => problemText(d.message, d.nodeId)).join('\n')}
          >
            {diagnostics.length}
          </span>
        )}
        <span className="category">{spec?.category ?? 'unknown op'}</span>
      </div>
      <div className="op-node-ports">
        <div className="col">
          {spec?.inputs.map((p) => (
            <PortRow key={p.name} port={p} side="in" />
          ))}
        </div>
        <div className="col">
          {spec?.outputs.map((p) => (
            <PortRow key={p.name} port={p} side="out" />
          ))}
        </div>
      </div>
      {first && (
        <div className={`op-node-problem ${first.severity}`} data-testid="node-problem">
          {problemText(first.message, first.nodeId)}
        </div>
      )}
    </div>
  );
});
