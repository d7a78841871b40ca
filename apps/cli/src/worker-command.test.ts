import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExitCode } from './exit-codes';
import { main } from './studio';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'studio.mjs');

describe('studio worker', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('explains itself and refuses a concurrency that is not a positive integer', async () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['worker', '--help'])).toBe(ExitCode.OK);
    expect(String(out.mock.calls[0]?.[0])).toContain('--concurrency <n>');
    expect(await main(['worker', '--concurrency', '0'])).toBe(ExitCode.USAGE);
    expect(String(err.mock.calls.at(-1)?.[0])).toContain('--concurrency must be an integer from 1 to 64');
  });

  it('runs on its store until SIGTERM, then hands back its runs and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-worker-'));
    dirs.push(dir);
    const child = spawn(process.execPath, [bin, 'worker', '--data-dir', dir, '--concurrency', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    try {
      for await (const line of createInterface({ input: child.stdout })) {
        expect(line).toMatch(/^Studio worker \S+ running 2 job\(s\) at once$/);
        break;
      }
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(ExitCode.OK);
    } finally {
      clearTimeout(timer);
    }
  }, 90_000);
});
