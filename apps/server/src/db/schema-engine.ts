// Dev and test tooling only (its packages are devDependencies): Prisma's schema engine, compiled to
// WebAssembly, diffs schema.prisma against a database or nothing, offline, through our driver adapters.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { DiffTarget, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { UnexpectedError } from '@studio/ir';
import { createAdapterFactory } from './adapter-factory';
import { parseDatabaseUrl, type DatabaseTarget, type Provider } from './database-target';
import { MIGRATIONS_TABLE } from './migrator';
import { prismaDir } from '../repo-paths';

/** The repository's `prisma/schema.prisma`. */
export const schemaPath = join(prismaDir, 'schema.prisma');

// lib ES2023 without DOM types: the one WebAssembly call used here.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let loaded = false;

// The package's entry imports the .wasm as an ES module, which Node does not do; instantiate it by hand.
async function loadWasm(): Promise<void> {
  if (loaded) return;
  const js = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = readFileSync(join(dirname(js), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports as never);
  (instance.exports.__wbindgen_start as () => void)();
  loaded = true;
}

/** schema.prisma as written for one provider (the file itself is written for SQLite). */
export function schemaText(provider: Provider): string {
  return readFileSync(schemaPath, 'utf8').replace(/provider\s*=\s*"sqlite"/, `provider = "${provider}"`);
}

/** The SQL that creates the whole schema on an empty database of that provider. */
export async function sqlFromEmpty(provider: Provider): Promise<string> {
  const target = scratchTarget(provider);
  const result = await withEngine(target, (engine) => diff(engine, { tag: 'empty' }, target, true));
  return result.stdout;
}

/**
 * What the live database lacks or has in excess compared with schema.prisma: `script` gives the SQL that
 * closes the gap, otherwise a readable summary; `exitCode` is 2 when they differ. The migrator's own table is ignored.
 */
export async function diffDatabaseToSchema(
  target: DatabaseTarget,
  script: boolean,
): Promise<{ exitCode: number; stdout: string }> {
  const datasource: DiffTarget = {
    tag: 'schemaDatasource',
    files: [schemaFile(target.provider)],
    configDir: dirname(schemaPath),
  };
  return withEngine(target, (engine) => diff(engine, datasource, target, script));
}

async function diff(
  engine: SchemaEngine,
  from: DiffTarget,
  target: DatabaseTarget,
  script: boolean,
): Promise<{ exitCode: number; stdout: string }> {
  // PostgreSQL wants external tables schema-qualified.
  const external =
    target.provider === 'postgresql' ? `${target.schema}.${MIGRATIONS_TABLE}` : MIGRATIONS_TABLE;
  const result = await engine.diff({
    from,
    to: { tag: 'schemaDatamodel', files: [schemaFile(target.provider)] },
    script,
    exitCode: true,
    filters: { externalTables: [external], externalEnums: [] },
  });
  return { exitCode: result.exitCode, stdout: result.stdout ?? '' };
}

function schemaFile(provider: Provider): { path: string; content: string } {
  return { path: 'schema.prisma', content: schemaText(provider) };
}

// Diffing from nothing reads nothing, but the engine opens a connection of the right provider (on PostgreSQL
// to learn the server version), so it gets an in-memory SQLite or the local PostgreSQL.
function scratchTarget(provider: Provider): DatabaseTarget {
  return provider === 'sqlite'
    ? { provider, url: 'file::memory:', filePath: ':memory:' }
    : parseDatabaseUrl(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test');
}

// adapter-pg 7.10 maps no column type for PostgreSQL's internal one-byte "char" (oid 18), which the engine's
// catalogue queries return (pg_class.relkind and friends); report those columns as text, which they are.
class CatalogueClient extends pg.Client {
  override query(...args: unknown[]): never {
    const retype = (r: pg.QueryResult | undefined) => {
      for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
      return r;
    };
    const last = args.length - 1;
    const callback = args[last];
    // pg-pool passes a callback; direct callers get a promise.
    if (typeof callback === 'function') {
      args[last] = (err: unknown, r: pg.QueryResult | undefined) => callback(err, retype(r));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(retype) : result) as never;
  }
}

function engineAdapterFactory(target: DatabaseTarget): PrismaBetterSqlite3 | PrismaPg {
  if (target.provider === 'sqlite') return createAdapterFactory(target) as PrismaBetterSqlite3;
  return new PrismaPg(
    { connectionString: target.connectionString, Client: CatalogueClient } as pg.PoolConfig,
    {
      schema: target.schema,
    },
  );
}

async function withEngine<T>(target: DatabaseTarget, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(engineAdapterFactory(target));
  let engine: SchemaEngine | undefined;
  try {
    engine = await bg.SchemaEngine.new(
      { datamodels: [['schema.prisma', schemaText(target.provider)]] },
      () => undefined,
      adapter,
    );
    return await fn(engine);
  } catch (e) {
    throw new UnexpectedError('SCHEMA_ENGINE_FAILED', `schema engine: ${(e as Error).message}`);
  } finally {
    engine?.free();
  }
}
