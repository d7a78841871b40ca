/** TensorProto constructors for initializers and constant attributes. */
import { DataType, type TensorProto } from '../protobuf/onnx-types';

function littleEndian(
  n: number,
  bytesPer: number,
  put: (v: DataView, at: number, i: number) => void,
): Uint8Array {
  const out = new Uint8Array(n * bytesPer);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i++) put(view, i * bytesPer, i);
  return out;
}

/** A float32 tensor (values rounded to float32). */
export function floatTensor(name: string, dims: number[], data: ArrayLike<number>): TensorProto {
  const rawData = littleEndian(data.length, 4, (v, at, i) => v.setFloat32(at, data[i]!, true));
  return { name, dims, dataType: DataType.FLOAT, rawData };
}

/** A float64 tensor. */
export function doubleTensor(name: string, dims: number[], data: ArrayLike<number>): TensorProto {
  const rawData = littleEndian(data.length, 8, (v, at, i) => v.setFloat64(at, data[i]!, true));
  return { name, dims, dataType: DataType.DOUBLE, rawData };
}

/** An int64 tensor. */
export function int64Tensor(name: string, dims: number[], data: ArrayLike<number>): TensorProto {
  const rawData = littleEndian(data.length, 8, (v, at, i) => v.setBigInt64(at, BigInt(data[i]!), true));
  return { name, dims, dataType: DataType.INT64, rawData };
}

/** An int8 tensor. */
export function int8Tensor(name: string, dims: number[], data: ArrayLike<number>): TensorProto {
  const rawData = littleEndian(data.length, 1, (v, at, i) => v.setInt8(at, data[i]!));
  return { name, dims, dataType: DataType.INT8, rawData };
}

/** A string tensor (UTF-8). */
export function stringTensor(name: string, dims: number[], data: readonly string[]): TensorProto {
  const utf8 = new TextEncoder();
  return { name, dims, dataType: DataType.STRING, stringData: data.map((s) => utf8.encode(s)) };
}
