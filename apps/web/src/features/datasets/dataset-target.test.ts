import { describe, expect, it } from 'vitest';
import { IR_VERSION, type GraphIR } from '@studio/ir';
import { datasetTarget } from './dataset-target';

describe('datasetTarget', () => {
  it('reads the target of the Dataset node using that dataset', () => {
    const graph: GraphIR = {
      irVersion: IR_VERSION,
      nodes: [
        { id: 'a', op: 'dataset', params: { datasetId: 'd0', target: 'x' } },
        { id: 'b', op: 'dataset', params: { datasetId: 'd1', target: 'default' } },
      ],
      edges: [],
      meta: { name: 'g' },
    };
    expect(datasetTarget(graph, 'd1')).toBe('default');
    expect(datasetTarget(graph, 'd2')).toBeNull();
    expect(datasetTarget(undefined, 'd1')).toBeNull();
  });
});
