import { describe, expect, it } from 'vitest';
import type { Row } from '@studio/data';
import { isStudioError } from '@studio/ir';
import { executePlan, type ExecuteResult } from './execute/execute-plan';
import { assertRunnable } from './plan/plan-graph';
import { loadScoringArtifacts, scoreRow } from './score/score-row';
import { findTemplate } from './templates/templates';
import { loadByPath } from './test-support/graphs';
import { loansCsv, tempCsv } from './test-support/temp-csv';

const scorecard = (path: string, target = 'bad') =>
  assertRunnable(findTemplate('woe-scorecard')!.build(path, target));

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (e) {
    if (!isStudioError(e)) throw e;
    return { code: e.code, message: e.message, details: e.details ?? {} };
  }
  throw new TypeError('expected a failure');
}

const run = (path: string, target = 'bad'): Promise<ExecuteResult> =>
  executePlan(scorecard(path, target), { loadDataset: loadByPath });

describe('bad input', () => {
  it('refuses a target that is not binary, naming the column and its values, pinned to the dataset node', async () => {
    const path = tempCsv(loansCsv(200, [{ header: 'grade', cell: (i) => 'ABC'[i % 3]! }]));
    const e = await failure(run(path, 'grade'));
    expect(e.code).toBe('TARGET_NOT_BINARY');
    expect(e.message).toContain('"grade"');
    expect(e.message).toMatch(/A, B, C|A, C, B|B, A, C/);
    expect(e.details.nodeId).toBe('dataset');
  });

  it('drops an all-missing column with a warning on the dataset node, and still trains', async () => {
    const path = tempCsv(loansCsv(300, [{ header: 'empty', cell: () => '' }]));
    const result = await run(path);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: 'COLUMN_ALL_MISSING',
        nodeId: 'dataset',
        message: expect.stringContaining('"empty"'),
      }),
    );
    expect(result.woe!.map((v) => v.name)).not.toContain('empty');
    expect(result.evaluation!.auc).toBeGreaterThan(0.6);
  });

  it('warns when a column predicts the target perfectly (leakage)', async () => {
    const path = tempCsv(loansCsv(300, [{ header: 'written_off', cell: (_i, bad) => (bad ? '1200' : '0') }]));
    const result = await run(path);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: 'TARGET_LEAKAGE',
        nodeId: 'dataset',
        message: expect.stringContaining('"written_off"'),
      }),
    );
  });

  it('flags an ID column on the dataset node, and the Leave out list keeps it out of the model', async () => {
    const path = tempCsv(loansCsv(300, [{ header: 'loan_id', cell: (i) => String(1000 + i) }]));
    const flagged = await run(path);
    expect(flagged.warnings).toContainEqual(
      expect.objectContaining({
        code: 'COLUMN_ID_LIKE',
        nodeId: 'dataset',
        message: expect.stringContaining('"loan_id"'),
      }),
    );
    const graph = findTemplate('woe-scorecard')!.build(path, 'bad', ['loan_id']);
    expect(graph.nodes.find((n) => n.op === 'dataset')!.params.exclude).toEqual(['loan_id']);
    const left = await executePlan(assertRunnable(graph), { loadDataset: loadByPath });
    expect(left.warnings.map((w) => w.code)).not.toContain('COLUMN_ID_LIKE');
    expect(left.woe!.map((v) => v.name)).not.toContain('loan_id');
    expect(flagged.woe!.map((v) => v.name)).toContain('loan_id');
  });

  it('scores an unseen category in the Missing bin and flags it', async () => {
    const result = await run(tempCsv(loansCsv(400)));
    const artifacts = loadScoringArtifacts({
      transforms: result.artifacts.find((a) => a.kind === 'transforms')!.bytes,
      weights: result.artifacts.find((a) => a.kind === 'weights')!.bytes,
    });
    try {
      const known: Row = { income: 40, region: 'north' };
      const unseen: Row = { income: 40, region: 'atlantis' };
      const missing: Row = { income: 40, region: null };
      const a = scoreRow(artifacts, known);
      const b = scoreRow(artifacts, unseen);
      expect(a.flags).toEqual([]);
      expect(b.flags).toEqual([expect.objectContaining({ code: 'UNSEEN_CATEGORY', column: 'region' })]);
      expect(b.probability).toBeCloseTo(scoreRow(artifacts, missing).probability, 6);
      expect(b.probability).toBeGreaterThan(0);
      expect(b.probability).toBeLessThan(1);
    } finally {
      artifacts.model.dispose();
    }
  });

  it('refuses a dataset too small for the split, pinned to the split node', async () => {
    const tiny = tempCsv(
      'income,region,bad\n' + Array.from({ length: 20 }, (_, i) => `${i},north,${i % 2}`).join('\n'),
    );
    const f = await failure(run(tiny));
    expect(f.code).toBe('DATASET_TOO_SMALL');
    expect(f.details.nodeId).toBe('split');
    expect(f.message).toMatch(/at least/);
  });

  it('names the line of a ragged CSV', async () => {
    const lines = loansCsv(100).split('\n');
    lines[37] = `${lines[37]},surplus`;
    const e = await failure(run(tempCsv(lines.join('\n'))));
    expect(e.code).toBe('CSV_RAGGED_ROW');
    expect(e.message).toContain('Line 38');
    expect(e.details.nodeId).toBe('dataset');
  });
});
