import { describe, expect, it } from 'vitest';
import { StudioError } from '../errors';
import { exampleNetworkGraph, exampleScorecardGraph } from '../examples';
import type { GraphIR } from '../graph';
import { applyChanges } from './apply-change';
import { describeChange, nodeNames } from './describe-change';
import { diffGraphs } from './diff-graphs';

const g = exampleScorecardGraph();
const edit = (f: (x: GraphIR) => void): GraphIR => {
  const copy = structuredClone(g);
  f(copy);
  return copy;
};

describe('diffGraphs', () => {
  it('finds nothing between equal graphs', () => {
    expect(diffGraphs(g, structuredClone(g))).toEqual([]);
  });

  it('reports a param edit as one set-param', () => {
    const next = edit((x) => ((x.nodes[1] as GraphIR['nodes'][number]).params.testFraction = 0.2));
    expect(diffGraphs(g, next)).toEqual([
      { type: 'set-param', id: 'split-1', name: 'testFraction', from: 0.3, to: 0.2 },
    ]);
  });

  it('replaces a node whose op changed, re-adding its unchanged wires', () => {
    const next = edit((x) => {
      (x.nodes[2] as GraphIR['nodes'][number]).op = 'standardize';
      (x.nodes[2] as GraphIR['nodes'][number]).params = {};
    });
    const changes = diffGraphs(g, next);
    expect(changes.map((c) => c.type)).toEqual(['remove-node', 'add-node', 'add-edge', 'add-edge']);
    expect(applyChanges(g, changes)).toEqual(next);
  });

  it('rebuilds a very different graph exactly, in its array order', () => {
    const next = exampleNetworkGraph();
    expect(applyChanges(g, diffGraphs(g, next))).toEqual(next);
    expect(applyChanges(next, diffGraphs(next, g))).toEqual(g);
  });

  it('refuses graphs with duplicate ids', () => {
    const dup = edit((x) => x.nodes.push({ ...(x.nodes[0] as GraphIR['nodes'][number]) }));
    expect(() => diffGraphs(dup, g)).toThrow(StudioError);
  });
});

describe('describeChange', () => {
  it('writes audit lines', () => {
    const next = edit((x) => {
      (x.nodes[1] as GraphIR['nodes'][number]).params.testFraction = 0.2;
      x.nodes[1]!.label = 'Holdout split';
      x.meta.name = 'PD v2';
      x.edges = x.edges.filter((e) => e.id !== 'e1');
      x.nodes.push({ id: 'lr-2', op: 'logistic-regression', params: {}, position: { x: 10.4, y: 0 } });
    });
    expect(diffGraphs(g, next).map((c) => describeChange(c))).toEqual([
      'disconnected dataset-1.table -> split-1.table',
      'node split-1: label (unset) -> "Holdout split"',
      'node split-1: param testFraction 0.3 -> 0.2',
      'graph name "Retail PD scorecard" -> "PD v2"',
      'added node lr-2 (Logistic Regression)',
    ]);
    const names = nodeNames(g, next);
    expect(
      diffGraphs(g, next)
        .map((c) => describeChange(c, names))
        .slice(1, 3),
    ).toEqual([
      'Holdout split (split-1): label (unset) -> "Holdout split"',
      'Holdout split (split-1): param testFraction 0.3 -> 0.2',
    ]);
    expect(describeChange({ type: 'move-node', id: 'lr-1', to: { x: 0, y: 0 } }, names)).toBe(
      'moved Logistic Regression (lr-1) to (0, 0)',
    );
    const lr = g.nodes.find((n) => n.id === 'lr-1') as GraphIR['nodes'][number];
    expect(describeChange({ type: 'remove-node', node: lr, edges: g.edges.slice(0, 1) })).toBe(
      'removed node lr-1 (Logistic Regression) and 1 connection',
    );
    expect(describeChange({ type: 'move-node', id: 'a', to: { x: 1.6, y: -2 } })).toBe(
      'moved node a to (2, -2)',
    );
    expect(describeChange({ type: 'add-node', node: { id: 'q', op: 'mystery', params: {} } })).toBe(
      'added node q (mystery)',
    );
    expect(describeChange({ type: 'set-param', id: 's', name: 'columns', from: [], to: ['a', 'b'] })).toBe(
      'node s: param columns [] -> ["a","b"]',
    );
  });
});
