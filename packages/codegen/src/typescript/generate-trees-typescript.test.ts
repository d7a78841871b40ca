import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPipeline, dropColumns, fitOneHot, tableRow } from '@studio/data';
import { GBM_DEFAULTS, trainGbm } from '@studio/engine';
import { treesRaw, type TreesDump } from '@studio/onnx';
import {
  features,
  germanCredit,
  oneHotPipeline,
  randomDump,
  rawColumns,
  TARGET,
  withGaps,
} from '@studio/onnx/testing';
import { describe, expect, it } from 'vitest';
import { generateTreesTypeScript } from './generate-trees-typescript';

const bin = (name: string) =>
  fileURLToPath(new URL(`../../../../node_modules/.bin/${name}`, import.meta.url));

/** Writes the generated module to a fresh folder, type-checks it alone, and scores `records` in a separate tsx process. */
function runGeneratedTrees(source: string, records: object[]): { probability: number; logit: number }[] {
  const dir = mkdtempSync(join(tmpdir(), 'studio-trees-scorer-'));
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

describe('generated TypeScript scorer of boosted trees', () => {
  it('matches the plain tree evaluator on 1,000 raw German credit rows with gaps, compiled on its own', async () => {
    const { table } = await germanCredit();
    const transforms = oneHotPipeline(table);
    const scored = withGaps(table);
    const test = features(applyPipeline(transforms, scored));
    const kinds: TreesDump['features'] = test.names.map(() => ({ kind: 'numeric' }));
    const dump = randomDump(kinds, 50, 6, 9);
    const source = generateTreesTypeScript({
      columns: rawColumns(table),
      transforms,
      features: test.names,
      trees: dump,
    });
    const records = Array.from({ length: scored.rowCount }, (_, i) => tableRow(scored, i));
    const out = runGeneratedTrees(source, records);
    expect(out).toHaveLength(1000);
    out.forEach((o, i) => {
      const want = treesRaw(dump, test.X.subarray(i * dump.cols, (i + 1) * dump.cols));
      expect(Math.abs(o.logit - want)).toBeLessThan(1e-12);
      expect(o.probability).toBeCloseTo(1 / (1 + Math.exp(-o.logit)), 12);
    });
  }, 60_000);

  it('matches the native engine within 1e-5 on 1,000 raw rows with gaps and unseen categories', async () => {
    const { table, y } = await germanCredit();
    const transforms = [fitOneHot(dropColumns(table, [TARGET]))];
    const train = features(applyPipeline(transforms, table));
    const model = await trainGbm({
      x: train.X,
      rows: table.rowCount,
      cols: train.names.length,
      y: Float32Array.from(y),
      options: { ...GBM_DEFAULTS, trees: 120, maxLeaves: 15 },
    });
    try {
      const scored = withGaps(table);
      const test = features(applyPipeline(transforms, scored));
      const native = await model.predictRaw(test.X, scored.rowCount);
      const source = generateTreesTypeScript({
        columns: rawColumns(table),
        transforms,
        features: train.names,
        trees: model.dump(),
      });
      const records = Array.from({ length: scored.rowCount }, (_, i) => tableRow(scored, i));
      const out = runGeneratedTrees(source, records);
      let worst = 0;
      out.forEach((o, i) => {
        worst = Math.max(worst, Math.abs(o.probability - 1 / (1 + Math.exp(-native[i]!))));
      });
      console.log(`gbm: max |p_generated - p_engine| = ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(1e-5);
    } finally {
      model.dispose();
    }
  }, 60_000);

  it('maps categorical codes to ranks and unknown codes to the missing direction', () => {
    const dump = randomDump([{ kind: 'categorical', rank: [1, -1, 0] }, { kind: 'numeric' }], 20, 4, 2);
    const source = generateTreesTypeScript({
      columns: [
        { name: 'grade', type: 'numeric' },
        { name: 'x', type: 'numeric' },
      ],
      transforms: [],
      trees: dump,
    });
    const records = [0, 1, 2, 3, -1, 0.5, null].flatMap((grade) =>
      [-1.5, 0, 0.3, null].map((x) => ({ grade, x })),
    );
    const out = runGeneratedTrees(source, records);
    out.forEach((o, i) => {
      const r = records[i]!;
      const row = [r.grade ?? NaN, r.x ?? NaN].map(Math.fround);
      expect(Math.abs(o.logit - treesRaw(dump, row))).toBeLessThan(1e-12);
    });
  }, 60_000);
});
