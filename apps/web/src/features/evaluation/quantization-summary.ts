import type { QuantizationReport } from '@studio/api';

/** The Quantization card's readings of a report, in plain words. */
export interface QuantizationSummary {
  /** fp32 and INT8 weight sizes, and the INT8 bar's width as a share of the fp32 bar. */
  fp32Size: string;
  int8Size: string;
  int8Share: number;
  sizeLine: string;
  aucLine: string;
  ksLine: string;
  latencyLine: string;
  /** Whether INT8 may be deployed, and why (names the drop and the threshold). */
  verdict: string;
}

/** Bytes as B / KB / MB with one decimal above a kilobyte. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function change(before: number, after: number, name: string): string {
  const d = after - before;
  const size = Math.abs(d).toFixed(4);
  const how = d < 0 ? `drops by ${size}` : d > 0 ? `rises by ${size}` : 'is unchanged';
  return `${name} ${before.toFixed(4)} → ${after.toFixed(4)}: INT8 ${how}`;
}

/** What an analyst reads about a Quantize node's report. */
export function summarizeQuantization(q: QuantizationReport): QuantizationSummary {
  // INT8 time as a share of the fp32 time: "0.8× the time" reads right whichever way it went (no "1.0× slower").
  const ratio = q.int8LatencyUsPerRow / q.fp32LatencyUsPerRow;
  const shown = ratio.toFixed(ratio >= 0.95 && ratio <= 1.05 ? 2 : 1);
  const latency =
    ratio < 0.95
      ? `INT8 takes ${shown}× the fp32 time`
      : ratio > 1.05
        ? `INT8 takes ${shown}× the fp32 time: slower on this machine`
        : `INT8 takes ${shown}× the fp32 time: about the same`;
  const drop = q.aucDrop.toFixed(4);
  return {
    fp32Size: formatBytes(q.fp32WeightBytes),
    int8Size: formatBytes(q.int8WeightBytes),
    int8Share: Math.min(1, q.sizeRatio),
    sizeLine: `INT8 weights take ${(q.sizeRatio * 100).toFixed(0)}% of the fp32 size (${formatBytes(q.int8WeightBytes)} instead of ${formatBytes(q.fp32WeightBytes)}).`,
    aucLine: change(q.fp32.auc, q.int8.auc, 'AUC'),
    ksLine: change(q.fp32.ks, q.int8.ks, 'KS'),
    latencyLine: `Scoring ${q.evaluationRows.toLocaleString('en-US')} held-out rows: ${q.fp32LatencyUsPerRow.toFixed(2)} µs a row in fp32, ${q.int8LatencyUsPerRow.toFixed(2)} µs in INT8 (${latency}).`,
    verdict: q.passed
      ? `Passed: the AUC drop (${drop}) is within the node's limit of ${q.maxAucDrop}, so the INT8 model can be deployed.`
      : `Failed: INT8 loses ${drop} AUC, more than the node's limit of ${q.maxAucDrop}. Raise maxAucDrop on the Quantize node or deploy fp32.`,
  };
}

/** Why INT8 cannot be deployed from this run (its AUC guard failed), or null when it can. */
export function int8DeployRefusal(q: QuantizationReport): string | null {
  if (q.passed) return null;
  return `INT8 loses ${q.aucDrop.toFixed(4)} AUC, more than the Quantize node allows (${q.maxAucDrop}): raise maxAucDrop on the Quantize node or deploy fp32`;
}
