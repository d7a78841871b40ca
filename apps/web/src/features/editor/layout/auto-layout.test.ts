import { describe, expect, it } from 'vitest';
import { defaultParams, emptyGraph, type GraphIR } from '@studio/ir';
import { layoutPositions } from './auto-layout';
import { estimatedNodeSize, nodeSizeOf } from './node-size';
import { createDocumentStore } from '../state/document-store';
import { createSessionStore } from '../state/session-store';
import { createEditorCommands } from '../state/editor-commands';

/** The neural-network template's shape: a chain of 14 nodes, two side branches, all at one spot. */
function networkLike(): GraphIR {
  const ops = [
    'dataset',
    'split',
    'impute',
    'one-hot',
    'standardize',
    'encode',
    'dense',
    'activation',
    'dense',
    'activation',
    'dense',
    'loss',
    'optimizer',
    'train',
    'evaluate',
    'quantize',
  ];
  const nodes = ops.map((op, i) => ({
    id: `n${i}`,
    op,
    params: defaultParams(op),
    position: { x: 0, y: 0 },
  }));
  const edges = ops.slice(1, 14).map((_, i) => ({
    id: `e${i}`,
    source: { node: `n${i}`, port: 'out' },
    target: { node: `n${i + 1}`, port: 'in' },
  }));
  edges.push(
    { id: 'x1', source: { node: 'n13', port: 'model' }, target: { node: 'n14', port: 'model' } },
    { id: 'x2', source: { node: 'n13', port: 'model' }, target: { node: 'n15', port: 'model' } },
    { id: 'x3', source: { node: 'n1', port: 'test' }, target: { node: 'n14', port: 'table' } },
  );
  return { ...emptyGraph('net'), nodes, edges };
}

describe('auto-layout (ELK layered, left to right, wrapped)', () => {
  it('wraps a long chain into rows without overlaps, each wire within a row pointing right', async () => {
    const graph = networkLike();
    const sizeOf = nodeSizeOf(graph, {});
    const at = await layoutPositions(graph, sizeOf);
    expect(at.size).toBe(16);
    const boxes = graph.nodes.map((n) => ({ ...at.get(n.id)!, ...sizeOf(n.id) }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${graph.nodes[i]!.id} overlaps ${graph.nodes[j]!.id}`).toBe(true);
      }
    const width = Math.max(...boxes.map((b) => b.x + b.width)) - Math.min(...boxes.map((b) => b.x));
    const height = Math.max(...boxes.map((b) => b.y + b.height)) - Math.min(...boxes.map((b) => b.y));
    // One row would be ~16 nodes wide (aspect ~30); wrapped, it reads at a glance.
    expect(width / height).toBeLessThan(6);
    expect(new Set(boxes.map((b) => b.y)).size).toBeGreaterThan(1);
    for (const e of graph.edges) {
      const [s, t] = [at.get(e.source.node)!, at.get(e.target.node)!];
      if (s.y === t.y) expect(s.x).toBeLessThan(t.x);
    }
  }, 30_000);

  it('keeps a short graph in one row, left to right', async () => {
    const graph = networkLike();
    const short = { ...graph, nodes: graph.nodes.slice(0, 3), edges: graph.edges.slice(0, 2) };
    const at = await layoutPositions(short, nodeSizeOf(short, {}));
    const ys = short.nodes.map((n) => at.get(n.id)!.y);
    const xs = short.nodes.map((n) => at.get(n.id)!.x);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(60);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  }, 30_000);

  it('estimates a taller box for an op with more ports', () => {
    expect(estimatedNodeSize('encode').height).toBeGreaterThanOrEqual(estimatedNodeSize('dense').height);
    expect(estimatedNodeSize('no-such-op').width).toBeGreaterThan(0);
  });
});

describe('the Tidy command', () => {
  it('moves every node in one undo step, and a second Tidy has nothing to do', async () => {
    const doc = createDocumentStore(networkLike(), 'v1');
    const commands = createEditorCommands(doc, createSessionStore());
    doc.getState().apply([{ type: 'set-label', id: 'n0', from: undefined, to: 'Cards' }], 'label');
    expect(await commands.tidy()).toBeGreaterThan(10);
    expect(new Set(doc.getState().graph.nodes.map((n) => `${n.position?.x},${n.position?.y}`)).size).toBe(16);
    expect(await commands.tidy()).toBe(0);
    doc.getState().undo();
    expect(doc.getState().graph.nodes.every((n) => n.position?.x === 0 && n.position.y === 0)).toBe(true);
    expect(doc.getState().graph.nodes[0]!.label).toBe('Cards');
  }, 30_000);
});
