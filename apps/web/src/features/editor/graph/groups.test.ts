import { describe, expect, it } from 'vitest';
import { exampleNetworkGraph, validateGraph, type GraphIR } from '@studio/ir';
import { createDocumentStore } from '../state/document-store';
import { createEditorCommands } from '../state/editor-commands';
import { createSessionStore } from '../state/session-store';
import { isDirty } from '../state/is-dirty';
import { blockId, blockMoveChanges, collapseView } from './groups';
import { graphToFlow } from './to-flow';

const LAYERS = ['dense-1', 'act-1', 'dense-2'];
const grouped = (collapsed: boolean): GraphIR => ({
  ...exampleNetworkGraph('d1'),
  groups: [{ id: 'net', name: 'Network', nodes: LAYERS, collapsed }],
});
const view = {
  selectedNodes: new Set<string>(),
  selectedEdges: new Set<string>(),
  measured: {},
  facts: { diagnostics: [], inferred: {}, sizes: new Map() },
};
const draw = (g: GraphIR) => collapseView(g, graphToFlow(g, view), view);

describe('collapseView (subgraphs on the canvas)', () => {
  it('draws a collapsed group as one block with its typed ports, crossing edges redrawn to it', () => {
    const g = grouped(true);
    const { nodes, edges } = draw(g);
    const ids = nodes.map((n) => n.id);
    for (const id of LAYERS) expect(ids).not.toContain(id);
    expect(nodes).toHaveLength(g.nodes.length - LAYERS.length + 1);
    const block = nodes.find((n) => n.id === blockId('net'));
    expect(block?.type).toBe('group-block');
    const data = block!.data as {
      inputs: { key: string; type: string }[];
      outputs: { key: string; type: string }[];
    };
    expect(data.inputs.map((p) => [p.key, p.type])).toEqual([['dense-1.input', 'tensor']]);
    expect(data.outputs.map((p) => [p.key, p.type])).toEqual([['dense-2.output', 'tensor']]);
    expect(block!.position).toEqual(g.nodes.find((n) => n.id === 'dense-1')!.position);
    const moves = blockMoveChanges(g, 'net', { x: block!.position.x + 5, y: block!.position.y - 7 });
    expect(moves).toHaveLength(LAYERS.length);
    for (const m of moves) {
      const before = g.nodes.find((n) => n.id === (m as { id: string }).id)!.position!;
      expect((m as { to: { x: number; y: number } }).to).toEqual({ x: before.x + 5, y: before.y - 7 });
    }
    // The two inner edges are hidden; the crossing ones end on the block's handles.
    expect(edges).toHaveLength(g.edges.length - 2);
    expect(edges.find((e) => e.target === blockId('net'))).toMatchObject({
      source: 'encode-1',
      sourceHandle: 'features',
      targetHandle: 'in:dense-1.input',
    });
    expect(edges.find((e) => e.source === blockId('net'))).toMatchObject({
      sourceHandle: 'out:dense-2.output',
      target: 'loss-1',
      targetHandle: 'logits',
    });
    // Every drawn edge ends on a drawn node.
    for (const e of edges) expect(ids).toEqual(expect.arrayContaining([e.source, e.target]));
  });

  it('draws an expanded group as a frame behind its nodes, and leaves a graph without groups as it is', () => {
    const { nodes, edges } = draw(grouped(false));
    expect(nodes[0]).toMatchObject({ id: 'frame/net', type: 'group-frame', selectable: false });
    expect(nodes.filter((n) => n.type === 'op')).toHaveLength(exampleNetworkGraph('d1').nodes.length);
    expect(edges).toHaveLength(exampleNetworkGraph('d1').edges.length);
    const flat = exampleNetworkGraph('d1');
    const flow = graphToFlow(flat, view);
    expect(collapseView(flat, flow, view)).toBe(flow);
  });
});

describe('frames of expanded groups', () => {
  it('frames each member on its own when one box around the group would take in another node', () => {
    const g = grouped(false);
    const at = (id: string) => g.nodes.find((n) => n.id === id)!.position!;
    const first = at('dense-1');
    const moved: GraphIR = {
      ...g,
      nodes: g.nodes.map((n) =>
        n.id === 'loss-1' ? { ...n, position: { x: first.x + 10, y: first.y + 10 } } : n,
      ),
    };
    const frames = draw(moved).nodes.filter((n) => n.type === 'group-frame');
    expect(frames.map((f) => f.id)).toEqual(['frame/net', 'frame/net/1', 'frame/net/2']);
    expect(frames.map((f) => (f.data as { part: number }).part)).toEqual([0, 1, 2]);
    expect(draw(g).nodes.filter((n) => n.type === 'group-frame')).toHaveLength(1);
  });
});

describe('group commands', () => {
  const setup = (g: GraphIR) => {
    const doc = createDocumentStore(g, 'v1');
    const session = createSessionStore();
    return { doc, session, commands: createEditorCommands(doc, session) };
  };

  it('groups the selection under a name, collapses, expands and ungroups, each undoable', () => {
    const start = exampleNetworkGraph('d1');
    const { doc, session, commands } = setup(start);
    session.getState().select(['dense-1', 'act-1'], []);
    expect(commands.nextGroupName()).toBe('Group 1');
    const id = commands.group('Hidden layer');
    expect(isDirty(doc.getState())).toBe(true); // grouping is an unsaved edit
    expect(doc.getState().graph.groups).toEqual([
      { id, name: 'Hidden layer', nodes: ['dense-1', 'act-1'], collapsed: false },
    ]);
    expect(commands.rename(id!, '  ')).toBe(false);
    expect(commands.rename(id!, 'Hidden')).toBe(true);
    expect(doc.getState().graph.groups?.[0]?.name).toBe('Hidden');
    doc.getState().undo();
    commands.toggle(id!);
    expect(doc.getState().graph.groups?.[0]?.collapsed).toBe(true);
    expect(validateGraph(doc.getState().graph).ok).toBe(true);
    session.getState().select([blockId(id!)], []);
    expect(commands.ungroup()).toBe(true);
    expect(doc.getState().graph.groups).toEqual([]);
    expect(session.getState().selectedNodes).toEqual(['dense-1', 'act-1']);
    doc.getState().undo(); // ungroup
    doc.getState().undo(); // collapse
    doc.getState().undo(); // group
    expect(doc.getState().graph).toEqual(start);
    expect(isDirty(doc.getState())).toBe(false);
  });

  it('refuses to group fewer than two nodes, and deleting a block deletes its nodes and the group', () => {
    const { doc, session, commands } = setup(grouped(true));
    session.getState().select(['dense-1'], []);
    expect(commands.group('X')).toBeNull();
    session.getState().select([blockId('net')], []);
    commands.deleteSelection();
    const g = doc.getState().graph;
    for (const id of LAYERS) expect(g.nodes.map((n) => n.id)).not.toContain(id);
    expect(g.groups).toEqual([]);
    doc.getState().undo();
    const back = doc.getState().graph;
    const byId = (x: GraphIR) => [...x.edges].sort((p, q) => p.id.localeCompare(q.id));
    expect({ ...back, edges: byId(back) }).toEqual({ ...grouped(true), edges: byId(grouped(true)) });
  });
});
