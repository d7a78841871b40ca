/** Runs an exported model in onnxruntime-node on raw column feeds; returns the `probability` and `logit` outputs. */
import * as ort from 'onnxruntime-node';

export async function runOnnx(
  bytes: Uint8Array,
  feeds: Record<string, Float32Array | string[]>,
): Promise<{ probability: Float32Array; logit: Float32Array }> {
  const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all' });
  try {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, v] of Object.entries(feeds))
      inputs[name] =
        v instanceof Float32Array
          ? new ort.Tensor('float32', v, [v.length, 1])
          : new ort.Tensor('string', v, [v.length, 1]);
    const out = await session.run(inputs);
    return { probability: out.probability!.data as Float32Array, logit: out.logit!.data as Float32Array };
  } finally {
    await session.release();
  }
}

/** Largest absolute difference between two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return a.length === b.length ? m : Infinity;
}
