import { describe, expect, it } from 'vitest';
import { defaultParams } from '@studio/ir';
import { connectionCandidates } from './connection-candidates';
import { pipelineGraph } from '../../../test-support/test-graph';

describe('keyboard connection candidates', () => {
  it('offers only legal, new wires, forward ones first', () => {
    const graph = pipelineGraph();
    graph.nodes.push({ id: 'ev', op: 'evaluate', params: defaultParams('evaluate') });
    const fromLr = connectionCandidates(graph, 'lr');
    expect(fromLr.map((c) => c.label)).toEqual(['Logistic Regression · Model → Evaluate · Model']);
    const intoEv = connectionCandidates(graph, 'ev');
    expect(intoEv.map((c) => `${c.source.node}.${c.source.port}->${c.target.node}.${c.target.port}`)).toEqual(
      ['lr.model->ev.model', 'd.table->ev.table', 's.train->ev.table', 's.test->ev.table'],
    );
    // The split's table input is taken by the dataset: nothing else may feed it.
    expect(connectionCandidates(graph, 's').some((c) => c.target.node === 's')).toBe(false);
  });
});
