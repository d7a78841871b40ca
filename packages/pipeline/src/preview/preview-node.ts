import { readFile } from 'node:fs/promises';
import type { Preview } from '@studio/api';
import { parseCsv, type Table } from '@studio/data';
import { findOp, graphSchema, UserError, type GraphNode } from '@studio/ir';
import { atNode } from '../execute/at-node';
import type { DatasetSource } from '../execute/execute-plan';
import { fitTransforms } from '../execute/fit-transforms';
import { splitData } from '../execute/split-data';
import { graphLinks, type GraphLinks } from '../plan/graph-links';
import type { TransformOp, TransformStep } from '../plan/plan-types';
import type { RunWarning } from '../run-types';
import { csvHead } from './csv-head';

/** Options of `previewNode`. */
export interface PreviewOptions {
  loadDataset(datasetId: string): Promise<DatasetSource>;
  /** Rows shown (default 20). */
  rows?: number;
  /** Leading rows of the dataset the preview runs on (default 1000). */
  sampleRows?: number;
}

const TABLE_OPS = new Set(['impute', 'one-hot', 'standardize', 'woe-binning', 'feature-selection']);

/** Params of a node, defaults filled and checked as validation does; a bad value is reported on the node. */
function paramsOf(node: GraphNode): Record<string, unknown> {
  const spec = findOp(node.op);
  const parsed = spec?.params.safeParse(node.params);
  if (!parsed?.success)
    throw new UserError('PREVIEW_PARAMS_INVALID', `fix the parameters of ${node.id} before previewing it`, {
      nodeId: node.id,
    });
  return parsed.data as Record<string, unknown>;
}

/** The nodes from the dataset down to `nodeId`, with the Split output each step reads. */
function chainTo(links: GraphLinks, nodeId: string): { node: GraphNode; port: string }[] {
  const chain: { node: GraphNode; port: string }[] = [];
  let at = { node: links.node(nodeId), port: '' };
  for (;;) {
    const { node } = at;
    if (node.op !== 'dataset' && node.op !== 'split' && !TABLE_OPS.has(node.op))
      throw new UserError(
        'PREVIEW_UNSUPPORTED',
        `a preview shows a table; ${node.id} (${node.op}) does not output one. Preview a Dataset, Split or table transform node.`,
        { nodeId: node.id },
      );
    chain.unshift({ node, port: at.port || (node.op === 'split' ? 'train' : 'table') });
    if (node.op === 'dataset') return chain;
    const src = links.source(node.id, 'table');
    if (!src)
      throw new UserError('PREVIEW_MISSING_INPUT', `connect the table input of ${node.id} to preview it`, {
        nodeId: node.id,
      });
    at = { node: links.node(src.node), port: src.port };
  }
}

function cell(table: Table, column: number, row: number): number | string | null {
  const c = table.columns[column]!;
  if (c.type === 'categorical') {
    const code = c.codes[row]!;
    return code < 0 ? null : c.levels[code]!;
  }
  const v = c.values[row]!;
  return Number.isNaN(v) ? null : v;
}

/**
 * The canvas's eager preview: runs the graph up to one table node on the dataset's first rows (fitting each
 * transform on that sample) and returns the first `rows` rows of its output. Graph problems upstream of the
 * node are reported against the node to fix.
 */
export async function previewNode(
  graphInput: unknown,
  nodeId: string,
  opts: PreviewOptions,
): Promise<Preview> {
  const parsed = graphSchema.safeParse(graphInput);
  if (!parsed.success)
    throw new UserError(
      'PREVIEW_GRAPH_INVALID',
      'the graph document is malformed; reload the project and try again',
    );
  const links = graphLinks(parsed.data);
  const chain = chainTo(links, nodeId);
  const dsNode = chain[0]!.node;
  const ds = paramsOf(dsNode);
  const target = String(ds.target ?? '');
  const source = await atNode(dsNode.id, () => opts.loadDataset(String(ds.datasetId)));
  let current = await readSample(source.path, opts.sampleRows ?? 1000, dsNode.id);
  const warnings: RunWarning[] = [];
  // Consecutive transforms are fitted together, so Feature Selection sees the IVs of the WOE step before it.
  let pending: TransformStep[] = [];
  const fitPending = () => {
    if (pending.length > 0) current = fitTransforms(pending, current, target, []).table;
    pending = [];
  };
  for (const [i, { node }] of chain.entries()) {
    if (i === 0) continue;
    const p = paramsOf(node);
    if (node.op === 'split') {
      fitPending();
      const data = splitData(
        current,
        { nodeId: dsNode.id, datasetId: String(ds.datasetId), target },
        {
          nodeId: node.id,
          method: p.method as 'random' | 'stratified' | 'time' | 'out-of-time',
          testFraction: Number(p.testFraction),
          seed: Number(p.seed),
          stratify: String(p.stratify ?? ''),
          timeColumn: String(p.timeColumn ?? ''),
          cutoff: String(p.cutoff ?? ''),
        },
        warnings,
      );
      const port = chain[i + 1]?.port ?? chain[i]!.port;
      current = port === 'test' ? data.test.table : data.train.table;
    } else pending.push({ nodeId: node.id, op: node.op as TransformOp, params: p });
  }
  fitPending();
  const shown = Math.min(opts.rows ?? 20, current.rowCount);
  return {
    nodeId,
    port: chain.at(-1)!.port,
    columns: current.columns.map((c) => c.name),
    rows: Array.from({ length: shown }, (_, r) => current.columns.map((_, c) => cell(current, c, r))),
    totalRows: current.rowCount,
  };
}

async function readSample(path: string, rows: number, nodeId: string): Promise<Table> {
  const bytes = await readFile(path);
  return atNode(nodeId, () => parseCsv(csvHead(bytes, rows)));
}
