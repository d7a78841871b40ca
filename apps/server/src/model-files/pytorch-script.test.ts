import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '@studio/api';
import { demoCsvPath, seedDemo } from '../seed/seed';
import { trainDemoModels } from '../test-support/trained-runs';
import { createTestApp, type TestApp } from '../test-support/test-app';

const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch']).status === 0;
const SKIP = hasTorch
  ? ''
  : ' [skipped: torch is not installed for /usr/bin/python3; apt install python3-torch]';

/** Runs the script; answers its stdout, failing with its stderr. */
function python(dir: string, ...args: string[]): string {
  const r = spawnSync(PYTHON, [join(dir, 'train.py'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  return r.stdout;
}

const heldOut = (out: string) => {
  const m = /held-out AUC ([\d.]+) KS ([\d.]+) \((\d+) rows\)/.exec(out);
  expect(m, out).not.toBeNull();
  return { auc: Number(m![1]), ks: Number(m![2]), rows: Number(m![3]) };
};

describe.skipIf(!hasTorch)(`the generated PyTorch script, run by Debian's python3-torch${SKIP}`, () => {
  let t: TestApp;
  let runs: Run[];
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await seedDemo(t.app);
    const { logistic, scorecard } = await trainDemoModels(t.app);
    runs = [logistic, scorecard];
    dir = mkdtempSync(join(tmpdir(), 'studio-torch-run-'));
    writeFileSync(join(dir, 'german.csv'), readFileSync(demoCsvPath));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([0, 1])(
    'cuts the run’s own held-out rows, reproduces its AUC with the Studio’s weights, trains from scratch within 0.01 of it, and scores with its own weights (run %i)',
    async (i) => {
      const run = runs[i]!;
      const res = await t.app.inject({ method: 'GET', url: `/api/runs/${run.id}/code?lang=python` });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      writeFileSync(join(dir, 'train.py'), res.body);
      const studio = run.evaluation!;

      // No training: the Studio's weights on the script's held-out rows give the Studio's held-out AUC and KS.
      const same = heldOut(python(dir, 'german.csv', '--epochs', '0'));
      expect(Math.abs(same.auc - studio.auc)).toBeLessThan(1e-4);
      expect(Math.abs(same.ks - studio.ks)).toBeLessThan(1e-3);

      // From scratch, with early stopping on a tenth of the training rows.
      const started = Date.now();
      const log = python(dir, 'german.csv', '--from-scratch', '--out', 'scratch.pt');
      const scratch = heldOut(log);
      console.log(
        `pytorch from scratch (run ${i}): held-out AUC ${scratch.auc.toFixed(4)} vs Studio ${studio.auc.toFixed(4)}, ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(log).toMatch(/split: \w+, test share [\d.]+, seed \d+: \d+ training rows, \d+ held-out rows/);
      expect(log).toMatch(/epoch 1 loss [\d.]+ val_loss [\d.]+/);
      expect(scratch.rows).toBe(same.rows);
      expect(Math.abs(scratch.auc - studio.auc)).toBeLessThan(0.01);

      // --predict with the weights it saved.
      python(dir, 'german.csv', '--predict', 'p.json', '--weights', 'scratch.pt');
      const p = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8')) as { probability: number[] };
      expect(p.probability).toHaveLength(1000);
      p.probability.forEach((v) => expect(v).toBeGreaterThan(0));
    },
    180_000,
  );
});
