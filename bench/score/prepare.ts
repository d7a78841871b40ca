/**
 * Trains one plan of bench/e2e through packages/pipeline (`executePlan`, as a Studio run does), then writes what
 * a deployment serves: the transforms artifact, the engine weights, the ONNX export the `onnx` runtime serves
 * (`exportDeploymentOnnx`: fitted preprocessing + model, raw columns in), the input schema, and `rows` records
 * of the dataset checked the way the prediction routes check a request (`checkRecord`).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveInputSchema, checkRecord } from '../../apps/server/src/serving/input-schema';
import { exportDeploymentOnnx } from '../../apps/server/src/serving/onnx-model';
import { readCsv, type Column } from '../../packages/data/src/index';
import {
  assertRunnable,
  executePlan,
  usedColumns,
  decodePipelineArtifact,
} from '../../packages/pipeline/src/index';
import { benchGraph, type TemplateCase } from '../e2e/plans';

export interface Prepared {
  auc: number;
  features: number;
  used: string[];
}

/** The JSON value of one cell, as a client sends it: null for a missing cell. */
function cellJson(col: Column, i: number): unknown {
  if (col.type === 'categorical') {
    const code = col.codes[i]!;
    return code < 0 ? null : col.levels[code]!;
  }
  const v = col.values[i]!;
  if (Number.isNaN(v)) return null;
  return col.type === 'boolean' ? v === 1 : v;
}

export async function prepare(
  dir: string,
  kind: TemplateCase,
  csv: string,
  target: string,
  rows: number,
  epochs: number,
): Promise<Prepared> {
  const bytes = readFileSync(csv);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const plan = assertRunnable(benchGraph(kind, csv, target, epochs));
  const result = await executePlan(plan, { loadDataset: async () => ({ path: csv, sha256 }) });
  const artifact = (k: string) => result.artifacts.find((a) => a.kind === k)?.bytes;
  const transforms = artifact('transforms');
  const weights = artifact('weights');
  if (!transforms || !weights) throw new Error(`the ${kind} run left no transforms or weights`);
  const table = await readCsv(csv);
  const pipeline = decodePipelineArtifact(transforms);
  const used = usedColumns(pipeline);
  const fields = deriveInputSchema(table, target, { used: new Set(used) });
  const onnx = exportDeploymentOnnx(fields, transforms, weights);
  const records: unknown[] = [];
  const count = Math.min(rows, table.rowCount);
  for (let i = 0; i < count; i++) {
    const record: Record<string, unknown> = {};
    for (const c of table.columns) if (c.name !== target) record[c.name] = cellJson(c, i);
    const checked = checkRecord(fields, record);
    if (!checked.ok) throw new Error(`record ${i} refused: ${JSON.stringify(checked.problems)}`);
    records.push(checked.row);
  }
  const y = new Uint8Array(count);
  const outcome = table.columns.find((c) => c.name === target);
  if (outcome && outcome.type !== 'categorical')
    for (let i = 0; i < count; i++) y[i] = outcome.values[i]! === 1 ? 1 : 0;
  writeFileSync(join(dir, 'transforms.bin'), transforms);
  writeFileSync(join(dir, 'weights.bin'), weights);
  writeFileSync(join(dir, 'model.onnx'), onnx);
  writeFileSync(join(dir, 'fields.json'), JSON.stringify(fields));
  writeFileSync(join(dir, 'rows.json'), JSON.stringify(records));
  writeFileSync(join(dir, 'y.u8'), y);
  return { auc: result.evaluation?.auc ?? Number.NaN, features: pipeline.features.length, used };
}
