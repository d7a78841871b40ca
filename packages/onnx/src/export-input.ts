/** What an export reads: the raw columns, the fitted transforms, the feature order and the trained model. */
import { UserError } from '@studio/ir';
import { z } from 'zod';
import { GraphBuilder } from './graph/graph-builder';
import { liveGraph } from './graph/prune';
import { checkStudioModel } from './model/check-model';
import type { ColumnState } from './preprocess/column-state';
import { lowerTransforms } from './preprocess/lower-transforms';
import { selectFeatures } from './preprocess/select-features';
import { readModelFile } from './model/read-model-file';
import type { StudioModel } from './model/studio-model';
import { transformSchema, type TransformJson } from './preprocess/transform-schema';

/**
 * A column of the raw record, as the model's user sends it, typed by the dataset schema: a number, text, or a
 * boolean (a graph input of text holding the CSV's words, "yes" / "no", "true" / "false"…).
 */
export interface RawColumn {
  name: string;
  type: 'numeric' | 'categorical' | 'boolean';
}

export interface ExportInput {
  /** The raw columns (target excluded), in the order graph inputs and generated code list them. */
  columns: readonly RawColumn[];
  /** Fitted transforms of @studio/data (JSON objects), applied in order. */
  transforms: readonly unknown[];
  /** Model inputs after the transforms, in order; default every numeric column left, in table order. */
  features?: readonly string[];
  /** The engine's saved bytes (`Model.save()`), or the same tensors already parsed. */
  model: Uint8Array | StudioModel;
}

/** An export input checked and resolved: parsed transforms and tensors, explicit feature order. */
export interface ResolvedExport {
  /** Every raw column given (the transforms may read all of them). */
  columns: RawColumn[];
  /** The raw columns the features depend on, in `columns` order: the model's inputs. */
  inputs: RawColumn[];
  transforms: TransformJson[];
  features: string[];
  model: StudioModel;
}

const columnsSchema = z
  .array(z.object({ name: z.string().min(1), type: z.enum(['numeric', 'categorical', 'boolean']) }))
  .min(1)
  .refine((cs) => new Set(cs.map((c) => c.name)).size === cs.length, 'column names must be unique');

function invalid(what: string, error: z.ZodError): never {
  const issue = error.issues[0]!;
  throw new UserError(
    'ONNX_EXPORT_INVALID_INPUT',
    `The export input is invalid: ${what}${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}.`,
    { path: [what, ...issue.path.map(String)] },
  );
}

/** The preprocessing half of an export input, checked: raw columns, parsed transforms, explicit feature order. */
export type ResolvedPreprocessing = Omit<ResolvedExport, 'model'>;

/** Validates the columns, transforms and features of an export input; throws UserError with the first problem. */
export function resolvePreprocessing(input: Omit<ExportInput, 'model'>): ResolvedPreprocessing {
  const columns = columnsSchema.safeParse(input.columns);
  if (!columns.success) invalid('columns', columns.error);
  const transforms = z.array(transformSchema).safeParse(input.transforms);
  if (!transforms.success) invalid('transforms', transforms.error);
  const features = z.array(z.string()).min(1).optional().safeParse(input.features);
  if (!features.success) invalid('features', features.error);
  const { names, inputs } = traceFeatures(columns.data, transforms.data, features.data);
  return { columns: columns.data, inputs, transforms: transforms.data, features: names };
}

/** Validates an export input and parses the model bytes; throws UserError with the first problem found. */
export function resolveExport(input: ExportInput): ResolvedExport {
  const { columns, inputs, transforms, features: names } = resolvePreprocessing(input);
  let model: StudioModel;
  if (input.model instanceof Uint8Array) model = readModelFile(input.model);
  else {
    model = input.model;
    checkStudioModel(model);
  }
  if (names.length !== model.inputs)
    throw new UserError(
      'ONNX_EXPORT_FEATURE_COUNT',
      `The model reads ${model.inputs} features but the transforms give ${names.length} (${names.slice(0, 10).join(', ')}…). Pass the model's feature list.`,
      { expected: model.inputs, got: names.length },
    );
  return { columns, inputs, transforms, features: names, model };
}

/**
 * Runs the transforms over the raw columns' names and types (on a scratch graph), picks the features, and
 * finds the raw columns they depend on.
 */
function traceFeatures(
  columns: readonly RawColumn[],
  transforms: readonly TransformJson[],
  features: readonly string[] | undefined,
): { names: string[]; inputs: RawColumn[] } {
  const state: ColumnState = new Map(
    columns.map((c) => [
      c.name,
      { tensor: c.name, type: c.type === 'categorical' ? 'categorical' : 'numeric' },
    ]),
  );
  const g = new GraphBuilder();
  for (const c of columns) g.reserve(c.name);
  lowerTransforms(g, transforms, state);
  const names = selectFeatures(state, features);
  const tensors = names.map((n) => state.get(n)!.tensor);
  const { reads } = liveGraph(g.nodes, g.initializers, tensors);
  for (const t of tensors) reads.add(t);
  return { names, inputs: columns.filter((c) => reads.has(c.name)) };
}
