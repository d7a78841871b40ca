import { describe, expect, it } from 'vitest';
import { defaultParams, emptyGraph, validateGraph, type GraphIR } from '@studio/ir';
import { layerSize, layerSizes, outputSummary, totalSize } from './layer-size';

/** Dataset (3 columns besides the target) → encode → Dense 32 → ReLU → Dense 1. */
function network(): GraphIR {
  const node = (id: string, op: string, params: Record<string, unknown> = {}) => ({
    id,
    op,
    params: { ...defaultParams(op), ...params },
  });
  const wire = (id: string, from: string, to: string) => {
    const [sn = '', sp = ''] = from.split('.');
    const [tn = '', tp = ''] = to.split('.');
    return { id, source: { node: sn, port: sp }, target: { node: tn, port: tp } };
  };
  return {
    ...emptyGraph('net'),
    nodes: [
      node('d', 'dataset', { datasetId: 'ds', target: 'y' }),
      node('enc', 'encode'),
      node('h', 'dense', { units: 32 }),
      node('act', 'activation'),
      node('out', 'dense', { units: 1 }),
    ],
    edges: [
      wire('e1', 'd.table', 'enc.table'),
      wire('e2', 'enc.features', 'h.input'),
      wire('e3', 'h.output', 'act.input'),
      wire('e4', 'act.output', 'out.input'),
    ],
  };
}

describe('layer sizes', () => {
  it('counts a Dense layer as weights plus bias, fp32 4 bytes each, INT8 1 byte per weight plus scales', () => {
    expect(layerSize('dense', { units: 16, bias: true }, 10)).toEqual({
      params: 176,
      fp32Bytes: 704,
      int8Bytes: 160 + 64 + 64,
    });
    expect(layerSize('dense', { units: 4, bias: false }, 3)?.params).toBe(12);
    expect(layerSize('activation', {}, 10)).toBeNull();
    expect(layerSize('layer-norm', {}, 8)).toMatchObject({ params: 16 });
  });

  it("reads each layer's input width from inference and totals the graph", () => {
    const graph = network();
    const result = validateGraph(graph, {
      context: { datasetColumns: () => ['a', 'b', 'c', 'y'] },
    });
    const sizes = layerSizes(graph, result.inferred);
    const features = (result.inferred.enc?.features as { shape: (number | null)[] }).shape[1];
    expect(typeof features).toBe('number');
    expect(sizes.get('h')?.params).toBe(features! * 32 + 32);
    expect(sizes.get('out')?.params).toBe(33);
    expect(sizes.has('act')).toBe(false);
    expect(totalSize(sizes).params).toBe(features! * 32 + 32 + 33);
    expect(outputSummary(result.inferred.h)).toBe('[batch, 32]');
    expect(outputSummary(result.inferred.d)).toBe('3 columns + target');
  });
});
