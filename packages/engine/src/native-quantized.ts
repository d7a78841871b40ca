/** Typed declaration of the addon's INT8 class (native/src/binding/quantized-wrap.h). */

export interface NativeQuantizedInfo {
  meta: string;
  fp32WeightBytes: number;
  int8WeightBytes: number;
  activationScales: number[];
}

/** One native INT8 model; methods are sync unless they return a Promise. */
export interface NativeQuantizedHandle {
  predict(X: Float32Array, rows: number): Promise<Float32Array>;
  predictOne(row: Float32Array): number;
  save(): Uint8Array;
  info(): NativeQuantizedInfo;
  dispose(): void;
}

export interface NativeQuantizedClass {
  /** Calibrates on `X` and quantizes the fp32 model given as its saved bytes (async). */
  quantize(
    fp32Bytes: Uint8Array,
    X: Float32Array,
    rows: number,
    method: string,
    percentile: number,
  ): Promise<NativeQuantizedHandle>;
  /** Reopens a version-2 (INT8) model file. */
  load(bytes: Uint8Array): NativeQuantizedHandle;
}
