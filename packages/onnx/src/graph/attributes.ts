/** AttributeProto constructors, one per attribute type ONNX distinguishes. */
import { AttributeType, type AttributeProto } from '../protobuf/onnx-types';

const utf8 = new TextEncoder();

/** An INT attribute. */
export const intAttr = (name: string, i: number): AttributeProto => ({ name, type: AttributeType.INT, i });

/** A FLOAT attribute. */
export const floatAttr = (name: string, f: number): AttributeProto => ({
  name,
  type: AttributeType.FLOAT,
  f,
});

/** A STRING attribute. */
export const stringAttr = (name: string, s: string): AttributeProto => ({
  name,
  type: AttributeType.STRING,
  s: utf8.encode(s),
});

/** A FLOATS attribute (values rounded to float32). */
export const floatsAttr = (name: string, floats: readonly number[]): AttributeProto => ({
  name,
  type: AttributeType.FLOATS,
  floats: floats.map(Math.fround),
});

/** An INTS attribute. */
export const intsAttr = (name: string, ints: readonly number[]): AttributeProto => ({
  name,
  type: AttributeType.INTS,
  ints: [...ints],
});

/** A STRINGS attribute. */
export const stringsAttr = (name: string, strings: readonly string[]): AttributeProto => ({
  name,
  type: AttributeType.STRINGS,
  strings: strings.map((s) => utf8.encode(s)),
});
