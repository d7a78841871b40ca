import type { Activation, LayerSpec } from '@studio/engine';
import type { GraphNode } from '@studio/ir';
import { requiredSource, type GraphLinks } from './graph-links';
import type { NetworkStep } from './plan-types';
import { PlanProblem } from './plan-problem';

const ACTIVATIONS: Record<string, Activation> = {
  relu: 'relu',
  'leaky-relu': 'leaky_relu',
  gelu: 'gelu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
};
const LAYER_OPS = new Set(['dense', 'activation', 'dropout', 'layer-norm', 'batch-norm']);
const ORDER_HINT =
  'the engine builds each block as Dense → (Layer/Batch Norm) → (Activation) → (Dropout), ending with Dense(1) into the Loss';

/** A block under construction: the dense layer that opened it and what followed so far. */
interface Block {
  dense: GraphNode;
  norm?: 'layer' | 'batch';
  activation?: GraphNode;
  dropout?: number;
}

function problem(node: GraphNode, message: string, code = 'PLAN_LAYER_ORDER'): PlanProblem {
  return new PlanProblem(code, message, { nodeId: node.id });
}

/** Groups the layer chain (input to output) into engine blocks, rejecting orders the engine cannot build. */
function blocksOf(chain: GraphNode[]): Block[] {
  const blocks: Block[] = [];
  for (const node of chain) {
    const open = blocks.at(-1);
    if (node.op === 'dense') {
      if (node.params.bias === false)
        throw problem(
          node,
          'dense layers always have a bias in the engine; switch Bias on',
          'PLAN_UNSUPPORTED_PARAM',
        );
      blocks.push({ dense: node });
      continue;
    }
    if (!open) throw problem(node, `start the network with a Dense layer; ${ORDER_HINT}`);
    if (node.op === 'layer-norm' || node.op === 'batch-norm') {
      if (open.norm || open.activation || open.dropout !== undefined)
        throw problem(node, `put the normalisation right after its Dense layer; ${ORDER_HINT}`);
      open.norm = node.op === 'layer-norm' ? 'layer' : 'batch';
    } else if (node.op === 'activation') {
      if (open.activation || open.dropout !== undefined)
        throw problem(node, `one activation per Dense layer, before any dropout; ${ORDER_HINT}`);
      open.activation = node;
    } else {
      if (open.dropout !== undefined) throw problem(node, `one dropout per Dense layer; ${ORDER_HINT}`);
      open.dropout = Number(node.params.rate);
    }
  }
  return blocks;
}

function hiddenLayer(b: Block): LayerSpec {
  const fn = b.activation ? String(b.activation.params.function) : 'linear';
  const activation = ACTIVATIONS[fn] ?? 'linear';
  return {
    units: Number(b.dense.params.units),
    activation,
    ...(activation === 'leaky_relu' ? { alpha: Number(b.activation?.params.negativeSlope ?? 0.01) } : {}),
    ...(b.dropout ? { dropout: b.dropout } : {}),
    ...(b.norm ? { norm: b.norm } : {}),
  };
}

/** Lowers the chain ending at a Train node to one engine MLP spec plus its training settings. */
export function planNetwork(
  links: GraphLinks,
  train: GraphNode,
): { step: NetworkStep; encodeNode: GraphNode } {
  const optSrc = requiredSource(links, train.id, 'model');
  const optimizer = links.node(optSrc.node);
  if (optimizer.op !== 'optimizer')
    throw new PlanProblem(
      'PLAN_UNSUPPORTED_CHAIN',
      'connect an Optimizer node to Train (Loss → Optimizer → Train)',
      {
        nodeId: train.id,
        port: 'model',
      },
    );
  const loss = links.node(requiredSource(links, optimizer.id, 'loss').node);
  if (loss.op !== 'loss')
    throw new PlanProblem('PLAN_UNSUPPORTED_CHAIN', 'the Optimizer minimises a Loss node; connect one', {
      nodeId: optimizer.id,
    });
  if (loss.params.loss !== 'bce-logits')
    throw new PlanProblem(
      'PLAN_UNSUPPORTED_PARAM',
      'a PD model has a binary target; choose the bce-logits loss (softmax-ce is for several classes)',
      { nodeId: loss.id },
    );
  const labels = requiredSource(links, loss.id, 'labels');
  const labelNode = links.node(labels.node);
  if (labelNode.op !== 'encode' || labels.port !== 'labels')
    throw new PlanProblem(
      'PLAN_UNSUPPORTED_CHAIN',
      "connect the Encode node's labels output to the Loss labels",
      {
        nodeId: loss.id,
        port: 'labels',
      },
    );

  const chain: GraphNode[] = [];
  let at = requiredSource(links, loss.id, 'logits');
  while (!(at.node === labelNode.id && at.port === 'features')) {
    const node = links.node(at.node);
    if (node.op === 'encode')
      throw new PlanProblem(
        'PLAN_UNSUPPORTED_CHAIN',
        'features and labels must come from the same Encode node',
        {
          nodeId: loss.id,
        },
      );
    if (!LAYER_OPS.has(node.op))
      throw problem(
        node,
        `a ${node.op} node cannot sit between Encode and Loss; ${ORDER_HINT}`,
        'PLAN_UNSUPPORTED_OP',
      );
    chain.unshift(node);
    at = requiredSource(links, node.id, 'input');
  }
  const blocks = blocksOf(chain);
  const output = blocks.pop();
  if (!output) throw problem(loss, 'add at least a Dense(1) layer between Encode and Loss');
  if (Number(output.dense.params.units) !== 1)
    throw problem(
      output.dense,
      'a PD network ends in a Dense layer with 1 unit (one logit) feeding the Loss',
    );
  const after = output.activation ?? undefined;
  if (after || output.norm || output.dropout !== undefined)
    throw problem(
      after ?? output.dense,
      'the Loss takes raw logits (bce-logits applies the sigmoid itself); remove what follows the last Dense layer',
    );
  return {
    encodeNode: labelNode,
    step: {
      kind: 'mlp',
      nodeId: train.id,
      encode: { nodeId: labelNode.id, columns: (labelNode.params.columns as string[] | undefined) ?? [] },
      layers: blocks.map(hiddenLayer),
      layerNodeIds: chain.map((n) => n.id),
      loss: {
        nodeId: loss.id,
        positiveWeight: Number(loss.params.positiveWeight),
        l1: Number(loss.params.l1),
        l2: Number(loss.params.l2),
      },
      optimizer: {
        nodeId: optimizer.id,
        algorithm: optimizer.params.algorithm as 'sgd' | 'adam' | 'adamw',
        lr: Number(optimizer.params.lr),
        momentum: Number(optimizer.params.momentum),
        weightDecay: Number(optimizer.params.weightDecay),
      },
      train: {
        epochs: Number(train.params.epochs),
        batchSize: Number(train.params.batchSize),
        patience: Number(train.params.earlyStoppingPatience),
        seed: Number(train.params.seed),
      },
    },
  };
}
