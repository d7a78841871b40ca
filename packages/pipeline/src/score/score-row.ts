import {
  applyTransformRow,
  compileTransformRow,
  compileWoeRow,
  woeBinsOfRow,
  type Cells,
  type DataWarning,
  type FittedWoe,
  type Row,
} from '@studio/data';
import {
  loadGbm,
  loadModel,
  loadQuantizedModel,
  type GbmModel,
  type Model,
  type QuantizedModel,
} from '@studio/engine';
import { UnexpectedError, UserError } from '@studio/ir';
import { reasonCodes, scoreFromProbability, type ReasonCode } from '@studio/scoring';
import { gbmInput, gbmScore, isGbm } from './score-gbm';
import { decodePipelineArtifact, type PipelineArtifact } from './pipeline-artifact';

/** A loaded model ready to score records: its transforms artifact and the engine model (fp32, INT8 or trees). */
export interface ScoringArtifacts {
  pipeline: PipelineArtifact;
  model: Model | QuantizedModel | GbmModel;
}

/** The answer for one record. */
export interface ScoredRow {
  /** Probability of default. */
  probability: number;
  score: number;
  reasons: ReasonCode[];
  /** Data problems met on the way, e.g. a category not seen in training (scored in the Missing bin). */
  flags: DataWarning[];
}

/** A record after the fitted transforms: the engine's input row, the row as it reached the WOE step, warnings. */
export interface TransformedRecord {
  row: Row;
  woe: { fitted: FittedWoe; input: Row } | undefined;
  flags: DataWarning[];
}

/**
 * Loads the two artifacts of a branch (transforms JSON, engine weights) for `scoreRow`; `precision: 'int8'`
 * reads `weights` as the Quantize node's `weights-int8` file. Dispose `model` when done.
 */
export function loadScoringArtifacts(artifacts: {
  transforms: Uint8Array | string;
  weights: Uint8Array;
  precision?: 'fp32' | 'int8';
}): ScoringArtifacts {
  const pipeline = decodePipelineArtifact(artifacts.transforms);
  if (pipeline.modelKind === 'gbm') {
    if (artifacts.precision === 'int8')
      throw new UserError(
        'GBM_NO_INT8',
        'Boosted trees have no INT8 form; deploy the Gradient Boosting model in fp32.',
      );
    return { pipeline, model: loadGbm(artifacts.weights) };
  }
  const model =
    artifacts.precision === 'int8' ? loadQuantizedModel(artifacts.weights) : loadModel(artifacts.weights);
  return { pipeline, model };
}

/** Runs the fitted transforms on a record, refusing unseen categories where the step asks for it. */
export function transformRecord(pipeline: PipelineArtifact, record: Row): TransformedRecord {
  const flags: DataWarning[] = [];
  let row: Row = { ...record };
  let woe: TransformedRecord['woe'];
  for (const step of pipeline.steps) {
    const before = flags.length;
    if (step.fitted.kind === 'woe') woe = { fitted: step.fitted, input: row };
    row = applyTransformRow(step.fitted, row, flags);
    if (step.unseen === 'error') refuseUnseen(step, flags, before);
  }
  return { row, woe, flags };
}

/** Scorecard points and reason codes of the WOE bins the record fell in; the scaled probability without a scorecard. */
function cardScore(
  pipeline: PipelineArtifact,
  t: TransformedRecord,
  record: Row,
  probability: number,
): { score: number; reasons: ReasonCode[] } {
  const card = pipeline.scorecard;
  // Whole points for every model kind, as a scorecard gives them.
  if (!card || !t.woe)
    return { score: Math.round(scoreFromProbability(probability, pipeline.scaling)), reasons: [] };
  // Bins are looked up on the record as it reached the WOE step; the warnings were already collected.
  const bins = woeBinsOfRow(t.woe.fitted, t.woe.input);
  let score = 0;
  for (const c of card.characteristics) score += c.bins[bins[c.name]!]!.points;
  return { score, reasons: reasonCodes(card, { bins, values: record }) };
}

/**
 * Score and reason codes of a record whose probability came from elsewhere (the ONNX runtime), exactly as
 * `scoreRow` computes them, with the same refusal of unseen categories.
 */
export function scoreWithProbability(
  pipeline: PipelineArtifact,
  record: Row,
  probability: number,
): { score: number; reasons: ReasonCode[] } {
  // A tree model's reasons come from its SHAP values, which a probability alone cannot give.
  if (pipeline.modelKind === 'gbm')
    throw new UnexpectedError(
      'GBM_REASONS_NEED_ENGINE',
      'Gradient Boosting reason codes need the engine model; score with scoreRow or scoreRows.',
    );
  return cardScore(pipeline, transformRecord(pipeline, record), record, probability);
}

/**
 * Score and reason codes of a Gradient Boosting record whose log-odds came from elsewhere (the ONNX runtime running
 * the exported ensemble): the score is the PDO scaling of that log-odds, the reason codes come from the engine's
 * TreeSHAP on the same trees (`artifacts` holds the engine model), which ONNX cannot compute.
 */
