import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '@studio/api';
import { main } from './studio';

describe('studio users', () => {
  let dataDir: string;
  let out: string[];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'studio-users-'));
    out = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const users = async (...args: string[]) => {
    out.length = 0;
    const code = await main(['users', ...args, '--data-dir', dataDir]);
    return { code, text: out.join('\n') };
  };

  it('adds with a one-time link, lists, sets roles, disables, resets; refuses a bad role and the last admin', async () => {
    const added = await users(
      'add',
      'ana',
      '--role',
      'analyst',
      '--name',
      'Ana Analyst',
      '--url',
      'https://studio.example',
    );
    expect(added.code).toBe(0);
    expect(added.text).toMatch(
      /ana added as analyst\. One-time sign-in link \(24 h\):\n {2}https:\/\/studio\.example\/api\/auth\/link\/[\w-]{43}$/,
    );
    expect((await users('add', 'boss', '--role', 'admin')).code).toBe(0);
    expect((await users('add', 'x', '--role', 'overlord')).code).toBe(2);

    const listed = JSON.parse((await users('list', '--json')).text) as User[];
    expect(listed.map((u) => [u.username, u.role, u.hasPassword])).toEqual([
      ['ana', 'analyst', false],
      ['boss', 'admin', false],
    ]);

    expect((await users('set-role', 'ana', 'approver')).text).toBe('ana is now approver');
    expect((await users('disable', 'ana')).text).toBe('ana disabled');
    expect((await users('list')).text).toMatch(/^ana\s+approver\s+disabled/m);
    expect((await users('reset-password', 'ana')).text).toMatch(/^ana: password cleared/);
    // The only admin cannot be demoted or disabled.
    const last = await users('set-role', 'boss', 'viewer');
    expect(last.code).toBe(2);
    expect(last.text).toContain('only enabled admin');
    expect((await users('disable', 'nobody')).code).toBe(2);
  }, 60_000);
});
