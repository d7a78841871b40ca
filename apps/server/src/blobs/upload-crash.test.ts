import { statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Project } from '@studio/api';
import { buildApp } from '../app';
import { BlobStore } from '../datasets/blob-store';
import { createPrismaClient } from '../db/prisma-client';
import { crashTestState, filesIn, killChild, startStudioChild } from '../test-support/crash-harness';
import { json } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { sweepBlobs } from './blob-sweep';

describe.each(testProviders)('kill -9 during a dataset upload on %s', (provider) => {
  const crash = crashTestState(provider);

  it('leaves no dataset row, and the sweep removes the half-written temp file', async () => {
    const db = await crash.database();
    const setup = await buildApp({ databaseUrl: db.url, dataDir: db.dataDir, auth: 'local', workers: 0 });
    const project = json<Project>(
      await setup.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Upload crash' } }),
    );
    await setup.close();

    // A server child (this test's own; killed by its PID) receives an upload that never finishes.
    const started = await startStudioChild('api', db.dataDir, db.url);
    crash.child = started.child;
    const url = String(started.ready.url ?? '');
    expect(url).not.toBe('');
    const boundary = '----studiocrash';
    const upload = request(`${url}/api/projects/${project.id}/datasets`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    upload.on('error', () => undefined); // the server dies mid-request
    upload.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    upload.write('age,income,default\n');
    const rows = Array.from({ length: 20_000 }, (_, i) => `${20 + (i % 50)},${1000 + i},${i % 2}`).join('\n');
    upload.write(`${rows}\n`);
    // Wait (bounded) until the server has staged part of the file.
    const tmp = join(db.dataDir, 'tmp');
    const deadline = Date.now() + 20_000;
    while (!filesIn(tmp).some((f) => statSync(f).size > 0) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(filesIn(tmp).length).toBeGreaterThan(0);
    await killChild(crash.child);
    upload.destroy();

    const prisma = createPrismaClient(db.target);
    try {
      expect(await prisma.dataset.count({ where: { projectId: project.id } })).toBe(0);
      expect(filesIn(join(db.dataDir, 'blobs', 'sha256')).length).toBe(0);
      // What the crash left: a temp file, never a blob under a hash. The sweep (no grace here) removes it.
      const report = await sweepBlobs(prisma, new BlobStore(db.dataDir), 0);
      expect(report.tempRemoved).toBeGreaterThan(0);
      expect(filesIn(tmp)).toEqual([]);
    } finally {
      await prisma.$disconnect();
    }
  }, 90_000);
});
