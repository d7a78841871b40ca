import { createHash } from 'node:crypto';
import type { DeploymentPrecision, FieldProblem, InputField, Prediction } from '@studio/api';
import { readCsv, type Table } from '@studio/data';
import { userError } from '../http-error';
import { decodePipelineArtifact, usedColumns } from '@studio/pipeline';
import { csvRecords, missingColumns } from '../serving/csv-records';
import { checkRecord, inputSchemaOf } from '../serving/input-schema';
import { LoadedModel } from '../serving/loaded-model';
import { parseBundle } from './bundle-parse';
import { fieldsOfSchemaFile } from './bundle-schemas';

/** One scored CSV row: the prediction, or what is wrong with the row. */
export type ScoredCsvRow =
  { row: number; prediction: Omit<Prediction, 'requestId'> } | { row: number; problems: FieldProblem[] };

/**
 * Scores records with a model from a bundle, no server or database involved: the same transforms, engine
 * model, input checks and risk bands as a deployment. Picks the newest succeeded run (or run number `runNumber`).
 */
export class BundleScorer {
  readonly fields: InputField[];
  readonly model: LoadedModel;

  private constructor(fields: InputField[], model: LoadedModel) {
    this.fields = fields;
    this.model = model;
  }

  /**
   * Opens a bundle's model; `runNumber` counts runs from 1 in the bundle's order (runs/rNNN). INT8 uses the
   * Quantize node's weights, present only when its AUC guard passed. The input fields come from the dataset's
   * schema file (or, in bundles without one, from its rows).
   */
  static async open(
    zip: Buffer,
    options: { runNumber?: number | undefined; precision?: DeploymentPrecision } = {},
  ): Promise<BundleScorer> {
    const { runNumber, precision = 'fp32' } = options;
    const bundle = await parseBundle(zip);
    const runs = bundle.project.runs.map((r, i) => ({ ...r, number: i + 1 }));
    const run =
      runNumber === undefined
        ? runs.filter((r) => r.status === 'succeeded').at(-1)
        : runs.find((r) => r.number === runNumber);
    const transforms = run?.artifacts.find((a) => a.kind === 'transforms');
    const node = (transforms?.metadata as { modelNodeId?: string } | null)?.modelNodeId;
    const weightKind = precision === 'int8' ? 'weights-int8' : 'weights';
    const weights = run?.artifacts.find(
      (a) => a.kind === weightKind && (a.metadata as { modelNodeId?: string } | null)?.modelNodeId === node,
    );
    const dataset = bundle.project.datasets.find((d) => d.id === run?.datasetId);
    if (run && transforms && !weights && precision === 'int8')
      throw userError(
        'BUNDLE_NO_INT8_MODEL',
        `Run ${run.number} of this bundle has no INT8 model (its graph has no Quantize node, or the quantized model failed its AUC guard). Predict in fp32, or add a Quantize node and retrain.`,
      );
    if (!run || !transforms || !weights || !dataset)
      throw userError(
        'BUNDLE_NO_MODEL',
        runNumber === undefined
          ? 'This bundle holds no trained model. Train the project (studio train), export it again, then predict.'
          : `Run ${runNumber} of this bundle has no trained model; pick another with --run.`,
      );
    const transformBytes = bundle.files.get(transforms.file)!;
    const pipeline = decodePipelineArtifact(transformBytes);
    const schema = bundle.schemas.get(dataset.id);
    // The dataset's schema file when the bundle carries no rows; either way, the model's own used columns.
    const used = new Set(usedColumns(pipeline));
    const fields = schema
      ? fieldsOfSchemaFile(schema, pipeline.target).map((f) => ({ ...f, used: used.has(f.name) }))
      : await inputSchemaOf(bundle.files.get(dataset.file!)!, pipeline);
    const model = new LoadedModel(
      {
        deploymentId: '',
        slug: '',
        name: `${bundle.project.project.name} (run ${run.number}${precision === 'int8' ? ', INT8' : ''})`,
        version: run.versionNumber,
        artifactHash: createHash('sha256').update(`${transforms.sha256}:${weights.sha256}`).digest('hex'),
        fields,
        logSampleRate: 0,
        strict: false,
      },
      { transforms: transformBytes, weights: bundle.files.get(weights.file)!, precision },
    );
    return new BundleScorer(fields, model);
  }

  /**
   * Reads a CSV file and scores its rows lazily, in order, with the lenient checks of a deployment; columns the
   * model does not read (ids, the target) are ignored. `missing` lists the used columns the file lacks entirely
   * (then every row reports them).
   */
  async scoreCsv(
    path: string,
  ): Promise<{ total: number; missing: string[]; rows: AsyncGenerator<ScoredCsvRow> }> {
    const table = await readCsv(path);
    return { total: table.rowCount, missing: missingColumns(this.fields, table), rows: this.rows(table) };
  }

  private async *rows(table: Table): AsyncGenerator<ScoredCsvRow> {
    for (const [row, record] of csvRecords(this.fields, table)) {
      const checked = checkRecord(this.fields, record);
      yield checked.ok
        ? { row, prediction: await this.model.predict(checked.row, checked.warnings) }
        : { row, problems: checked.problems };
    }
  }

  /** Frees the engine model. */
  dispose(): void {
    this.model.dispose();
  }
}