export function scoreGbmWithLogit(
  artifacts: ScoringArtifacts,
  record: Row,
  logit: number,
): { score: number; reasons: ReasonCode[]; flags: DataWarning[] } {
  const { pipeline, model } = artifacts;
  if (!isGbm(model))
    throw new UnexpectedError(
      'GBM_REASONS_NEED_ENGINE',
      'scoreGbmWithLogit needs a Gradient Boosting model.',
    );
  const t = transformRecord(pipeline, record);
  const { shap } = model.explainOne(gbmInput(pipeline.features, t.row));
  const { score, reasons } = gbmScore(pipeline, record, logit, shap);
  return { score: Math.round(score), reasons, flags: t.flags };
}

/**
 * Scores one record with the same transform code that trained the model (packages/data's per-row twins):
 * probability from the engine, the score from the scorecard's points when there is one (else from the
 * probability), and reason codes for scorecards.
 */
export function scoreRow(artifacts: ScoringArtifacts, record: Row): ScoredRow {
  const { pipeline, model } = artifacts;
  const t = transformRecord(pipeline, record);
  if (isGbm(model)) {
    const { raw, shap } = model.explainOne(gbmInput(pipeline.features, t.row));
    return wholePoints({ ...gbmScore(pipeline, record, raw, shap), flags: t.flags });
  }
  const features = pipeline.features;
  const x = new Float32Array(features.length);
  for (let j = 0; j < features.length; j++) {
    const name = features[j]!;
    const v = t.row[name];
    if (typeof v !== 'number' || Number.isNaN(v))
      throw new UserError(
        'SCORE_INPUT_INVALID',
        `"${name}" must be a number after the transforms; got ${String(v)}.`,
        { column: name },
      );
    x[j] = v;
  }
  const probability = (model as Model | QuantizedModel).predictOne(x);
  return { probability, ...cardScore(pipeline, t, record, probability), flags: t.flags };
}

/** Writes a transformed record's features into the engine's input `x`, refusing one that is not a number. */
export function writeFeatures(features: readonly string[], row: Row, x: Float32Array): void {
  for (let j = 0; j < features.length; j++) x[j] = featureValue(features[j]!, row[features[j]!]);
}

/**
 * A function copying `record[names[k]]` into `cells[k]` for every k, compiled with each name as a constant
 * property key: a loop over the names would make every read a megamorphic keyed lookup (most of a compiled
 * scorer's time), where constant keys on records of one shape are single inline-cached loads. The names are
 * embedded as JSON string literals, so any column name is read as itself.
 */
export function cellReader(names: readonly string[]): (record: Row, cells: Cells) => void {
  const body = names.map((n, k) => `c[${k}] = r[${JSON.stringify(n)}];`).join('\n');
  return new Function('r', 'c', body) as (record: Row, cells: Cells) => void;
}

/** `writeFeatures` from a compiled scorer's cells: feature j at `at[j]`. */
function writeCells(features: readonly string[], at: Int32Array, cells: Cells, x: Float32Array): void {
  for (let j = 0; j < features.length; j++) x[j] = featureValue(features[j]!, cells[at[j]!]);
}

/** A feature's value after the transforms: a number, else the refusal naming it. */
function featureValue(name: string, v: Row[string]): number {
  if (typeof v !== 'number' || Number.isNaN(v))
    throw new UserError(
      'SCORE_INPUT_INVALID',
      `"${name}" must be a number after the transforms; got ${String(v)}.`,
      {
        column: name,
      },
    );
  return v;
}

/** Throws the refusal of `transformRecord` when the step added an unseen category it is set to refuse. */
function refuseUnseen(step: PipelineArtifact['steps'][number], flags: DataWarning[], from: number): void {
  for (let i = from; i < flags.length; i++) {
    const unseen = flags[i]!;
    if (unseen.code !== 'UNSEEN_CATEGORY') continue;
    throw new UserError(
      'UNSEEN_CATEGORY',
      `"${unseen.column}" has a value not seen in training, and node ${step.nodeId} is set to refuse those. Send a known category or retrain with it.`,
      { column: unseen.column, nodeId: step.nodeId },
    );
  }
}

/**
 * `scoreRow` compiled once per loaded model (serving keeps one per deployed version): the same transforms,
 * engine call, scorecard points and reason codes, giving the same answer, with the per-request work cut to
 * what depends on the record. The record is copied once and each step applies in place (no copy per step);
 * the WOE bins are looked up once and serve both the WOE values and the points; each characteristic's
 * points, best points, code and labels are read from the scorecard here, not per request; the engine's input
 * vector is reused. Boosted trees (and a scorecard whose characteristics the WOE step does not bin) use
 * `scoreRow` as is. `score-row.test.ts` checks the two agree on every record.
 */
