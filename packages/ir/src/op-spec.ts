import type { z } from 'zod';
import { codeOf } from './diagnostic-codes';
import { UnexpectedError } from './errors';
import { buildParamsSchema, type ParamField, type ParamsOf } from './params';
import type { PortType } from './port-types';
import type { PortValueOf, PortValueType } from './port-values';

/** Palette sections, in the order the palette shows them. */
export const OP_CATEGORIES = [
  'Data',
  'Preprocess',
  'Model',
  'Layers',
  'Training',
  'Evaluate',
  'Deploy',
] as const;
export type OpCategory = (typeof OP_CATEGORIES)[number];

/** One input or output handle of a node. */
export interface PortSpec {
  name: string;
  type: PortType;
  label: string;
  /** Inputs only: validation reports a node whose required input is unconnected. */
  required?: boolean;
  /** Inputs only: accepts several edges; otherwise one edge at most. */
  multiple?: boolean;
}

/** What inference may know beyond the graph itself, e.g. the columns of uploaded datasets. */
export interface InferContext {
  datasetColumns?: (datasetId: string) => string[] | undefined;
  /** The data warnings of a dataset profiled against `target` (ID-like, leaking, constant columns…), when known. */
  datasetWarnings?: (
    datasetId: string,
    target: string,
  ) => readonly { code: string; column: string; message: string }[] | undefined;
}

/** Inferred values arriving at each input port, by port name (several for a `multiple` port). */
export type InferInputs = Record<string, PortValueType[]>;

/** Inferred output values by output port name, or a message saying what to change. */
export type InferResult =
  | { ok: true; outputs: Record<string, PortValueType> }
  | { ok: false; message: string; port?: string; param?: string };

/** Everything the Studio knows about one op: palette entry, ports, params, inspector form and shape inference. */
export interface OpSpec<P = Record<string, unknown>> {
  op: string;
  title: string;
  category: OpCategory;
  description: string;
  help: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  fields: ParamField[];
  params: z.ZodType<P>;
  /** The run reports this node's own results (Quantize: size, AUC and latency), so it ends a pipeline even unwired. */
  reportsOnRun?: boolean;
  /** Called only with parsed params and with every required input present and type-checked. */
  infer(inputs: InferInputs, params: P, ctx: InferContext): InferResult;
}

interface OpDefinition<F extends readonly ParamField[]> extends Omit<
  OpSpec<ParamsOf<F>>,
  'params' | 'fields'
> {
  fields: F;
}

/** Declares an op from its fields; the zod params schema is derived, so form and schema cannot disagree. */
export function defineOp<const F extends readonly ParamField[]>(def: OpDefinition<F>): OpSpec {
  const params = buildParamsSchema(def.fields);
  // Frozen because every screen shares these objects: a palette that sorts `fields` in place would reorder
  // every inspector. The zod schema stays unfrozen; zod caches on its own objects.
  const freezeAll = <T extends object>(items: readonly T[]) =>
    Object.freeze(items.map((i) => Object.freeze({ ...i })));
  return Object.freeze({
    ...def,
    inputs: freezeAll(def.inputs) as PortSpec[],
    outputs: freezeAll(def.outputs) as PortSpec[],
    fields: freezeAll(def.fields) as ParamField[],
    params: params as unknown as z.ZodType<Record<string, unknown>>,
    infer: (inputs: InferInputs, p: Record<string, unknown>, ctx: InferContext) =>
      def.infer(inputs, p as ParamsOf<F>, ctx),
  });
}

/** The value on an optional input port, if connected. */
export function optionalInput<T extends PortType>(
  inputs: InferInputs,
  port: string,
  type: T,
): PortValueOf<T> | undefined {
  const value = inputs[port]?.[0];
  if (value === undefined) return undefined;
  if (value.type !== type) {
    throw new UnexpectedError(
      codeOf('INFERENCE_INVARIANT'),
      `port ${port} received a ${value.type}, expected ${type}`,
    );
  }
  return value as PortValueOf<T>;
}

/** The value on a required input port; validation guarantees it is there before inference runs. */
export function requiredInput<T extends PortType>(
  inputs: InferInputs,
  port: string,
  type: T,
): PortValueOf<T> {
  const value = optionalInput(inputs, port, type);
  if (value === undefined) {
    throw new UnexpectedError(
      codeOf('INFERENCE_INVARIANT'),
      `required input ${port} reached inference unconnected`,
    );
  }
  return value;
}

/** Successful inference result. */
export function inferred(outputs: Record<string, PortValueType>): InferResult {
  return { ok: true, outputs };
}

/** Failed inference with a message that says what to change. */
export function inferError(message: string, port?: string): InferResult {
  return port === undefined ? { ok: false, message } : { ok: false, message, port };
}

/** Failed inference caused by one parameter, so the inspector shows the message beside that field. */
export function paramError(message: string, param: string): InferResult {
  return { ok: false, message, param };
}

// Output types that end a pipeline: reports and deployed endpoints are consumed by people, not by other nodes.
const SINK_TYPES: readonly PortType[] = ['metrics', 'scorecard', 'artifact'];

/**
 * True for ops whose results are final (Evaluate, Scorecard, Deploy: every output is a report or artifact), and
 * for ops the run reports on by themselves (Quantize).
 */
export function isSinkOp(spec: Pick<OpSpec, 'outputs' | 'reportsOnRun'>): boolean {
  return spec.reportsOnRun === true || spec.outputs.every((o) => SINK_TYPES.includes(o.type));
}
