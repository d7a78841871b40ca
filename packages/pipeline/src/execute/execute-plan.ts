import type {
  Evaluation,
  NamedEvaluation,
  QuantizationReport,
  RunLog,
  Validation,
  RunProgress,
  ScorecardTable,
  TuningReport,
  WoeVariable,
} from '@studio/api';
import { readCsv, type DataWarning } from '@studio/data';
import { TrainingCancelledError, type Model, type TrainProgress } from '@studio/engine';
import type { ExecutionPlan, ModelBranch, TuneStep } from '../plan/plan-types';
import type { HistoryPoint, RunWarning } from '../run-types';
import { resolveLogisticSolver } from '@studio/ir';
import { encodePipelineArtifact, type PipelineArtifact } from '../score/pipeline-artifact';
import { featureSources } from '../score/feature-sources';
import { pinWarnings } from './apply-steps';
import { atNode, atNodeAsync } from './at-node';
import { branchScorecard, scorecardTable, woeReport } from './branch-reports';
import { buildEvaluation } from './evaluation';
import { fitTransforms, splitDeferred, type FittedStep } from './fit-transforms';
import { logisticWeights } from './logistic-weights';
import { completeColumns, prepareModelInput } from './model-input';
import { packFeatures } from './pack-features';
import { ProgressMeter } from './progress-meter';
import { quantizeBranch, type QuantizedBranch } from './quantize-branch';
import { splitData, type Side, type SplitData } from './split-data';
import { gbmBranchModel, nativeBranchModel, type BranchModel } from './branch-model';
import { monotoneOf, trainGbmBranch } from './train-gbm';
import { trainModel } from './train-model';
import { tuneBranch } from './tune-branch';
import { buildValidation } from './validation';

/** Where a dataset's file is, and its content hash as recorded at upload. */
export interface DatasetSource {
  path: string;
  sha256: string;
}

/** What `executePlan` needs from its host (the server's run worker, a test, the CLI). */
export interface ExecuteOptions {
  loadDataset(datasetId: string): Promise<DatasetSource>;
  onProgress?(progress: RunProgress, point: HistoryPoint | null): void;
  onLog?(log: RunLog): void;
  signal?: AbortSignal;
  /** Seeds what no node seeds itself (the early-stopping hold-out); default the plan's seed. */
  seed?: number;
}

/** An output file of a run; `modelNodeId` is null for run-wide files (metrics). */
export interface RunArtifact {
  kind: 'transforms' | 'weights' | 'weights-int8' | 'scorecard' | 'metrics';
  bytes: Uint8Array;
  modelNodeId: string | null;
}

/** Everything a finished run reports. */
export interface ExecuteResult {
  evaluation: Evaluation | null;
  evaluations: NamedEvaluation[];
  woe: WoeVariable[] | null;
  scorecard: ScorecardTable | null;
  /** One report per Quantize node, in branch order. */
  quantizations: QuantizationReport[];
  /** One leaderboard and chosen configuration per Tune node, in branch order. */
  tunings: TuningReport[];
  warnings: RunWarning[];
  history: HistoryPoint[];
  artifacts: RunArtifact[];
  modelKind: string;
  /** Where the models trained, in branch order without repeats: 'cpu', 'cuda' or e.g. 'cuda+cpu'. */
  devices: string;
  datasetSha256: string;
  /** Seconds per phase (summed over model branches) and in total. */
  durations: Record<string, number>;
}

interface BranchOutput {
  evaluations: NamedEvaluation[];
  woe: WoeVariable[] | null;
  scorecard: ScorecardTable | null;
  quantization: QuantizationReport | null;
  tuning: TuningReport | null;
  artifacts: RunArtifact[];
  device: string;
}

const DEFAULT_SCALING = { pdo: 20, baseScore: 600, baseOdds: 50 };

class RunContext {
  readonly warnings: RunWarning[] = [];
  readonly history: HistoryPoint[] = [];
  readonly durations: Record<string, number> = {};
  readonly meter: ProgressMeter;
  private readonly t0 = performance.now();

  constructor(
    readonly plan: ExecutionPlan,
    readonly opts: ExecuteOptions,
  ) {
    this.meter = new ProgressMeter((p, point) => opts.onProgress?.(p, point));
  }

  log(level: RunLog['level'], message: string, nodeId?: string): void {
    this.opts.onLog?.({ at: new Date().toISOString(), level, message, ...(nodeId ? { nodeId } : {}) });
  }

