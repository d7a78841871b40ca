import { parseArgs } from 'node:util';
import { startWorker } from '@studio/server';
import { ExitCode } from './exit-codes';
import { databaseOptions } from './database-options';
import { parseCount } from './options';

export const workerHelp = `Usage: studio worker [options]

Runs jobs (training with evaluation and quantization) from the database's queue until SIGINT/SIGTERM. Start
any number, on any machine that reaches the database and the blob store (the data directory, shared by every
replica and worker). On PostgreSQL jobs travel through pg-boss; on SQLite, through the runs table of that file.
A worker renews a lease on each run it trains; if it dies, another worker takes the run back when the lease
expires. On SIGTERM it hands its runs back to the queue and exits.

Environment:
  STUDIO_JOB_LEASE_MS      lease length (default 30000)
  STUDIO_JOB_HEARTBEAT_MS  heartbeat period (default 5000, at most a third of the lease)
  STUDIO_JOB_ATTEMPTS      claims a run gets before an expired lease marks it interrupted (default 2)
  STUDIO_JOB_RESULT_RETENTION_MS
                           a job's result (export zip, scored CSV) is deleted this long after the job
                           finished (default 604800000, 7 days; 0 keeps results)

Options:
  --concurrency <n>       jobs run at once (default 1)
  --data-dir <dir>        stored files and the default SQLite database (default <repo>/.data)
  --database-url <url>    file:<path> or postgresql://… (default file:<data-dir>/studio.db)
  --log-level <level>     pino level (default info)
  -h, --help              show this help`;

/** A positive integer from a flag. */
export function parseConcurrency(text: string): number {
  return parseCount('concurrency', text, 1, 64);
}

/** `studio worker`: runs until SIGINT/SIGTERM, then hands its runs back and closes. */
export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      concurrency: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(workerHelp);
    return ExitCode.OK;
  }
  const concurrency = parseConcurrency(values.concurrency);
  const app = await startWorker({
    ...databaseOptions(values),
    concurrency,
    logger: { level: values['log-level'], stream: process.stderr },
  });
  // Listen for the signals before saying it runs: whoever reads the line may stop it at once.
  const exit = new Promise<number>((resolveExit) => {
    const stop = () => {
      app.close().then(
        () => resolveExit(ExitCode.OK),
        () => resolveExit(ExitCode.UNEXPECTED),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log(`Studio worker ${app.runs.worker?.id ?? ''} running ${concurrency} job(s) at once`);
  return exit;
}
