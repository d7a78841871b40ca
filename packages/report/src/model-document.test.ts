import { describe, expect, it } from 'vitest';
import type { ModelDocumentInput } from './document-input';
import { DOCUMENT_SECTIONS, renderModelDocument } from './model-document';

const input = (over: Partial<ModelDocumentInput> = {}): ModelDocumentInput => ({
  project: { id: 'p1', name: 'Cards <PD> & "limits"', description: '', owner: 'Ana' },
  generatedAt: '2026-12-03T08:00:00.000Z',
  dataset: null,
  graph: {
    versionId: 'v1',
    versionNumber: 3,
    hash: 'g'.repeat(64),
    author: 'Ana',
    savedAt: '2026-12-03T07:00:00.000Z',
    nodes: [],
    split: { method: 'stratified', testFraction: 0.3, seed: 42, timeColumn: '', cutoff: '' },
  },
  run: {
    id: 'r1',
    seed: 42,
    engineVersion: 'e1',
    device: 'cpu',
    modelKind: 'mlp',
    startedBy: 'Ana',
    startedAt: null,
    finishedAt: null,
    durations: {},
  },
  artifacts: [{ kind: 'weights', sha256: 'a'.repeat(64), sizeBytes: 10 }],
  deployments: [],
  evaluations: [],
  woe: null,
  scorecard: null,
  history: [
    { step: 1, epoch: 1, loss: 0.6, valLoss: 0.62, valAuc: 0.7 },
    { step: 2, epoch: 2, loss: 0.5, valLoss: 0.55, valAuc: 0.74 },
  ],
  layers: ['Dense 32', 'relu'],
  importance: [],
  warnings: [{ code: 'TARGET_LEAKAGE', message: 'column <x> predicts the target', nodeId: 'dataset' }],
  changes: { baseline: null, graphChanges: [], metricDeltas: [] },
  ...over,
});

describe('renderModelDocument', () => {
  it('writes every section in order and escapes what users typed', () => {
    const html = renderModelDocument(input());
    const order = DOCUMENT_SECTIONS.map(([id]) => html.indexOf(`<section id="${id}">`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('Cards &lt;PD&gt; &amp; &quot;limits&quot;');
    expect(html).not.toContain('<PD>');
    expect(html).toContain('column &lt;x&gt; predicts the target');
    expect(html).not.toMatch(/<script/i);
  });

  it('shows the network and its training curve, and says what is missing', () => {
    const html = renderModelDocument(input());
    expect(html).toContain('input → Dense 32 → relu → sigmoid output');
    expect(html).toMatch(/<polyline[^>]+points="0\.0,[\d.]+ 480\.0,[\d.]+"/);
    expect(html).toContain('No protected attribute was marked');
    expect(html).toContain('nothing to compare');
  });

  it('lists graph changes and metric deltas against the deployed version', () => {
    const html = renderModelDocument(
      input({
        changes: {
          baseline: { runId: 'r0', versionNumber: 2, slug: 'cards', version: 4 },
          graphChanges: ['set maxBins of woe to 5'],
          metricDeltas: [{ metric: 'AUC (test)', before: 0.8, after: 0.8125 }],
        },
      }),
    );
    expect(html).toContain('cards v4 (run r0, graph version 2)');
    expect(html).toContain('<li>set maxBins of woe to 5</li>');
    expect(html).toContain('<td>AUC (test)</td><td>0.8000</td><td>0.8125</td><td>+0.0125</td>');
  });
});
