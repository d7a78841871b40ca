import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths, TERMINAL, type Run } from '@studio/api';
import { buildApp, defaultDatabaseUrl, migrate, parseDatabaseUrl, seedDemo } from '@studio/server';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'studio.mjs');
const serverDir = join(here, '..', '..', 'server');
/** onnxruntime-node as the server installed it (the README's `npm install onnxruntime-node`; no network here). */
const onnxruntimeDir = dirname(
  createRequire(join(serverDir, 'package.json')).resolve('onnxruntime-node/package.json'),
);
const hasPythonOrt = spawnSync('/usr/bin/python3', ['-c', 'import onnxruntime, numpy']).status === 0;

/** The shell blocks of a README, in order. */
const shellBlocks = (readme: string) =>
  [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

/** Runs one README command as written, in the unzipped bundle (with `studio` being this checkout's CLI). */
function runAsWritten(cwd: string, command: string): string {
  const r = spawnSync('bash', ['-c', command], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, PATH: `${join(cwd, '.bin')}:${process.env.PATH}` },
  });
  expect(r.status, `${command}\n${r.stderr.slice(-1500)}`).toBe(0);
  return r.stdout;
}

describe("the bundle's README: its commands work as written", () => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-readme-'));
  const dataDir = join(dir, 'data');
  const unzipped = join(dir, 'bundle');
  let readme = '';

  beforeAll(async () => {
    const databaseUrl = defaultDatabaseUrl(dataDir);
    await migrate(parseDatabaseUrl(databaseUrl));
    const app = await buildApp({ databaseUrl, dataDir, webDist: null, auth: 'local' });
    try {
      await app.ready();
      await seedDemo(app);
      // A quantized neural network, so the README also shows INT8.
      const made = await app.inject({
        method: 'POST',
        url: '/api/projects/from-template',
        payload: { templateId: 'neural-network-pd', name: 'Readme network' },
      });
      expect(made.statusCode, made.body).toBe(201);
      const projectId = (JSON.parse(made.body) as { id: string }).id;
      let run = JSON.parse(
        (await app.inject({ method: 'POST', url: paths.projectRuns(projectId), payload: {} })).body,
      ) as Run;
      for (let i = 0; i < 600 && !TERMINAL.has(run.status); i++) {
        await new Promise((r) => setTimeout(r, 200));
        run = JSON.parse((await app.inject({ method: 'GET', url: paths.run(run.id) })).body) as Run;
      }
      expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
      const zip = await app.inject({ method: 'GET', url: paths.projectBundle(projectId) });
      expect(zip.statusCode).toBe(200);
      mkdirSync(unzipped, { recursive: true });
      writeFileSync(join(unzipped, 'bundle.zip'), zip.rawPayload);
    } finally {
      await app.close();
    }
    // As the README says: unzip, then work in that folder.
    const un = spawnSync('unzip', ['-q', 'bundle.zip'], { cwd: unzipped, encoding: 'utf8' });
    expect(un.status, un.stderr).toBe(0);
    readme = readFileSync(join(unzipped, 'README.md'), 'utf8');
    mkdirSync(join(unzipped, 'node_modules'));
    symlinkSync(onnxruntimeDir, join(unzipped, 'node_modules', 'onnxruntime-node'));
    mkdirSync(join(unzipped, '.bin'));
    writeFileSync(join(unzipped, '.bin', 'studio'), `#!/bin/sh\nexec node ${bin} "$@"\n`, { mode: 0o755 });
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scores the example applicant with ONNX fp32 and INT8 (onnxruntime-node), the generated JavaScript and studio predict, all agreeing', () => {
    const blocks = shellBlocks(readme);
    const onnx = blocks.filter((b) => b.includes("from 'onnxruntime-node'"));
    const js = blocks.filter((b) => b.includes('/scorer.mjs'));
    expect(onnx.length).toBeGreaterThan(0);
    expect(js).toHaveLength(onnx.length);
    const model = /'(runs\/r\d+\/model\/[^/]+)\/model-fp32\.onnx'/.exec(onnx[0]!)![1]!;
    const viaOnnx = JSON.parse(runAsWritten(unzipped, onnx[0]!)) as { probability: number; logit: number };
    const viaJs = JSON.parse(runAsWritten(unzipped, js[0]!)) as { probability: number; logit: number };
    expect(Math.abs(viaOnnx.probability - viaJs.probability)).toBeLessThan(1e-6);
    // INT8: the same command with the INT8 file the model folder holds.
    expect(existsSync(join(unzipped, model, 'model-int8.onnx'))).toBe(true);
    const int8 = JSON.parse(
      runAsWritten(unzipped, onnx[0]!.replace('model-fp32.onnx', 'model-int8.onnx')),
    ) as {
      probability: number;
    };
    expect(Math.abs(int8.probability - viaOnnx.probability)).toBeLessThan(0.05);

    // studio predict on the same applicant, written as a CSV.
    const example = JSON.parse(readFileSync(join(unzipped, model, 'example-input.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const names = Object.keys(example);
    writeFileSync(
      join(unzipped, 'applicants.csv'),
      `${names.join(',')}\n${names.map((n) => (typeof example[n] === 'boolean' ? (example[n] ? 'yes' : 'no') : String(example[n]))).join(',')}\n`,
    );
    const predictLines = blocks.find((b) => b.startsWith('studio predict'))!.split('\n');
    const fp32 = JSON.parse(runAsWritten(unzipped, predictLines[0]!.replace(/#.*/, ''))) as {
      rows: { prediction: { probability: number } }[];
    };
    expect(Math.abs(fp32.rows[0]!.prediction.probability - viaOnnx.probability)).toBeLessThan(1e-6);
    const int8Predict = JSON.parse(runAsWritten(unzipped, predictLines[1]!.replace(/#.*/, ''))) as {
      rows: { prediction: { probability: number } }[];
    };
    expect(Math.abs(int8Predict.rows[0]!.prediction.probability - int8.probability)).toBeLessThan(1e-5);
  }, 180_000);

  it('its Python onnxruntime command is valid Python 3 (checked by /usr/bin/python3 with ast)', () => {
    const py = shellBlocks(readme).find((b) => b.startsWith('python3 -c'))!;
    const code = /^python3 -c "([\s\S]*)"$/.exec(py)![1]!;
    const r = spawnSync('/usr/bin/python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {
      input: code,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
  });

  it.skipIf(!hasPythonOrt)(
    `scores with onnxruntime in Python as written${hasPythonOrt ? '' : ' [skipped: onnxruntime is not installed for /usr/bin/python3, and Debian has no python3-onnxruntime package]'}`,
    () => {
      const py = shellBlocks(readme).find((b) => b.startsWith('python3 -c'))!;
      expect(runAsWritten(unzipped, py)).toContain('probability');
    },
  );
});
