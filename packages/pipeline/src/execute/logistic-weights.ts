import { UnexpectedError } from '@studio/ir';

/** Intercept and one coefficient per input of a logistic model, on the logit of P(bad). */
export interface LogisticWeights {
  intercept: number;
  coefficients: number[];
}

/**
 * Reads the weights of a logistic model from its saved bytes (native/FORMAT.md, version 1): the engine has no
 * accessor for them, and the scorecard needs each coefficient.
 */
export function logisticWeights(bytes: Uint8Array): LogisticWeights {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  const u32 = () => ((at += 4), view.getUint32(at - 4, true));
  if (u32() !== 1) throw invalid('version');
  const kind = view.getUint8(at);
  at += 1;
  if (kind !== 0) throw invalid('not a logistic model');
  const inputs = view.getInt32(at, true);
  at += 4 + 4 + 4 * 4; // inputs, classes, l1, l2, class weights
  // `at += u32()` would add to the offset read before u32 advanced it, so each length is read first.
  const skip = (size: number) => {
    const count = u32();
    at += count * size;
  };
  skip(1); // signs, one byte each
  skip(13); // layers: units i32, activation u8, alpha f32, dropout f32, norm u8
  skip(12); // embeddings: three i32
  skip(1); // meta JSON
  const tensors = new Map<string, Float32Array>();
  const count = u32();
  for (let t = 0; t < count; t++) {
    const nameLength = view.getUint16(at, true);
    at += 2;
    const name = new TextDecoder().decode(bytes.subarray(at, at + nameLength));
    at += nameLength;
    const rows = Number(view.getBigInt64(at, true));
    const cols = Number(view.getBigInt64(at + 8, true));
    at += 16;
    const values = new Float32Array(rows * cols);
    for (let k = 0; k < values.length; k++) values[k] = view.getFloat32(at + 4 * k, true);
    at += 4 * values.length;
    tensors.set(name, values);
  }
  const weight = tensors.get('output.weight');
  const bias = tensors.get('output.bias');
  if (!weight || !bias || weight.length !== inputs) throw invalid('output tensors');
  return { intercept: bias[0]!, coefficients: Array.from(weight) };
}

function invalid(what: string): UnexpectedError {
  return new UnexpectedError(
    'PIPELINE_MODEL_FILE',
    `cannot read logistic weights from the saved model (${what})`,
  );
}
