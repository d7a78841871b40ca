import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ContentStore } from '../blobs/content-store';

/** A stream written to a temporary file, with its sha256 and size computed on the way. */
export interface StagedBlob {
  path: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Content-addressed files under `<dataDir>/blobs/sha256/<hh>/<hash>`: equal content is stored once.
 * Writes go to `<dataDir>/tmp` first and are renamed into place, so a blob path never holds a partial file.
 */
export class BlobStore implements ContentStore {
  private readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'blobs', 'sha256');
    this.tmp = join(dataDir, 'tmp');
  }

  /** Where the blob with this hash lives (whether or not it exists). */
  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Streams `source` to a temporary file, hashing as it goes; the temp file is removed if the stream fails. */
  async stage(source: Readable): Promise<StagedBlob> {
    await mkdir(this.tmp, { recursive: true });
    const path = join(this.tmp, `upload-${randomUUID()}`);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, tap, createWriteStream(path));
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    return { path, sha256: hash.digest('hex'), sizeBytes };
  }

  /** Moves a staged file into place; `created` is false when that content was already stored. */
  async commit(staged: StagedBlob): Promise<{ created: boolean }> {
    const target = this.pathOf(staged.sha256);
    if (await exists(target)) {
      await rm(staged.path, { force: true });
      return { created: false };
    }
    await mkdir(join(this.root, staged.sha256.slice(0, 2)), { recursive: true });
    await rename(staged.path, target);
    return { created: true };
  }

  /** Deletes a stored blob (used to undo a commit whose database row failed). */
  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /** Every stored blob (files named by a sha256 under the hash folders) with its modification time. */
  async *list(): AsyncIterable<{ sha256: string; modifiedMs: number }> {
    for (const dir of await entries(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of await entries(join(this.root, dir))) {
        if (!/^[0-9a-f]{64}$/.test(name)) continue;
        const s = await stat(join(this.root, dir, name)).catch(() => null);
        if (s) yield { sha256: name, modifiedMs: s.mtimeMs };
      }
    }
  }

  /** Every temporary file with its modification time. */
  async *listTemp(): AsyncIterable<{ path: string; modifiedMs: number }> {
    for (const name of await entries(this.tmp)) {
      const path = join(this.tmp, name);
      const s = await stat(path).catch(() => null);
      if (s?.isFile()) yield { path, modifiedMs: s.mtimeMs };
    }
  }
}

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
