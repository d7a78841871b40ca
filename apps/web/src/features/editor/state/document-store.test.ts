import { describe, expect, it } from 'vitest';
import { createDocumentStore } from './document-store';
import { isDirty } from './is-dirty';
import { moveNodeChange, setParamChange } from '../graph/change-builders';
import { pipelineGraph } from '../../../test-support/test-graph';

describe('document store', () => {
  it('records a drag of many moves as one undo step with one squashed change', () => {
    const store = createDocumentStore(pipelineGraph(), 'v1');
    store.getState().mark('drag');
    for (let x = 1; x <= 20; x++) {
      const move = moveNodeChange(store.getState().graph, 's', { x: 200 + x, y: 0 });
      if (move) store.getState().apply([move]);
    }
    const top = store.getState().history.undos.at(-1);
    expect(top).toMatchObject({
      kind: 'diff',
      changes: [{ type: 'move-node', from: { x: 200, y: 0 }, to: { x: 220, y: 0 } }],
    });
    store.getState().undo();
    expect(store.getState().graph.nodes[1]?.position).toEqual({ x: 200, y: 0 });
    store.getState().redo();
    expect(store.getState().graph.nodes[1]?.position).toEqual({ x: 220, y: 0 });
  });

  it('undoes and redoes a param edit and tracks unsaved changes', () => {
    const store = createDocumentStore(pipelineGraph(), 'v1');
    const change = setParamChange(store.getState().graph, 's', 'testFraction', 0.25);
    store.getState().apply(change ? [change] : [], 'param');
    expect(store.getState().graph.nodes[1]?.params.testFraction).toBe(0.25);
    expect(isDirty(store.getState())).toBe(true);
    store.getState().undo();
    expect(store.getState().graph.nodes[1]?.params.testFraction).toBe(0.3);
    expect(isDirty(store.getState())).toBe(false);
    store.getState().redo();
    expect(store.getState().graph.nodes[1]?.params.testFraction).toBe(0.25);
    store.getState().saved(store.getState().graph, 'v2');
    expect(isDirty(store.getState())).toBe(false);
    expect(store.getState().baseVersionId).toBe('v2');
  });

  it('bails out of an interaction without leaving a redo step', () => {
    const store = createDocumentStore(pipelineGraph(), null);
    store.getState().mark('drag');
    const move = moveNodeChange(store.getState().graph, 'd', { x: 50, y: 50 });
    store.getState().apply(move ? [move] : []);
    store.getState().bailToMark('drag');
    expect(store.getState().graph).toEqual(pipelineGraph());
    store.getState().redo();
    expect(store.getState().graph).toEqual(pipelineGraph());
  });

  it('load replaces the document and forgets the history', () => {
    const store = createDocumentStore(pipelineGraph(), 'v1');
    const change = setParamChange(store.getState().graph, 's', 'seed', 7);
    store.getState().apply(change ? [change] : [], 'param');
    store.getState().load(pipelineGraph(), 'v3');
    store.getState().undo();
    expect(store.getState().graph.nodes[1]?.params.seed).toBe(42);
    expect(store.getState().baseVersionId).toBe('v3');
  });

  it('adopts a newer version as one undoable step, and rebase keeps local edits', () => {
    const store = createDocumentStore(pipelineGraph(), 'v1');
    const mine = setParamChange(store.getState().graph, 's', 'seed', 99);
    store.getState().apply(mine ? [mine] : [], 'param');
    const theirs = pipelineGraph();
    theirs.nodes = theirs.nodes.filter((n) => n.id !== 'lr');
    theirs.edges = theirs.edges.filter((e) => e.id !== 'e2');
    store.getState().adoptLatest(theirs, 'v2');
    expect(store.getState().graph).toEqual(theirs);
    expect(store.getState().baseVersionId).toBe('v2');
    expect(isDirty(store.getState())).toBe(false);
    store.getState().undo();
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['d', 's', 'lr']);
    expect(store.getState().graph.nodes[1]?.params.seed).toBe(99);
    expect(isDirty(store.getState())).toBe(true);
    store.getState().rebase('v3');
    expect(store.getState().baseVersionId).toBe('v3');
    expect(store.getState().graph.nodes[1]?.params.seed).toBe(99);
  });
});
