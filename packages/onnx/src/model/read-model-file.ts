/** A reader of the engine's model file (native/FORMAT.md, version 1), independent of the native addon. */
import { UserError } from '@studio/ir';
import { crc32 } from 'node:zlib';
import type { Activation, DenseLayer, Embedding, Matrix, StudioModel } from './studio-model';

const MAGIC = 'STUDIOMD';
const ACTIVATIONS: readonly Activation[] = ['linear', 'relu', 'leaky_relu', 'gelu', 'sigmoid', 'tanh'];
const NORMS = ['none', 'layer', 'batch'] as const;

function bad(why: string): never {
  throw new UserError(
    'MODEL_FILE_INVALID',
    `This is not a readable Studio model file: ${why}. Export the model again from the Studio.`,
  );
}

class Cursor {
  readonly #view: DataView;
  #pos = 0;
  readonly #end: number;

  constructor(bytes: Uint8Array, end: number) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#end = end;
  }

  #take(n: number, what: string): number {
    if (n > this.#end - this.#pos) bad(`${what} runs past the end of the file`);
    const at = this.#pos;
    this.#pos += n;
    return at;
  }

  get done(): boolean {
    return this.#pos === this.#end;
  }
  u8(what: string): number {
    return this.#view.getUint8(this.#take(1, what));
  }
  u16(what: string): number {
    return this.#view.getUint16(this.#take(2, what), true);
  }
  u32(what: string): number {
    return this.#view.getUint32(this.#take(4, what), true);
  }
  i32(what: string): number {
    return this.#view.getInt32(this.#take(4, what), true);
  }
  i64(what: string): number {
    const v = this.#view.getBigInt64(this.#take(8, what), true);
    if (v < 0n || v > 0x7fffffffn) bad(`${what} is ${v}`);
    return Number(v);
  }
  f32(what: string): number {
    return this.#view.getFloat32(this.#take(4, what), true);
  }
  bytes(n: number, what: string): Uint8Array {
    const at = this.#take(n, what);
    return new Uint8Array(this.#view.buffer, this.#view.byteOffset + at, n);
  }
  floats(n: number, what: string): Float32Array {
    if (n * 4 > this.#end - this.#pos) bad(`${what} runs past the end of the file`);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.f32(what);
    return out;
  }
}

interface LayerHeader {
  units: number;
  activation: Activation;
  alpha: number;
  dropout: number;
  norm: DenseLayer['norm'];
}

function header(c: Cursor): {
  kind: StudioModel['kind'];
  inputs: number;
  layers: LayerHeader[];
  embeddings: Omit<Embedding, 'table'>[];
} {
  const kindCode = c.u8('kind');
  if (kindCode > 1) bad(`unknown model kind ${kindCode}`);
  const inputs = c.i32('inputs');
  if (inputs < 1) bad(`inputs is ${inputs}`);
  const classes = c.i32('classes');
  if (classes !== 2)
    throw new UserError(
      'ONNX_UNSUPPORTED_MODEL',
      `This model has ${classes} classes; export handles binary (default / no default) models only.`,
      { classes },
    );
  for (const what of ['l1', 'l2', 'negative weight', 'positive weight']) c.f32(what);
  const signs = c.u32('sign count');
  if (signs !== 0 && signs !== inputs) bad(`sign count ${signs} is neither 0 nor ${inputs}`);
  c.bytes(signs, 'signs');
  const layerCount = c.u32('layer count');
  if (layerCount > 64) bad(`${layerCount} layers (at most 64)`);
  const layers = Array.from({ length: layerCount }, (_, i): LayerHeader => {
    const units = c.i32(`layer ${i} units`);
    const act = c.u8(`layer ${i} activation`);
    const alpha = c.f32(`layer ${i} alpha`);
    const dropout = c.f32(`layer ${i} dropout`);
    const norm = c.u8(`layer ${i} norm`);
    if (units < 1) bad(`layer ${i} has ${units} units`);
    if (act >= ACTIVATIONS.length) bad(`layer ${i} has unknown activation ${act}`);
    if (norm >= NORMS.length) bad(`layer ${i} has unknown norm ${norm}`);
    if (!(dropout >= 0 && dropout < 1)) bad(`layer ${i} has dropout ${dropout}`);
    return { units, activation: ACTIVATIONS[act]!, alpha, dropout, norm: NORMS[norm]! };
  });
  const embeddingCount = c.u32('embedding count');
  if (embeddingCount > 4) bad(`${embeddingCount} embeddings (at most 4)`);
  const embeddings = Array.from({ length: embeddingCount }, (_, i) => {
    const e = {
      column: c.i32(`embedding ${i} column`),
      cardinality: c.i32(`embedding ${i} cardinality`),
      dim: c.i32(`embedding ${i} dim`),
    };
    if (e.column < 0 || e.column >= inputs || e.cardinality < 1 || e.dim < 1)
      bad(`embedding ${i} is out of range`);
    return e;
  });
  const kind = kindCode === 0 ? 'logistic' : 'mlp';
  if (kind === 'logistic' && (layers.length > 0 || embeddings.length > 0))
    bad('a logistic model with hidden layers');
  return { kind, inputs, layers, embeddings };
}

/** Parses the bytes `Model.save()` wrote, checking magic, checksum, version, lengths, and each tensor's name and shape. */
export function readModelFile(bytes: Uint8Array): StudioModel {
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    bad('it does not start with STUDIOMD');
  const end = bytes.length - 4;
  const stored = new DataView(bytes.buffer, bytes.byteOffset + end, 4).getUint32(0, true);
  if (crc32(bytes.subarray(0, end)) !== stored) bad('the checksum does not match (the file is damaged)');
  const c = new Cursor(bytes, end);
  c.bytes(8, 'magic');
  const version = c.u32('version');
  if (version !== 1) bad(`format version ${version} (this reader reads version 1)`);
  const h = header(c);
  c.bytes(c.u32('meta length'), 'meta');
  const count = c.u32('tensor count');
  const read = (name: string, rows: number, cols: number): Matrix => {
    const nameBytes = c.bytes(c.u16(`tensor name length`), 'tensor name');
    const got = new TextDecoder().decode(nameBytes);
    if (got !== name) bad(`tensor "${got}" where "${name}" was expected`);
    const r = c.i64(`${name} rows`);
    const k = c.i64(`${name} cols`);
    if (r !== rows || k !== cols) bad(`${name} is [${r}, ${k}], expected [${rows}, ${cols}]`);
    return { rows, cols, data: c.floats(rows * cols, name) };
  };
  const expected =
    h.embeddings.length +
    h.layers.reduce((n, l) => n + 2 + (l.norm === 'layer' ? 2 : l.norm === 'batch' ? 4 : 0), 2);
  if (count !== expected) bad(`${count} tensors, the spec implies ${expected}`);
  const embeddings = h.embeddings.map((e, i) => ({
    ...e,
    table: read(`embedding${i}.table`, e.cardinality, e.dim),
  }));
  let width = h.inputs - h.embeddings.length + h.embeddings.reduce((n, e) => n + e.dim, 0);
  const layers = h.layers.map((l, i): DenseLayer => {
    const row = (what: string) => read(`layer${i}.${what}`, 1, l.units).data;
    const weight = read(`layer${i}.weight`, width, l.units);
    const layer: DenseLayer = { ...l, weight, bias: row('bias') };
    if (l.norm !== 'none') {
      layer.gamma = row('gamma');
      layer.beta = row('beta');
    }
    if (l.norm === 'batch') {
      layer.runningMean = row('running_mean');
      layer.runningVar = row('running_var');
    }
    width = l.units;
    return layer;
  });
  const output = { weight: read('output.weight', width, 1), bias: read('output.bias', 1, 1).data };
  if (!c.done) bad('there are bytes after the last tensor');
  return { kind: h.kind, inputs: h.inputs, layers, embeddings, output };
}
