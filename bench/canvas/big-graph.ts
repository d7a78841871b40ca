import { defaultParams, findOp, IR_VERSION, type GraphIR } from '../../packages/ir/src/index';

const CHAIN = ['impute', 'one-hot', 'standardize'];
const COLUMNS = 20;

/**
 * A legal graph of exactly `size` nodes on one dataset: Dataset → Split, then chains of table transforms
 * (impute → one-hot → standardize) fanning out of the training rows, on a grid like a hand-built canvas.
 */
export function bigGraph(datasetId: string, target: string, size: number): GraphIR {
  const nodes: GraphIR['nodes'] = [];
  const edges: GraphIR['edges'] = [];
  const add = (id: string, op: string, params: Record<string, unknown> = {}) => {
    const i = nodes.length;
    nodes.push({
      id,
      op,
      params: { ...defaultParams(op), ...params },
      position: { x: (i % COLUMNS) * 260, y: Math.floor(i / COLUMNS) * 170 },
    });
  };
  const wire = (from: string, fromPort: string, to: string) => {
    const port = findOp(nodes.find((n) => n.id === to)!.op)!.inputs[0]!.name;
    edges.push({
      id: `e${edges.length + 1}`,
      source: { node: from, port: fromPort },
      target: { node: to, port },
    });
  };
  add('dataset', 'dataset', { datasetId, target });
  add('split', 'split');
  wire('dataset', 'table', 'split');
  let chain = 0;
  while (nodes.length < size) {
    let from = 'split';
    let port = 'train';
    for (const op of CHAIN) {
      if (nodes.length >= size) break;
      const id = `c${chain}-${op}`;
      add(id, op);
      wire(from, port, id);
      from = id;
      port = 'table';
    }
    chain++;
  }
  return { irVersion: IR_VERSION, meta: { name: `Canvas bench ${size}` }, nodes, edges };
}
