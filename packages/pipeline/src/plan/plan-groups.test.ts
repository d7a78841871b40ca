import { describe, expect, it } from 'vitest';
import { codeOf, flattenGroups, groupInterface, type GraphIR } from '@studio/ir';
import { findTemplate, graphTemplates } from '../templates/templates';
import { planGraph } from './plan-graph';

const flat = (g: GraphIR): GraphIR => flattenGroups(g) as GraphIR;

describe('lowering a grouped graph', () => {
  it('opens the network templates with their layers as one collapsed Network block with tensor ports', () => {
    const net = findTemplate('neural-network-pd')!.build('d1', 'bad');
    expect(net.groups).toEqual([
      {
        id: 'network',
        name: 'Network',
        nodes: ['dense1', 'relu1', 'dense2', 'relu2', 'out'],
        collapsed: true,
      },
    ]);
    const face = groupInterface(net, net.groups![0]!);
    expect(face.inputs.map((p) => [p.key, p.type])).toEqual([['dense1.input', 'tensor']]);
    expect(face.outputs.map((p) => [p.key, p.type])).toEqual([['out.output', 'tensor']]);
    const cc = findTemplate('champion-challenger')!.build('d1', 'bad');
    expect(cc.groups?.map((g) => g.name)).toEqual(['Challenger network']);
  });

  it('plans every template to the same plan as its flat graph (groups never change what runs)', () => {
    for (const t of graphTemplates) {
      const grouped = t.build('d1', 'bad');
      const a = planGraph(grouped);
      const b = planGraph(flat(grouped));
      expect(a.ok, t.id).toBe(true);
      expect(a.plan, t.id).toEqual(b.plan);
      expect(a.diagnostics).toEqual(b.diagnostics);
    }
  });

  it('does not run a graph whose groups are broken, and says which group', () => {
    const net = findTemplate('neural-network-pd')!.build('d1', 'bad');
    const broken = { ...net, groups: [{ id: 'g', name: 'Bad', nodes: ['dense1', 'ghost'] }] };
    const r = planGraph(broken);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        code: codeOf('GROUP_UNKNOWN_NODE'),
        message: expect.stringMatching(/ghost/),
      }),
    );
  });
});
