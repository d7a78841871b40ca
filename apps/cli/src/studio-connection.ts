import { UserError } from '@studio/ir';

/** One API request a command makes, the same in-process and over HTTP. */
export interface ApiRequest {
  method: 'GET' | 'POST';
  url: string;
  payload?: object | Buffer;
  headers?: Record<string, string>;
}

/** A DTO schema of `@studio/api` (anything with zod's `parse`). */
export interface Dto<T> {
  parse(value: unknown): T;
}

/** Where a command's API calls go: a running Studio over HTTP, or an in-process one on a data dir. */
export interface StudioConnection {
  /** Calls the API; a non-2xx answer throws with the coded message the API gives. */
  call<T = null>(request: ApiRequest, dto?: Dto<T>): Promise<{ body: T; raw: Buffer }>;
  close(): Promise<void>;
}

/** The flags that choose the connection. */
export interface ConnectionFlags {
  server?: string | undefined;
  token?: string | undefined;
  'data-dir'?: string | undefined;
  'database-url'?: string | undefined;
}

/** Help lines for the connection flags, shared by every command on a project store. */
export const CONNECTION_HELP = `  --server <url>          work through a running Studio's API (or $STUDIO_SERVER), e.g. http://127.0.0.1:5174
  --token <token>         a personal access token for --server (or $STUDIO_TOKEN); create one in the Studio
  --data-dir <dir>        offline: stored files and the default SQLite database (default $STUDIO_DATA_DIR, else
                          <repo>/.data: the same as \`studio serve\` and \`npm start\`)
  --database-url <url>    offline: file:<path> or postgresql://… (default file:<data-dir>/studio.db)`;

/** The error body every /api refusal has (code and message), read without loading zod. */
function errorOf(status: number, text: string): UserError {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string' && typeof body.message === 'string')
      return new UserError(body.code, body.message, { status });
  } catch {
    // not JSON: fall through
  }
  return new UserError('CLI_SERVER_ERROR', `the Studio answered ${status}: ${text.slice(0, 200)}`, {
    status,
  });
}

/** A running Studio over HTTP, signed in with a personal access token. */
function remote(server: string, token: string | undefined): StudioConnection {
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new UserError('CLI_USAGE', `--server must be a URL such as http://127.0.0.1:5174, got "${server}"`);
  }
  return {
    async call<T>(request: ApiRequest, dto?: Dto<T>) {
      const isBuffer = Buffer.isBuffer(request.payload);
      const headers: Record<string, string> = {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(request.payload !== undefined && !isBuffer ? { 'content-type': 'application/json' } : {}),
        ...request.headers,
      };
      let res: Response;
      try {
        res = await fetch(new URL(request.url, base), {
          method: request.method,
          headers,
          ...(request.payload === undefined
            ? {}
            : { body: isBuffer ? (request.payload as Buffer) : JSON.stringify(request.payload) }),
        });
      } catch (e) {
        const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
        throw new UserError(
          'CLI_SERVER_UNREACHABLE',
          `cannot reach the Studio at ${base.origin} (${cause}). Is it running? Start it with "npm start" or "studio serve", or drop --server to work offline.`,
        );
      }
      const raw = Buffer.from(await res.arrayBuffer());
      if (res.status >= 400) {
        const error = errorOf(res.status, raw.toString('utf8'));
        if (res.status === 401 && !token)
          throw new UserError(
            error.code,
            `${error.message} Give --token <personal access token> (or set STUDIO_TOKEN).`,
          );
        throw error;
      }
      const isJson = (res.headers.get('content-type') ?? '').includes('json');
      const json: unknown = isJson ? JSON.parse(raw.toString('utf8')) : null;
      return { body: (dto ? dto.parse(json) : null) as T, raw };
    },
    close: async () => {},
  };
}

/**
 * The connection the flags ask for: `--server` (or $STUDIO_SERVER) talks to that Studio's API with the token;
 * otherwise the Studio runs in this process on the data dir the running Studio uses by default, and says so on
 * stderr (so nobody writes into a second database by accident). `workers`: jobs that in-process Studio trains
 * itself (`studio train` runs one; other commands touch no run).
 */
export async function connect(flags: ConnectionFlags, workers = 0): Promise<StudioConnection> {
  const server = flags.server ?? process.env.STUDIO_SERVER;
  const token = flags.token ?? process.env.STUDIO_TOKEN;
  if (server) {
    if (flags['data-dir'] || flags['database-url'])
      throw new UserError(
        'CLI_USAGE',
        '--server works through that Studio; --data-dir and --database-url are for offline use. Give one or the other.',
      );
    return remote(server, token);
  }
  const { openStudio, call, describeStore } = await import('./open-studio');
  const app = await openStudio(flags, workers);
  console.error(
    `studio: offline, ${describeStore(flags)} (use --server <url> --token <token> for a running Studio)`,
  );
  return {
    call: (request, dto) => call(app, request, dto),
    close: () => app.close(),
  };
}
