import { describe, expect, it } from 'vitest';
import type { GraphEdge } from './graph';
import { findCycles, indexGraph, reaches, topologicalOrder } from './graph-index';

const edge = (from: string, to: string): GraphEdge => ({
  id: `${from}-${to}`,
  source: { node: from, port: 'out' },
  target: { node: to, port: 'in' },
});
const chain = (n: number) => Array.from({ length: n - 1 }, (_, i) => edge(`n${i}`, `n${i + 1}`));
const ids = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);

describe('graph index', () => {
  it('orders a DAG so every edge goes forward', () => {
    const edges = [edge('c', 'd'), edge('a', 'b'), edge('b', 'c'), edge('a', 'c')];
    const order = topologicalOrder(['d', 'c', 'b', 'a'], edges);
    for (const e of edges) expect(order.indexOf(e.source.node)).toBeLessThan(order.indexOf(e.target.node));
  });

  it('finds each cycle with its path and leaves its nodes out of the order', () => {
    const edges = [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'd')];
    expect(findCycles(['a', 'b', 'c', 'd'], edges)).toEqual([
      { edge: edge('c', 'a'), path: ['a', 'b', 'c', 'a'] },
    ]);
    expect(topologicalOrder(['a', 'b', 'c', 'd'], edges)).toEqual([]);
    expect(findCycles(['a', 'b'], [edge('a', 'b')])).toEqual([]);
  });

  it('handles long chains without deep recursion', () => {
    const n = 5000;
    const edges = [...chain(n), edge(`n${n - 1}`, 'n0')];
    const found = findCycles(ids(n), edges);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toHaveLength(n + 1);
    expect(topologicalOrder(ids(n), chain(n))).toEqual(ids(n));
  });

  it('answers reachability forwards only', () => {
    const index = indexGraph({
      nodes: ids(4).map((id) => ({ id, op: 'dense', params: {} })),
      edges: chain(4),
    });
    expect(reaches(index, 'n0', 'n3')).toBe(true);
    expect(reaches(index, 'n3', 'n0')).toBe(false);
    expect(reaches(index, 'n2', 'n2')).toBe(true);
  });
});
