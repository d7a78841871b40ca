/** ONNX model bytes <-> ModelProto objects, through protobufjs's reflection of the subset declared in onnx-schema.ts. */
import { UserError } from '@studio/ir';
import protobuf from 'protobufjs/light.js';
import { ONNX_PROTO } from './onnx-schema';
import type { ModelProto } from './onnx-types';

const root = protobuf.Root.fromJSON(ONNX_PROTO);
const MODEL = root.lookupType('onnx.ModelProto');

function malformed(why: string): never {
  throw new UserError('ONNX_MALFORMED', `This is not a readable ONNX model: ${why}.`, {
    message: 'ModelProto',
  });
}

/**
 * The decoded message as a plain object: absent fields stay absent, repeated fields are arrays (even empty), int64s
 * are numbers (an integer past 2^53 is refused rather than rounded), bytes are copies (not views of the input).
 */
function plain(type: protobuf.Type, message: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    const v = message[field.name];
    if (field.repeated) {
      out[field.name] = Array.isArray(v) ? v.map((item) => value(field, item)) : [];
    } else if (v != null && Object.prototype.hasOwnProperty.call(message, field.name)) {
      out[field.name] = value(field, v);
    }
  }
  return out;
}

function value(field: protobuf.Field, v: unknown): unknown {
  if (field.resolvedType instanceof protobuf.Type)
    return plain(field.resolvedType, v as Record<string, unknown>);
  if (field.type === 'bytes') return new Uint8Array(v as Uint8Array);
  if (field.type === 'int64') {
    const n = typeof v === 'number' ? v : Number((v as { toString(): string }).toString());
    if (!Number.isSafeInteger(n))
      malformed(
        `${field.parent?.name}.${field.name}: integer ${String(v)} is out of the range this reader supports`,
      );
    return n;
  }
  return v;
}

/** Serialises a ModelProto to the bytes of a `.onnx` file. */
export function encodeModel(model: ModelProto): Uint8Array {
  // protobufjs hands back a Node Buffer, small ones carved from a shared pool: copy into bytes of their own.
  return new Uint8Array(MODEL.encode(model as protobuf.Message).finish());
}

/** Parses the bytes of a `.onnx` file; throws UserError ONNX_MALFORMED for bytes that are not protobuf. */
export function decodeModel(bytes: Uint8Array): ModelProto {
  let message: protobuf.Message;
  try {
    message = MODEL.decode(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    // protobufjs reports a read past the end as a RangeError "index out of range: <pos> + <n> > <length>".
    return malformed(
      /index out of range/.test(why) ? `it is truncated (a field runs past the end: ${why})` : why,
    );
  }
  return plain(MODEL, message as unknown as Record<string, unknown>) as ModelProto;
}
