import {
  defineOp,
  inferError,
  inferred,
  requiredInput,
  type InferInputs,
  type InferResult,
} from '../op-spec';
import { booleanParam, enumParam, integerParam, numberParam } from '../params';
import { formatShape, type TensorValue } from '../port-values';

const tensorIn = [{ name: 'input', type: 'tensor' as const, label: 'Input', required: true }];
const tensorOut = [{ name: 'output', type: 'tensor' as const, label: 'Output' }];

// Layers here act on a [batch, features] matrix of floats; anything else means a wrong wire upstream.
function featureMatrix(inputs: InferInputs, title: string): TensorValue | InferResult {
  const x = requiredInput(inputs, 'input', 'tensor');
  if (x.dtype !== 'float32') return inferError(`${title} needs float32 input; got ${x.dtype}`, 'input');
  if (x.shape.length !== 2) {
    return inferError(`${title} expects [batch, features]; got ${formatShape(x.shape)}`, 'input');
  }
  return x;
}

function passThrough(inputs: InferInputs, title: string): InferResult {
  const x = featureMatrix(inputs, title);
  return 'type' in x ? inferred({ output: x }) : x;
}

/** Fully connected layer. */
export const denseOp = defineOp({
  op: 'dense',
  title: 'Dense',
  category: 'Layers',
  description: 'Fully connected layer: x·W + b.',
  help: 'Maps [batch, features] to [batch, units]. The last Dense before a BCE loss needs 1 unit (one logit per loan).',
  inputs: tensorIn,
  outputs: tensorOut,
  fields: [integerParam('units', 'Units', 16, { min: 1, max: 65536 }), booleanParam('bias', 'Bias', true)],
  infer(inputs, params) {
    const x = featureMatrix(inputs, 'Dense');
    if (!('type' in x)) return x;
    return inferred({
      output: { type: 'tensor', dtype: 'float32', shape: [x.shape[0] ?? null, params.units] },
    });
  },
});

/** Element-wise non-linearity. */
export const activationOp = defineOp({
  op: 'activation',
  title: 'Activation',
  category: 'Layers',
  description: 'Element-wise non-linearity.',
  help:
    'Applies relu, leaky-relu (slope negativeSlope below zero), gelu, sigmoid or tanh to every value. Put one ' +
    'between Dense layers; without it stacked Dense layers collapse into one.',
  inputs: tensorIn,
  outputs: tensorOut,
  fields: [
    enumParam('function', 'Function', ['relu', 'leaky-relu', 'gelu', 'sigmoid', 'tanh'], 'relu'),
    numberParam('negativeSlope', 'Negative slope', 0.01, {
      min: 0,
      max: 1,
      step: 0.01,
      help: 'leaky-relu only.',
    }),
  ],
  infer: (inputs) => passThrough(inputs, 'Activation'),
});

/** Randomly zeroes activations while training. */
export const dropoutOp = defineOp({
  op: 'dropout',
  title: 'Dropout',
  category: 'Layers',
  description: 'Randomly zero values while training.',
  help: 'Zeroes each value with probability rate during training only, which fights overfitting on small loan books.',
  inputs: tensorIn,
  outputs: tensorOut,
  fields: [numberParam('rate', 'Rate', 0.1, { min: 0, max: 0.95, step: 0.05 })],
  infer: (inputs) => passThrough(inputs, 'Dropout'),
});

/** Normalises each row over its features. */
export const layerNormOp = defineOp({
  op: 'layer-norm',
  title: 'Layer Norm',
  category: 'Layers',
  description: 'Normalise each row over its features.',
  help: 'Scales each row to mean 0 and variance 1 with a learned gain and bias; independent of the batch size.',
  inputs: tensorIn,
  outputs: tensorOut,
  fields: [numberParam('epsilon', 'Epsilon', 1e-5, { min: 1e-12, max: 0.1 })],
  infer: (inputs) => passThrough(inputs, 'Layer Norm'),
});

/** Normalises each feature over the batch. */
export const batchNormOp = defineOp({
  op: 'batch-norm',
  title: 'Batch Norm',
  category: 'Layers',
  description: 'Normalise each feature over the batch.',
  help:
    'Scales each feature by batch statistics while training and by running averages (updated with momentum) ' +
    'when scoring.',
  inputs: tensorIn,
  outputs: tensorOut,
  fields: [
    numberParam('epsilon', 'Epsilon', 1e-5, { min: 1e-12, max: 0.1 }),
    numberParam('momentum', 'Momentum', 0.1, { min: 0.001, max: 1, step: 0.01 }),
  ],
  infer: (inputs) => passThrough(inputs, 'Batch Norm'),
});
