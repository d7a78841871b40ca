import { describe, expect, it } from 'vitest';
import { readCsv, tableRow } from '@studio/data';
import { executePlan, type ExecuteResult } from './execute-plan';
import { assertRunnable } from '../plan/plan-graph';
import { loadScoringArtifacts, scoreRow } from '../score/score-row';
import { findTemplate } from '../templates/templates';
import { loadByPath, sharedDataset } from '../test-support/graphs';
import { calibrationSample } from './quantize-branch';

const TAIWAN = sharedDataset('taiwan_default.csv');
const TARGET = 'default.payment.next.month';

/** The network template on Taiwan, its hidden layers `units` wide, its Quantize node set as given. */
function quantizedNetwork(units: [number, number], params: Record<string, unknown> = {}) {
  const graph = findTemplate('neural-network-pd')!.build(TAIWAN, TARGET);
  const set: Record<string, Record<string, unknown>> = {
    quantize: params,
    dense1: { units: units[0] },
    dense2: { units: units[1] },
  };
  return assertRunnable({
    ...graph,
    nodes: graph.nodes.map((n) => ({ ...n, params: { ...n.params, ...set[n.id] } })),
  });
}

const artifact = (r: ExecuteResult, kind: string) => r.artifacts.find((a) => a.kind === kind)!.bytes;

describe('the Quantize node', () => {
  it('reports measured fp32 vs INT8 size (<= 0.27x for a 256-256-1 MLP), AUC/KS and latency on the held-out rows, and stores the INT8 file', async () => {
    const result = await executePlan(quantizedNetwork([256, 256]), { loadDataset: loadByPath });
    expect(result.quantizations).toHaveLength(1);
    const q = result.quantizations[0]!;
    const ev = result.evaluation!;
    console.log(
      `taiwan 256-256-1 MLP INT8: ${q.int8WeightBytes}/${q.fp32WeightBytes} B (${q.sizeRatio.toFixed(3)}x), ` +
        `AUC ${q.fp32.auc.toFixed(5)} -> ${q.int8.auc.toFixed(5)} (drop ${q.aucDrop.toFixed(5)}), ` +
        `KS ${q.fp32.ks.toFixed(4)} -> ${q.int8.ks.toFixed(4)}, ` +
        `${q.fp32LatencyUsPerRow.toFixed(3)} -> ${q.int8LatencyUsPerRow.toFixed(3)} us/row`,
    );
    expect(q).toMatchObject({
      nodeId: 'quantize',
      modelNodeId: 'train',
      method: 'minmax',
      maxAucDrop: 0.005,
    });
    // The fp32 side is the model the Evaluate node scored, on the same held-out rows.
    expect(q.evaluationRows).toBe(ev.rows);
    expect(q.fp32.auc).toBeCloseTo(ev.auc, 10);
    expect(q.fp32.ks).toBeCloseTo(ev.ks, 10);
    // Weight bytes: 4 per fp32 parameter of the trained network (inputs → 256 → 256 → 1), 1 per INT8 weight.
    const inputs = (q.fp32WeightBytes / 4 - (256 + 256 * 257 + 257)) / 256;
    expect(Number.isInteger(inputs) && inputs > 20).toBe(true);
    expect(q.int8WeightBytes).toBeGreaterThan(256 * inputs + 256 * 256 + 256);
    expect(q.sizeRatio).toBeCloseTo(q.int8WeightBytes / q.fp32WeightBytes, 12);
    expect(q.sizeRatio).toBeLessThanOrEqual(0.27);
    expect(artifact(result, 'weights-int8').length).toBeGreaterThan(q.int8WeightBytes);
    expect(artifact(result, 'weights-int8').length).toBeLessThan(artifact(result, 'weights').length);
    // Measured, not assumed: INT8 rounding moves the AUC, by a little.
    expect(q.int8.auc).not.toBe(q.fp32.auc);
    expect(q.aucDrop).toBeCloseTo(q.fp32.auc - q.int8.auc, 12);
    expect(q.ksDrop).toBeCloseTo(q.fp32.ks - q.int8.ks, 12);
    expect(Math.abs(q.aucDrop)).toBeLessThan(0.005);
    expect(q.passed).toBe(q.aucDrop <= q.maxAucDrop);
    expect(q.fp32LatencyUsPerRow).toBeGreaterThan(0);
    expect(q.int8LatencyUsPerRow).toBeGreaterThan(0);

    // scoreRow serves the INT8 file, close to the fp32 model on the same record.
    const record = tableRow(await readCsv(TAIWAN), 0);
    delete record[TARGET];
    const transforms = artifact(result, 'transforms');
    const fp32 = loadScoringArtifacts({ transforms, weights: artifact(result, 'weights') });
    const int8 = loadScoringArtifacts({
      transforms,
      weights: artifact(result, 'weights-int8'),
      precision: 'int8',
    });
    try {
      const a = scoreRow(fp32, record).probability;
      const b = scoreRow(int8, record).probability;
      expect(b).not.toBe(a);
      expect(Math.abs(b - a)).toBeLessThan(0.05);
    } finally {
      fp32.model.dispose();
      int8.model.dispose();
    }
  });

  it('fails the guard of the template network when no AUC drop is allowed, and says what to do', async () => {
    const result = await executePlan(
      quantizedNetwork([32, 16], { maxAucDrop: 0, calibration: 'percentile', percentile: 90 }),
      {
        loadDataset: loadByPath,
      },
    );
    const q = result.quantizations[0]!;
    expect(q).toMatchObject({ method: 'percentile', percentile: 90, maxAucDrop: 0 });
    console.log(
      `taiwan 32-16-1 template INT8 (percentile 90): ${q.sizeRatio.toFixed(3)}x, AUC drop ${q.aucDrop.toFixed(5)}`,
    );
    expect(q.aucDrop).toBeGreaterThan(0);
    expect(q.passed).toBe(false);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: 'QUANTIZE_AUC_DROP',
        nodeId: 'quantize',
        message: expect.stringContaining('Raise maxAucDrop on the Quantize node or deploy fp32'),
      }),
    );
  });

  it('calibrates on rows spread over the whole training side', () => {
    const X = Float32Array.from({ length: 10 }, (_, i) => i);
    expect(Array.from(calibrationSample({ X, rows: 10, inputs: 1 }, 3).X)).toEqual([0, 3, 6]);
    expect(calibrationSample({ X, rows: 10, inputs: 1 }).rows).toBe(10);
  });
});
