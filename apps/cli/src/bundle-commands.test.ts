import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, defaultDatabaseUrl, migrate, parseDatabaseUrl, seedDemo } from '@studio/server';
import { main } from './studio';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'studio.mjs');
const studio = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
const demoCsv = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'prisma',
  'seed',
  'german_credit.csv',
);

interface PredictJson {
  model: { version: number; artifactHash: string };
  rows: {
    row: number;
    prediction?: { probability: number; riskBand: string; reasons: unknown[] };
    problems?: unknown[];
  }[];
  failed: number;
}

/** The cells of one CSV line (RFC 4180 quotes), as text. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

describe('studio train, export, import, predict', () => {
  let dir: string;
  let projectId: string;
  let runId: string;
  const dataDir = () => join(dir, 'data');
  const bundle = () => join(dir, 'demo.zip');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studio-cli-bundle-'));
    const databaseUrl = defaultDatabaseUrl(dataDir());
    await migrate(parseDatabaseUrl(databaseUrl));
    const app = await buildApp({ databaseUrl, dataDir: dataDir(), webDist: null, auth: 'local' });
    await app.ready();
    await seedDemo(app);
    projectId = (await app.prisma.project.findFirstOrThrow()).id;
    await app.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains a project by id, exports it, and scores a CSV from the bundle with --json', () => {
    const train = studio('train', projectId, '--data-dir', dataDir(), '--json');
    expect(train.status, train.stderr).toBe(0);
    const run = JSON.parse(train.stdout) as { id: string; status: string; evaluation: { auc: number } };
    expect(run.status).toBe('succeeded');
    runId = run.id;
    expect(run.evaluation.auc).toBeGreaterThan(0.7);

    const exported = studio(
      'export',
      projectId,
      '-o',
      bundle(),
      '--include-data',
      '--data-dir',
      dataDir(),
      '--json',
    );
    expect(exported.status, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      file: bundle(),
      bytes: readFileSync(bundle()).length,
    });

    const predicted = studio('predict', bundle(), demoCsv, '--json');
    expect(predicted.status, predicted.stderr).toBe(0);
    const out = JSON.parse(predicted.stdout) as PredictJson;
    expect(out.rows).toHaveLength(1000);
    expect(out.failed).toBe(0);
    expect(out.model.artifactHash).toMatch(/^[0-9a-f]{64}$/);
    const p = out.rows[0]!.prediction!;
    expect(p.probability).toBeGreaterThan(0);
    expect(p.riskBand).toMatch(/^[A-E]$/);
  }, 180_000);

  it("writes a run's ONNX and generated code; the JavaScript scorer runs on plain node and matches studio predict", () => {
    const onnx = join(dir, 'model.onnx');
    const exported = studio('export-onnx', runId, '-o', onnx, '--data-dir', dataDir(), '--json');
    expect(exported.status, exported.stderr).toBe(0);
    const bytes = readFileSync(onnx);
    expect(JSON.parse(exported.stdout)).toMatchObject({ files: [{ file: onnx, bytes: bytes.length }] });
    // An ONNX ModelProto starts with field 1 (ir_version, varint).
    expect(bytes[0]).toBe(0x08);
    const int8 = studio(
      'export-onnx',
      runId,
      '-o',
      join(dir, 'int8.onnx'),
      '--precision',
      'int8',
      '--data-dir',
      dataDir(),
    );
    expect(int8.status).not.toBe(0);
    expect(int8.stderr).toContain('Quantize');

    const code = join(dir, 'code');
    const js = studio('codegen', runId, '--lang', 'js', '-o', code, '--data-dir', dataDir());
    expect(js.status, js.stderr).toBe(0);
    expect(readFileSync(join(code, 'scorer.d.mts'), 'utf8')).toContain('export declare function score(');
    const py = studio('codegen', runId, '--lang', 'python', '-o', code, '--data-dir', dataDir());
    expect(py.status, py.stderr).toBe(0);
    expect(readFileSync(join(code, 'train.py'), 'utf8')).toContain('import torch');

    // Score the first 20 CSV rows (cells as the CSV's own text) with plain node, no build step.
    const [header, ...lines] = readFileSync(demoCsv, 'utf8').trim().split(/\r?\n/);
    const names = splitCsvLine(header!);
    const records = lines.slice(0, 20).map((l) => {
      const cells = splitCsvLine(l);
      return Object.fromEntries(
        names.map((n, i) => [n, cells[i]!]).filter(([n]) => n !== 'creditability'),
      ) as Record<string, string>;
    });
    writeFileSync(join(code, 'records.json'), JSON.stringify(records));
    const scored = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { readFileSync } from 'node:fs'; import { score } from './scorer.mjs';" +
          "console.log(JSON.stringify(JSON.parse(readFileSync('records.json', 'utf8')).map((r) => score(r).probability)));",
      ],
      { cwd: code, encoding: 'utf8' },
    );
    expect(scored.status, scored.stderr).toBe(0);
    const generated = JSON.parse(scored.stdout) as number[];
    const predicted = JSON.parse(studio('predict', bundle(), demoCsv, '--json').stdout) as PredictJson;
    generated.forEach((p, i) =>
      expect(Math.abs(p - predicted.rows[i]!.prediction!.probability)).toBeLessThan(1e-5),
    );

    const bad = studio('codegen', runId, '--lang', 'rust', '-o', code, '--data-dir', dataDir());
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--lang must be ts, js or python');
  }, 180_000);

  it('predict starts from a cached JavaScript bundle without the database client or the web server', () => {
    const started = process.hrtime.bigint();
    const res = spawnSync(process.execPath, [bin, 'predict', bundle(), demoCsv, '-o', join(dir, 'all.csv')], {
      encoding: 'utf8',
    });
    expect(res.status, res.stderr).toBe(0);
    console.log(`studio predict, 1000 rows, wall ${Number(process.hrtime.bigint() - started) / 1e6} ms`);
    const cache = join(dirname(bin), '..', '.cache', 'predict');
    const inputs = (
      JSON.parse(readFileSync(join(cache, 'inputs.json'), 'utf8')) as { inputs: [string][] }
    ).inputs.map(([f]) => f);
    expect(inputs.some((f) => f.endsWith('bundle-scorer.ts'))).toBe(true);
    expect(inputs.filter((f) => /\/generated\/|\/app\.ts$|serve-command|open-studio/.test(f))).toEqual([]);
    const code = readdirSync(cache)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(cache, f), 'utf8'))
      .join('\n');
    expect(code).not.toMatch(/from ["'][^"']*(fastify|@prisma)[^"']*["']/);
  });

  it('predict --precision int8 without a Quantize node says so (exit 5); predict --server scores with a deployment like the bundle', async () => {
    const int8 = studio('predict', bundle(), demoCsv, '--precision', 'int8');
    expect(int8.status).toBe(5);
    expect(int8.stderr).toContain('no INT8 model');

    const app = await buildApp({
      databaseUrl: defaultDatabaseUrl(dataDir()),
      dataDir: dataDir(),
      webDist: null,
      auth: 'local',
    });
    try {
      const deployed = await app.inject({
        method: 'POST',
        url: `/api/runs/${runId}/deploy`,
        payload: { slug: 'cli-remote' },
      });
      expect(deployed.statusCode, deployed.body).toBe(201);
      const key = (
        JSON.parse(
          (
            await app.inject({
              method: 'POST',
              url: `/api/deployments/${(JSON.parse(deployed.body) as { id: string }).id}/keys`,
            })
          ).body,
        ) as { key: string }
      ).key;
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      // The server runs in this process: the CLI must not block it (spawn, not spawnSync).
      const child = spawn(
        process.execPath,
        [bin, 'predict', '--server', url, '--key', key, 'cli-remote', demoCsv, '--json'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      expect(code, err).toBe(0);
      const remote = JSON.parse(out) as PredictJson;
      const offline = JSON.parse(studio('predict', bundle(), demoCsv, '--json').stdout) as PredictJson;
      expect(remote.rows).toHaveLength(1000);
      remote.rows.forEach((r, i) =>
        expect(r.prediction!.probability).toBe(offline.rows[i]!.prediction!.probability),
      );
    } finally {
      await app.close();
    }
  }, 120_000);

  it('writes CSV output, refuses bad rows with exit 5 and keeps the good ones', () => {
    const lines = readFileSync(demoCsv, 'utf8').split(/\r?\n/).slice(0, 4);
    lines[2] = lines[2]!.replace(/,(\d+),/, ',lots,');
    const csv = join(dir, 'few.csv');
    writeFileSync(csv, lines.join('\n') + '\n');
    const out = join(dir, 'scored.csv');
    const res = studio('predict', bundle(), csv, '-o', out);
    expect(res.status).toBe(5);
    expect(res.stderr).toContain('1 of 3 rows were refused');
    const scored = readFileSync(out, 'utf8').trim().split('\n');
    expect(scored[0]).toBe('row,probability,score,risk_band,reason_1,reason_2,reason_3,reason_4,error');
    expect(scored).toHaveLength(4);
    expect(scored[2]).toMatch(/^1,,,,,,,,duration_in_month:wrong_type$/);
    expect(scored[1]).toMatch(/^0,0\.\d+,/);
  }, 60_000);

  it('imports the bundle into another database and trains it from the bundle; damaged bundles exit 5', () => {
    const other = join(dir, 'other');
    const imported = studio('import', bundle(), '--data-dir', other, '--json');
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ name: 'German credit demo', headVersion: 1 });

    const trained = studio('train', bundle(), '--data-dir', other);
    expect(trained.status, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/succeeded in [\d.]+ s: AUC 0\.\d{4}/);

    const broken = join(dir, 'broken.zip');
    writeFileSync(broken, 'not a zip');
    const refused = studio('import', broken, '--data-dir', other);
    expect(refused.status).toBe(5);
    expect(refused.stderr).toContain('not a readable zip');
    expect(studio('predict', broken, demoCsv).status).toBe(5);
    expect(studio('predict', join(dir, 'missing.zip'), demoCsv).status).toBe(2);
  }, 180_000);

  it('documents each command and answers usage errors with exit 2', async () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const command of ['train', 'export', 'import', 'predict', 'export-onnx', 'codegen'])
        expect(await main([command, '--help'])).toBe(0);
      expect(out.mock.calls.flat().join('\n')).toContain('Exits 0 when every row was scored');
      expect(await main(['help'])).toBe(0);
      expect(out.mock.calls.flat().join('\n')).toMatch(/predict +score a CSV/);
      expect(await main(['predict', 'only-one-arg'])).toBe(2);
      expect(await main(['export', 'p1'])).toBe(2);
      expect(await main(['predict', 'a.zip', 'b.csv', '--run', 'zero'])).toBe(2);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }, 60_000);
});
