import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../datasets/blob-store';
import { filesUnder } from '../test-support/files';
import { ArtifactStore } from './artifact-store';

const dir = mkdtempSync(join(tmpdir(), 'artifact-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ArtifactStore', () => {
  it('stores bytes under their sha256 once, leaving no temp file, and removes on request', async () => {
    const blobs = new BlobStore(dir);
    const store = new ArtifactStore(blobs, dir);
    const bytes = new TextEncoder().encode('{"weights":[1,2,3]}');
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(await store.write(bytes)).toEqual({ sha256: sha, sizeBytes: bytes.length, created: true });
    expect(await store.write(bytes)).toEqual({ sha256: sha, sizeBytes: bytes.length, created: false });
    expect(readFileSync(blobs.pathOf(sha))).toEqual(Buffer.from(bytes));
    expect(filesUnder(join(dir, 'tmp'))).toEqual([]);
    await store.remove(sha);
    expect(filesUnder(join(dir, 'blobs'))).toEqual([]);
  });
});
