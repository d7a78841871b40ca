import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { UserError } from '@studio/ir';
import { BundleScorer, type ScoredCsvRow } from '@studio/server';
import { ExitCode } from './exit-codes';
import { ProgressBar } from './progress-bar';
import { readInputFile } from './read-input-file';

export const predictHelp = `Usage: studio predict <bundle.zip> <records.csv> [options]

Scores every row of a CSV with the bundle's newest trained model, without a server or database: the same
transforms, engine, input checks, risk bands and reason codes as a deployment. Columns the model does not
use (ids, the target) are ignored. Progress is drawn on stderr when it is a terminal.

Output (stdout or -o): CSV with row, probability, score, risk_band, reason_1..reason_4 (code:characteristic)
and error (the row's field problems), or with --json one JSON document {"model","rows","failed"}.

Options:
  -o, --output <file>     write there instead of stdout
  --run <n>               the bundle's run n (runs/rNNN) instead of the newest trained one
  --json                  JSON output for scripts
  -h, --help              show this help

Exits 0 when every row was scored, 5 when some rows were refused (the others are still written).`;

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function csvLine(r: ScoredCsvRow): string {
  if ('problems' in r)
    return [r.row, '', '', '', '', '', '', '', r.problems.map((p) => `${p.field}:${p.problem}`).join(' ')]
      .map(csvCell)
      .join(',');
  const p = r.prediction;
  const reasons = Array.from({ length: 4 }, (_, i) =>
    p.reasons[i] ? `${p.reasons[i]!.code}:${p.reasons[i]!.characteristic}` : '',
  );
  return [r.row, p.probability, p.score, p.riskBand, ...reasons, ''].map(csvCell).join(',');
}

/** `studio predict`: a CSV scored offline from a bundle. */
export async function predictCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      run: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(predictHelp);
    return ExitCode.OK;
  }
  if (positionals.length !== 2) throw new UserError('CLI_USAGE', 'give a bundle file and a CSV file');
  const runNumber = values.run === undefined ? undefined : Number(values.run);
  if (runNumber !== undefined && (!Number.isInteger(runNumber) || runNumber < 1))
    throw new UserError('CLI_USAGE', `--run must be a run number from 1, got "${values.run}"`);
  const scorer = await BundleScorer.open(await readInputFile(positionals[0]!), runNumber);
  try {
    const { total, missing, rows } = await scorer.scoreCsv(positionals[1]!);
    if (missing.length > 0)
      throw new UserError(
        'INPUT_COLUMNS_MISSING',
        `the CSV lacks columns the model needs: ${missing.join(', ')}`,
      );
    const out = values.output ? createWriteStream(values.output) : process.stdout;
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    const bar = new ProgressBar('scoring');
    let failed = 0;
    const scored: ScoredCsvRow[] = [];
    if (!values.json)
      await write('row,probability,score,risk_band,reason_1,reason_2,reason_3,reason_4,error\n');
    for await (const r of rows) {
      if ('problems' in r) failed++;
      if (values.json) scored.push(r);
      else await write(csvLine(r) + '\n');
      bar.update((r.row + 1) / total, `${r.row + 1}/${total} rows`);
    }
    bar.done();
    if (values.json)
      await write(JSON.stringify({ model: scorer.model.model(), rows: scored, failed }) + '\n');
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
    if (failed > 0)
      console.error(`studio predict: ${failed} of ${total} rows were refused (see the error column)`);
    return failed > 0 ? ExitCode.INPUT : ExitCode.OK;
  } finally {
    scorer.dispose();
  }
}
