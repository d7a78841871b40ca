import { createHash, randomUUID } from 'node:crypto';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BlobStore } from '../datasets/blob-store';

/** A stored artifact file: its content hash, size and whether this call created it. */
export interface StoredArtifact {
  sha256: string;
  sizeBytes: number;
  created: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes run outputs into the content-addressed blob layout (`<dataDir>/blobs/sha256/<hh>/<hash>`) durably:
 * temp file, fsync, rename, fsync of the folder. A crash leaves either no file or the whole file under its
 * hash, never a partial one that could be taken for a finished model.
 */
export class ArtifactStore {
  private readonly tmp: string;

  constructor(
    private readonly blobs: BlobStore,
    dataDir: string,
  ) {
    this.tmp = join(dataDir, 'tmp');
  }

  /** Stores `bytes` under their sha256 (once per content). */
  async write(bytes: Uint8Array): Promise<StoredArtifact> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.blobs.pathOf(sha256);
    if (await exists(target)) return { sha256, sizeBytes: bytes.length, created: false };
    await mkdir(this.tmp, { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    const temp = join(this.tmp, `artifact-${randomUUID()}`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
      await syncPath(dirname(target));
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    return { sha256, sizeBytes: bytes.length, created: true };
  }

  /** Deletes a stored artifact (undoing a write whose database rows failed). */
  async remove(sha256: string): Promise<void> {
    await this.blobs.remove(sha256);
  }
}
