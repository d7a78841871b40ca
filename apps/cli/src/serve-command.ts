import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { start } from '@studio/server';
import { ExitCode } from './exit-codes';
import { databaseOptions } from './database-options';
import { parseCount, parsePort } from './options';

export const serveHelp = `Usage: studio serve [options]

Migrates the database, seeds the demo project, and serves the API and the web app from one process.
Prints "Studio listening on http://<host>:<port>" on stdout when ready; logs go to stderr. Every /api route needs
a sign-in. On the first start (no admin can sign in yet) it creates the admin and prints a one-time sign-in
link, or sets the admin's password from STUDIO_ADMIN_PASSWORD_FILE (a Docker secret) / STUDIO_ADMIN_PASSWORD.

Environment:
  STUDIO_ALLOWED_HOSTS    comma-separated host names the server answers to (default: localhost names + --host)
  STUDIO_SECURE_COOKIES   1: mark the session cookie Secure (behind a TLS-terminating proxy)

Options:
  --host <host>           interface to listen on (default 127.0.0.1)
  --port <port>           port; 0 picks a free one (default 5174)
  --data-dir <dir>        stored files and the default SQLite database (default <repo>/.data)
  --database-url <url>    file:<path> or postgresql://… (default file:<data-dir>/studio.db)
  --no-seed               do not create the German credit demo project
  --workers <n>           jobs this server trains itself; 0: an API-only replica beside studio workers
                          (default 1, or STUDIO_WORKERS)
  --log-level <level>     pino level: fatal, error, warn, info, debug, trace (default info)
  -h, --help              show this help`;

/** The first admin's password from STUDIO_ADMIN_PASSWORD_FILE (a Docker secret) or STUDIO_ADMIN_PASSWORD. */
function readAdminPassword(): string | undefined {
  const file = process.env.STUDIO_ADMIN_PASSWORD_FILE;
  // A secret that is absent or empty means: print a one-time link instead.
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim() || undefined;
  return process.env.STUDIO_ADMIN_PASSWORD || undefined;
}

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
      workers: { type: 'string', default: process.env.STUDIO_WORKERS ?? '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(serveHelp);
    return ExitCode.OK;
  }
  const { dataDir, databaseUrl } = databaseOptions(values);
  const adminPassword = readAdminPassword();
  const { app, url, firstAdmin } = await start({
    host: values.host,
    port: parsePort(values.port),
    dataDir,
    databaseUrl,
    seed: values.seed && !values['no-seed'],
    logger: { level: values['log-level'], stream: process.stderr },
    ...(adminPassword ? { adminPassword } : {}),
    ...(process.env.STUDIO_SECURE_COOKIES === '1' ? { secureCookies: true } : {}),
    workers: parseCount('workers', values.workers, 0, 64),
  });
  if (firstAdmin?.link)
    console.log(
      `First start: no admin can sign in yet. Open this one-time link to sign in as "${firstAdmin.username}" and set a password (valid 24 h):\n  ${firstAdmin.link}`,
    );
  else if (firstAdmin?.linkIssuedAt)
    console.log(
      `First start: another server starting on this database printed the one-time link for "${firstAdmin.username}" at ${firstAdmin.linkIssuedAt.toISOString()}; open that one (or run \`studio users reset-password ${firstAdmin.username}\` for a new one).`,
    );
  else if (firstAdmin)
    console.log(`First start: admin "${firstAdmin.username}" created with the password from the secret.`);
  // The signal handlers are in place before the ready line, so a SIGTERM sent on seeing it closes cleanly.
  const exited = new Promise<number>((resolveExit) => {
    const stop = () => {
      app.close().then(
        () => resolveExit(ExitCode.OK),
        () => resolveExit(ExitCode.UNEXPECTED),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log(`Studio listening on ${url}`);
  return exited;
}
