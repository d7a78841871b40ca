import { describeFailure } from './cli-error';
import { ExitCode } from './exit-codes';

/** One command: its arguments in, its exit code out. */
export type Command = (args: string[]) => Promise<number>;

/** Loads and runs a command; option errors exit 2, every other failure is described with its exit code. */
export async function runCommand(
  name: string,
  load: () => Promise<Command>,
  args: string[],
): Promise<number> {
  try {
    return await (
      await load()
    )(args);
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
