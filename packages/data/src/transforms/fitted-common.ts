import { UserError } from '@studio/ir';
import { columnKernels } from './column-kernels';
import { getColumn, type CategoricalColumn, type Column, type NumericColumn, type Table } from '../table';

/** Columns to fit on: the named ones (checked to exist), or every column of the wanted kind except `exclude`. */
export function pickColumns(
  table: Table,
  names: readonly string[] | undefined,
  want: (c: Column) => boolean,
  exclude: readonly string[] = [],
): Column[] {
  if (names) return names.map((n) => getColumn(table, n));
  return table.columns.filter((c) => want(c) && !exclude.includes(c.name));
}

/** The numeric column named `name`; a user error when it holds text. */
export function numericColumn(table: Table, name: string, transform: string): NumericColumn {
  const c = getColumn(table, name);
  if (c.type === 'categorical') {
    throw new UserError(
      'TRANSFORM_NEEDS_NUMBERS',
      `${transform} needs numbers, but column "${name}" holds text. Encode it first (one-hot or WOE) or leave it out.`,
      { column: name, transform },
    );
  }
  return c;
}

/** The text column named `name`; a user error when it holds numbers. */
export function categoricalColumn(table: Table, name: string): CategoricalColumn {
  const c = getColumn(table, name);
  if (c.type !== 'categorical') {
    throw new UserError(
      'TRANSFORM_NEEDS_CATEGORIES',
      `Column "${name}" must hold text categories here but holds ${c.type} values. Set its type to categorical when reading the data (as it was for training), or leave it out of this step.`,
      { column: name },
    );
  }
  return c;
}

/** Throws when a serialized transform has another kind or a version this build cannot read. */
export function assertFittedVersion(
  f: { kind: string; version: number },
  kind: string,
  version: number,
): void {
  if (f.kind !== kind || f.version !== version) {
    throw new UserError(
      'TRANSFORM_VERSION_UNSUPPORTED',
      `This model was saved with a ${f.kind} transform version ${f.version}, which this Studio cannot read (it reads ${kind} v${version}). Retrain the model or upgrade the Studio.`,
      { kind: f.kind, version: f.version },
    );
  }
}

/**
 * Adds one to `counts[k]` for each present code k (gaps, −1, skipped): an indexed loop, because for-of over a
 * typed array runs the iterator protocol per value until the function is optimised, which a fresh process
 * running it once never waits for.
 */
export function countCodes(codes: Int32Array, counts: Float64Array): void {
  const kernels = columnKernels();
  if (kernels) {
    // The native count, of every code + 1 (a gap first), then shifted: the same counts of codes ≥ 0.
    const all = new Float64Array(counts.length + 1);
    kernels.codeCounts(codes, all);
    for (let k = 0; k < counts.length; k++) counts[k] = counts[k]! + all[k + 1]!;
    return;
  }
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i]!;
    if (k >= 0) counts[k]!++;
  }
}