  checkAbort(): void {
    if (this.opts.signal?.aborted) throw new TrainingCancelledError('the run was cancelled');
  }

  async timed<T>(key: string, fn: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.durations[key] = (this.durations[key] ?? 0) + (performance.now() - start) / 1000;
    }
  }

  total(): void {
    this.durations.total = (performance.now() - this.t0) / 1000;
  }
}

async function runBranch(
  run: RunContext,
  branch: ModelBranch,
  data: SplitData,
  span: [number, number],
): Promise<BranchOutput> {
  const { plan } = run;
  const target = plan.dataset.target;
  const tuned = branch.tune
    ? await run.timed('tune', () =>
        tuneStep(run, branch, branch.tune!, data, [span[0], span[0] + (span[1] - span[0]) * 0.6]),
      )
    : null;
  // A tuned branch gives the search the first 60% of its share of the progress bar.
  const [from, to] = tuned ? [span[0] + (span[1] - span[0]) * 0.6, span[1]] : span;
  const at = (f: number) => from + (to - from) * f;
  const model = tuned?.model ?? branch.model;

  run.meter.phase(`fitting transforms for ${branch.label}`, at(0.02));
  const trainWarnings: DataWarning[] = [];
  const chain = await run.timed('transforms', () =>
    fitTransforms(branch.transforms, data.train.table, target, trainWarnings, {
      deferTrailingStandardize: true,
    }),
  );
  const columns = model.kind === 'mlp' ? model.encode.columns : [];
  const complete = completeColumns(chain.steps.map((s) => s.fitted));
  // A trailing standardisation is fused into packing the training matrix (the same arithmetic, so the same
  // matrix), without an intermediate table; the model's median fill is fitted from the unscaled order
  // statistics of the columns it covers and fused into packing after it.
  const {
    table: inputTable,
    packSteps,
    scaled,
  } = await run.timed('transforms', () => splitDeferred(chain, complete, trainWarnings));
  const input = await run.timed('transforms', () =>
    atNode(model.kind === 'mlp' ? model.encode.nodeId : model.nodeId, () =>
      prepareModelInput(
        inputTable,
        target,
        columns,
        model.nodeId,
        trainWarnings,
        complete,
        model.kind !== 'gbm',
        scaled,
      ),
    ),
  );
  for (const note of input.notes) run.log('info', note, model.nodeId);
  const steps = [...chain.steps, ...input.implicit];
  run.log(
    'info',
    `${input.features.length} model inputs: ${input.features.slice(0, 12).join(', ')}${input.features.length > 12 ? ', …' : ''}`,
    model.nodeId,
  );
  run.checkAbort();

  if (model.kind === 'logistic') {
    const { optimizer, reason } = resolveLogisticSolver(model.solver, model.l1);
    run.log(
      'info',
      `solver ${model.solver}: runs ${optimizer === 'newton' ? 'Newton (IRLS)' : 'L-BFGS'}: ${reason}`,
      model.nodeId,
    );
  }
  const gbm = model.kind === 'gbm';
  const X = await run.timed('pack', () =>
    packFeatures([...packSteps, ...input.unapplied], input.table, input.features, run.warnings, gbm),
  );
  const sources = featureSources(steps, input.features);
  const phase = `training ${branch.label}`;
  run.meter.phase(phase, at(0.1));
  run.log('info', `${phase} on ${data.train.table.rowCount} rows`, model.nodeId);
  const trainingData = { X, y: data.train.y, rows: data.train.table.rowCount, inputs: input.features.length };
  const hooks = {
    ...(run.opts.signal ? { signal: run.opts.signal } : {}),
    onProgress: (p: TrainProgress, epochs: number) => {
      run.history.push(
        run.meter.training(phase, [at(0.1), at(0.85)], p, epochs, {
          nodeId: model.nodeId,
          modelKind: model.kind,
        }),
      );
    },
  };
  const trained: BranchModel = await run.timed('train', () =>
    atNodeAsync(model.nodeId, async () =>
      model.kind === 'gbm'
        ? gbmBranchModel(
            model,
            await trainGbmBranch(model, trainingData, monotoneOf(model, input.features, sources), hooks),
          )
        : nativeBranchModel(await trainModel(model, trainingData, run.opts.seed ?? plan.seed, hooks)),
    ),
  );
  try {
    run.log('info', trained.summary, model.nodeId);
    run.checkAbort();
    const weights = trained.save();

    run.meter.phase(`evaluating ${branch.label}`, at(0.9));
    // Stages timed apart (apply: the fitted steps on the evaluated rows, fused with packing their matrix;
    // evaluate: predict and the metrics), so the durations add up to the run's total.
    const evaluations: NamedEvaluation[] = [];
    for (const ev of branch.evaluations) {
      const side: Side = ev.side === 'test' ? data.test : data.train;
      const rows = side.table.rowCount;
      const Xs = await run.timed('apply', () =>
        atNode(ev.nodeId, () => packFeatures(steps, side.table, input.features, run.warnings, gbm)),
      );
      const { evaluation, prob } = await run.timed('evaluate', async () => {
        const prob = await trained.predict(Xs, rows);
        return { evaluation: atNode(ev.nodeId, () => buildEvaluation(side.y, prob, ev.cutoff)), prob };
      });
      const importance = await run.timed('importance', () =>
        trained.importance?.(Xs, rows, input.features, sources),
      );
      const validation = ev.validation
        ? await run.timed('validate', () =>
            validationOf(
              run,
              ev,
              branch,
              { side, prob },
              { X, steps, features: input.features, gbm },
              trained,
              data,
            ),
          )
        : null;
      run.log(
        'info',
        `AUC ${evaluation.auc.toFixed(4)}, KS ${evaluation.ks.toFixed(4)} on ${rows} ${ev.side} rows`,
        ev.nodeId,
      );
      evaluations.push({
        nodeId: ev.nodeId,
        modelNodeId: model.nodeId,
        modelKind: model.kind,
        label: ev.label,
        evaluation,
        ...(importance ? { importance } : {}),
        validation,
      });
    }

    const native = trained.native;
    const quantized =
      branch.quantize && native
        ? await run.timed('quantize', () =>
            quantizeStep(run, branch, at(0.95), native, steps, input.features, X, data),
          )
        : null;

    const woe = chain.woe ? woeReport(chain.woe, input.features) : null;
    const card =
      branch.scorecard && chain.woe
        ? atNode(branch.scorecard.nodeId, () =>
            branchScorecard(branch.scorecard!, chain.woe!, input.features, logisticWeights(weights)),
          )
        : null;
    run.warnings.push(...pinWarnings(trainWarnings, model.nodeId));
    const artifact: PipelineArtifact = {
      format: 'studio-pipeline',
      version: 1,
      modelNodeId: model.nodeId,
      modelKind: model.kind,
      target,
      steps: steps.map((s) => ({
        nodeId: s.nodeId,
        fitted: s.fitted,
        ...(s.unseen ? { unseen: s.unseen } : {}),
      })),
      features: input.features,
      ...(gbm ? { sources } : {}),
      scorecard: card,
      scaling: branch.scorecard
        ? {
            pdo: branch.scorecard.pdo,
            baseScore: branch.scorecard.baseScore,
            baseOdds: branch.scorecard.baseOdds,
          }
        : DEFAULT_SCALING,
    };
    const artifacts: RunArtifact[] = [
      { kind: 'transforms', bytes: encodePipelineArtifact(artifact), modelNodeId: model.nodeId },
      { kind: 'weights', bytes: weights, modelNodeId: model.nodeId },
    ];
    if (quantized)
      artifacts.push({ kind: 'weights-int8', bytes: quantized.bytes, modelNodeId: model.nodeId });
    if (card)
      artifacts.push({
        kind: 'scorecard',
        bytes: new TextEncoder().encode(JSON.stringify(card)),
        modelNodeId: model.nodeId,
      });
    return {
      evaluations,
      woe,
      scorecard: card ? scorecardTable(card) : null,
      quantization: quantized?.report ?? null,
      tuning: tuned?.report ?? null,
      artifacts,
      device: trained.device,
    };
  } finally {
    trained.dispose();
  }
}

