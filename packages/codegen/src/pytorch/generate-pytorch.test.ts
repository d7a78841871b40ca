import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPipeline, takeRows, type Table } from '@studio/data';
import {
  features,
  germanCredit,
  oneHotPipeline,
  rawColumns,
  trainModel,
  withGaps,
  woePipeline,
  TARGET,
} from '@studio/onnx/testing';
import { describe, expect, it } from 'vitest';
import { generatePyTorch } from './generate-pytorch';

const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch']).status === 0;
const { table, y } = await germanCredit();

/** The table as CSV text, every field quoted, missing cells empty. */
function toCsv(t: Table): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const lines = [t.columns.map((c) => q(c.name)).join(',')];
  for (let i = 0; i < t.rowCount; i++)
    lines.push(
      t.columns
        .map((c) => {
          if (c.type === 'categorical') return c.codes[i]! < 0 ? '' : q(c.levels[c.codes[i]!]!);
          const v = c.values[i]!;
          return Number.isNaN(v) ? '' : String(v);
        })
        .join(','),
    );
  return lines.join('\n') + '\n';
}

async function generated(pipeline: 'one-hot' | 'woe') {
  const transforms = pipeline === 'woe' ? woePipeline(table) : oneHotPipeline(table);
  const train = features(applyPipeline(transforms, table));
  const model = await trainModel(
    (inputs) =>
      pipeline === 'woe'
        ? { kind: 'logistic', inputs }
        : {
            kind: 'mlp',
            inputs,
            layers: [
              { units: 12, activation: 'gelu', norm: 'batch', dropout: 0.1 },
              { units: 8, activation: 'leaky_relu', alpha: 0.05, norm: 'layer' },
              { units: 4, activation: 'tanh' },
            ],
          },
    train.X,
    y,
    table.rowCount,
  );
  const source = generatePyTorch({
    columns: rawColumns(table),
    transforms,
    features: train.names,
    model: model.save(),
  });
  return { source, transforms, model };
}

describe('generated PyTorch script', () => {
  it('is valid Python', async () => {
    const { source, model } = await generated('one-hot');
    model.dispose();
    const r = spawnSync(PYTHON, ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {
      input: source,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(source).not.toMatch(/__(COLUMNS|TRANSFORMS|FEATURES|NETWORK|SPLIT|TRAINING)__/);
  });

  it.skipIf(!hasTorch).each(['one-hot', 'woe'] as const)(
    `scores like the engine with the Studio weights, then trains on (%s preprocessing)${hasTorch ? '' : ' [skipped: torch is not installed for /usr/bin/python3; apt install python3-torch]'}`,
    async (pipeline) => {
      const { source, transforms, model } = await generated(pipeline);
      const small = withGaps(
        takeRows(
          table,
          Array.from({ length: 200 }, (_, i) => i * 5),
        ),
      );
      const native = await model.predict(features(applyPipeline(transforms, small)).X, small.rowCount);
      model.dispose();
      const dir = mkdtempSync(join(tmpdir(), 'studio-torch-'));
      writeFileSync(join(dir, 'train.py'), source);
      writeFileSync(join(dir, 'data.csv'), toCsv(small));
      execFileSync(PYTHON, [join(dir, 'train.py'), join(dir, 'data.csv'), '--predict', join(dir, 'p.json')]);
      const p = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8')) as { probability: number[] };
      let worst = 0;
      p.probability.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - native[i]!))));
      console.log(
        `pytorch ${pipeline}: max |p_torch - p_engine| = ${worst.toExponential(2)} on ${small.rowCount} rows`,
      );
      expect(p.probability).toHaveLength(200);
      expect(worst).toBeLessThan(1e-5);
      const log = execFileSync(
        PYTHON,
        [
          join(dir, 'train.py'),
          join(dir, 'data.csv'),
          '--target',
          TARGET,
          '--bad-value',
          'bad',
          '--epochs',
          '3',
          '--out',
          join(dir, 'm.pt'),
        ],
        { encoding: 'utf8' },
      );
      const losses = [...log.matchAll(/epoch \d+ loss ([\d.]+)/g)].map((m) => Number(m[1]));
      expect(losses).toHaveLength(3);
      losses.forEach((l) => expect(l).toBeGreaterThan(0));
      expect(readFileSync(join(dir, 'm.pt')).length).toBeGreaterThan(100);
    },
    60_000,
  );
});
