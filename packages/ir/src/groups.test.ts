import { describe, expect, it } from 'vitest';
import { applyChanges } from './changes/apply-change';
import type { GraphChange } from './changes/graph-change';
import { describeChange } from './changes/describe-change';
import { diffGraphs } from './changes/diff-graphs';
import { invertChange } from './changes/invert-change';
import { codeOf } from './diagnostic-codes';
import { exampleNetworkGraph } from './examples';
import type { GraphGroup, GraphIR } from './graph';
import { checkGroups, flattenGroups, groupInterface } from './groups';
import { migrateGraph } from './migrations/migrate-graph';
import { migrateV2ToV3 } from './migrations/v2-to-v3';
import { validateGraph } from './validate-graph';

const net = () => exampleNetworkGraph('d1');
const layerIds = (g: GraphIR) =>
  g.nodes.filter((n) => ['dense', 'activation', 'dropout', 'batch-norm'].includes(n.op)).map((n) => n.id);
const withGroups = (g: GraphIR, groups: GraphGroup[]): GraphIR => ({ ...g, groups });
const codes = (g: GraphIR) => validateGraph(g).diagnostics.map((d) => d.code);

describe('groups (subgraphs)', () => {
  it('migrates a version 2 document to version 3 with no groups, nothing else changed', () => {
    const { groups: _g, ...v3 } = net();
    const v2 = { ...v3, irVersion: 2 };
    const up = migrateGraph(v2);
    expect(up).toEqual({ ...v3, irVersion: 3, groups: [] });
    expect(migrateV2ToV3(v2)).toEqual({ ...v2, irVersion: 3, groups: [] });
    expect(validateGraph(up).ok).toBe(true);
    expect(() => migrateV2ToV3({ irVersion: 2 })).toThrow(/no nodes or edges list/);
  });

  it('accepts a clean group and derives its typed block interface from the crossing edges', () => {
    const g = net();
    const ids = layerIds(g);
    expect(ids.length).toBeGreaterThan(1);
    const group: GraphGroup = { id: 'g1', name: 'Network', nodes: ids, collapsed: true };
    const grouped = withGroups(g, [group]);
    const result = validateGraph(grouped);
    expect(result.ok).toBe(true);
    expect(
      result.diagnostics.filter((d) => d.code.startsWith('IR01') && Number(d.code.slice(2)) >= 16),
    ).toEqual([]);
    const face = groupInterface(grouped, group);
    expect(face.inputs.length).toBeGreaterThan(0);
    expect(face.outputs.length).toBeGreaterThan(0);
    for (const port of [...face.inputs, ...face.outputs]) {
      expect(ids).toContain(port.node);
      expect(port.type).toBe('tensor');
      expect(port.edges.length).toBeGreaterThan(0);
    }
    // Every crossing edge is behind exactly one port.
    const inside = new Set(ids);
    const crossing = g.edges.filter((e) => inside.has(e.source.node) !== inside.has(e.target.node));
    expect([...face.inputs, ...face.outputs].flatMap((p) => p.edges).sort()).toEqual(
      crossing.map((e) => e.id).sort(),
    );
  });

  it('reports unknown nodes, overlaps, empty groups and duplicate ids with their codes', () => {
    const g = net();
    const [a, b] = layerIds(g) as [string, string];
    expect(codes(withGroups(g, [{ id: 'g1', name: 'X', nodes: [a, 'ghost'] }]))).toContain(
      codeOf('GROUP_UNKNOWN_NODE'),
    );
    const overlap = withGroups(g, [
      { id: 'g1', name: 'X', nodes: [a, b] },
      { id: 'g2', name: 'Y', nodes: [b] },
    ]);
    expect(validateGraph(overlap).diagnostics).toContainEqual(
      expect.objectContaining({ code: codeOf('GROUP_OVERLAP'), nodeId: b, severity: 'error' }),
    );
    expect(codes(withGroups(g, [{ id: 'g1', name: 'X', nodes: [a, a] }]))).toContain(codeOf('GROUP_OVERLAP'));
    const empty = withGroups(g, [{ id: 'g1', name: 'X', nodes: [] }]);
    expect(codes(empty)).toContain(codeOf('GROUP_EMPTY'));
    expect(validateGraph(empty).ok).toBe(true); // a warning only
    expect(
      codes(
        withGroups(g, [
          { id: 'g1', name: 'X', nodes: [a] },
          { id: 'g1', name: 'Y', nodes: [b] },
        ]),
      ),
    ).toContain(codeOf('DUPLICATE_GROUP_ID'));
  });

  it('flags a block whose boundary a path leaves and re-enters', () => {
    const g = net();
    // Take the first and the last layer but not the ones in between: the path between them leaves the block.
    const ids = layerIds(g);
    const split = withGroups(g, [
      { id: 'g1', name: 'Ends', nodes: [ids[0] as string, ids.at(-1) as string] },
    ]);
    const found = checkGroups(split);
    expect(found.map((d) => d.code)).toEqual([codeOf('GROUP_INTERFACE')]);
    expect(found[0]?.message).toMatch(/leaves the block and comes back in/);
  });

  it('groups as an undoable, describable change that diffs back', () => {
    const g = net();
    const group: GraphGroup = { id: 'g1', name: 'Network', nodes: layerIds(g) };
    const change: GraphChange = { type: 'set-groups', from: undefined, to: [group] };
    const grouped = applyChanges(g, [change]);
    expect(grouped.groups).toEqual([group]);
    expect(applyChanges(grouped, [invertChange(change)])).toEqual(g);
    expect(describeChange(change)).toMatch(/groups none -> Network \(\d+\)/);
    expect(diffGraphs(g, grouped)).toEqual([change]);
    expect(() => applyChanges(grouped, [change])).toThrow(/groups have changed since/);
  });

  it('flattens to the same graph the lowering sees', () => {
    const g = net();
    expect(flattenGroups(withGroups(g, [{ id: 'g1', name: 'N', nodes: layerIds(g) }]))).toEqual(
      flattenGroups(g),
    );
  });
});
