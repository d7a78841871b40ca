import { auditCommand } from './audit-command';
import { describeFailure } from './cli-error';
import { ExitCode } from './exit-codes';
import { exportCommand } from './export-command';
import { importCommand } from './import-command';
import { migrateCommand } from './migrate-command';
import { codegenCommand, exportOnnxCommand } from './model-file-commands';
import { predictCommand } from './predict-command';
import { serveCommand } from './serve-command';
import { trainCommand } from './train-command';
import { usersCommand } from './users-command';
import { workerCommand } from './worker-command';

const help = `Usage: studio <command> [options]

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

Exit codes: 0 ok, 1 unexpected error, 2 usage error, 3 database unreachable or migration refused, 4 cannot listen,
5 unusable bundle or CSV (or rows refused), 6 training failed, 7 audit chain broken.`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  serve: serveCommand,
  migrate: migrateCommand,
  train: trainCommand,
  export: exportCommand,
  import: importCommand,
  predict: predictCommand,
  audit: auditCommand,
  'export-onnx': exportOnnxCommand,
  codegen: codegenCommand,
  users: usersCommand,
  worker: workerCommand,
};

/** Runs one `studio` invocation and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help);
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  const command = commands[name];
  if (!command) {
    console.error(`studio: unknown command "${name}"\n\n${help}`);
    return ExitCode.USAGE;
  }
  try {
    return await command(rest);
  } catch (error) {
    // parseArgs reports unknown or malformed options with these codes.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      console.error(`studio ${name}: ${(error as Error).message}\nRun "studio ${name} --help".`);
      return ExitCode.USAGE;
    }
    const failure = describeFailure(error);
    console.error(`studio ${name}: ${failure.message}`);
    if (failure.code === ExitCode.UNEXPECTED) console.error(error);
    return failure.code;
  }
}
