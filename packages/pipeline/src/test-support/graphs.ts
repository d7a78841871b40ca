import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DatasetSource } from '../execute/execute-plan';

/** The repository's one `sharedDataset` (packages/test-support). */
export { sharedDataset } from '@studio/test-support';

/** A `loadDataset` that serves files by path: the dataset id is the path. */
export async function loadByPath(path: string): Promise<DatasetSource> {
  return { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}
