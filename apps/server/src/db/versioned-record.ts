import { OperationalError, UnexpectedError } from '@studio/ir';
import { z } from 'zod';

// tldraw's record style for the JSON the database keeps: every stored record carries its version `v`, each
// version has a zod schema, and a record of an older version is migrated one step at a time on read. Writers
// always write the current version, so nothing rewrites old rows; reads go through `parse` and nowhere else.

/** Migrates a stored record of one version to the next, after checking it against its version's schema. */
export interface MigrationStep {
  readonly from: number;
  up(stored: unknown): unknown;
}

/** The step from version `from` to `from + 1`: `up` receives the stored value as `schema` reads it. */
export function migrationStep<S extends z.ZodType, Next>(
  from: number,
  schema: S,
  up: (old: z.output<S>) => Next,
): MigrationStep {
  return { from, up: (stored) => up(schema.parse(stored)) };
}

export interface VersionedRecordSpec<S extends z.ZodType> {
  /** What the record is, for error messages: "run facts". */
  name: string;
  /** The current version; the only one writers write. */
  version: number;
  /** The current version's schema (it includes `v: z.literal(version)`). */
  schema: S;
  /** Steps from every older version, oldest first: 1 → 2, 2 → 3, … → `version`. */
  steps: MigrationStep[];
  /** The version of a record stored before records carried `v` (undefined: not a record of this kind). */
  legacyVersion?: (stored: Record<string, unknown>) => number | undefined;
}

/** A kind of stored JSON record: `parse` reads any known version, `current` stamps the version on a write. */
export interface VersionedRecord<T> {
  readonly name: string;
  readonly version: number;
  /** The record as the current version, whatever version it was stored at; `where` names the row in errors. */
  parse(stored: unknown, where: string): T;
}

export function versionedRecord<S extends z.ZodType>(
  spec: VersionedRecordSpec<S>,
): VersionedRecord<z.output<S>> {
  const steps = new Map(spec.steps.map((s) => [s.from, s]));
  for (let v = 1; v < spec.version; v++)
    if (!steps.has(v))
      throw new UnexpectedError(
        'RECORD_MIGRATION_MISSING',
        `${spec.name} has no migration from version ${v}`,
      );
  const fail = (where: string, version: number, e: unknown): never => {
    const issue = e instanceof z.ZodError ? e.issues[0] : undefined;
    const at = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : String(e);
    throw new UnexpectedError(
      'STORED_RECORD_INVALID',
      `${where}: the stored ${spec.name} (version ${version}) is not valid at ${at}`,
      { record: spec.name, version },
    );
  };
  return {
    name: spec.name,
    version: spec.version,
    parse(stored, where) {
      const version = versionOf(stored, spec);
      if (version === undefined)
        throw new UnexpectedError(
          'STORED_RECORD_INVALID',
          `${where}: the stored ${spec.name} carries no version (a whole number "v" from 1)`,
          { record: spec.name },
        );
      if (version > spec.version)
        throw new OperationalError(
          'STORED_RECORD_TOO_NEW',
          `${where}: the stored ${spec.name} is version ${version}, but this Studio reads versions up to ${spec.version}. ` +
            'A newer Studio wrote it: run that version (or newer) against this database.',
          { record: spec.name, version, supported: spec.version },
        );
      let value = stored;
      for (let v = version; v < spec.version; v++) {
        try {
          value = steps.get(v)!.up(value);
        } catch (e) {
          fail(where, v, e);
        }
      }
      const result = spec.schema.safeParse(value);
      return result.success ? result.data : fail(where, spec.version, result.error);
    },
  };
}

function versionOf(stored: unknown, spec: VersionedRecordSpec<z.ZodType>): number | undefined {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
  const record = stored as Record<string, unknown>;
  if ('v' in record) {
    const v = record.v;
    return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
  }
  return spec.legacyVersion?.(record);
}
