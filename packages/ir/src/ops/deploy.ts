import { defineOp, inferError, inferred, requiredInput } from '../op-spec';
import { enumParam, numberParam, textParam } from '../params';
import { missingTargetMessage } from './columns';

/** Post-training INT8 quantization with an accuracy guard. */
export const quantizeOp = defineOp({
  op: 'quantize',
  title: 'Quantize INT8',
  category: 'Deploy',
  description: 'Shrink the model to INT8 weights.',
  help:
    'Converts weights and activations to INT8 using ranges measured on the calibration table (minmax, or the ' +
    'given percentile to ignore outliers), then reports size, AUC/KS and latency of fp32 against INT8 on the ' +
    'held-out rows. Deploying the INT8 model is refused when its AUC drops by more than maxAucDrop, so a ' +
    'smaller model is never a worse one.',
  inputs: [
    { name: 'model', type: 'model', label: 'Model', required: true },
    { name: 'calibration', type: 'table', label: 'Calibration table', required: true },
  ],
  outputs: [{ name: 'model', type: 'model', label: 'INT8 model' }],
  reportsOnRun: true,
  fields: [
    enumParam('calibration', 'Calibration', ['minmax', 'percentile'], 'minmax'),
    numberParam('percentile', 'Percentile', 99.99, { min: 90, max: 100, step: 0.01 }),
    numberParam('maxAucDrop', 'Max AUC drop', 0.005, { min: 0, max: 0.1, step: 0.001 }),
  ],
  infer(inputs) {
    const model = requiredInput(inputs, 'model', 'model');
    const table = requiredInput(inputs, 'calibration', 'table');
    if (!model.trained) return inferError('quantize a trained model; add a Train node first', 'model');
    if (model.quantized)
      return inferError('the model is already INT8; remove the second Quantize node', 'model');
    if (model.family === 'gbm')
      return inferError(
        'boosted trees have no weights to quantize; deploy the Gradient Boosting model as it is',
        'model',
      );
    if (table.target === undefined) return inferError(missingTargetMessage('Quantize'), 'calibration');
    return inferred({ model: { ...model, quantized: true } });
  },
});

/** Publishes a model as a REST endpoint. */
export const deployOp = defineOp({
  op: 'deploy',
  title: 'Deploy',
  category: 'Deploy',
  description: 'Serve the model as a REST endpoint.',
  help:
    'Publishes the model at /v1/deployments/<slug>/predict, answering with probability of default, and with a ' +
    'connected scorecard also score, risk band and reason codes. Connected metrics are stored with the deployment ' +
    'as its validation record. The native runtime is fastest; onnx serves the exported ONNX file.',
  inputs: [
    { name: 'model', type: 'model', label: 'Model', required: true },
    { name: 'scorecard', type: 'scorecard', label: 'Scorecard' },
    { name: 'metrics', type: 'metrics', label: 'Metrics', multiple: true },
  ],
  outputs: [{ name: 'endpoint', type: 'artifact', label: 'Endpoint' }],
  fields: [
    textParam('slug', 'Slug', 'string', {
      required: true,
      pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$',
      patternHint:
        'use up to 63 lowercase letters, digits and "-", starting and ending with a letter or digit',
      help: 'Lowercase letters, digits and "-"; part of the endpoint URL.',
    }),
    enumParam('runtime', 'Runtime', ['native', 'onnx'], 'native'),
  ],
  infer(inputs) {
    const model = requiredInput(inputs, 'model', 'model');
    if (!model.trained) return inferError('deploy a trained model; add a Train node first', 'model');
    return inferred({ endpoint: { type: 'artifact' } });
  },
});
