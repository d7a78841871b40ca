import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPipeline, tableRow } from '@studio/data';
import {
  features,
  germanCredit,
  oneHotPipeline,
  rawColumns,
  trainModel,
  withGaps,
} from '@studio/onnx/testing';
import { describe, expect, it } from 'vitest';
import { generateJavaScript, toJavaScript } from './generate-javascript';

const { table, y } = await germanCredit();
const scored = withGaps(table);

describe('generated JavaScript scorer', () => {
  it('runs with plain `node` (no build step, no dependencies) and matches the engine on 1,000 rows', async () => {
    const transforms = oneHotPipeline(table);
    const train = features(applyPipeline(transforms, table));
    const model = await trainModel(
      (inputs) => ({
        kind: 'mlp',
        inputs,
        layers: [
          { units: 8, activation: 'gelu', norm: 'batch' },
          { units: 4, activation: 'tanh', norm: 'layer' },
        ],
      }),
      train.X,
      y,
      table.rowCount,
    );
    const test = features(applyPipeline(transforms, scored));
    const native = await model.predict(test.X, scored.rowCount);
    const { js, dts } = generateJavaScript({
      columns: rawColumns(table),
      transforms,
      features: train.names,
      model: model.save(),
    });
    model.dispose();
    expect(dts).toContain('export declare function score(record: ScoreRecord)');
    expect(dts).toContain('export declare const COLUMNS');
    expect(js).not.toMatch(/: ScorerParams|interface /);

    // A folder with nothing but the two files and a script: no package.json, no node_modules, no tsx.
    const dir = mkdtempSync(join(tmpdir(), 'studio-scorer-js-'));
    writeFileSync(join(dir, 'scorer.mjs'), js);
    writeFileSync(join(dir, 'scorer.d.mts'), dts);
    const records = Array.from({ length: scored.rowCount }, (_, i) => tableRow(scored, i));
    writeFileSync(join(dir, 'records.json'), JSON.stringify(records));
    writeFileSync(
      join(dir, 'main.mjs'),
      "import { readFileSync } from 'node:fs';\nimport { score, COLUMNS } from './scorer.mjs';\n" +
        "const records = JSON.parse(readFileSync(process.argv[2], 'utf8'));\n" +
        'process.stdout.write(JSON.stringify({ columns: COLUMNS.length, out: records.map(score) }));\n',
    );
    const result = JSON.parse(
      execFileSync(process.execPath, [join(dir, 'main.mjs'), join(dir, 'records.json')], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
        cwd: dir,
      }),
    ) as { columns: number; out: { probability: number; logit: number }[] };
    expect(result.columns).toBe(rawColumns(table).length);
    expect(result.out).toHaveLength(1000);
    let worst = 0;
    result.out.forEach((o, i) => (worst = Math.max(worst, Math.abs(o.probability - native[i]!))));
    console.log(`javascript mlp: max |p_generated - p_engine| = ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-5);
    expect(readFileSync(join(dir, 'scorer.mjs'), 'utf8')).toBe(js);
  }, 60_000);

  it('refuses a source that is not valid TypeScript, naming the problem', () => {
    expect(() => toJavaScript('export const x = ;')).toThrow(/could not be turned into JavaScript/);
  });
});
