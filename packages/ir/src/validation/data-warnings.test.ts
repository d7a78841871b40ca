import { expect, it } from 'vitest';
import { codeOf } from '../diagnostic-codes';
import { exampleScorecardGraph } from '../examples';
import type { GraphIR } from '../graph';
import { validateGraph } from '../validate-graph';

const warnings = [
  {
    code: 'COLUMN_ID_LIKE',
    column: 'ID',
    message: 'Column "ID" counts through the rows: it looks like a row ID.',
  },
  { code: 'TARGET_TINY_CLASS', column: 'default', message: 'Only 3 bad rows.' },
];

const withExclude = (graph: GraphIR, exclude: string[]): GraphIR => ({
  ...graph,
  nodes: graph.nodes.map((n) => (n.op === 'dataset' ? { ...n, params: { ...n.params, exclude } } : n)),
});

it('shows a data warning on the Dataset node until its column is left out, as a warning only', () => {
  const graph = exampleScorecardGraph();
  const ds = graph.nodes.find((n) => n.op === 'dataset')!;
  const context = {
    datasetWarnings: (id: string, target: string) =>
      id === ds.params.datasetId && target === ds.params.target ? warnings : undefined,
  };
  const flagged = validateGraph(graph, { context });
  const found = flagged.diagnostics.filter((d) => d.code === codeOf('DATA_WARNING'));
  expect(found).toEqual(
    warnings.map((w) =>
      expect.objectContaining({ severity: 'warning', nodeId: ds.id, param: 'exclude', message: w.message }),
    ),
  );
  expect(flagged.ok).toBe(true);
  const left = validateGraph(withExclude(graph, ['ID']), { context });
  expect(left.diagnostics.filter((d) => d.code === codeOf('DATA_WARNING')).map((d) => d.message)).toEqual([
    'Only 3 bad rows.',
  ]);
  expect(validateGraph(graph).diagnostics.filter((d) => d.code === codeOf('DATA_WARNING'))).toEqual([]);
});
