import { parseArgs } from 'node:util';
import { start } from '@studio/server';
import { ExitCode } from './exit-codes';
import { databaseOptions, parsePort } from './options';

export const serveHelp = `Usage: studio serve [options]

Migrates the database, seeds the demo project, and serves the API and the web app from one process.
Prints "Studio listening on http://<host>:<port>" on stdout when ready; logs go to stderr.

Options:
  --host <host>           interface to listen on (default 127.0.0.1)
  --port <port>           port; 0 picks a free one (default 5174)
  --data-dir <dir>        stored files and the default SQLite database (default <repo>/.data)
  --database-url <url>    file:<path> or postgresql://… (default file:<data-dir>/studio.db)
  --no-seed               do not create the German credit demo project
  --log-level <level>     pino level: fatal, error, warn, info, debug, trace (default info)
  -h, --help              show this help`;

/** `studio serve`: runs until SIGINT/SIGTERM, then closes the server and the database cleanly. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '5174' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      seed: { type: 'boolean', default: true },
      'no-seed': { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'info' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(serveHelp);
    return ExitCode.OK;
  }
  const { dataDir, databaseUrl } = databaseOptions(values);
  const { app, url } = await start({
    host: values.host,
    port: parsePort(values.port),
    dataDir,
    databaseUrl,
    seed: values.seed && !values['no-seed'],
    logger: { level: values['log-level'], stream: process.stderr },
  });
  console.log(`Studio listening on ${url}`);
  return new Promise((resolveExit) => {
    const stop = () => {
      app.close().then(
        () => resolveExit(ExitCode.OK),
        () => resolveExit(ExitCode.UNEXPECTED),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
