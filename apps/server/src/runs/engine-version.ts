import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backendInfo } from '@studio/engine';

/** The engine build that trains runs, e.g. "@studio/engine 0.1.0 (avx2, int8 avx512vnni, 2 threads)", recorded with each run. */
export function engineVersion(): string {
  // The package exports only src/index.ts; its package.json is one folder up.
  const entry = fileURLToPath(import.meta.resolve('@studio/engine'));
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const info = backendInfo();
  return `@studio/engine ${version} (${info.simd}, int8 ${info.int8}, ${info.threads} threads)`;
}

/**
 * The backend a starting run may train on: cuda when compiled in and a device is present, else cpu. When
 * the run succeeds it is replaced by where its models did train (logistic solvers always use the CPU).
 */
export function runBackend(): 'cpu' | 'cuda' {
  const info = backendInfo();
  return info.backends.includes('cuda') && info.cuda.devices > 0 ? 'cuda' : 'cpu';
}
