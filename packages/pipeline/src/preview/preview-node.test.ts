import { describe, expect, it } from 'vitest';
import { isStudioError } from '@studio/ir';
import { findTemplate } from '../templates/templates';
import { loadByPath, sharedDataset } from '../test-support/graphs';
import { csvHead } from './csv-head';
import { previewNode } from './preview-node';

const graph = findTemplate('champion-challenger')!.build(sharedDataset('german_credit.csv'), 'creditability');

describe('previewNode', () => {
  it('shows the raw sample at the dataset, the training side at the split, and fitted transforms downstream', async () => {
    const raw = await previewNode(graph, 'dataset', { loadDataset: loadByPath, rows: 5, sampleRows: 200 });
    expect(raw).toMatchObject({ nodeId: 'dataset', port: 'table', totalRows: 200 });
    expect(raw.rows).toHaveLength(5);
    expect(raw.columns).toContain('purpose');

    const split = await previewNode(graph, 'split', { loadDataset: loadByPath, sampleRows: 200 });
    expect(split).toMatchObject({ port: 'train', totalRows: 140 });

    const selected = await previewNode(graph, 'champion-select', {
      loadDataset: loadByPath,
      sampleRows: 200,
    });
    expect(selected.columns.length).toBeLessThan(raw.columns.length);
    const target = selected.columns.indexOf('creditability');
    expect(selected.rows[0]!.every((v, i) => i === target || typeof v === 'number')).toBe(true);

    const onehot = await previewNode(graph, 'challenger-onehot', {
      loadDataset: loadByPath,
      sampleRows: 200,
    });
    expect(onehot.columns.some((c) => c.startsWith('purpose='))).toBe(true);
  });

  it('refuses nodes that output no table, naming the node', async () => {
    const e = await previewNode(graph, 'challenger-dense1', { loadDataset: loadByPath }).catch(
      (x: unknown) => x,
    );
    expect(isStudioError(e) && e.code).toBe('PREVIEW_UNSUPPORTED');
    expect(isStudioError(e) && e.details?.nodeId).toBe('challenger-dense1');
  });

  it('cuts CSV bytes after whole records, quoted newlines included', () => {
    const text = 'a,b\n1,"x\ny"\n2,z\n3,w\n';
    expect(new TextDecoder().decode(csvHead(new TextEncoder().encode(text), 2))).toBe('a,b\n1,"x\ny"\n2,z\n');
  });
});
