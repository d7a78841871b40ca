import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../csv/read-csv';
import { binaryTarget } from '../split/binary-target';
import { stratifiedSplit } from '../split/splits';
import { tableRow, takeRows } from '../table';
import { sharedDataset } from '../test-support/temp-csv';
import { applyOneHot, fitOneHot, oneHotName } from './one-hot';
import { applyStandardize, fitStandardize } from './standardize';

interface Reference {
  target: string;
  seed: number;
  testFraction: number;
  categorical: string[];
  numeric: string[];
  featureNames: string[];
  xTestHead: number[][];
}

const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../scoring/reference/sklearn_reference.json'), 'utf8'),
) as Record<string, Reference>;

/** Our column name for one of scikit-learn's ColumnTransformer output names. */
function ourName(feature: string, categorical: string[]): string {
  if (feature.startsWith('scale__')) return feature.slice('scale__'.length);
  const rest = feature.slice('onehot__'.length);
  const column = categorical.filter((c) => rest.startsWith(`${c}_`)).sort((a, b) => b.length - a.length)[0]!;
  return oneHotName(column, rest.slice(column.length + 1));
}

describe('one-hot + standardize match scikit-learn (OneHotEncoder + StandardScaler) on held-out rows', () => {
  for (const name of ['german_credit', 'taiwan_default'] as const) {
    it(name, async () => {
      const ref = reference[name]!;
      // pandas reads yes/no as text where we infer boolean: override, as an analyst would in the inspector.
      const types = Object.fromEntries(ref.categorical.map((c) => [c, 'categorical' as const]));
      const table = await readCsv(sharedDataset(`${name}.csv`), { types });
      const y = binaryTarget(table, ref.target, name === 'taiwan_default' ? 1 : 'bad');
      const split = stratifiedSplit(y, { testFraction: ref.testFraction, seed: ref.seed });
      const train = takeRows(table, split.train);
      const test = takeRows(table, split.test.subarray(0, ref.xTestHead.length));
      const oneHot = fitOneHot(train, { columns: ref.categorical, maxCategories: 1000 });
      const scale = fitStandardize(train, { columns: ref.numeric });
      const ours = applyStandardize(scale, applyOneHot(oneHot, test));
      const names = ref.featureNames.map((f) => ourName(f, ref.categorical));
      expect(names.length).toBe(ref.featureNames.length);
      ref.xTestHead.forEach((expected, r) => {
        const row = tableRow(ours, r);
        names.forEach((n, j) => expect(row[n], `${n}, row ${r}`).toBeCloseTo(expected[j]!, 9));
      });
    });
  }
});
