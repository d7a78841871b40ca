import type { Readable } from 'node:stream';

/** A stream written to temporary storage, with its sha256 and size computed on the way. */
export interface StagedContent {
  path: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Content-addressed storage of datasets, models and documents: equal content is stored once under its
 * sha256, and a stored hash never names a partial file. The default is `BlobStore`, a local directory
 * (`<dataDir>/blobs/sha256/<hh>/<hash>`, temp files in `<dataDir>/tmp`); API replicas and workers share it
 * as one volume. Rows name blobs by hash; `sweepBlobs` removes blobs no row names and stale temp files.
 */
export interface ContentStore {
  /** Where the blob with this hash is read from (whether or not it exists). */
  pathOf(sha256: string): string;
  /** Streams content to temporary storage, hashing it; nothing is kept if the stream fails. */
  stage(source: Readable): Promise<StagedContent>;
  /** Moves staged content into place; `created` is false when that content was already stored. */
  commit(staged: StagedContent): Promise<{ created: boolean }>;
  /** Deletes a stored blob. */
  remove(sha256: string): Promise<void>;
  /** Every stored blob with its last modification time (for the sweep). */
  list(): AsyncIterable<{ sha256: string; modifiedMs: number }>;
  /** Every temporary file with its last modification time (for the sweep). */
  listTemp(): AsyncIterable<{ path: string; modifiedMs: number }>;
}
