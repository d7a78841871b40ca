import { parseArgs } from 'node:util';
import { ROLES, roleSchema, type Role, type User } from '@studio/api';
import { UserError } from '@studio/ir';
import { AuthService, createPrismaClient, migrate, parseDatabaseUrl } from '@studio/server';
import { ExitCode } from './exit-codes';
import { databaseOptions } from './database-options';

export const usersHelp = `Usage: studio users <action> [arguments] [options]

Manages sign-in accounts directly in the database (run it where the database is reachable).

Actions:
  add <username> --role <role> [--name <name>]   create an account; prints a one-time sign-in link
  list                                          every account: username, role, state
  disable <username>                            block sign-in and end the user's sessions
  enable <username>                             allow sign-in again
  reset-password <username>                     clear the password, end sessions and tokens; prints a link
  set-role <username> <role>                    change the role; the user's sessions end

Roles: ${ROLES.join(', ')}.

Options:
  --url <url>             the Studio's address, for the printed links (default http://127.0.0.1:5174)
  --data-dir <dir>        holds the default SQLite database (default <repo>/.data)
  --database-url <url>    file:<path> or postgresql://… (default file:<data-dir>/studio.db)
  --json                  print JSON instead of text
  -h, --help              show this help`;

function parseRole(text: string | undefined): Role {
  const parsed = roleSchema.safeParse(text);
  if (!parsed.success)
    throw new UserError('CLI_BAD_ROLE', `role must be one of ${ROLES.join(', ')}; got "${text ?? ''}"`);
  return parsed.data;
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new UserError('CLI_MISSING_ARGUMENT', `missing ${what}; see "studio users --help"`);
  return value;
}

function line(u: User): string {
  const state = u.disabled
    ? 'disabled'
    : u.lockedUntil
      ? `locked until ${u.lockedUntil}`
      : u.hasPassword
        ? 'active'
        : 'no password yet';
  return `${(u.username ?? '').padEnd(20)} ${u.role.padEnd(10)} ${state.padEnd(24)} ${u.name}`;
}

/** `studio users …`: accounts on the database, without a running server. */
export async function usersCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      url: { type: 'string', default: 'http://127.0.0.1:5174' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const [action, ...rest] = positionals;
  if (values.help || !action) {
    console.log(usersHelp);
    return values.help ? ExitCode.OK : ExitCode.USAGE;
  }
  const { databaseUrl } = databaseOptions(values);
  const target = parseDatabaseUrl(databaseUrl);
  await migrate(target);
  const prisma = createPrismaClient(target);
  const auth = new AuthService(prisma, {}, () => null, target.provider);
  const linkUrl = (secret: string) => `${values.url.replace(/\/$/, '')}/api/auth/link/${secret}`;
  const print = (text: string, json: unknown) => console.log(values.json ? JSON.stringify(json) : text);
  try {
    switch (action) {
      case 'add': {
        const username = need(rest[0], 'the username');
        const user = await auth.createUser({
          username,
          name: values.name ?? username,
          role: parseRole(values.role),
        });
        const { link } = await auth.resetPassword(user.id);
        print(`${user.username} added as ${user.role}. One-time sign-in link (24 h):\n  ${linkUrl(link)}`, {
          user,
          signInLink: linkUrl(link),
        });
        return ExitCode.OK;
      }
      case 'list': {
        const users = await auth.listUsers();
        print(users.map(line).join('\n') || 'no accounts yet', users);
        return ExitCode.OK;
      }
      case 'disable':
      case 'enable': {
        const user = await auth.updateUser(need(rest[0], 'the username'), { disabled: action === 'disable' });
        print(`${user.username} ${action}d`, user);
        return ExitCode.OK;
      }
      case 'reset-password': {
        const { user, link } = await auth.resetPassword(need(rest[0], 'the username'));
        print(
          `${user.username}: password cleared, sessions and tokens ended. One-time sign-in link (24 h):\n  ${linkUrl(link)}`,
          {
            user,
            signInLink: linkUrl(link),
          },
        );
        return ExitCode.OK;
      }
      case 'set-role': {
        const user = await auth.updateUser(need(rest[0], 'the username'), { role: parseRole(rest[1]) });
        print(`${user.username} is now ${user.role}`, user);
        return ExitCode.OK;
      }
      default:
        console.error(`studio users: unknown action "${action}"\n\n${usersHelp}`);
        return ExitCode.USAGE;
    }
  } finally {
    await prisma.$disconnect();
  }
}
