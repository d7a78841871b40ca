import { describe, expect, it } from 'vitest';
import type { DataWarning } from '../checks/data-warning';
import { readCsv } from '../csv/read-csv';
import { binaryTarget } from '../split/binary-target';
import { stratifiedSplit } from '../split/splits';
import { getColumn, tableRow, takeRows, withColumns, type Table } from '../table';
import { sharedDataset } from '../test-support/temp-csv';
import { fitImpute } from './impute';
import { fitOneHot } from './one-hot';
import { fitStandardize } from './standardize';
import { applyPipeline, applyPipelineRow, parseFittedTransform, type FittedTransform } from './transform';
import { fitWoe } from './woe/woe-binning';

/** German credit with some cells blanked and, in the scoring half, a category never seen in training. */
async function germanWithGaps(): Promise<{ train: Table; test: Table }> {
  const t = await readCsv(sharedDataset('german_credit.csv'));
  const amount = getColumn(t, 'credit_amount');
  const purpose = getColumn(t, 'purpose');
  if (amount.type === 'categorical' || purpose.type !== 'categorical')
    throw new TypeError('unexpected schema');
  const values = amount.values.map((v, i) => (i % 17 === 0 ? NaN : v));
  const codes = purpose.codes.map((c, i) => (i % 23 === 0 ? -1 : c));
  const gappy = withColumns(t, [
    { ...amount, values },
    { ...purpose, codes },
  ]);
  const split = stratifiedSplit(binaryTarget(gappy, 'creditability'), { testFraction: 0.3, seed: 1 });
  const test = takeRows(gappy, split.test);
  const p = getColumn(test, 'purpose');
  if (p.type !== 'categorical') throw new TypeError('unexpected schema');
  const levels = [...p.levels, 'space travel'];
  const unseenCodes = p.codes.map((c, i) => (i % 50 === 0 ? levels.length - 1 : c));
  return {
    train: takeRows(gappy, split.train),
    test: withColumns(test, [{ ...p, codes: unseenCodes, levels }]),
  };
}

function expectAgreement(fitted: FittedTransform[], test: Table): void {
  const batchWarnings: DataWarning[] = [];
  const batch = applyPipeline(fitted, test, batchWarnings);
  const rowWarnings: DataWarning[] = [];
  const restored = fitted.map((f) => parseFittedTransform(JSON.stringify(f)));
  for (let i = 0; i < test.rowCount; i++) {
    expect(applyPipelineRow(restored, tableRow(test, i), rowWarnings)).toEqual(tableRow(batch, i));
  }
  const unseen = (ws: DataWarning[]) =>
    ws.filter((w) => w.code === 'UNSEEN_CATEGORY').reduce((s, w) => s + Number(w.details?.count), 0);
  expect(unseen(rowWarnings)).toBe(unseen(batchWarnings));
  expect(unseen(batchWarnings)).toBeGreaterThan(0);
}

describe('batch and per-row application agree (fitted on train, applied to held-out German credit)', () => {
  it('impute (median + indicator) → one-hot → standardize', async () => {
    const { train, test } = await germanWithGaps();
    const impute = fitImpute(train, { indicator: true });
    expect(impute.columns.map((c) => c.name)).toEqual(['purpose', 'credit_amount']);
    const afterImpute = applyPipeline([impute], train);
    const oneHot = fitOneHot(afterImpute, { exclude: ['creditability'] });
    const standardize = fitStandardize(applyPipeline([oneHot], afterImpute));
    expectAgreement([impute, oneHot, standardize], test);
  });

  it('WOE binning straight on gaps (missing bin, unseen categories)', async () => {
    const { train, test } = await germanWithGaps();
    const woe = fitWoe(train, { target: 'creditability', specialValues: { duration_in_month: [24] } });
    expectAgreement([woe], test);
  });
});
