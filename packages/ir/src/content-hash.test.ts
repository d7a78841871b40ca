import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { contentHash, semanticHash } from './content-hash';
import { exampleNetworkGraph, exampleScorecardGraph } from './examples';
import type { GraphIR } from './graph';

const g = exampleScorecardGraph();
const edit = (f: (x: GraphIR) => void): GraphIR => {
  const copy = structuredClone(g);
  f(copy);
  return copy;
};

describe('contentHash', () => {
  it('is the sha256 of the canonical JSON of the document', () => {
    const sorted = {
      ...g,
      nodes: [...g.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)),
      edges: [...g.edges].sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
    expect(contentHash(g)).toBe(createHash('sha256').update(canonicalJson(sorted)).digest('hex'));
  });

  it('ignores key and array order, but sees positions, labels and params', () => {
    const reordered = edit((x) => {
      x.nodes.reverse();
      x.edges.reverse();
      x.meta = { seed: x.meta.seed, target: x.meta.target, name: x.meta.name } as GraphIR['meta'];
    });
    expect(contentHash(reordered)).toBe(contentHash(g));
    const moved = edit((x) => ((x.nodes[0] as GraphIR['nodes'][number]).position = { x: 1, y: 2 }));
    const labelled = edit((x) => ((x.nodes[0] as GraphIR['nodes'][number]).label = 'Loans 2024'));
    const tuned = edit((x) => ((x.nodes[1] as GraphIR['nodes'][number]).params.testFraction = 0.25));
    const hashes = new Set([g, moved, labelled, tuned].map(contentHash));
    expect(hashes.size).toBe(4);
  });
});

describe('semanticHash', () => {
  it('ignores positions, labels, names, edge ids and params left at their default', () => {
    const cosmetic = edit((x) => {
      (x.nodes[0] as GraphIR['nodes'][number]).position = { x: 999, y: -5 };
      (x.nodes[2] as GraphIR['nodes'][number]).label = 'Fill gaps';
      x.meta.name = 'Renamed';
      x.edges = x.edges.map((e, i) => ({ ...e, id: `edge-${i}` }));
      delete (x.nodes[1] as GraphIR['nodes'][number]).params.testFraction;
    });
    expect(semanticHash(cosmetic)).toBe(semanticHash(g));
    expect(contentHash(cosmetic)).not.toBe(contentHash(g));
  });

  it('changes with params, wiring and ops', () => {
    const tuned = edit((x) => ((x.nodes[1] as GraphIR['nodes'][number]).params.testFraction = 0.2));
    const rewired = edit((x) => x.edges.pop());
    const hashes = new Set([g, tuned, rewired, exampleNetworkGraph()].map(semanticHash));
    expect(hashes.size).toBe(4);
  });
});