export function compileScorer(artifacts: ScoringArtifacts): (record: Row) => ScoredRow {
  const { pipeline, model } = artifacts;
  if (isGbm(model)) return (record) => scoreRow(artifacts, record);
  // Every column name a step reads or writes, and every feature, gets a slot in one cells array.
  const names: string[] = [];
  const slots = new Map<string, number>();
  const slot = (name: string): number => {
    let at = slots.get(name);
    if (at === undefined) {
      at = names.length;
      names.push(name);
      slots.set(name, at);
    }
    return at;
  };
  let lastWoe = -1;
  const steps = pipeline.steps.map((step, i) => {
    if (step.fitted.kind !== 'woe') return { step, apply: compileTransformRow(step.fitted, slot), woe: null };
    lastWoe = i;
    return { step, apply: null, woe: compileWoeRow(step.fitted, slot) };
  });
  const card = pipeline.scorecard;
  const woeFitted = lastWoe >= 0 ? (pipeline.steps[lastWoe]!.fitted as FittedWoe) : null;
  const plan =
    card && woeFitted
      ? card.characteristics.map((c, i) => ({
          name: c.name,
          at: woeFitted.columns.findIndex((col) => col.name === c.name),
          points: c.bins.map((b) => b.points),
          labels: c.bins.map((b) => b.label),
          best: Math.max(...c.bins.map((b) => b.points)),
          code: `R${String(i + 1).padStart(2, '0')}`,
        }))
      : null;
  if (plan?.some((c) => c.at < 0 || woeFitted!.columns[c.at]!.bins.length !== c.points.length))
    return (record) => scoreRow(artifacts, record);
  const features = pipeline.features;
  const featureSlots = Int32Array.from(features, slot);
  const cells: Cells = new Array(names.length);
  const readCells = cellReader(names);
  const x = new Float32Array(features.length);
  const linear = model as Model | QuantizedModel;
  // Each characteristic's points below its best this record (0 where it scored its best), by plan position.
  const lost = new Float64Array(plan?.length ?? 0);
  const picked = new Uint8Array(plan?.length ?? 0);

  return (record) => {
    const flags: DataWarning[] = [];
    // What `{ ...record }` would hold under each name the steps use (absent names read undefined).
    readCells(record, cells);
    let bins: Int32Array | null = null;
    for (const s of steps) {
      const before = flags.length;
      if (s.woe) bins = s.woe(cells, flags);
      else s.apply(cells, flags);
      if (s.step.unseen === 'error') refuseUnseen(s.step, flags, before);
    }
    writeCells(features, featureSlots, cells, x);
    const probability = linear.predictOne(x);
    if (!plan || !bins)
      return {
        probability,
        score: Math.round(scoreFromProbability(probability, pipeline.scaling)),
        reasons: [],
        flags,
      };
    let score = 0;
    for (let i = 0; i < plan.length; i++) {
      const c = plan[i]!;
      const points = c.points[bins[c.at]!]!;
      score += points;
      lost[i] = c.best - points;
      picked[i] = 0;
    }
    // The (at most) four largest losses, largest first, ties in plan order: what sorting every loss by
    // (points descending, order ascending) and taking four gives, without the sort or an object per loss.
    const reasons: ReasonCode[] = [];
    while (reasons.length < 4) {
      let top = -1;
      for (let i = 0; i < plan.length; i++)
        if (picked[i] === 0 && lost[i]! > 0 && (top < 0 || lost[i]! > lost[top]!)) top = i;
      if (top < 0) break;
      picked[top] = 1;
      const c = plan[top]!;
      const raw = record[c.name];
      reasons.push({
        code: c.code,
        characteristic: c.name,
        value: raw === undefined || raw === null ? c.labels[bins[c.at]!]! : String(raw),
        points: lost[top]!,
      });
    }
    return { probability, score, reasons, flags };
  };
}

/**
 * Scores many records at once, answering exactly as `scoreRow` would per record. Boosted trees go through the
 * engine's batch paths (log-odds and SHAP of all rows in one call, off the event loop); other models through
 * `compileScorer`, compiled once for the batch.
 */
export async function scoreRows(artifacts: ScoringArtifacts, records: readonly Row[]): Promise<ScoredRow[]> {
  const { pipeline, model } = artifacts;
  if (!isGbm(model)) {
    const score = compileScorer(artifacts);
    return records.map((r) => score(r));
  }
  const cols = pipeline.features.length;
  const transformed = records.map((r) => transformRecord(pipeline, r));
  const X = new Float32Array(records.length * cols);
  transformed.forEach((t, i) => gbmInput(pipeline.features, t.row, X.subarray(i * cols, (i + 1) * cols)));
  const [raw, shap] = await Promise.all([model.predictRaw(X, records.length), model.shap(X, records.length)]);
  return transformed.map((t, i) =>
    wholePoints({
      ...gbmScore(pipeline, records[i]!, raw[i]!, shap.subarray(i * (cols + 1), (i + 1) * (cols + 1))),
      flags: t.flags,
    }),
  );
}

/** The score in whole points, as a scorecard gives it (boosted trees scale their log-odds). */
function wholePoints(s: ScoredRow): ScoredRow {
  return { ...s, score: Math.round(s.score) };
}
