import { describe, expect, it } from 'vitest';
import { codeOf } from '../diagnostic-codes';
import { UserError } from '../errors';
import { exampleScorecardGraph } from '../examples';
import type { GraphIR } from '../graph';
import { applyChange, applyChanges } from './apply-change';
import { graphChangeSchema, type GraphChange } from './graph-change';

const g = exampleScorecardGraph();
const frozen = structuredClone(g);
const node = (graph: GraphIR, id: string) => graph.nodes.find((n) => n.id === id);

describe('applyChange', () => {
  it('sets and unsets params without touching the input', () => {
    const a = applyChange(g, { type: 'set-param', id: 'split-1', name: 'testFraction', from: 0.3, to: 0.2 });
    expect(node(a, 'split-1')?.params.testFraction).toBe(0.2);
    const b = applyChange(a, {
      type: 'set-param',
      id: 'split-1',
      name: 'testFraction',
      from: 0.2,
      to: undefined,
    });
    expect(Object.hasOwn(node(b, 'split-1')?.params ?? {}, 'testFraction')).toBe(false);
    expect(g).toEqual(frozen);
  });

  it('removes a node with its wires and puts it back at its index', () => {
    const lr = node(g, 'lr-1') as GraphIR['nodes'][number];
    const edges = g.edges.filter((e) => e.source.node === 'lr-1' || e.target.node === 'lr-1');
    const removed = applyChange(g, { type: 'remove-node', node: lr, edges, index: 5 });
    expect(node(removed, 'lr-1')).toBeUndefined();
    expect(removed.edges).toHaveLength(g.edges.length - edges.length);
    const back = applyChange(removed, { type: 'add-node', node: lr, edges, index: 5 });
    expect(back.nodes).toEqual(g.nodes);
    expect(new Set(back.edges)).toEqual(new Set(g.edges));
  });

  it('moves, labels, rewires and renames', () => {
    const changes: GraphChange[] = [
      { type: 'move-node', id: 'dataset-1', from: { x: 0, y: 0 }, to: { x: 10, y: 20 } },
      { type: 'set-label', id: 'dataset-1', to: 'Loans 2024' },
      { type: 'remove-edge', edge: g.edges[0] as GraphIR['edges'][number] },
      { type: 'add-edge', edge: { ...(g.edges[0] as GraphIR['edges'][number]), id: 'new' }, index: 0 },
      { type: 'set-meta', key: 'name', from: g.meta.name, to: 'Renamed' },
      { type: 'set-meta', key: 'seed', from: 42, to: undefined },
    ];
    const out = applyChanges(g, changes);
    expect(node(out, 'dataset-1')).toMatchObject({ position: { x: 10, y: 20 }, label: 'Loans 2024' });
    expect(out.edges[0]?.id).toBe('new');
    expect(out.meta).toEqual({ name: 'Renamed', target: 'default' });
  });

  it('refuses stale or impossible changes with a coded user error', () => {
    const stale: GraphChange[] = [
      { type: 'set-param', id: 'split-1', name: 'testFraction', from: 0.25, to: 0.2 },
      { type: 'set-param', id: 'ghost', name: 'x', to: 1 },
      { type: 'move-node', id: 'split-1', from: { x: 5, y: 5 }, to: { x: 0, y: 0 } },
      { type: 'add-node', node: g.nodes[0] as GraphIR['nodes'][number] },
      { type: 'remove-node', node: g.nodes[0] as GraphIR['nodes'][number], edges: [] },
      {
        type: 'add-edge',
        edge: { id: 'x', source: { node: 'ghost', port: 'a' }, target: { node: 'split-1', port: 'table' } },
      },
      { type: 'add-edge', edge: g.edges[0] as GraphIR['edges'][number] },
      {
        type: 'remove-edge',
        edge: { ...(g.edges[0] as GraphIR['edges'][number]), target: { node: 'lr-1', port: 'table' } },
      },
      { type: 'set-meta', key: 'target', from: 'bad', to: 'good' },
    ];
    for (const change of stale) {
      expect(() => applyChange(g, change)).toThrow(UserError);
      try {
        applyChange(g, change);
      } catch (e) {
        expect((e as UserError).code).toBe(codeOf('CHANGE_CONFLICT'));
      }
    }
  });

  it('treats null as a value distinct from unset', () => {
    const a = applyChange(g, { type: 'set-param', id: 'split-1', name: 'extra', to: null });
    expect(node(a, 'split-1')?.params.extra).toBeNull();
    expect(() => applyChange(a, { type: 'set-param', id: 'split-1', name: 'extra', to: 1 })).toThrow(
      UserError,
    );
  });

  it('has a wire schema that accepts every change type and rejects garbage', () => {
    expect(
      graphChangeSchema.safeParse({ type: 'set-param', id: 'a', name: 'b', from: 1, to: 2 }).success,
    ).toBe(true);
    expect(graphChangeSchema.safeParse({ type: 'set-meta', key: 'seed', from: 1, to: 'x' }).success).toBe(
      false,
    );
    expect(graphChangeSchema.safeParse({ type: 'teleport', id: 'a' }).success).toBe(false);
  });
});
