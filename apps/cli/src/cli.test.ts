import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'studio.mjs');
const studio = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('studio command', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'studio-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serve --port 0 prints exactly one ready line with the real port, serves /api/health, stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dataDir, '--no-seed'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: string[] = [];
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
      child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    });
    expect(url).not.toMatch(/:0$/);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
    const projects = await fetch(`${url}/api/projects`);
    expect(await projects.json()).toEqual([]);
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stdout).toEqual([`Studio listening on ${url}`]);
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

  it('answers usage errors with exit 2 and help with exit 0', () => {
    expect(studio('--help').status).toBe(0);
    expect(studio('serve', '--help').stdout).toContain('--no-seed');
    expect(studio('migrate', '--help').status).toBe(0);
    expect(studio().status).toBe(2);
    const unknown = studio('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(studio('serve', '--bogus').status).toBe(2);
    expect(studio('serve', '--port', 'eighty', '--data-dir', dataDir).status).toBe(2);
    expect(studio('migrate', '--database-url', 'mysql://x').status).toBe(2);
  }, 60_000);

  it('exits 3 when PostgreSQL cannot be reached', () => {
    const res = studio('migrate', '--database-url', 'postgresql://postgres@127.0.0.1:1/none');
    expect(res.status).toBe(3);
    expect(res.stderr).toContain('cannot connect');
  }, 30_000);
});
