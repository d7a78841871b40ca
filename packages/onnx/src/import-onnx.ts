/** Reopens an ONNX model Studio exported: decodes it and checks opsets, metadata, inputs, outputs and the graph. */
import { UserError } from '@studio/ir';
import { z } from 'zod';
import type { RawColumn } from './export-input';
import { META, ML_OPSET, OPSET, STUDIO_ONNX_VERSION } from './metadata';
import { decodeModel } from './protobuf/onnx-codec';
import {
  DataType,
  type GraphProto,
  type ModelProto,
  type TensorProto,
  type ValueInfoProto,
} from './protobuf/onnx-types';

/** An exported model read back, with what its metadata says about it. */
export interface ImportedOnnx {
  model: ModelProto;
  kind: 'logistic' | 'mlp';
  precision: 'fp32' | 'int8';
  columns: RawColumn[];
  features: string[];
}

function refuse(why: string): never {
  throw new UserError(
    'ONNX_IMPORT_INVALID',
    `This ONNX file cannot be opened as a Studio model: ${why}. Import a file exported by the Studio (or export it again).`,
  );
}

const BYTES_PER: Record<number, number> = {
  [DataType.FLOAT]: 4,
  [DataType.INT8]: 1,
  [DataType.INT32]: 4,
  [DataType.INT64]: 8,
  [DataType.BOOL]: 1,
  [DataType.DOUBLE]: 8,
};

function checkTensor(t: TensorProto): void {
  const name = t.name ?? '';
  if (!name) refuse('an initializer has no name');
  const dims = t.dims ?? [];
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) refuse(`initializer ${name} has a negative dimension`);
  const count = dims.reduce((n, d) => n * d, 1);
  const type = t.dataType ?? 0;
  if (type === DataType.STRING) {
    if ((t.stringData ?? []).length !== count)
      refuse(`string initializer ${name} holds the wrong number of values`);
    return;
  }
  const size = BYTES_PER[type];
  if (size === undefined) refuse(`initializer ${name} has unsupported data type ${type}`);
  const held = t.rawData
    ? t.rawData.length / size
    : [t.floatData, t.int32Data, t.int64Data, t.doubleData].reduce((n, a) => n + (a?.length ?? 0), 0);
  if (held !== count) refuse(`initializer ${name} has ${held} values for shape [${dims.join(', ')}]`);
}

function checkNodes(g: GraphProto): void {
  const defined = new Set<string>([
    ...(g.input ?? []).map((i) => i.name ?? ''),
    ...(g.initializer ?? []).map((t) => t.name ?? ''),
  ]);
  for (const [k, n] of (g.node ?? []).entries()) {
    if (!n.opType) refuse(`node ${k} has no operator`);
    if (n.domain && n.domain !== 'ai.onnx.ml')
      refuse(`node ${n.name ?? k} uses the unknown domain ${n.domain}`);
    for (const input of n.input ?? [])
      if (input !== '' && !defined.has(input))
        refuse(`node ${n.name ?? k} (${n.opType}) reads "${input}" before anything defines it`);
    for (const output of n.output ?? []) {
      if (defined.has(output)) refuse(`"${output}" is defined twice`);
      defined.add(output);
    }
  }
  for (const o of g.output ?? [])
    if (!defined.has(o.name ?? '')) refuse(`no node computes the output "${o.name}"`);
}

function shapeOf(v: ValueInfoProto): { elemType: number | undefined; dims: string } {
  const t = v.type?.tensorType;
  const dims = (t?.shape?.dim ?? []).map((d) => (d.dimParam ? '?' : String(d.dimValue))).join(',');
  return { elemType: t?.elemType, dims };
}

function metadata(m: ModelProto): Map<string, string> {
  return new Map((m.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
}

function parseMeta<T>(meta: Map<string, string>, key: string, schema: z.ZodType<T>): T {
  const raw = meta.get(key);
  if (raw === undefined) refuse(`the metadata "${key}" is missing`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return refuse(`the metadata "${key}" is not JSON`);
  }
  const r = schema.safeParse(json);
  if (!r.success) refuse(`the metadata "${key}" is malformed (${r.error.issues[0]!.message})`);
  return r.data;
}

const columnsSchema = z
  .array(z.object({ name: z.string().min(1), type: z.enum(['numeric', 'categorical', 'boolean']) }))
  .min(1);

/** Decodes and validates an exported model; throws UserError (ONNX_MALFORMED / ONNX_IMPORT_INVALID) saying why not. */
export function importOnnx(bytes: Uint8Array): ImportedOnnx {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) refuse('the file is empty');
  const model = decodeModel(bytes);
  const g = model.graph;
  if (!g) refuse('it has no graph');
  const opsets = new Map((model.opsetImport ?? []).map((o) => [o.domain ?? '', o.version]));
  if (opsets.get('') !== OPSET)
    refuse(`it uses opset ${opsets.get('') ?? 'none'}, Studio exports opset ${OPSET}`);
  if (opsets.has('ai.onnx.ml') && opsets.get('ai.onnx.ml') !== ML_OPSET)
    refuse(`it uses ai.onnx.ml opset ${opsets.get('ai.onnx.ml')}, Studio exports ${ML_OPSET}`);
  const meta = metadata(model);
  if (meta.get(META.version) !== String(STUDIO_ONNX_VERSION))
    refuse(
      `its studio metadata version is ${meta.get(META.version) ?? 'absent'} (this Studio reads ${STUDIO_ONNX_VERSION})`,
    );
  const kind = meta.get(META.kind);
  if (kind !== 'logistic' && kind !== 'mlp') refuse(`the model kind "${kind ?? ''}" is unknown`);
  const precision = meta.get(META.precision);
  if (precision !== 'fp32' && precision !== 'int8') refuse(`the precision "${precision ?? ''}" is unknown`);
  const columns = parseMeta(meta, META.columns, columnsSchema);
  const features = parseMeta(meta, META.features, z.array(z.string()).min(1));
  const inputs = g.input ?? [];
  if (inputs.length !== columns.length)
    refuse(`it has ${inputs.length} inputs for ${columns.length} declared columns`);
  columns.forEach((c, k) => {
    const v = inputs[k]!;
    const { elemType, dims } = shapeOf(v);
    const want = c.type === 'numeric' ? DataType.FLOAT : DataType.STRING;
    if (v.name !== c.name || elemType !== want || dims !== '?,1')
      refuse(
        `input ${k} should be "${c.name}" of type ${want === DataType.FLOAT ? 'float' : 'string'} and shape [N, 1]`,
      );
  });
  const outputs = (g.output ?? []).map((o) => ({ name: o.name, ...shapeOf(o) }));
  for (const name of ['logit', 'probability'])
    if (!outputs.some((o) => o.name === name && o.elemType === DataType.FLOAT && o.dims === '?,1'))
      refuse(`the output "${name}" (float, [N, 1]) is missing`);
  (g.initializer ?? []).forEach(checkTensor);
  checkNodes(g);
  return { model, kind, precision, columns, features };
}
