import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { BlobStore } from '../datasets/blob-store';
import { createPrismaClient } from '../db/prisma-client';
import { seedDemo } from '../seed/seed';
import {
  blobHashes,
  crashTestState,
  killChild,
  startStudioChild,
  sweptBlobState,
} from '../test-support/crash-harness';
import { testProviders } from '../test-support/test-database';
import { trainHead } from '../test-support/trained-runs';

describe.each(testProviders)('kill -9 during a deploy on %s', (provider) => {
  const crash = crashTestState(provider);

  it('leaves no deployment without its model blob, and no blob without its row after the sweep', async () => {
    const db = await crash.database();
    const setup = await buildApp({ databaseUrl: db.url, dataDir: db.dataDir, auth: 'local', workers: 1 });
    await setup.ready();
    await seedDemo(setup);
    const project = await setup.prisma.project.findFirstOrThrow();
    const run = await trainHead(setup, project.id);
    expect(run.status).toBe('succeeded');
    await setup.close();
    const before = new Set(blobHashes(db.dataDir));

    // An API replica (this test's child) deploys on the ONNX runtime, which writes a new model blob and then
    // its rows; it is killed as soon as the new blob is in the store (before or just after its row commits).
    const started = await startStudioChild('api', db.dataDir, db.url);
    crash.child = started.child;
    const deploying = fetch(`${String(started.ready.url)}/api/runs/${run.id}/deploy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'crash-deploy', runtime: 'onnx' }),
    }).then(
      () => 'answered',
      () => 'dropped',
    );
    let answered = false;
    void deploying.then((s) => (answered = s === 'answered'));
    const deadline = Date.now() + 30_000;
    while (!answered && Date.now() < deadline && blobHashes(db.dataDir).every((h) => before.has(h)))
      await new Promise((r) => setTimeout(r, 2));
    await killChild(crash.child);
    crash.child = null;

    const prisma = createPrismaClient(db.target);
    try {
      const store = new BlobStore(db.dataDir);
      // No row without its blob: every deployment's served artifact is stored.
      const deployments = await prisma.deployment.findMany({ include: { artifact: true } });
      for (const d of deployments) expect(existsSync(store.pathOf(d.artifact.sha256))).toBe(true);
      // No blob without its row after the sweep (and no temp file).
      const state = await sweptBlobState(prisma, db.dataDir);
      expect(state.unnamed).toEqual([]);
      expect(state.missing).toEqual([]);
      expect(state.temp).toEqual([]);
    } finally {
      await prisma.$disconnect();
    }
  }, 60_000);
});
