import { runCommand, type Command } from './run-command';
import { ExitCode } from './exit-codes';
import { version } from './version';

const help = `Usage: studio [--server <url> --token <token>] <command> [options]
       studio --version

Commands:
  serve      migrate, seed and serve the Studio (API + web app)
  worker     run jobs (training) from the database's queue; start any number, on any machine
  migrate    apply pending database migrations
  train      train a project's head graph (or a bundle's, imported first) and wait for the result
  export     write a project as one bundle zip
  import     reopen a bundle zip as a new project
  predict    score a CSV with a bundle's model, offline
  audit      verify the audit trail's hash chain (studio audit verify)
  export-onnx  write a trained run's model with its preprocessing as ONNX (fp32 or int8)
  codegen    write a trained run's generated scorer (ts, js for Node with no build step) or PyTorch script
  users      add, list, disable, reset-password, set-role: sign-in accounts

Run "studio <command> --help" for a command's options.

import, export, train, export-onnx and codegen work through a running Studio with --server <url> --token
<personal access token> (or STUDIO_SERVER / STUDIO_TOKEN); without them they open the Studio's database in
this process (data dir from --data-dir, else $STUDIO_DATA_DIR, else <repo>/.data, as \`studio serve\`) and
say which on stderr. predict --server scores with a deployment (--key).

Exit codes: 0 ok, 1 unexpected error, 2 usage error, 3 database unreachable or migration refused, 4 cannot listen,
5 unusable bundle or CSV (or rows refused), 6 training failed, 7 audit chain broken.`;

/** Each command's module, loaded only when it runs (so `studio predict` never loads the database or web server). */
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve-command')).serveCommand,
  migrate: async () => (await import('./migrate-command')).migrateCommand,
  train: async () => (await import('./train-command')).trainCommand,
  export: async () => (await import('./export-command')).exportCommand,
  import: async () => (await import('./import-command')).importCommand,
  predict: async () => (await import('./predict-command')).predictCommand,
  audit: async () => (await import('./audit-command')).auditCommand,
  'export-onnx': async () => (await import('./model-file-commands')).exportOnnxCommand,
  codegen: async () => (await import('./model-file-commands')).codegenCommand,
  users: async () => (await import('./users-command')).usersCommand,
  worker: async () => (await import('./worker-command')).workerCommand,
};

/** Flags given before the command (`studio --server URL --token T import …`) move behind it. */
const GLOBAL_FLAGS = new Set(['--server', '--token']);

function commandFirst(argv: string[]): string[] {
  const global: string[] = [];
  let i = 0;
  while (i < argv.length && GLOBAL_FLAGS.has(argv[i]!.split('=')[0]!)) {
    const withValue = argv[i]!.includes('=');
    global.push(...argv.slice(i, i + (withValue ? 1 : 2)));
    i += withValue ? 1 : 2;
  }
  return [...argv.slice(i, i + 1), ...global, ...argv.slice(i + 1)];
}

/** Runs one `studio` invocation and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-v') {
    console.log(`studio ${version()}`);
    return ExitCode.OK;
  }
  const [name, ...rest] = commandFirst(argv);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help);
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  const load = commands[name];
  if (!load) {
    console.error(`studio: unknown command "${name}"\n\n${help}`);
    return ExitCode.USAGE;
  }
  return runCommand(name, load, rest);
}
