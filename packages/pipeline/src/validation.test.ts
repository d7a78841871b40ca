import { describe, expect, it } from 'vitest';
import { readCsv } from '@studio/data';
import type { GraphIR } from '@studio/ir';
import { executePlan } from './execute/execute-plan';
import { preflightTable } from './execute/preflight';
import { assertRunnable } from './plan/plan-graph';
import { findTemplate } from './templates/templates';
import { loadByPath, sharedDataset } from './test-support/graphs';
import { loansCsv, tempCsv } from './test-support/temp-csv';

const german = sharedDataset('german_credit.csv');

/** The WOE template with the Evaluate and Split nodes' params changed. */
function woe(
  path: string,
  target: string,
  evaluate: Record<string, unknown>,
  split: Record<string, unknown> = {},
): GraphIR {
  const g = findTemplate('woe-scorecard')!.build(path, target);
  return {
    ...g,
    nodes: g.nodes.map((n) =>
      n.op === 'evaluate'
        ? { ...n, params: { ...n.params, ...evaluate } }
        : n.op === 'split'
          ? { ...n, params: { ...n.params, ...split } }
          : n,
    ),
  };
}

// 900 loans issued one a day from 2017-01-01; income drives default.
const datedCsv = (extra: { header: string; cell: (i: number, bad: boolean) => string }[] = []) =>
  tempCsv(
    loansCsv(900, [
      { header: 'issued', cell: (i) => new Date(Date.UTC(2017, 0, 1 + i)).toISOString().slice(0, 10) },
      ...extra,
    ]),
  );

describe('validation pack in a run', () => {
  it('German WOE scorecard: intervals, calibration, cut-offs, stability and fairness on the test rows', async () => {
    const plan = assertRunnable(
      woe(german, 'creditability', {
        protected: ['personal_status_and_sex'],
        ageColumn: 'age_in_years',
        bootstrap: 300,
      }),
    );
    const result = await executePlan(plan, { loadDataset: loadByPath });
    const named = result.evaluations[0]!;
    const v = named.validation!;
    expect(v.samples.map((s) => s.sample)).toEqual(['test']);
    const test = v.samples[0]!;
    expect(test.rows).toBe(named.evaluation.rows);
    expect(test.discrimination.auc.estimate).toBeCloseTo(named.evaluation.auc, 10);
    expect(test.discrimination.ks.estimate).toBeCloseTo(named.evaluation.ks, 10);
    expect(test.discrimination.resamples).toBe(300);
    expect(test.discrimination.seed).toBe(42);
    expect(test.discrimination.auc.lower).toBeLessThan(test.discrimination.auc.estimate);
    expect(test.calibration.bands.reduce((s, b) => s + b.count, 0)).toBe(test.rows);
    expect(test.calibration.hosmerLemeshow.df).toBe(8);
    expect(test.cutoffs.rows.at(-1)!.approvalRate).toBe(1);
    expect(test.scorePsi.index).toBeGreaterThanOrEqual(0);
    expect(test.characteristics.length).toBeGreaterThan(3);
    expect(v.protected).toEqual(['personal_status_and_sex', 'age_in_years (age band)']);
    const sex = test.fairness.find((f) => f.attribute === 'personal_status_and_sex')!;
    expect(sex.groups.reduce((s, g) => s + g.size, 0)).toBe(test.rows);
    expect(sex.groups.length).toBeGreaterThanOrEqual(3);
    expect(sex.groups.find((g) => g.group === sex.referenceGroup)!.adverseImpactRatio).toBe(1);
    const age = test.fairness.find((f) => f.attribute === 'age_in_years (age band)')!;
    expect(age.groups.map((g) => g.group)).toContain('25–34');
    // Whichever protected columns the selected model reads are warnings on the Evaluate node.
    for (const p of v.protectedAsInputs)
      expect(result.warnings).toContainEqual(
        expect.objectContaining({
          code: 'PROTECTED_ATTRIBUTE_AS_INPUT',
          nodeId: 'evaluate',
          message: expect.stringContaining(`"${p}"`),
        }),
      );
    expect(
      result
        .woe!.filter((w) => w.selected)
        .map((w) => w.name)
        .filter((n) => v.protected.includes(n) || n === 'age_in_years')
        .sort(),
    ).toEqual([...v.protectedAsInputs].sort());
    // Stored with the run's metrics artifact.
    const metrics = JSON.parse(
      new TextDecoder().decode(result.artifacts.find((a) => a.kind === 'metrics')!.bytes),
    );
    expect(metrics.evaluations[0].validation.samples[0].discrimination.auc.lower).toBe(
      test.discrimination.auc.lower,
    );
  });

  it('out-of-time split: trains before the cut-off, validates after, drops the date from the inputs', async () => {
    const path = datedCsv();
    const plan = assertRunnable(
      woe(
        path,
        'bad',
        { bootstrap: 200 },
        { method: 'out-of-time', timeColumn: 'issued', cutoff: '2019-01-01' },
      ),
    );
    expect(preflightTable(plan, await readCsv(path))).toEqual([]);
    const result = await executePlan(plan, { loadDataset: loadByPath });
    const v = result.evaluations[0]!.validation!;
    // 2017-01-01 + 730 days = 2019-01-01: 730 development rows, 170 out-of-time rows.
    expect(v.outOfTime).toEqual({
      column: 'issued',
      cutoff: '2019-01-01',
      trainRows: 511,
      testRows: 219,
      outOfTimeRows: 170,
    });
    expect(v.samples.map((s) => [s.sample, s.rows])).toEqual([
      ['test', 219],
      ['out-of-time', 170],
    ]);
    expect(v.samples[1]!.characteristics.map((c) => c.name)).not.toContain('issued');
    expect(result.woe!.map((w) => w.name)).not.toContain('issued');
  });

  it('can be turned off on the Evaluate node', async () => {
    const result = await executePlan(assertRunnable(woe(german, 'creditability', { validation: false })), {
      loadDataset: loadByPath,
    });
    expect(result.evaluations[0]!.validation).toBeNull();
  });
});

