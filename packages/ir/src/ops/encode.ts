import { defineOp, inferError, inferred, requiredInput } from '../op-spec';
import { columnsParam } from '../params';
import { columnProblem, missingTargetMessage } from './columns';

/** The bridge from tables to networks. */
export const encodeOp = defineOp({
  op: 'encode',
  title: 'Encode',
  category: 'Preprocess',
  description: 'Turn table columns into a feature tensor.',
  help:
    'Stacks the chosen numeric columns into a float32 feature tensor [batch, features] and the target into a ' +
    'label tensor [batch, 1]. Networks read tensors, so every neural path starts here; encode text columns with ' +
    'One-Hot Encode or WOE Binning first.',
  inputs: [{ name: 'table', type: 'table', label: 'Table', required: true }],
  outputs: [
    { name: 'features', type: 'tensor', label: 'Features' },
    { name: 'labels', type: 'tensor', label: 'Labels' },
  ],
  fields: [columnsParam('columns', 'Columns', { help: 'Empty: every column except the target.' })],
  infer(inputs, params) {
    const table = requiredInput(inputs, 'table', 'table');
    if (table.target === undefined) return inferError(missingTargetMessage('Encode'));
    const problem = columnProblem(table, 'columns', params.columns);
    if (problem !== null) return inferError(problem);
    const width =
      params.columns.length > 0
        ? params.columns.length
        : table.columns === undefined
          ? null
          : table.columns.filter((c) => c !== table.target).length;
    if (width === 0)
      return inferError('no feature columns left to encode; keep at least one column besides the target');
    return inferred({
      features: { type: 'tensor', dtype: 'float32', shape: [null, width] },
      labels: { type: 'tensor', dtype: 'float32', shape: [null, 1] },
    });
  },
});
