import { parseArgs } from 'node:util';
import { parseDatabaseUrl, redact, verifyAuditChain } from '@studio/server';
import { ExitCode } from './exit-codes';
import { databaseOptions } from './database-options';

export const auditHelp = `Usage: studio audit verify [options]

Recomputes the audit trail's hash chain (sha256 of each canonical event and the previous hash) and names the
first event that does not verify: changed, removed, or written around the chain. Exit 0 when intact, 7 when not.

Options:
  --data-dir <dir>        holds the default SQLite database (default <repo>/.data)
  --database-url <url>    file:<path> or postgresql://… (default file:<data-dir>/studio.db)
  --json                  print the verification as JSON
  -h, --help              show this help`;

/** `studio audit verify`. */
export async function auditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    console.log(auditHelp);
    return sub === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  if (sub !== 'verify') {
    console.error(`studio audit: unknown subcommand "${sub}"\n\n${auditHelp}`);
    return ExitCode.USAGE;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(auditHelp);
    return ExitCode.OK;
  }
  const { databaseUrl } = databaseOptions(values);
  const v = await verifyAuditChain(parseDatabaseUrl(databaseUrl));
  if (values.json) console.log(JSON.stringify(v, null, 2));
  else if (v.ok)
    console.log(
      `${redact(databaseUrl)}: audit chain intact, ${v.count} events, head #${v.headSeq ?? 0} ${v.headHash ?? '(empty)'}`,
    );
  else
    console.error(
      `${redact(databaseUrl)}: audit chain BROKEN at event #${v.firstBroken!.seq}: ${v.firstBroken!.message}`,
    );
  return v.ok ? ExitCode.OK : ExitCode.AUDIT_BROKEN;
}
