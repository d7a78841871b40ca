/** Generates a PyTorch script that rebuilds a trained Studio model (preprocessing and network) and can train it on. */
import { readFileSync } from 'node:fs';
import { resolveExport, type ExportInput } from '@studio/onnx';
import { scorerParams } from '../scorer-params';

const TEMPLATE = new URL('./training-script.py', import.meta.url);

/** A JSON document as a Python string literal (JSON string escapes are all valid Python escapes). */
function pythonJson(value: unknown): string {
  return JSON.stringify(JSON.stringify(value));
}

/** Source of a Python 3 script (torch only) that scores with the Studio's weights and fine-tunes them on a CSV. */
export function generatePyTorch(input: ExportInput): string {
  const r = resolveExport(input);
  const { transforms: _transforms, features: _features, ...network } = scorerParams(r);
  const layers = network.layers.map((l, i) => ({ ...l, dropout: r.model.layers[i]!.dropout }));
  const values: Record<string, unknown> = {
    __COLUMNS__: r.columns,
    __TRANSFORMS__: r.transforms,
    __FEATURES__: r.features,
    __NETWORK__: { ...network, layers },
  };
  return readFileSync(TEMPLATE, 'utf8').replace(/__(COLUMNS|TRANSFORMS|FEATURES|NETWORK)__/g, (k) =>
    pythonJson(values[k]),
  );
}
