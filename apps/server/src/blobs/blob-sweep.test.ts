import { mkdirSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/seed';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { sweepBlobs } from './blob-sweep';

const HOUR = 3_600_000;

describe.each(testProviders)('blob store sweep on %s', (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(provider, { workers: 0 });
    await seedDemo(t.app);
  });
  afterAll(async () => t?.close());

  /** A file as a crash leaves it: written, never named by a row, last touched `ageMs` ago. */
  const leftover = (path: string, ageMs: number) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'half');
    const at = new Date(Date.now() - ageMs);
    utimesSync(path, at, at);
    return path;
  };

  it('removes old temp files and blobs no row names, and keeps named, young and in-flight files', async () => {
    const blobs = t.app.datasets.blobs;
    const hash = (s: string) => createHash('sha256').update(s).digest('hex');
    const oldTemp = leftover(join(t.db.dataDir, 'tmp', 'upload-killed'), 2 * HOUR);
    const youngTemp = leftover(join(t.db.dataDir, 'tmp', 'upload-in-flight'), 1000);
    const orphan = leftover(blobs.pathOf(hash('orphan')), 2 * HOUR);
    const youngOrphan = leftover(blobs.pathOf(hash('young')), 1000);
    const dataset = await t.app.prisma.dataset.findFirstOrThrow();
    const named = blobs.pathOf(dataset.sha256);
    const at = new Date(Date.now() - 2 * HOUR);
    utimesSync(named, at, at);

    const report = await sweepBlobs(t.app.prisma, blobs, HOUR);
    expect(report).toMatchObject({ tempRemoved: 1, orphansRemoved: 1 });
    expect([oldTemp, orphan].map(existsSync)).toEqual([false, false]);
    expect([youngTemp, youngOrphan, named].map(existsSync)).toEqual([true, true, true]);
    // A second sweep (or another replica's) finds nothing more.
    expect(await sweepBlobs(t.app.prisma, blobs, HOUR)).toMatchObject({ tempRemoved: 0, orphansRemoved: 0 });
  });
});
