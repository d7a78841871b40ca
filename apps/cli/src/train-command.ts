import { existsSync } from 'node:fs';
import { paths, runSchema, TERMINAL } from '@studio/api';
import { UserError } from '@studio/ir';
import { ExitCode } from './exit-codes';
import { parseStoreCommand } from './options';
import { importBundleFile } from './import-command';
import { CONNECTION_HELP, connect } from './studio-connection';
import { ProgressBar } from './progress-bar';

export const trainHelp = `Usage: studio train <bundle.zip | project-id> [options]

Trains the project's head graph version (in this process, or on the Studio given by --server) and waits for
the result. A bundle is imported first, as a new project; it needs its datasets' rows (export it with
--include-data). Progress is drawn on stderr when it is a terminal.

Options:
${CONNECTION_HELP}
  --json                  print the run as JSON (id, status, evaluation, artifacts…)
  -h, --help              show this help

Exits 6 when training fails or the graph cannot be trained.`;

/** `studio train`: a run of the head version, to the end. */
export async function trainCommand(args: string[]): Promise<number> {
  const parsed = parseStoreCommand(args, trainHelp, {});
  if (!parsed) return ExitCode.OK;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UserError('CLI_USAGE', 'give one bundle file or project id');
  const target = positionals[0]!;
  const projectId =
    existsSync(target) || target.endsWith('.zip') ? (await importBundleFile(target, values)).id : target;
  const studio = await connect(values, 1);
  const bar = new ProgressBar('training');
  try {
    let { body: run } = await studio.call(
      { method: 'POST', url: paths.projectRuns(projectId), payload: {} },
      runSchema,
    );
    while (!TERMINAL.has(run.status)) {
      await new Promise((r) => setTimeout(r, 200));
      run = (await studio.call({ method: 'GET', url: paths.run(run.id) }, runSchema)).body;
      bar.update(run.progress?.fraction ?? 0, run.progress?.phase ?? run.status);
    }
    bar.done();
    if (values.json) console.log(JSON.stringify(run));
    else if (run.status === 'succeeded') {
      const e = run.evaluation;
      console.log(
        `run ${run.id} of project ${projectId} succeeded in ${run.durations.total?.toFixed(1)} s` +
          (e ? `: AUC ${e.auc.toFixed(4)}, Gini ${e.gini.toFixed(4)}, KS ${e.ks.toFixed(4)}` : ''),
      );
    } else console.error(`studio train: run ${run.id} ${run.status}: ${run.error?.message ?? ''}`);
    return run.status === 'succeeded' ? ExitCode.OK : ExitCode.TRAINING_FAILED;
  } finally {
    bar.done();
    await studio.close();
  }
}
