import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { checkConnection, type GraphIR } from '@studio/ir';
import { createFlowCache, graphToFlow } from '../graph/to-flow';
import { moveNodeChange } from '../graph/change-builders';
import { useEditorStores } from '../hooks/use-editor-stores';
import { useSession } from '../hooks/use-session';
import type { EditorCommands } from '../state/editor-commands';
import { OpNode } from './op-node';
import { blockMoveChanges, collapseView, groupIdOfBlock, type CanvasNode } from '../graph/groups';
import { GroupBlock, GroupFrame } from './group-node';
import { GroupToolbar } from './group-toolbar';
import { PALETTE_MIME } from './palette';
import { FIT_VIEW_OPTIONS } from '../layout/fit-view';
import { useTheme } from '../../../app/theme';
import type { GraphFacts } from '../hooks/use-diagnostics';

const nodeTypes = { op: OpNode, 'group-block': GroupBlock, 'group-frame': GroupFrame };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** Above this many nodes only those in view are drawn, so a drag repaints a screenful, not the whole graph. */
const LARGE_GRAPH = 100;

interface CanvasProps {
  graph: GraphIR;
  readOnly: boolean;
  /** Validation's findings, inferred outputs and layer sizes, drawn on the nodes. */
  facts: GraphFacts;
  commands: EditorCommands;
}

/**
 * The React Flow canvas, controlled by the stores: nodes and edges are derived from the document; drags,
 * connections and drops become GraphChanges; selection and measured sizes go to the session store.
 */
export function Canvas({ graph, readOnly, facts, commands }: CanvasProps) {
  const { doc, session } = useEditorStores();
  const flow = useReactFlow();
  const selectedNodes = useSession((s) => s.selectedNodes);
  const selectedEdges = useSession((s) => s.selectedEdges);
  const measured = useSession((s) => s.measured);
  const hint = useSession((s) => s.connectionHint);
  const { theme } = useTheme();
  // Why the last refused candidate was refused, to say it when the wire is dropped there.
  const lastRefusal = useRef<string | null>(null);
  // Fit only a graph that exists when the editor opens: fitting later would jump the view on the first drop.
  const [fitOnOpen] = useState(graph.nodes.length > 0);

  const flowCache = useRef(createFlowCache());
  const { nodes, edges } = useMemo(() => {
    const flow = graphToFlow(
      graph,
      {
        selectedNodes: new Set(selectedNodes),
        selectedEdges: new Set(selectedEdges),
        measured,
        facts,
      },
      flowCache.current,
    );
    // Collapsed groups are drawn as one block: a view over the stored graph, which keeps every node.
    return collapseView(graph, flow, {
      measured,
      selectedNodes: new Set(selectedNodes),
      diagnostics: facts.diagnostics,
      ...(readOnly ? {} : { onToggle: commands.toggle }),
    });
  }, [graph, selectedNodes, selectedEdges, measured, facts, commands, readOnly]);

  const drawn = useMemo(() => new Set(nodes.map((n) => n.id)), [nodes]);
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const s = session.getState();
      let sel: Set<string> | null = null;
      const moves = [];
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) s.setMeasured(c.id, c.dimensions);
        else if (c.type === 'select') {
          sel ??= new Set(s.selectedNodes);
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        } else if (c.type === 'position' && c.position && !readOnly) {
          const block = groupIdOfBlock(c.id);
          if (block !== null) {
            moves.push(...blockMoveChanges(doc.getState().graph, block, c.position));
            continue;
          }
          const move = moveNodeChange(doc.getState().graph, c.id, c.position);
          if (move) moves.push(move);
        }
      }
      // Only what is drawn can stay selected (a block that was just expanded is gone from the canvas).
      if (sel)
        s.select(
          [...sel].filter((id) => drawn.has(id)),
          s.selectedEdges,
        );
      // Moves are recorded under the mark opened at drag start, and squashed per node into one change.
      if (moves.length) doc.getState().apply(moves);
    },
    [doc, session, readOnly, drawn],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const s = session.getState();
      const sel = new Set(s.selectedEdges);
      let touched = false;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        touched = true;
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
      if (touched) s.select(s.selectedNodes, [...sel]);
    },
    [session],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (c) => {
      if (!c.sourceHandle || !c.targetHandle) return false;
      const check = checkConnection(
        doc.getState().graph,
        { node: c.source, port: c.sourceHandle },
        { node: c.target, port: c.targetHandle },
      );
      lastRefusal.current = check.ok ? null : check.reason;
      session.getState().setConnectionHint(check.ok ? null : check.reason);
      return check.ok;
    },
    [doc, session],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      const check = commands.connect(
        { node: c.source, port: c.sourceHandle },
        { node: c.target, port: c.targetHandle },
      );
      if (!check.ok) session.getState().toast('error', `Connection refused: ${check.reason}`);
    },
    [commands, session],
  );

  const onConnectEnd = useCallback(
    (_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      session.getState().setConnectionHint(null);
      if (state.toHandle && !state.isValid && lastRefusal.current) {
        session.getState().toast('error', `Connection refused: ${lastRefusal.current}`);
      }
      lastRefusal.current = null;
    },
    [session],
  );

  const onDragOver = (e: DragEvent) => {
    if (readOnly || !e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };

  const onDrop = (e: DragEvent) => {
    const op = e.dataTransfer.getData(PALETTE_MIME);
    if (readOnly || !op) return;
    e.preventDefault();
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    // Drop point is the node's top-left corner minus a little, so the node lands under the cursor.
    commands.addNode(op, { x: Math.round(p.x - 90), y: Math.round(p.y - 20) });
  };

  return (
    <div className="canvas-area" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      {hint && (
        <div className="connection-hint" role="status" data-testid="connection-hint">
          Cannot connect: {hint}
        </div>
      )}
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={() => doc.getState().mark('drag')}
        onNodeDoubleClick={(_e, node) => {
          const block = groupIdOfBlock(node.id);
          if (block !== null && !readOnly) commands.toggle(block);
        }}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        fitView={fitOnOpen}
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements={graph.nodes.length > LARGE_GRAPH}
        colorMode={theme}
      >
        <Background gap={20} color="var(--canvas-dots)" />
        <MiniMap
          pannable
          zoomable
          nodeColor="var(--minimap-node)"
          nodeBorderRadius={4}
          data-testid="minimap"
        />
        <Controls showInteractive={false} />
        <GroupToolbar commands={commands} readOnly={readOnly} />
      </ReactFlow>
    </div>
  );
}
