import { defineOp, inferError, inferred } from '../op-spec';
import { columnsParam, textParam } from '../params';

/** Source node: one uploaded dataset and the column to predict. */
export const datasetOp = defineOp({
  op: 'dataset',
  title: 'Dataset',
  category: 'Data',
  description: 'An uploaded CSV of past loans.',
  help:
    'Reads one uploaded dataset as a table. Choose the dataset and its target column: the 0/1 default flag ' +
    'that every downstream model learns to predict.',
  inputs: [],
  outputs: [{ name: 'table', type: 'table', label: 'Table' }],
  fields: [
    textParam('datasetId', 'Dataset', 'dataset', { required: true, help: 'The uploaded dataset to read.' }),
    textParam('target', 'Target', 'column', {
      required: true,
      help: 'The 0/1 column that marks a default (1) or a good loan (0).',
    }),
    columnsParam('exclude', 'Leave out', {
      help:
        'Columns that never reach a model: IDs, and columns recorded after the outcome (leakage). Templates fill ' +
        'this from the data warnings; clear it to use every column.',
    }),
  ],
  infer(_inputs, params, ctx) {
    const columns = ctx.datasetColumns?.(params.datasetId);
    if (columns !== undefined && !columns.includes(params.target)) {
      return inferError(
        `target "${params.target}" is not a column of this dataset; choose one of its columns`,
      );
    }
    const exclude = params.exclude;
    if (exclude.includes(params.target))
      return inferError(`Leave out lists the target "${params.target}"; remove it from Leave out`);
    if (columns !== undefined) {
      const unknown = exclude.filter((c) => !columns.includes(c));
      if (unknown.length > 0)
        return inferError(
          `Leave out names ${unknown.map((c) => `"${c}"`).join(', ')}, not a column of this dataset; pick from its columns`,
        );
    }
    return inferred({
      table:
        columns === undefined
          ? { type: 'table', target: params.target }
          : { type: 'table', columns: columns.filter((c) => !exclude.includes(c)), target: params.target },
    });
  },
});
