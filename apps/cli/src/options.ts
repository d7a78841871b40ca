import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '@studio/ir';

/** A TCP port from a flag (0 picks a free one). */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError('CLI_BAD_PORT', `--port must be an integer from 0 to 65535, got "${text}"`);
  }
  return port;
}

/** A count from a flag, an integer from `min` to `max`; `flag` names it in the error. */
export function parseCount(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UserError('CLI_USAGE', `--${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  return n;
}

/** The flags every command on a project store shares. */
const storeOptions = {
  server: { type: 'string' },
  token: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Parses a store command's shared flags plus its own; prints `help` and returns null for -h/--help. */
export function parseStoreCommand<const O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  help: string,
  extra: O,
) {
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...storeOptions, ...extra },
  });
  if ((parsed.values as { help?: boolean }).help) {
    console.log(help);
    return null;
  }
  return parsed;
}
