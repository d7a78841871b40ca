import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { FieldProblem, Prediction } from '@studio/api';
import { UserError } from '@studio/ir';
import { ExitCode } from './exit-codes';
import { ProgressBar } from './progress-bar';
import { readInputFile } from './read-input-file';

/** One scored CSV row: the prediction, or what is wrong with the row (the shape BundleScorer yields). */
type ScoredCsvRow =
  { row: number; prediction: Omit<Prediction, 'requestId'> } | { row: number; problems: FieldProblem[] };

export const predictHelp = `Usage: studio predict <bundle.zip> <records.csv> [options]
       studio predict --server <url> --key <deployment key> <deployment-slug> <records.csv> [options]

Scores every row of a CSV with the bundle's newest trained model, without a server or database: the same
transforms, engine, input checks, risk bands and reason codes as a deployment. Columns the model does not
use (ids, the target) are ignored. Progress is drawn on stderr when it is a terminal. With --server, the rows
are scored by that Studio's deployment instead (POST /v1/deployments/<slug>/predict/csv), with its API key.

Output (stdout or -o): CSV with row, probability, score, risk_band, reason_1..reason_4 (code:characteristic)
and error (the row's field problems), or with --json one JSON document {"model","rows","failed"}.

Options:
  -o, --output <file>     write there instead of stdout
  --run <n>               the bundle's run n (runs/rNNN) instead of the newest trained one
  --precision <p>         fp32 (default) or int8: the Quantize node's INT8 model (when its AUC guard passed)
  --server <url>          score with a running Studio's deployment (or $STUDIO_SERVER)
  --key <key>             the deployment's API key for --server (or $STUDIO_DEPLOYMENT_KEY)
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

/** The rows a running Studio's deployment scored, read from its NDJSON answer. */
async function* remoteRows(
  server: string,
  key: string | undefined,
  slug: string,
  csvPath: string,
): AsyncGenerator<ScoredCsvRow & { total?: number }> {
  const { paths } = await import('@studio/api/routes');
  let res: Response;
  try {
    res = await fetch(new URL(paths.predictCsv(slug), server), {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: await readFile(csvPath),
    });
  } catch (e) {
    throw new UserError(
      'CLI_SERVER_UNREACHABLE',
      `cannot reach the Studio at ${server} (${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message}). Is it running?`,
    );
  }
  if (res.status >= 400) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new UserError(body.code ?? 'CLI_SERVER_ERROR', body.message ?? `the Studio answered ${res.status}`);
  }
  let rest = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    rest += Buffer.from(chunk).toString('utf8');
    const lines = rest.split('\n');
    rest = lines.pop()!;
    for (const line of lines.filter(Boolean)) {
      const m = JSON.parse(line) as { type: string; row: number; fields?: FieldProblem[] } & Prediction;
      if (m.type !== 'row') continue;
      if (m.fields) yield { row: m.row, problems: m.fields };
      else {
        const { type: _t, row, requestId: _r, ...prediction } = m;
        yield { row, prediction };
      }
    }
  }
}

/** `studio predict`: a CSV scored offline from a bundle, or by a running Studio's deployment. */
export async function predictCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      run: { type: 'string' },
      precision: { type: 'string' },
      server: { type: 'string' },
      key: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(predictHelp);
    return ExitCode.OK;
  }
  const server = values.server ?? process.env.STUDIO_SERVER;
  if (positionals.length !== 2)
    throw new UserError(
      'CLI_USAGE',
      server ? 'give a deployment slug and a CSV file' : 'give a bundle file and a CSV file',
    );
  const runNumber = values.run === undefined ? undefined : Number(values.run);
  if (runNumber !== undefined && (!Number.isInteger(runNumber) || runNumber < 1))
    throw new UserError('CLI_USAGE', `--run must be a run number from 1, got "${values.run}"`);
  const precision = values.precision ?? 'fp32';
  if (precision !== 'fp32' && precision !== 'int8')
    throw new UserError('CLI_USAGE', `--precision must be fp32 or int8, got "${precision}"`);
  if (server && (values.run !== undefined || values.precision !== undefined))
    throw new UserError(
      'CLI_USAGE',
      '--run and --precision pick a bundle model; with --server the deployment decides (deploy the precision you want)',
    );
  const [source, csvPath] = positionals as [string, string];
  let scored: {
    model: () => Prediction['model'] | null;
    total: number;
    rows: Iterable<ScoredCsvRow> | AsyncIterable<ScoredCsvRow>;
    dispose: () => void;
  };
  if (server) {
    const key = values.key ?? values.token ?? process.env.STUDIO_DEPLOYMENT_KEY;
    let model: Prediction['model'] | null = null;
    const rows = remoteRows(server, key, source, csvPath);
    scored = {
      model: () => model,
      total: 0,
      rows: (async function* () {
        for await (const r of rows) {
          if ('prediction' in r) model = r.prediction.model;
          yield r;
        }
      })(),
      dispose: () => {},
    };
  } else {
    // Loaded only here: the bundle scorer pulls in the engine, never the database or the web server.
    const { BundleScorer } = await import('@studio/server/bundle-scorer');
    const scorer = await BundleScorer.open(await readInputFile(source), { runNumber, precision });
    const { total, missing, rows } = await scorer.scoreCsv(csvPath);
    if (missing.length > 0) {
      scorer.dispose();
      throw new UserError(
        'INPUT_COLUMNS_MISSING',
        `the CSV lacks columns the model needs: ${missing.join(', ')}`,
      );
    }
    scored = { model: () => scorer.model.model(), total, rows, dispose: () => scorer.dispose() };
  }
  try {
    const out = values.output ? createWriteStream(values.output) : process.stdout;
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    const bar = new ProgressBar('scoring');
    let failed = 0;
    let count = 0;
    const all: ScoredCsvRow[] = [];
    if (!values.json)
      await write('row,probability,score,risk_band,reason_1,reason_2,reason_3,reason_4,error\n');
    for await (const r of scored.rows) {
      count++;
      if ('problems' in r) failed++;
      if (values.json) all.push(r);
      else await write(csvLine(r) + '\n');
      if (scored.total > 0) bar.update((r.row + 1) / scored.total, `${r.row + 1}/${scored.total} rows`);
    }
    bar.done();
    if (values.json) await write(JSON.stringify({ model: scored.model(), rows: all, failed }) + '\n');
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
    if (failed > 0)
      console.error(`studio predict: ${failed} of ${count} rows were refused (see the error column)`);
    return failed > 0 ? ExitCode.INPUT : ExitCode.OK;
  } finally {
    scored.dispose();
  }
}
