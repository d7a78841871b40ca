// Tiny process helpers for the set-up scripts; node builtins only, because they run before any install.
import { spawnSync } from 'node:child_process';

/** Run a command with inherited stdio; returns the exit status (never throws on non-zero). */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } });
  if (r.error) {
    console.error(`[studio] could not run ${cmd}: ${r.error.message}`);
    return 127;
  }
  return r.status ?? 1;
}

/** Run a command and capture its trimmed stdout, or null when it fails or is missing. */
export function capture(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Run or exit the whole script with the command's status and a message saying what failed. */
export function must(what, cmd, args, opts) {
  const t0 = Date.now();
  const status = run(cmd, args, opts);
  if (status !== 0) {
    console.error(
      `\n[studio] ${what} failed (exit ${status}). Fix the error above and run the command again.`,
    );
    process.exit(status);
  }
  console.log(`[studio] ${what}: ok (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
