import { cutoffFacts, emptySideProblem, getColumn, readCsv, type Table } from '@studio/data';
import { isStudioError, type Diagnostic } from '@studio/ir';
import type { ExecutionPlan } from '../plan/plan-types';
import { outOfTimeAxis, splitData } from './split-data';
import { ageBandLabels, groupLabels } from './validation';

const error = (code: string, message: string, nodeId: string, param?: string): Diagnostic => ({
  code,
  severity: 'error',
  message,
  nodeId,
  ...(param ? { param } : {}),
});

const oneClass = (y: Uint8Array) => {
  let bads = 0;
  for (const v of y) bads += v;
  return bads === 0 ? 'good' : bads === y.length ? 'bad' : null;
};

/**
 * Checks against the data what the graph alone cannot tell, before a run is queued, so that bad input is
 * reported on its node instead of failing a run half-way: an out-of-time cut-off that leaves a side empty, a
 * date column that does not parse, missing dates, a protected attribute with a single group, and a test or
 * out-of-time sample with one class (no bootstrap possible). What splitting itself refuses (target not binary,
 * too few rows) is left to the run, which reports it pinned to its node as before.
 */
export function preflightTable(plan: ExecutionPlan, raw: Table): Diagnostic[] {
  const out: Diagnostic[] = [];
  const split = plan.split;
  if (split.method === 'out-of-time') {
    try {
      const axis = outOfTimeAxis(raw, split);
      const facts = cutoffFacts(axis.time, axis.cutoff);
      if (facts.missing > 0)
        out.push(
          error(
            'SPLIT_TIME_MISSING',
            `the date column "${split.timeColumn}" is missing in ${facts.missing} rows, so they cannot be placed before or after the cut-off; fill them in or drop those rows`,
            split.nodeId,
            'timeColumn',
          ),
        );
      const empty = emptySideProblem(split.timeColumn, split.cutoff, facts, axis.isDate);
      if (empty !== null) out.push(error('SPLIT_OOT_EMPTY_SIDE', empty, split.nodeId, 'cutoff'));
    } catch (e) {
      if (!isStudioError(e) || e.kind !== 'user') throw e;
      out.push(
        error(e.code, e.message, split.nodeId, e.code === 'SPLIT_OOT_CUTOFF' ? 'cutoff' : 'timeColumn'),
      );
    }
  }
  for (const ev of plan.branches.flatMap((b) => b.evaluations)) {
    const v = ev.validation;
    if (!v) continue;
    const attributes = [
      ...v.protected.map((name) => ({ name, labels: () => groupLabels(raw, name), param: 'protected' })),
      ...(v.ageColumn
        ? [{ name: v.ageColumn, labels: () => ageBandLabels(raw, v.ageColumn), param: 'ageColumn' }]
        : []),
    ];
    for (const a of attributes) {
      let labels: (string | null)[];
      try {
        getColumn(raw, a.name);
        labels = a.labels();
      } catch (e) {
        if (!isStudioError(e) || e.kind !== 'user') throw e;
        out.push(error(e.code, e.message, ev.nodeId, a.param));
        continue;
      }
      if (a.param === 'ageColumn' && labels.every((l) => l === null)) {
        out.push(
          error(
            'FAIRNESS_AGE_NOT_NUMERIC',
            `"${a.name}" holds no ages in years; pick a numeric age column for the age bands`,
            ev.nodeId,
            'ageColumn',
          ),
        );
        continue;
      }
      const groups = new Set(labels.map((l) => l ?? '(missing)'));
      if (groups.size < 2)
        out.push(
          error(
            'FAIRNESS_ONE_GROUP',
            `the protected attribute "${a.name}" has a single group ("${[...groups][0] ?? ''}") in this dataset, so groups cannot be compared; mark a column with at least two groups`,
            ev.nodeId,
            a.param,
          ),
        );
    }
  }
  if (out.some((d) => d.severity === 'error')) return out;
  let data;
  try {
    data = splitData(raw, plan.dataset, split, []);
  } catch (e) {
    // What splitting itself refuses (target not binary, too few rows) the run reports, pinned to its node.
    if (!isStudioError(e) || e.kind !== 'user') throw e;
    return out;
  }
  for (const ev of plan.branches.flatMap((b) => b.evaluations)) {
    if (!ev.validation) continue;
    const samples: [string, Uint8Array | undefined][] = [
      ['test', ev.side === 'test' ? data.test.y : undefined],
      ['out-of-time', data.outOfTime?.y],
    ];
    for (const [name, y] of samples) {
      const only = y ? oneClass(y) : null;
      if (only)
        out.push(
          error(
            'BOOTSTRAP_ONE_CLASS',
            `the ${name} rows (${y!.length}) are all ${only}, so AUC, KS and their bootstrap intervals are undefined; ${name === 'test' ? 'use a larger test fraction or more data' : 'move the out-of-time cut-off so both good and bad loans fall after it'}`,
            ev.nodeId,
          ),
        );
    }
  }
  return out;
}

/** `preflightTable` on the plan's dataset file. */
export async function preflightPlan(plan: ExecutionPlan, path: string): Promise<Diagnostic[]> {
  return preflightTable(plan, await readCsv(path));
}
