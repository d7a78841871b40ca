import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetSource } from '../execute/execute-plan';

/** Absolute path of a shared reference dataset (../shared/datasets from the repository root). */
export function sharedDataset(name: string): string {
  return join(import.meta.dirname, '../../../../../shared/datasets', name);
}

/** A `loadDataset` that serves files by path: the dataset id is the path. */
export async function loadByPath(path: string): Promise<DatasetSource> {
  return { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}
