/** A field of a protobuf message as this codec sees it: number, name, scalar kind or sub-message, repetition. */
export interface FieldSpec {
  num: number;
  name: string;
  kind: 'int' | 'float' | 'double' | 'string' | 'bytes' | 'message';
  repeated?: boolean;
  /** Write a repeated number field packed (it is always read in either form). */
  packed?: boolean;
  /** The sub-message's schema, for kind 'message' (a thunk, so schemas can refer to each other). */
  message?: () => MessageSchema;
}

/** The fields of one message type, by the names the TypeScript types use. */
export interface MessageSchema {
  name: string;
  fields: readonly FieldSpec[];
}

/** A decoded message: named fields, repeated ones as arrays. */
export type Fields = Record<string, unknown>;
