import { describe, expect, it } from 'vitest';
import { emptyGraph, type GraphIR } from '@studio/ir';
import { upstreamDatasetId } from './upstream-dataset';

const graph: GraphIR = {
  ...emptyGraph('g'),
  nodes: [
    { id: 'd', op: 'dataset', params: { datasetId: 'ds1', target: 'default' } },
    { id: 's', op: 'split', params: {} },
    { id: 'lr', op: 'logistic-regression', params: {} },
    { id: 'lonely', op: 'split', params: {} },
  ],
  edges: [
    { id: 'e1', source: { node: 'd', port: 'table' }, target: { node: 's', port: 'table' } },
    { id: 'e2', source: { node: 's', port: 'train' }, target: { node: 'lr', port: 'table' } },
  ],
};

describe('upstreamDatasetId', () => {
  it('finds the dataset feeding a node through several hops, or the node itself', () => {
    expect(upstreamDatasetId(graph, 'lr')).toBe('ds1');
    expect(upstreamDatasetId(graph, 'd')).toBe('ds1');
  });
  it('returns null when no dataset reaches the node', () => {
    expect(upstreamDatasetId(graph, 'lonely')).toBeNull();
  });
});