/** Runs the branch's Tune node, its leaderboard live in the progress records, and returns the tuned model step. */
async function tuneStep(
  run: RunContext,
  branch: ModelBranch,
  tune: TuneStep,
  data: SplitData,
  [from, to]: [number, number],
): Promise<{ report: TuningReport; model: ModelBranch['model'] }> {
  const phase = `tuning ${branch.label}`;
  run.meter.phase(phase, from);
  return tuneBranch(branch, tune, data.train, run.plan.dataset.target, {
    log: (level, message, nodeId) => run.log(level, message, nodeId),
    onBoard: (report, f) => run.meter.tuning(phase, from + (to - from) * f, report),
    checkAbort: () => run.checkAbort(),
    ...(run.opts.signal ? { signal: run.opts.signal } : {}),
    seed: run.opts.seed ?? run.plan.seed,
  });
}

/** The validation pack of one Evaluate node: scores the training and out-of-time rows too, then `buildValidation`. */
async function validationOf(
  run: RunContext,
  ev: ModelBranch['evaluations'][number],
  branch: ModelBranch,
  evaluated: { side: Side; prob: ArrayLike<number> },
  model: { X: Float32Array; steps: readonly FittedStep[]; features: string[]; gbm: boolean },
  trained: BranchModel,
  data: SplitData,
): Promise<Validation> {
  const { plan } = run;
  const t0 = performance.now();
  const trainRows = data.train.table.rowCount;
  const trainProb = await trained.predict(model.X, trainRows);
  let outOfTime = null;
  if (data.outOfTime) {
    const oot = data.outOfTime;
    const Xo = atNode(ev.nodeId, () =>
      packFeatures(model.steps, oot.table, model.features, run.warnings, model.gbm),
    );
    outOfTime = { table: oot.table, y: oot.y, prob: await trained.predict(Xo, oot.table.rowCount) };
  }
  const { validation, notes } = atNode(ev.nodeId, () =>
    buildValidation({
      options: ev.validation!,
      seed: run.opts.seed ?? plan.seed,
      cutoff: ev.cutoff,
      scaling: branch.scorecard
        ? {
            pdo: branch.scorecard.pdo,
            baseScore: branch.scorecard.baseScore,
            baseOdds: branch.scorecard.baseOdds,
          }
        : DEFAULT_SCALING,
      target: plan.dataset.target,
      features: model.features,
      train: { table: data.train.table, y: data.train.y, prob: trainProb },
      test:
        evaluated.side === data.test
          ? { table: data.test.table, y: data.test.y, prob: evaluated.prob }
          : null,
      outOfTime,
      outOfTimeFacts:
        plan.split.method === 'out-of-time'
          ? {
              column: plan.split.timeColumn,
              cutoff: plan.split.cutoff,
              trainRows,
              testRows: data.test.table.rowCount,
              outOfTimeRows: data.outOfTime?.table.rowCount ?? 0,
            }
          : null,
    }),
  );
  for (const n of notes) run.warnings.push({ code: n.code, message: n.message, nodeId: ev.nodeId });
  for (const s of validation.samples) {
    const d = s.discrimination.auc;
    run.log(
      'info',
      `validation on ${s.rows} ${s.sample} rows: AUC ${d.estimate.toFixed(4)} [${d.lower.toFixed(4)}, ${d.upper.toFixed(4)}] (${s.discrimination.resamples} resamples), Hosmer–Lemeshow p ${s.calibration.hosmerLemeshow.pValue?.toFixed(3) ?? '–'}, score PSI ${s.scorePsi.index.toFixed(3)}`,
      ev.nodeId,
    );
  }
  run.log('info', `validation pack in ${((performance.now() - t0) / 1000).toFixed(2)} s`, ev.nodeId);
  return validation;
}

