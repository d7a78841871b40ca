// The entry bin/studio.mjs bundles (once, cached) for `studio predict` and `studio --version`: plain JavaScript
// with only the scoring path in it, so a one-row prediction does not pay for TypeScript compilation, the
// database client or the web server at start-up.
import { runCommand } from './run-command';
import { version } from './version';

/** Runs `studio predict …` or `studio --version`; anything else is for the full CLI (returns null). */
export async function fastMain(argv: string[]): Promise<number | null> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    console.log(`studio ${version()}`);
    return 0;
  }
  if (argv[0] !== 'predict') return null;
  return runCommand('predict', async () => (await import('./predict-command')).predictCommand, argv.slice(1));
}
