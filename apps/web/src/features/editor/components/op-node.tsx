import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { PortSpec } from '@studio/ir';
import type { OpFlowNode } from '../graph/flow-types';
import { portColor } from '../graph/port-colors';
import { problemText } from '../graph/problem-text';
import { formatBytes } from '../../../lib/format-bytes';

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

/**
 * A node on the canvas: title, typed input and output handles, what it outputs now (columns or tensor shape),
 * a layer's parameters and weight bytes (fp32 / INT8), and its validation problems in place.
 */
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
      {(data.output || data.size) && (
        <div className="op-node-info" data-testid="node-info">
          {data.output && (
            <div className="op-node-output" data-testid="node-output" title="Inferred output">
              → {data.output}
            </div>
          )}
          {data.size && (
            <div
              className="op-node-size"
              data-testid="node-size"
              title="Learned parameters; weight bytes in fp32 / after INT8 quantization"
            >
              {data.size.params.toLocaleString()} params · {formatBytes(data.size.fp32Bytes)} /{' '}
              {formatBytes(data.size.int8Bytes)} INT8
            </div>
          )}
        </div>
      )}
      {first && (
        <div className={`op-node-problem ${first.severity}`} data-testid="node-problem">
          {problemText(first.message, first.nodeId)}
        </div>
      )}
    </div>
  );
});
