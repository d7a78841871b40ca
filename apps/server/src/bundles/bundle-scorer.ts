import { createHash } from 'node:crypto';
import type { FieldProblem, InputField, Prediction } from '@studio/api';
import { readCsv, type Table } from '@studio/data';
import { userError } from '../http-error';
import { decodePipelineArtifact } from '@studio/pipeline';
import { csvRecords, missingColumns } from '../serving/csv-records';
import { checkRecord, inputSchemaOf } from '../serving/input-schema';
import { LoadedModel } from '../serving/loaded-model';
import { parseBundle } from './bundle-parse';

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

  /** Opens a bundle's model; `runNumber` counts runs from 1 in the bundle's order (runs/rNNN). */
  static async open(zip: Buffer, runNumber?: number): Promise<BundleScorer> {
    const bundle = await parseBundle(zip);
    const runs = bundle.project.runs.map((r, i) => ({ ...r, number: i + 1 }));
    const run =
      runNumber === undefined
        ? runs.filter((r) => r.status === 'succeeded').at(-1)
        : runs.find((r) => r.number === runNumber);
    const transforms = run?.artifacts.find((a) => a.kind === 'transforms');
    const node = (transforms?.metadata as { modelNodeId?: string } | null)?.modelNodeId;
    const weights = run?.artifacts.find(
      (a) => a.kind === 'weights' && (a.metadata as { modelNodeId?: string } | null)?.modelNodeId === node,
    );
    const dataset = bundle.project.datasets.find((d) => d.id === run?.datasetId);
    if (!run || !transforms || !weights || !dataset)
      throw userError(
        'BUNDLE_NO_MODEL',
        runNumber === undefined
          ? 'This bundle holds no trained model. Train the project (studio train), export it again, then predict.'
          : `Run ${runNumber} of this bundle has no trained model; pick another with --run.`,
      );
    const transformBytes = bundle.files.get(transforms.file)!;
    const fields = await inputSchemaOf(
      bundle.files.get(dataset.file)!,
      decodePipelineArtifact(transformBytes),
    );
    const model = new LoadedModel(
      {
        deploymentId: '',
        slug: '',
        name: `${bundle.project.project.name} (run ${run.number})`,
        version: run.versionNumber,
        artifactHash: createHash('sha256').update(`${transforms.sha256}:${weights.sha256}`).digest('hex'),
        fields,
        logSampleRate: 0,
        strict: false,
      },
      { transforms: transformBytes, weights: bundle.files.get(weights.file)!, precision: 'fp32' },
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
