import { formatShape, type GraphIR, type PortValueType } from '@studio/ir';

/** Inferred value per node and output port (validateGraph's `inferred`). */
export type Inferred = Readonly<Record<string, Readonly<Record<string, PortValueType>>>>;

/** A layer's learned parameters and the bytes its weights take in fp32 and after INT8 quantization. */
export interface LayerSize {
  params: number;
  fp32Bytes: number;
  int8Bytes: number;
}

const NO_SIZE: LayerSize = { params: 0, fp32Bytes: 0, int8Bytes: 0 };

/**
 * The size of one layer with `inFeatures` inputs, or null for an op with no weights. INT8 follows the
 * engine's post-training quantization: a Dense layer's weights become one byte each with one fp32 scale per
 * output unit, its bias stays 4 bytes; normalisation layers stay fp32 (Batch Norm also stores its running
 * mean and variance, which are not learned but are saved).
 */
export function layerSize(op: string, params: Record<string, unknown>, inFeatures: number): LayerSize | null {
  switch (op) {
    case 'dense': {
      const units = typeof params.units === 'number' ? params.units : 0;
      const bias = params.bias === false ? 0 : units;
      const weights = inFeatures * units;
      return {
        params: weights + bias,
        fp32Bytes: 4 * (weights + bias),
        int8Bytes: weights + 4 * units + 4 * bias,
      };
    }
    case 'layer-norm':
      return { params: 2 * inFeatures, fp32Bytes: 8 * inFeatures, int8Bytes: 8 * inFeatures };
    case 'batch-norm':
      return { params: 2 * inFeatures, fp32Bytes: 16 * inFeatures, int8Bytes: 16 * inFeatures };
    default:
      return null;
  }
}

/**
 * Every layer's size in `graph`, from the feature count inferred on its input wire; a layer whose input
 * width is not known yet (unwired, or upstream of a dataset without columns) is left out.
 */
export function layerSizes(graph: GraphIR, inferred: Inferred): Map<string, LayerSize> {
  const sizes = new Map<string, LayerSize>();
  for (const node of graph.nodes) {
    const wire = graph.edges.find((e) => e.target.node === node.id && e.target.port === 'input');
    const value = wire ? inferred[wire.source.node]?.[wire.source.port] : undefined;
    const features = value?.type === 'tensor' ? value.shape[1] : undefined;
    if (typeof features !== 'number') continue;
    const size = layerSize(node.op, node.params, features);
    if (size) sizes.set(node.id, size);
  }
  return sizes;
}

/** The graph's total over its layers. */
export function totalSize(sizes: ReadonlyMap<string, LayerSize>): LayerSize {
  let t = NO_SIZE;
  for (const s of sizes.values())
    t = {
      params: t.params + s.params,
      fp32Bytes: t.fp32Bytes + s.fp32Bytes,
      int8Bytes: t.int8Bytes + s.int8Bytes,
    };
  return t;
}

/** One line for what a node outputs: its columns, its tensor shape, or its model. */
export function outputSummary(values: Readonly<Record<string, PortValueType>> | undefined): string | null {
  if (!values) return null;
  const parts = Object.values(values).map((v) => {
    switch (v.type) {
      case 'table': {
        if (!v.columns) return 'table';
        const withTarget = v.target !== undefined && v.columns.includes(v.target);
        const n = v.columns.length - (withTarget ? 1 : 0);
        return `${n} column${n === 1 ? '' : 's'}${withTarget ? ' + target' : ''}`;
      }
      case 'tensor':
        return formatShape(v.shape);
      case 'model':
        return `${v.family} model${v.quantized ? ' (INT8)' : ''}`;
      default:
        return v.type;
    }
  });
  return [...new Set(parts)].join(' · ') || null;
}