describe('preflight: bad input reported on the node before the run', () => {
  const oot = (cutoff: string, timeColumn = 'issued') => ({ method: 'out-of-time', timeColumn, cutoff });

  it('a cut-off that leaves either side empty', async () => {
    const path = datedCsv();
    const table = await readCsv(path);
    expect(preflightTable(assertRunnable(woe(path, 'bad', {}, oot('2030-01-01'))), table)).toEqual([
      expect.objectContaining({
        code: 'SPLIT_OOT_EMPTY_SIDE',
        nodeId: 'split',
        param: 'cutoff',
        message: expect.stringMatching(/2017-01-01 to 2019-06-19.*out-of-time sample is empty/),
      }),
    ]);
    expect(preflightTable(assertRunnable(woe(path, 'bad', {}, oot('2001-01-01'))), table)).toEqual([
      expect.objectContaining({
        code: 'SPLIT_OOT_EMPTY_SIDE',
        message: expect.stringMatching(/nothing is left to train on/),
      }),
    ]);
  });

  it('a date column that does not parse, and a cut-off of the wrong kind', async () => {
    const path = datedCsv([{ header: 'when', cell: (i) => `${1 + (i % 28)}/03/2019` }]);
    const table = await readCsv(path);
    expect(preflightTable(assertRunnable(woe(path, 'bad', {}, oot('2019-01-01', 'when'))), table)).toEqual([
      expect.objectContaining({
        code: 'SPLIT_TIME_NOT_DATE',
        nodeId: 'split',
        param: 'timeColumn',
        message: expect.stringContaining('"when"'),
      }),
    ]);
    expect(preflightTable(assertRunnable(woe(path, 'bad', {}, oot('40', 'issued'))), table)).toEqual([
      expect.objectContaining({
        code: 'SPLIT_OOT_CUTOFF',
        param: 'cutoff',
        message: expect.stringMatching(/write the cut-off as a date/),
      }),
    ]);
  });

  it('a protected attribute with a single group', async () => {
    const path = datedCsv([{ header: 'country', cell: () => 'DE' }]);
    expect(
      preflightTable(assertRunnable(woe(path, 'bad', { protected: ['country'] })), await readCsv(path)),
    ).toEqual([
      expect.objectContaining({
        code: 'FAIRNESS_ONE_GROUP',
        nodeId: 'evaluate',
        param: 'protected',
        message: expect.stringContaining('"DE"'),
      }),
    ]);
  });

  it('an out-of-time sample with one class (no bootstrap possible)', async () => {
    // Every loan issued from 2019-06-01 on is good.
    const path = tempCsv(
      loansCsv(900)
        .split('\n')
        .filter(Boolean)
        .map((line, i) => {
          if (i === 0) return `${line},issued`;
          const d = new Date(Date.UTC(2017, 0, i)).toISOString().slice(0, 10);
          const cells = line.split(',');
          if (d >= '2019-06-01') cells[2] = '0';
          return `${cells.join(',')},${d}`;
        })
        .join('\n') + '\n',
    );
    const diagnostics = preflightTable(
      assertRunnable(woe(path, 'bad', {}, oot('2019-06-01'))),
      await readCsv(path),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'BOOTSTRAP_ONE_CLASS',
        nodeId: 'evaluate',
        message: expect.stringMatching(/out-of-time rows \(\d+\) are all good/),
      }),
    ]);
  });
});
