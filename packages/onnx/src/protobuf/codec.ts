/** Schema-driven protobuf encoding and decoding of plain objects (no generated code, no dependency). */
import { UserError } from '@studio/ir';
import type { FieldSpec, Fields, MessageSchema } from './message-schema';
import { WireReader } from './wire-reader';
import { WireWriter } from './wire-writer';

const WIRE = { int: 0, double: 1, float: 5, string: 2, bytes: 2, message: 2 } as const;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

function writeScalar(w: WireWriter, f: FieldSpec, v: unknown): void {
  switch (f.kind) {
    case 'int':
      return w.varint(v as number);
    case 'float':
      return w.float32(v as number);
    case 'double':
      return w.float64(v as number);
    case 'string':
      return w.bytes(utf8.encode(v as string));
    case 'bytes':
      return w.bytes(v as Uint8Array);
    case 'message':
      return w.bytes(encodeMessage(f.message!(), v as Fields));
  }
}

/** Serialises `value` as the protobuf message `schema`; absent fields are not written. */
export function encodeMessage(schema: MessageSchema, value: Fields): Uint8Array {
  const w = new WireWriter();
  for (const f of schema.fields) {
    const v = value[f.name];
    if (v === undefined) continue;
    if (!f.repeated) {
      w.tag(f.num, WIRE[f.kind]);
      writeScalar(w, f, v);
      continue;
    }
    const items = v as readonly unknown[];
    if (f.packed) {
      if (items.length === 0) continue;
      const inner = new WireWriter();
      for (const item of items) writeScalar(inner, f, item);
      w.tag(f.num, 2);
      w.bytes(inner.finish());
      continue;
    }
    for (const item of items) {
      w.tag(f.num, WIRE[f.kind]);
      writeScalar(w, f, item);
    }
  }
  return w.finish();
}

function malformed(schema: MessageSchema, why: string): never {
  throw new UserError('ONNX_MALFORMED', `This is not a readable ONNX model: ${schema.name}: ${why}.`, {
    message: schema.name,
  });
}

function readScalar(r: WireReader, bytes: Uint8Array, f: FieldSpec, schema: MessageSchema): unknown {
  switch (f.kind) {
    case 'int':
      return r.int64();
    case 'float':
      return r.float32();
    case 'double':
      return r.float64();
    case 'message': {
      const [start, end] = r.delimited();
      return decodeMessage(f.message!(), bytes.subarray(start, end));
    }
    case 'bytes': {
      const [start, end] = r.delimited();
      return bytes.slice(start, end);
    }
    case 'string': {
      const [start, end] = r.delimited();
      try {
        return fromUtf8.decode(bytes.subarray(start, end));
      } catch {
        return malformed(schema, `field ${f.name} is not valid UTF-8`);
      }
    }
  }
}

/** Parses protobuf `bytes` as the message `schema`; repeated fields come back as arrays, even when empty. */
export function decodeMessage(schema: MessageSchema, bytes: Uint8Array): Fields {
  const fail = (why: string): never => malformed(schema, why);
  const r = new WireReader(bytes, fail);
  const out: Fields = {};
  for (const f of schema.fields) if (f.repeated) out[f.name] = [];
  const byNum = new Map(schema.fields.map((f) => [f.num, f]));
  while (!r.done) {
    const key = r.varint();
    const num = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (num === 0) fail('field number 0');
    const f = byNum.get(num);
    if (!f) {
      r.skip(wire);
      continue;
    }
    const expected = WIRE[f.kind];
    if (f.repeated && wire === 2 && expected !== 2) {
      const [start, end] = r.delimited();
      const inner = new WireReader(bytes, fail, start, end);
      const items = out[f.name] as unknown[];
      while (!inner.done) items.push(readScalar(inner, bytes, f, schema));
      continue;
    }
    if (wire !== expected) fail(`field ${f.name} has wire type ${wire}, expected ${expected}`);
    const v = readScalar(r, bytes, f, schema);
    if (f.repeated) (out[f.name] as unknown[]).push(v);
    else out[f.name] = v;
  }
  return out;
}
