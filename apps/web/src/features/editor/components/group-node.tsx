import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { GroupPort } from '@studio/ir';
import { inHandle, outHandle, type GroupBlockNode, type GroupFrameNode } from '../graph/groups';
import { portColor } from '../graph/port-colors';
import { problemText } from '../graph/problem-text';

function BlockPort({ port, side }: { port: GroupPort; side: 'in' | 'out' }) {
  return (
    <div className={`port ${side}`} title={`${port.label} (${port.type ?? 'unknown type'})`}>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={side === 'in' ? inHandle(port) : outHandle(port)}
        isConnectable={false}
        data-testid={`block-handle-${side}-${port.key}`}
        style={{ background: port.type ? portColor[port.type] : '#9aa3b2' }}
      />
      {port.label}
      <span className="port-type"> · {port.type ?? '?'}</span>
    </div>
  );
}

/** A collapsed group: one block with the group's typed ports; double-click or "Expand" opens it. */
export const GroupBlock = memo(function GroupBlock({ data, selected }: NodeProps<GroupBlockNode>) {
  const { group, inputs, outputs, diagnostics } = data;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0] ?? diagnostics[0];
  const cls = ['op-node', 'group-block', selected ? 'selected' : '', errors.length ? 'has-error' : ''].join(
    ' ',
  );
  return (
    <div className={cls} data-testid="group-block" data-group={group.id}>
      <div className="op-node-header">
        <span data-testid="group-block-name">{group.name}</span>
        {diagnostics.length > 0 && (
          <span className={`badge ${errors.length ? '' : 'warning'}`} data-testid="node-problem-badge">
            {diagnostics.length}
          </span>
        )}
        <span className="category">{group.nodes.length} nodes</span>
        {data.onToggle && (
          <button
            type="button"
            className="group-toggle nodrag"
            data-testid="group-expand"
            title="Expand the block (or double-click it)"
            onClick={(e) => {
              e.stopPropagation();
              data.onToggle?.(group.id);
            }}
          >
            Expand
          </button>
        )}
      </div>
      <div className="op-node-ports">
        <div className="col">
          {inputs.map((p) => (
            <BlockPort key={p.key} port={p} side="in" />
          ))}
        </div>
        <div className="col">
          {outputs.map((p) => (
            <BlockPort key={p.key} port={p} side="out" />
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

/** An expanded group: a named frame behind its nodes, with a button that collapses it into a block. */
export const GroupFrame = memo(function GroupFrame({ data }: NodeProps<GroupFrameNode>) {
  if (data.part > 0) return <div className="group-frame" data-group={data.group.id} />;
  return (
    <div className="group-frame" data-testid="group-frame" data-group={data.group.id}>
      <div className="group-frame-header">
        <span>{data.group.name}</span>
        {data.onToggle && (
          <button
            type="button"
            className="group-toggle nodrag"
            data-testid="group-collapse"
            title="Collapse into one block"
            onClick={(e) => {
              e.stopPropagation();
              data.onToggle?.(data.group.id);
            }}
          >
            Collapse
          </button>
        )}
      </div>
    </div>
  );
});