/** Runs the branch's Quantize node on its trained model, logging the outcome and warning when the guard fails. */
async function quantizeStep(
  run: RunContext,
  branch: ModelBranch,
  fraction: number,
  model: Model,
  steps: readonly FittedStep[],
  features: string[],
  trainX: Float32Array,
  data: SplitData,
): Promise<QuantizedBranch> {
  const step = branch.quantize!;
  run.meter.phase(`quantizing ${branch.label} to INT8`, fraction);
  const inputs = features.length;
  const out = await atNodeAsync(step.nodeId, () =>
    quantizeBranch(
      step,
      branch,
      model,
      { X: trainX, rows: trainX.length / Math.max(1, inputs), inputs },
      {
        X: packFeatures(steps, data.test.table, features, run.warnings),
        rows: data.test.table.rowCount,
        inputs,
        y: data.test.y,
      },
    ),
  );
  const r = out.report;
  run.log(
    r.passed ? 'info' : 'warn',
    `INT8 weights ${r.int8WeightBytes} B vs ${r.fp32WeightBytes} B fp32 (${r.sizeRatio.toFixed(2)}x); ` +
      `AUC ${r.fp32.auc.toFixed(4)} → ${r.int8.auc.toFixed(4)} (drop ${r.aucDrop.toFixed(4)}, limit ${r.maxAucDrop}); ` +
      `${r.fp32LatencyUsPerRow.toFixed(2)} → ${r.int8LatencyUsPerRow.toFixed(2)} µs a row`,
    step.nodeId,
  );
  if (!r.passed)
    run.warnings.push({
      code: 'QUANTIZE_AUC_DROP',
      message: `INT8 loses ${r.aucDrop.toFixed(4)} AUC on the held-out rows, more than this node allows (${r.maxAucDrop}); the INT8 model cannot be deployed. Raise maxAucDrop on the Quantize node or deploy fp32.`,
      nodeId: step.nodeId,
    });
  return out;
}

