import { parseArgs } from 'node:util';
import { migrate, parseDatabaseUrl, redact } from '@studio/server';
import { ExitCode } from './exit-codes';
import { databaseOptions } from './database-options';

export const migrateHelp = `Usage: studio migrate [options]

Applies the committed migrations the database lacks, each in its own transaction. Refuses (exit 3) when an
applied migration was edited afterwards or is unknown to this build.

Options:
  --data-dir <dir>        holds the default SQLite database (default <repo>/.data)
  --database-url <url>    file:<path> or postgresql://… (default file:<data-dir>/studio.db)
  -h, --help              show this help`;

/** `studio migrate`: prints what it applied. */
export async function migrateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(migrateHelp);
    return ExitCode.OK;
  }
  const { databaseUrl } = databaseOptions(values);
  const result = await migrate(parseDatabaseUrl(databaseUrl));
  const where = redact(databaseUrl);
  if (result.applied.length === 0)
    console.log(`${where}: up to date (${result.alreadyApplied.length} migrations applied before)`);
  else console.log(`${where}: applied ${result.applied.join(', ')}`);
  return ExitCode.OK;
}
