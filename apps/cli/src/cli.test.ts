import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './studio';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'studio.mjs');
const studio = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server');

/** Runs a snippet with the server package's dependencies (better-sqlite3, pg), which the CLI does not import directly. */
const withServerDeps = (code: string) =>
  spawnSync('node', ['-e', code], { cwd: serverDir, encoding: 'utf8', timeout: 30_000 });

/** Starts `studio serve`, resolves once its ready line names the URL; `stop()` sends SIGTERM and returns the exit code. */
async function serve(
  args: string[],
): Promise<{ url: string; stdout: string[]; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('serve did not print its ready line within 60 s')),
      60_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout.push(line);
      const m = /^Studio listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) =>
      reject(new Error(`serve exited early with ${code}: ${stderr.join('').slice(-2000)}`)),
    );
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    url,
    stdout,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Opens the one-time link a first start printed; answers the session cookie it set. */
async function signInByLink(stdout: string[]): Promise<string> {
  const link = /(http:\/\/\S+\/api\/auth\/link\/\S+)/.exec(stdout.join('\n'))?.[1];
  expect(link, stdout.join('\n')).toBeDefined();
  const res = await fetch(link!, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

describe('studio command', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'studio-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serve --port 0 prints the first admin’s one-time link and one ready line, serves /api/health, needs a sign-in for the rest, stops cleanly on SIGTERM', async () => {
    const { url, stdout, stop } = await serve(['--data-dir', dataDir, '--no-seed']);
    expect(url).not.toMatch(/:0$/);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite', singleUser: false });
    // Every /api route needs a sign-in; the first start printed the admin's one-time link.
    expect((await fetch(`${url}/api/projects`)).status).toBe(401);
    const projects = await fetch(`${url}/api/projects`, { headers: { cookie: await signInByLink(stdout) } });
    expect(await projects.json()).toEqual([]);
    expect(await stop()).toBe(0);
    expect(stdout).toEqual([
      expect.stringMatching(/^First start: no admin can sign in yet/),
      expect.stringMatching(new RegExp(`^  ${url}/api/auth/link/[\\w-]+$`)),
      `Studio listening on ${url}`,
    ]);
  }, 90_000);

  it('migrate applies once, then reports up to date; refuses an edited history with exit 3', () => {
    const first = studio('migrate', '--data-dir', dataDir);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('applied 0001_init');
    const second = studio('migrate', '--data-dir', dataDir);
    expect(second.stdout).toContain('up to date');

    // Simulate a database migrated by a build whose 0001 differed: its recorded checksum no longer matches.
    const db = join(dataDir, 'studio.db');
    const tamper = spawnSync(
      'node',
      [
        '-e',
        `const D=require('better-sqlite3');const d=new D(${JSON.stringify(db)});d.prepare("UPDATE _studio_migrations SET checksum='x'").run()`,
      ],
      {
        cwd: join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server'),
        encoding: 'utf8',
      },
    );
    expect(tamper.status, tamper.stderr).toBe(0);
    const refused = studio('migrate', '--data-dir', dataDir);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain('was changed after it was applied');
  }, 60_000);

  // Commands load on first use (lazy imports): the first --help of each pays for its module.
  it('answers usage errors with exit 2 and help with exit 0', async () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['--help'])).toBe(0);
      expect(await main(['serve', '--help'])).toBe(0);
      expect(out.mock.calls.flat().join('\n')).toContain('--no-seed');
      expect(await main(['migrate', '--help'])).toBe(0);
      expect(await main([])).toBe(2);
      expect(await main(['frobnicate'])).toBe(2);
      expect(err.mock.calls.flat().join('\n')).toContain('unknown command "frobnicate"');
      expect(await main(['serve', '--bogus'])).toBe(2);
      expect(await main(['serve', '--port', 'eighty', '--data-dir', dataDir])).toBe(2);
      expect(await main(['migrate', '--database-url', 'mysql://x'])).toBe(2);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }, 60_000);

  it('--server URL --token T: import, export, train, export-onnx and codegen go through the running Studio, not a second database', async () => {
    const { url, stdout, stop } = await serve(['--data-dir', dataDir]);
    const elsewhere = mkdtempSync(join(tmpdir(), 'studio-cli-nowhere-'));
    // If a command fell back to offline mode it would create a database here; nothing may appear.
    const env = { ...process.env, STUDIO_DATA_DIR: join(elsewhere, 'data') };
    const remote = (...args: string[]) =>
      spawnSync(process.execPath, [bin, '--server', url, '--token', token, ...args], {
        encoding: 'utf8',
        timeout: 120_000,
        env,
      });
    let token = '';
    try {
      const cookie = await signInByLink(stdout);
      const api = (path: string, init: RequestInit = {}) =>
        fetch(`${url}${path}`, {
          ...init,
          headers: { cookie, origin: url, 'content-type': 'application/json', ...init.headers },
        });
      const created = await api('/api/tokens', {
        method: 'POST',
        body: JSON.stringify({ name: 'cli', scope: 'write', expiresInDays: 1 }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      token = ((await created.json()) as { token: string }).token;
      const projects = async () =>
        (await (await api('/api/projects')).json()) as { id: string; name: string }[];
      const [demo] = await projects();

      const trained = remote('train', demo!.id, '--json');
      expect(trained.status, trained.stderr).toBe(0);
      const run = JSON.parse(trained.stdout) as { id: string; status: string };
      expect(run.status).toBe('succeeded');
      expect(trained.stderr).not.toContain('offline');

      const zip = join(elsewhere, 'demo.zip');
      const exported = remote('export', demo!.id, '-o', zip, '--include-data', '--json');
      expect(exported.status, exported.stderr).toBe(0);
      const imported = remote('import', zip, '--json');
      expect(imported.status, imported.stderr).toBe(0);
      const copy = JSON.parse(imported.stdout) as { id: string };
      expect((await projects()).map((p) => p.id)).toContain(copy.id);

      const onnx = remote('export-onnx', run.id, '-o', join(elsewhere, 'm.onnx'), '--json');
      expect(onnx.status, onnx.stderr).toBe(0);
      const code = remote('codegen', run.id, '--lang', 'js', '-o', join(elsewhere, 'code'));
      expect(code.status, code.stderr).toBe(0);
      expect(spawnSync('ls', [join(elsewhere, 'code')], { encoding: 'utf8' }).stdout.split('\n')).toEqual(
        expect.arrayContaining(['scorer.mjs', 'scorer.d.mts']),
      );
      expect(spawnSync('ls', [elsewhere], { encoding: 'utf8' }).stdout).not.toContain('data');

      // A wrong token is the Studio's own 401, with its code; an unreachable Studio exits 3 and says so.
      token = 'spat_wrong';
      const refused = remote('export', demo!.id, '-o', zip);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/token|sign in/i);
      const gone = spawnSync(
        process.execPath,
        [bin, '--server', 'http://127.0.0.1:9', 'export', demo!.id, '-o', zip],
        { encoding: 'utf8', timeout: 30_000 },
      );
      expect(gone.status).toBe(3);
      expect(gone.stderr).toContain('cannot reach the Studio at http://127.0.0.1:9');
    } finally {
      expect(await stop()).toBe(0);
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 240_000);

  it('offline commands say which data dir they use: $STUDIO_DATA_DIR as studio serve, else <repo>/.data; --version', () => {
    const res = spawnSync(
      process.execPath,
      [bin, 'export', 'no-such-project', '-o', join(dataDir, 'x.zip')],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, STUDIO_DATA_DIR: dataDir },
      },
    );
    expect(res.stderr).toContain(
      `studio: offline, data dir ${dataDir}, database file:${join(dataDir, 'studio.db')}`,
    );
    expect(res.status).toBe(2);
    const version = studio('--version');
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^studio \d+\.\d+\.\d+\n$/);
  }, 60_000);

  it('exits 2 through the real binary too', () => {
    const res = studio('frobnicate');
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('unknown command');
  }, 30_000);

  it('exits 3 when PostgreSQL cannot be reached', () => {
    const res = studio('migrate', '--database-url', 'postgresql://postgres@127.0.0.1:1/none');
    expect(res.status).toBe(3);
    expect(res.stderr).toContain('cannot connect');
  }, 30_000);

  it.skipIf(process.env.STUDIO_SKIP_PG === '1')(
    'serves from PostgreSQL, seeding the demo into its own schema',
    async () => {
      const base = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
      const schema = `t_cli_${process.pid}`;
      const url = `${base}${base.includes('?') ? '&' : '?'}schema=${schema}`;
      try {
        const server = await serve(['--data-dir', dataDir, '--database-url', url]);
        expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({
          status: 'ok',
          database: 'postgresql',
          singleUser: false,
        });
        const cookie = await signInByLink(server.stdout);
        const projects = (await (
          await fetch(`${server.url}/api/projects`, { headers: { cookie } })
        ).json()) as {
          name: string;
        }[];
        expect(projects.map((p) => p.name)).toEqual(['German credit demo']);
        expect(await server.stop()).toBe(0);
      } finally {
        const drop = withServerDeps(
          `const pg=require('pg');const c=new pg.Client(${JSON.stringify(base)});c.connect().then(()=>c.query('DROP SCHEMA IF EXISTS "${schema}" CASCADE')).then(()=>c.query('DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE')).then(()=>c.end())`,
        );
        expect(drop.status, drop.stderr).toBe(0);
      }
    },
    90_000,
  );
});
