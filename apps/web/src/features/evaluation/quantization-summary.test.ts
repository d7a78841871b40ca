import { describe, expect, it } from 'vitest';
import type { QuantizationReport } from '@studio/api';
import { formatBytes, int8DeployRefusal, summarizeQuantization } from './quantization-summary';

const report: QuantizationReport = {
  nodeId: 'quantize',
  modelNodeId: 'train',
  label: 'train',
  method: 'minmax',
  percentile: null,
  calibrationRows: 2000,
  evaluationRows: 9000,
  fp32WeightBytes: 289796,
  int8WeightBytes: 76052,
  sizeRatio: 76052 / 289796,
  fp32: { auc: 0.78141, ks: 0.431 },
  int8: { auc: 0.78042, ks: 0.4318 },
  aucDrop: 0.00099,
  ksDrop: -0.0008,
  fp32LatencyUsPerRow: 4.118,
  int8LatencyUsPerRow: 6.578,
  maxAucDrop: 0.005,
  passed: true,
};

describe('summarizeQuantization', () => {
  it('reads sizes, AUC/KS change and latency in plain words', () => {
    const s = summarizeQuantization(report);
    expect(s.fp32Size).toBe('283.0 KB');
    expect(s.int8Size).toBe('74.3 KB');
    expect(s.int8Share).toBeCloseTo(0.262, 3);
    expect(s.sizeLine).toContain('26% of the fp32 size');
    expect(s.aucLine).toBe('AUC 0.7814 → 0.7804: INT8 drops by 0.0010');
    expect(s.ksLine).toBe('KS 0.4310 → 0.4318: INT8 rises by 0.0008');
    expect(s.latencyLine).toContain(
      '9,000 held-out rows: 4.12 µs a row in fp32, 6.58 µs in INT8 (INT8 takes 1.6× the fp32 time: slower',
    );
    expect(s.verdict).toMatch(/^Passed: the AUC drop \(0\.0010\) is within the node's limit of 0\.005/);
  });

  it('says what to do when the guard failed', () => {
    const s = summarizeQuantization({ ...report, aucDrop: 0.0089, passed: false, int8LatencyUsPerRow: 2 });
    expect(s.verdict).toBe(
      "Failed: INT8 loses 0.0089 AUC, more than the node's limit of 0.005. Raise maxAucDrop on the Quantize node or deploy fp32.",
    );
    expect(s.latencyLine).toContain('(INT8 takes 0.5× the fp32 time)');
    const even = summarizeQuantization({ ...report, int8LatencyUsPerRow: 4.2 });
    expect(even.latencyLine).toContain('INT8 takes 1.02× the fp32 time: about the same');
  });

  it('formats bytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('int8DeployRefusal', () => {
  it('allows INT8 when the guard passed and names the drop and the limit when it failed', () => {
    expect(int8DeployRefusal(report)).toBeNull();
    expect(int8DeployRefusal({ ...report, aucDrop: 0.0089, passed: false })).toBe(
      'INT8 loses 0.0089 AUC, more than the Quantize node allows (0.005): raise maxAucDrop on the Quantize node or deploy fp32',
    );
  });
});
