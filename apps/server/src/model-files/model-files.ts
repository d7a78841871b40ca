import { readFile } from 'node:fs/promises';
import type { InputField } from '@studio/api';
import {
  generateJavaScript,
  generatePyTorch,
  generateTreesJavaScript,
  generateTreesTypeScript,
  generateTypeScript,
} from '@studio/codegen';
import { loadGbm, loadQuantizedModel } from '@studio/engine';
import { exportTreesOnnx, type TreesExportInput } from '@studio/onnx';
import { assertRunnable, decodePipelineArtifact, type PipelineArtifact } from '@studio/pipeline';
import type { PyTorchRunFacts } from '@studio/codegen';
import type { BlobStore } from '../datasets/blob-store';
import type { StudioPrisma } from '../db/prisma-client';
import type { ModelArtifact } from '../generated/sqlite/client.js';
import { passingInt8Model } from '../deployments/int8-guard';
import { HttpUserError, notFound } from '../http-error';
import { inputSchemaOf } from '../serving/input-schema';
import { exportDeploymentOnnx, rawColumns } from '../serving/onnx-model';

/** One trained model branch of a run, with everything its ONNX and generated code are made from. */
export interface RunModel {
  runId: string;
  projectName: string;
  modelNodeId: string;
  pipeline: PipelineArtifact;
  fields: InputField[];
  transforms: Uint8Array;
  weights: Uint8Array;
  /** The INT8 model's activation scales when a Quantize node cleared it, else why not (the 409 to answer). */
  int8: { activationScales: number[] } | HttpUserError;
  /** The run's split and training settings, for the PyTorch script (empty when the graph no longer plans). */
  scriptFacts: PyTorchRunFacts;
}

/** The split and training settings of the run's graph for one model node (none if the graph does not plan). */
function scriptFactsOf(graph: unknown, modelNodeId: string): PyTorchRunFacts {
  let plan: ReturnType<typeof assertRunnable>;
  try {
    plan = assertRunnable(graph);
  } catch {
    return {};
  }
  const { split, dataset } = plan;
  const facts: PyTorchRunFacts = {
    split: {
      target: dataset.target,
      method: split.method,
      testFraction: split.testFraction,
      seed: split.seed,
      timeColumn: split.timeColumn,
      cutoff: split.cutoff,
    },
  };
  const model = plan.branches.find((b) => b.modelNodeId === modelNodeId)?.model;
  if (model?.kind === 'logistic')
    facts.training = { kind: 'logistic', l1: model.l1, l2: model.l2, epochs: 20, patience: 3 };
  if (model?.kind === 'mlp')
    facts.training = {
      kind: 'mlp',
      optimizer: model.optimizer.algorithm,
      lr: model.optimizer.lr,
      momentum: model.optimizer.momentum,
      weightDecay: model.optimizer.weightDecay,
      epochs: model.train.epochs,
      batchSize: model.train.batchSize,
      patience: model.train.patience > 0 ? model.train.patience : 5,
      l1: model.loss.l1,
      l2: model.loss.l2,
      positiveWeight: model.loss.positiveWeight,
    };
  return facts;
}

export type CodeLang = 'ts' | 'js' | 'python';

const nodeOf = (a: { metadata: unknown }) => (a.metadata as { modelNodeId?: string } | null)?.modelNodeId;

/**
 * The trained model of a succeeded run (the first model node, or `modelNodeId`): its fitted transforms,
 * weights, raw input fields (from the run's dataset, target excluded) and INT8 availability.
 */
export async function loadRunModel(
  prisma: StudioPrisma,
  blobs: BlobStore,
  runId: string,
  modelNodeId?: string,
): Promise<RunModel> {
  const run = await prisma.run.findUnique({
    where: { id: runId },
    include: {
      artifacts: true,
      project: { select: { name: true } },
      dataset: true,
      graphVersion: { select: { graph: true } },
    },
  });
  if (!run) throw notFound('run', runId);
  return runModelOf(blobs, run, modelNodeId);
}

