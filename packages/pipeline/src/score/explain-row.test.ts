import { describe, expect, it } from 'vitest';
import { readCsv, tableRow, type Row } from '@studio/data';
import { logitOf } from '@studio/scoring';
import { executePlan } from '../execute/execute-plan';
import { assertRunnable } from '../plan/plan-graph';
import { graphOf } from '../templates/graph-of';
import { findTemplate } from '../templates/templates';
import { loadByPath, sharedDataset } from '../test-support/graphs';
import { shapleyReasons, usedColumns } from './explain-row';
import { loadScoringArtifacts, scoreRow, type ScoringArtifacts } from './score-row';
import { GERMAN_EXACT_SHAPLEY_EXCLUDED } from '@studio/test-support';

const file = sharedDataset('german_credit.csv');
const target = 'creditability';
const EXCLUDED = GERMAN_EXACT_SHAPLEY_EXCLUDED;

/** The German demo's plain logistic regression (no scorecard): dataset → split → logistic → evaluate. */
const logisticGraph = () =>
  graphOf(
    'logistic',
    [
      ['dataset', 'dataset', { datasetId: file, target }],
      ['split', 'split'],
      ['lr', 'logistic-regression'],
      ['evaluate', 'evaluate'],
    ],
    [
      ['dataset.table', 'split.table'],
      ['split.train', 'lr.table'],
      ['lr.model', 'evaluate.model'],
      ['split.test', 'evaluate.table'],
    ],
  );

async function trainNetwork(exclude: string[] | 'logistic'): Promise<ScoringArtifacts> {
  const graph =
    exclude === 'logistic'
      ? logisticGraph()
      : findTemplate('neural-network-pd')!.build(file, target, exclude);
  const result = await executePlan(assertRunnable(graph), { loadDataset: loadByPath });
  return loadScoringArtifacts({
    transforms: result.artifacts.find((a) => a.kind === 'transforms')!.bytes,
    weights: result.artifacts.find((a) => a.kind === 'weights')!.bytes,
  });
}

async function records(n: number): Promise<Row[]> {
  const table = await readCsv(file);
  return Array.from({ length: n }, (_, i) => {
    const r = tableRow(table, i * 37);
    delete r[target];
    return r;
  });
}

describe('Shapley reason codes of a neural network or a plain logistic model', () => {
  it.each([
    ['network, exact, 8 columns', EXCLUDED, true],
    ['network, sampled, 20 columns', [], false],
    ['logistic, additive (exact), 20 columns', 'logistic', true],
  ])(
    '%s: contributions add up to the logit difference from the baseline within 1e-4',
    async (_name, exclude, exact) => {
      const artifacts = await trainNetwork(exclude as string[] | 'logistic');
      const left = exclude === 'logistic' ? [] : (exclude as string[]);
      try {
        const columns = usedColumns(artifacts.pipeline);
        expect(columns).toHaveLength(20 - left.length);
        for (const x of left) expect(columns).not.toContain(x);
        const [baseline, ...applicants] = await records(9);
        const baseLogit = logitOf(scoreRow(artifacts, baseline!).probability);
        const started = performance.now();
        for (const r of applicants) {
          const e = await shapleyReasons(artifacts, r, baseline!, columns);
          expect(e.exact).toBe(exact);
          const logit = logitOf(scoreRow(artifacts, r).probability);
          const sum = e.contributions.reduce((a, b) => a + b, 0);
          expect(Math.abs(sum - (logit - baseLogit))).toBeLessThan(1e-4);
          expect(e.reasons.length).toBeLessThanOrEqual(4);
          e.reasons.forEach((reason, k) => {
            expect(reason.points).toBeGreaterThan(0);
            if (k > 0) expect(reason.points).toBeLessThanOrEqual(e.reasons[k - 1]!.points);
            expect(columns).toContain(reason.characteristic);
          });
          // Reproducible: the same applicant always gets the same answer.
          expect((await shapleyReasons(artifacts, r, baseline!, columns)).contributions).toEqual(
            e.contributions,
          );
        }
        const perRow = (performance.now() - started) / applicants.length / 2;
        console.log(
          `shapley (${artifacts.pipeline.modelKind}, ${exact ? 'exact' : 'sampled'}, ${columns.length} columns): ${perRow.toFixed(2)} ms per applicant`,
        );
        // A column that takes the baseline's value contributes nothing.
        const same = { ...applicants[0]!, [columns[0]!]: baseline![columns[0]!] };
        const e = await shapleyReasons(artifacts, same, baseline!, columns);
        expect(Math.abs(e.contributions[0]!)).toBeLessThan(1e-9);
      } finally {
        artifacts.model.dispose();
      }
    },
    120_000,
  );
});
