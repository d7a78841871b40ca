import { describe, expect, it } from 'vitest';
import { createDocumentStore } from './document-store';
import { createSessionStore } from './session-store';
import { createEditorCommands } from './editor-commands';
import { pipelineGraph } from '../../../test-support/test-graph';

function setup() {
  const doc = createDocumentStore(pipelineGraph(), 'v1');
  const session = createSessionStore();
  return { doc, session, commands: createEditorCommands(doc, session) };
}

describe('editor commands', () => {
  it('adds a node with default params, selects it, and undoes it', () => {
    const { doc, session, commands } = setup();
    const id = commands.addNode('evaluate', { x: 10, y: 20 });
    const node = doc.getState().graph.nodes.find((n) => n.id === id);
    expect(node).toMatchObject({ op: 'evaluate', params: { cutoff: 0.5 }, position: { x: 10, y: 20 } });
    expect(session.getState().selectedNodes).toEqual([id]);
    doc.getState().undo();
    expect(doc.getState().graph).toEqual(pipelineGraph());
  });

  it('refuses an illegal connection with the IR reason and records nothing', () => {
    const { doc, commands } = setup();
    const ev = commands.addNode('evaluate', { x: 0, y: 0 });
    const check = commands.connect({ node: 's', port: 'train' }, { node: ev, port: 'model' });
    expect(check).toMatchObject({ ok: false });
    expect(check.ok ? '' : check.reason).toContain('table cannot feed a model input');
    expect(doc.getState().graph.edges).toHaveLength(2);
    const ok = commands.connect({ node: 'lr', port: 'model' }, { node: ev, port: 'model' });
    expect(ok).toEqual({ ok: true });
    expect(doc.getState().graph.edges).toHaveLength(3);
  });

  it('deletes a selected node with its wires as one step, and undo restores both in place', () => {
    const { doc, session, commands } = setup();
    session.getState().select(['s'], []);
    commands.deleteSelection();
    expect(doc.getState().graph.nodes.map((n) => n.id)).toEqual(['d', 'lr']);
    expect(doc.getState().graph.edges).toHaveLength(0);
    doc.getState().undo();
    expect(doc.getState().graph).toEqual(pipelineGraph());
  });

  it('deletes a selected edge alone', () => {
    const { doc, session, commands } = setup();
    session.getState().select([], ['e2']);
    commands.deleteSelection();
    expect(doc.getState().graph.edges.map((e) => e.id)).toEqual(['e1']);
  });

  it('copies and pastes a selection with fresh ids and inner edges, one undo step per paste', () => {
    const { doc, session, commands } = setup();
    session.getState().select(['d', 's'], []);
    expect(commands.copy()).toBe(true);
    expect(commands.paste()).toBe(true);
    expect(commands.paste()).toBe(true);
    const g = doc.getState().graph;
    expect(g.nodes).toHaveLength(7);
    expect(g.edges).toHaveLength(4);
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(7);
    const pasted = session.getState().selectedNodes;
    expect(pasted).toHaveLength(2);
    expect(g.nodes.find((n) => n.id === pasted[0])?.position).toEqual({ x: 80, y: 80 });
    doc.getState().undo();
    doc.getState().undo();
    expect(doc.getState().graph).toEqual(pipelineGraph());
  });

  it('select all picks every node and edge', () => {
    const { session, commands } = setup();
    commands.selectAll();
    expect(session.getState().selectedNodes).toEqual(['d', 's', 'lr']);
    expect(session.getState().selectedEdges).toEqual(['e1', 'e2']);
  });

  it('renames a node and clears the label back to the op title, each one undo step', () => {
    const { doc, commands } = setup();
    commands.setLabel('s', '  Holdout 30% ');
    expect(doc.getState().graph.nodes[1]?.label).toBe('Holdout 30%');
    commands.setLabel('s', '');
    expect(doc.getState().graph.nodes[1]?.label).toBeUndefined();
    doc.getState().undo();
    expect(doc.getState().graph.nodes[1]?.label).toBe('Holdout 30%');
  });
});