/** `loadRunModel` for a run row already read with its artifacts, project name and dataset. */
export async function runModelOf(
  blobs: BlobStore,
  run: {
    id: string;
    status: string;
    metrics: unknown;
    artifacts: ModelArtifact[];
    project: { name: string };
    dataset: { sha256: string } | null;
    graphVersion?: { graph: unknown };
  },
  modelNodeId?: string,
): Promise<RunModel> {
  if (run.status !== 'succeeded')
    throw new HttpUserError(
      409,
      'RUN_NOT_TRAINED',
      `This run has status "${run.status}", so there is no trained model to export. Use a run that succeeded.`,
    );
  const transforms = run.artifacts.find(
    (a) => a.kind === 'transforms' && (modelNodeId === undefined || nodeOf(a) === modelNodeId),
  );
  const weights =
    transforms && run.artifacts.find((a) => a.kind === 'weights' && nodeOf(a) === nodeOf(transforms));
  if (!transforms || !weights)
    throw new HttpUserError(
      409,
      'MODEL_NOT_FOUND',
      modelNodeId
        ? `Run ${run.id} has no trained model at node "${modelNodeId}". Pick a model node the run trained.`
        : `Run ${run.id} stored no model files. Retrain the graph, then export.`,
    );
  if (!run.dataset)
    throw new HttpUserError(
      409,
      'DATASET_DELETED',
      "The run's dataset was deleted, so the model's input columns cannot be derived. Retrain on a current dataset.",
    );
  const transformBytes = await readFile(blobs.pathOf(transforms.sha256));
  const pipeline = decodePipelineArtifact(transformBytes);
  const fields = await inputSchemaOf(blobs.pathOf(run.dataset.sha256), pipeline);
  let int8: RunModel['int8'];
  try {
    if (pipeline.modelKind === 'gbm')
      throw new HttpUserError(
        409,
        'INT8_UNAVAILABLE_FOR_MODEL',
        'Gradient Boosting has no INT8 form. Export fp32.',
      );
    const { artifact } = passingInt8Model(run, pipeline.modelNodeId);
    const q = loadQuantizedModel(await readFile(blobs.pathOf(artifact.sha256)));
    try {
      int8 = { activationScales: q.activationScales() };
    } finally {
      q.dispose();
    }
  } catch (e) {
    if (!(e instanceof HttpUserError)) throw e;
    int8 = e;
  }
  return {
    runId: run.id,
    projectName: run.project.name,
    modelNodeId: pipeline.modelNodeId,
    pipeline,
    fields,
    transforms: transformBytes,
    weights: await readFile(blobs.pathOf(weights.sha256)),
    int8,
    scriptFacts: scriptFactsOf(run.graphVersion?.graph, pipeline.modelNodeId),
  };
}

function treesInput(m: RunModel): TreesExportInput {
  const gbm = loadGbm(m.weights);
  try {
    return {
      columns: rawColumns(m.fields),
      transforms: m.pipeline.steps.map((s) => s.fitted),
      features: m.pipeline.features,
      trees: gbm.dump() as TreesExportInput['trees'],
    };
  } finally {
    gbm.dispose();
  }
}

const networkInput = (m: RunModel) => ({
  columns: rawColumns(m.fields),
  transforms: m.pipeline.steps.map((s) => s.fitted),
  features: m.pipeline.features,
  model: m.weights,
});

/** The model with its preprocessing as ONNX, fp32 or INT8 QDQ (the same bytes a deployment on the onnx runtime serves). */
export function modelOnnx(m: RunModel, precision: 'fp32' | 'int8'): Uint8Array {
  if (precision === 'int8') {
    if (m.int8 instanceof HttpUserError) throw m.int8;
    return exportDeploymentOnnx(m.fields, m.transforms, m.weights, m.int8.activationScales);
  }
  if (m.pipeline.modelKind === 'gbm') return exportTreesOnnx(treesInput(m));
  return exportDeploymentOnnx(m.fields, m.transforms, m.weights);
}

/** The generated scorer or script, by file name: `scorer.ts`; `scorer.mjs` + `scorer.d.mts`; `train.py`. */
export function modelCode(m: RunModel, lang: CodeLang): Record<string, string> {
  const gbm = m.pipeline.modelKind === 'gbm';
  if (lang === 'ts')
    return {
      'scorer.ts': gbm ? generateTreesTypeScript(treesInput(m)) : generateTypeScript(networkInput(m)),
    };
  if (lang === 'js') {
    const { js, dts } = gbm ? generateTreesJavaScript(treesInput(m)) : generateJavaScript(networkInput(m));
    return { 'scorer.mjs': js, 'scorer.d.mts': dts };
  }
  if (gbm)
    throw new HttpUserError(
      409,
      'CODE_UNAVAILABLE_FOR_MODEL',
      'The PyTorch script covers logistic models and neural networks; for Gradient Boosting use lang=ts or lang=js, or the ONNX export.',
    );
  return { 'train.py': generatePyTorch(networkInput(m), m.scriptFacts) };
}
