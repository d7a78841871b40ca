import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPipeline, tableRow, type FittedTransform, type Table } from '@studio/data';
import type { ModelSpec } from '@studio/engine';
import {
  features,
  germanCredit,
  oneHotPipeline,
  rawColumns,
  trainModel,
  withGaps,
  woePipeline,
} from '@studio/onnx/testing';
import { describe, expect, it } from 'vitest';
import { generateTypeScript } from './generate-typescript';

const bin = (name: string) =>
  fileURLToPath(new URL(`../../../../node_modules/.bin/${name}`, import.meta.url));
const { table, y } = await germanCredit();
const scored = withGaps(table);

/** Writes the generated module to a fresh folder, type-checks it alone, and scores `records` in a separate tsx process. */
function runGenerated(source: string, records: object[]): { probability: number; logit: number }[] {
  const dir = mkdtempSync(join(tmpdir(), 'studio-scorer-'));
  writeFileSync(join(dir, 'scorer.ts'), source);
  writeFileSync(join(dir, 'records.json'), JSON.stringify(records));
  writeFileSync(
    join(dir, 'main.ts'),
    "import { readFileSync } from 'node:fs';\nimport { score } from './scorer.ts';\n" +
      "const records = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));\n" +
      'process.stdout.write(JSON.stringify(records.map(score)));\n',
  );
  execFileSync(bin('tsc'), [
    '--noEmit',
    '--strict',
    '--noUncheckedIndexedAccess',
    '--target',
    'es2022',
    '--module',
    'nodenext',
    '--skipLibCheck',
    '--allowImportingTsExtensions',
    '--types',
    'node',
    '--typeRoots',
    fileURLToPath(new URL('../../../../node_modules/@types', import.meta.url)),
    join(dir, 'scorer.ts'),
  ]);
  return JSON.parse(
    execFileSync(bin('tsx'), [join(dir, 'main.ts'), join(dir, 'records.json')], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }),
  );
}

async function check(
  transforms: FittedTransform[],
  spec: (inputs: number) => ModelSpec,
  label: string,
  data: Table,
) {
  const train = features(applyPipeline(transforms, table));
  const model = await trainModel(spec, train.X, y, table.rowCount);
  const test = features(applyPipeline(transforms, data));
  const native = await model.predict(test.X, data.rowCount);
  const source = generateTypeScript({
    columns: rawColumns(table),
    transforms,
    features: train.names,
    model: model.save(),
  });
  model.dispose();
  const records = Array.from({ length: data.rowCount }, (_, i) => tableRow(data, i));
  const out = runGenerated(source, records);
  expect(out).toHaveLength(1000);
  let worst = 0;
  out.forEach((o, i) => {
    worst = Math.max(worst, Math.abs(o.probability - native[i]!));
    expect(o.probability).toBeCloseTo(1 / (1 + Math.exp(-o.logit)), 12);
  });
  console.log(`${label}: max |p_generated - p_engine| = ${worst.toExponential(2)}`);
  expect(worst).toBeLessThan(1e-5);
}

describe('generated TypeScript scorer', () => {
  it('matches the engine on 1,000 rows (impute, standardize, one-hot, MLP), compiled and run on its own', async () => {
    await check(
      oneHotPipeline(table),
      (inputs) => ({
        kind: 'mlp',
        inputs,
        layers: [
          { units: 12, activation: 'gelu', norm: 'batch' },
          { units: 8, activation: 'leaky_relu', norm: 'layer' },
          { units: 4, activation: 'tanh' },
        ],
      }),
      'mlp',
      scored,
    );
  }, 60_000);

  it('matches the engine on 1,000 rows of a WOE scorecard', async () => {
    await check(woePipeline(table), (inputs) => ({ kind: 'logistic', inputs }), 'woe logistic', scored);
  }, 60_000);
});