/**
 * Runs a plan: reads the dataset, checks and splits it, then per model branch fits the transforms on the
 * training rows, trains in the engine, evaluates on held-out rows and builds the scorecard. Returns the reports
 * and the artifacts (fitted transforms JSON, engine weights, INT8 weights of a Quantize node, scorecard, metrics
 * JSON). Cancellation through
 * `signal` rejects with ENGINE_CANCELLED; user errors carry the node to blame in `details.nodeId`.
 */
export async function executePlan(plan: ExecutionPlan, opts: ExecuteOptions): Promise<ExecuteResult> {
  const run = new RunContext(plan, opts);
  for (const s of plan.skipped) run.log('info', `not run: ${s.reason}`, s.nodeId);
  run.meter.phase('reading data', 0);
  const source = await atNodeAsync(plan.dataset.nodeId, () => opts.loadDataset(plan.dataset.datasetId));
  const raw = await run.timed('read', () => atNodeAsync(plan.dataset.nodeId, () => readCsv(source.path)));
  run.log('info', `read ${raw.rowCount} rows, ${raw.columns.length} columns`, plan.dataset.nodeId);
  run.checkAbort();
  run.meter.phase('splitting', 0.06);
  const data = await run.timed('split', () => splitData(raw, plan.dataset, plan.split, run.warnings));
  run.log(
    'info',
    `${data.train.table.rowCount} training rows, ${data.test.table.rowCount} test rows${data.outOfTime ? `, ${data.outOfTime.table.rowCount} out-of-time rows (${plan.split.timeColumn} on or after ${plan.split.cutoff})` : ''}`,
    plan.split.nodeId,
  );
  for (const w of run.warnings) run.log('warn', w.message, w.nodeId);

  const outputs: BranchOutput[] = [];
  const n = plan.branches.length;
  for (const [b, branch] of plan.branches.entries()) {
    run.checkAbort();
    outputs.push(await runBranch(run, branch, data, [0.1 + (0.85 * b) / n, 0.1 + (0.85 * (b + 1)) / n]));
  }
  run.meter.phase('writing results', 0.97);
  const evaluations = outputs.flatMap((o) => o.evaluations);
  const woe = outputs.find((o) => o.woe)?.woe ?? null;
  const scorecard = outputs.find((o) => o.scorecard)?.scorecard ?? null;
  const quantizations = outputs.flatMap((o) => (o.quantization ? [o.quantization] : []));
  const tunings = outputs.flatMap((o) => (o.tuning ? [o.tuning] : []));
  const metrics = {
    format: 'studio-metrics',
    version: 1,
    evaluations,
    woe,
    scorecard,
    quantizations,
    ...(tunings.length > 0 ? { tunings } : {}),
  };
  run.total();
  return {
    evaluation: evaluations[0]?.evaluation ?? null,
    evaluations,
    woe,
    scorecard,
    quantizations,
    tunings,
    warnings: dedupe(run.warnings),
    history: run.history,
    artifacts: [
      ...outputs.flatMap((o) => o.artifacts),
      { kind: 'metrics', bytes: new TextEncoder().encode(JSON.stringify(metrics)), modelNodeId: null },
    ],
    modelKind: [...new Set(plan.branches.map((b) => b.model.kind))].join('+'),
    devices: [...new Set(outputs.map((o) => o.device))].join('+'),
    datasetSha256: source.sha256,
    durations: run.durations,
  };
}

function dedupe(warnings: RunWarning[]): RunWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\u0000${w.nodeId ?? ''}\u0000${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
