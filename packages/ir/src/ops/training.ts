import { defineOp, inferError, inferred, requiredInput } from '../op-spec';
import { enumParam, integerParam, numberParam } from '../params';
import { formatShape } from '../port-values';

/** Training objective of a network. */
export const lossOp = defineOp({
  op: 'loss',
  title: 'Loss',
  category: 'Training',
  description: 'Training objective comparing logits with labels.',
  help:
    'bce-logits: binary cross-entropy on one raw logit per loan; positiveWeight > 1 up-weights the rare defaults. ' +
    'softmax-ce: cross-entropy over one logit per class. l1 and l2 add weight penalties.',
  inputs: [
    { name: 'logits', type: 'tensor', label: 'Logits', required: true },
    { name: 'labels', type: 'tensor', label: 'Labels', required: true },
  ],
  outputs: [{ name: 'loss', type: 'tensor', label: 'Loss' }],
  fields: [
    enumParam('loss', 'Loss', ['bce-logits', 'softmax-ce'], 'bce-logits'),
    numberParam('positiveWeight', 'Positive weight', 1, { min: 0.01, max: 1000, step: 0.1 }),
    numberParam('l1', 'L1 penalty', 0, { min: 0, max: 10, step: 0.0001 }),
    numberParam('l2', 'L2 penalty', 0, { min: 0, max: 10, step: 0.0001 }),
  ],
  infer(inputs, params) {
    const logits = requiredInput(inputs, 'logits', 'tensor');
    const labels = requiredInput(inputs, 'labels', 'tensor');
    if (logits.shape.length !== 2) {
      return inferError(`logits must be [batch, outputs]; got ${formatShape(logits.shape)}`, 'logits');
    }
    if (labels.shape.length !== 2 || (labels.shape[1] !== null && labels.shape[1] !== 1)) {
      return inferError(
        `labels must be [batch, 1]; got ${formatShape(labels.shape)}; connect Encode.labels`,
        'labels',
      );
    }
    const width = logits.shape[1] ?? null;
    if (params.loss === 'bce-logits' && width !== null && width !== 1) {
      return inferError(
        `bce-logits needs one logit per row, got ${width}; set the last Dense to 1 unit`,
        'logits',
      );
    }
    if (params.loss === 'softmax-ce' && width !== null && width < 2) {
      return inferError(
        'softmax-ce needs a logit per class; set the last Dense to 2 units or use bce-logits',
        'logits',
      );
    }
    return inferred({ loss: { type: 'tensor', dtype: 'float32', shape: [] } });
  },
});

/** Update rule that turns a loss into a trainable network. */
export const optimizerOp = defineOp({
  op: 'optimizer',
  title: 'Optimizer',
  category: 'Training',
  description: 'Update rule for the network weights.',
  help:
    'Attaches an update rule to the loss and yields an untrained network model for the Train node. adam is a safe ' +
    'default; adamw decouples weight decay; sgd uses momentum.',
  inputs: [{ name: 'loss', type: 'tensor', label: 'Loss', required: true }],
  outputs: [{ name: 'model', type: 'model', label: 'Network' }],
  fields: [
    enumParam('algorithm', 'Algorithm', ['sgd', 'adam', 'adamw'], 'adam'),
    numberParam('lr', 'Learning rate', 0.001, { min: 1e-6, max: 10, step: 0.0001 }),
    numberParam('momentum', 'Momentum', 0.9, { min: 0, max: 0.999, step: 0.01, help: 'sgd only.' }),
    numberParam('weightDecay', 'Weight decay', 0, { min: 0, max: 1, step: 0.0001 }),
  ],
  infer(inputs) {
    const loss = requiredInput(inputs, 'loss', 'tensor');
    if (loss.shape.length !== 0) {
      return inferError(
        `the optimizer needs a scalar loss, got ${formatShape(loss.shape)}; connect a Loss node`,
        'loss',
      );
    }
    return inferred({ model: { type: 'model', family: 'network', trained: false, quantized: false } });
  },
});

/** Runs the training loop of a network. */
export const trainOp = defineOp({
  op: 'train',
  title: 'Train',
  category: 'Training',
  description: 'Train the network on the training rows.',
  help:
    'Runs mini-batch training for up to epochs passes over the training rows. Training stops early when the ' +
    'held-out loss has not improved for earlyStoppingPatience epochs (0: never). Same seed, same weights.',
  inputs: [{ name: 'model', type: 'model', label: 'Network', required: true }],
  outputs: [{ name: 'model', type: 'model', label: 'Trained model' }],
  fields: [
    integerParam('epochs', 'Epochs', 20, { min: 1, max: 1000 }),
    integerParam('batchSize', 'Batch size', 256, { min: 1, max: 65536 }),
    integerParam('earlyStoppingPatience', 'Early stopping patience', 5, { min: 0, max: 1000 }),
    integerParam('seed', 'Seed', 42, { min: 0, max: 2 ** 31 - 1 }),
  ],
  infer(inputs) {
    const model = requiredInput(inputs, 'model', 'model');
    if (model.family !== 'network' || model.trained) {
      return inferError(
        'Train fits an untrained network from an Optimizer; this model is already fitted, connect it to Evaluate',
        'model',
      );
    }
    return inferred({ model: { ...model, trained: true } });
  },
});
