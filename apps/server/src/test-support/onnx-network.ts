import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseCsv, type Row } from '@studio/data';
import { loadQuantizedModel } from '@studio/engine';
import { UnexpectedError } from '@studio/ir';
import {
  assertRunnable,
  decodePipelineArtifact,
  executePlan,
  findTemplate,
  type PipelineArtifact,
} from '@studio/pipeline';
import { sharedDataset } from '@studio/test-support';
import { csvRecords } from '../serving/csv-records';
import { checkRecord, inputSchemaOf } from '../serving/input-schema';
import { shapleyBaseline, type ModelIdentity, type ShapleyBaseline } from '../serving/loaded-model';
import { exportDeploymentOnnx } from '../serving/onnx-model';

/** A network trained on German credit, exported as the onnx runtime serves it, with its checked records. */
export interface OnnxNetwork {
  transforms: Uint8Array;
  pipeline: PipelineArtifact;
  onnx: { fp32: Uint8Array; int8: Uint8Array };
  identity: ModelIdentity;
  baseline: ShapleyBaseline;
  /** Every row of the file as the endpoint checks it, in file order. */
  rows: Row[];
}

/**
 * Trains the neural-network template on German credit (leaving `exclude` out) and exports it as the onnx
 * runtime serves it, fp32 and INT8 QDQ (the Shapley tests and `bench/shapley` share it).
 */
export async function trainOnnxNetwork(exclude: readonly string[]): Promise<OnnxNetwork> {
  const file = sharedDataset('german_credit.csv');
  const graph = findTemplate('neural-network-pd')!.build(file, 'creditability', [...exclude]);
  const result = await executePlan(assertRunnable(graph), {
    loadDataset: async (path: string) => ({
      path,
      sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    }),
  });
  const bytes = (kind: string) => result.artifacts.find((a) => a.kind === kind)!.bytes;
  const transforms = bytes('transforms');
  const pipeline = decodePipelineArtifact(transforms);
  const fields = await inputSchemaOf(file, pipeline);
  const q = loadQuantizedModel(bytes('weights-int8'));
  const scales = q.activationScales();
  q.dispose();
  const identity: ModelIdentity = {
    deploymentId: 'd',
    slug: 'net',
    name: 'net',
    version: 1,
    artifactHash: 'h',
    fields,
    logSampleRate: 0,
    strict: false,
  };
  const rows = [...csvRecords(fields, parseCsv(readFileSync(file)))].map(([i, r]) => {
    const checked = checkRecord(fields, r, '', identity);
    if (!checked.ok)
      throw new UnexpectedError(
        'TEST_ROW_REFUSED',
        `German credit row ${i} is refused: ${JSON.stringify(checked.problems)}`,
      );
    return checked.row;
  });
  return {
    transforms,
    pipeline,
    onnx: {
      fp32: exportDeploymentOnnx(fields, transforms, bytes('weights')),
      int8: exportDeploymentOnnx(fields, transforms, bytes('weights'), scales),
    },
    identity,
    baseline: shapleyBaseline(fields)!,
    rows,
  };
}
