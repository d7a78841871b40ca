import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { paths } from '@studio/api';
import { UserError } from '@studio/ir';
import { ExitCode } from './exit-codes';
import { parseStoreCommand } from './options';
import { CONNECTION_HELP, connect } from './studio-connection';

const STORE_OPTIONS = `  --model-node <id>       which model node of the run (default the first the run trained)
${CONNECTION_HELP}
  --json                  print {"files":[{"file","bytes","sha256"}]} instead of sentences
  -h, --help              show this help`;

export const exportOnnxHelp = `Usage: studio export-onnx <run-id> -o <file.onnx> [options]

Writes a trained run's model with its fitted preprocessing as one ONNX file (the same bytes a deployment on
the onnx runtime serves): one [N,1] input per raw column, outputs "logit" and "probability".

Options:
  -o, --output <file>     where to write the .onnx (required)
  --precision <p>         fp32 (default) or int8 (needs a Quantize node whose AUC guard passed)
${STORE_OPTIONS}`;

export const codegenHelp = `Usage: studio codegen <run-id> --lang ts|js|python -o <dir> [options]

Writes the generated code of a trained run's model into <dir>:
  ts      scorer.ts      a dependency-free TypeScript scorer
  js      scorer.mjs     the same scorer as plain JavaScript (Node 20 runs it, no build step) + scorer.d.mts
  python  train.py       PyTorch: the run's split, training from the Studio's weights or from scratch with early
                         stopping, held-out AUC and KS, --predict with its own saved weights

Options:
  --lang <lang>           ts, js or python (required)
  -o, --output <dir>      the folder to write into (created if missing; required)
${STORE_OPTIONS}`;

const report = (json: boolean, files: { file: string; data: Buffer }[]) => {
  const rows = files.map(({ file, data }) => ({
    file,
    bytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
  }));
  if (json) console.log(JSON.stringify({ files: rows }));
  else
    for (const r of rows) console.log(`wrote ${r.file} (${r.bytes} bytes, sha256 ${r.sha256.slice(0, 12)})`);
};

/** `studio export-onnx`: a run's model as one ONNX file. */
export async function exportOnnxCommand(args: string[]): Promise<number> {
  const parsed = parseStoreCommand(args, exportOnnxHelp, {
    output: { type: 'string', short: 'o' },
    precision: { type: 'string' },
    'model-node': { type: 'string' },
  });
  if (!parsed) return ExitCode.OK;
  const { values, positionals } = parsed;
  const [runId] = positionals;
  if (!runId || positionals.length > 1 || !values.output)
    throw new UserError('CLI_USAGE', 'give one run id and -o <file.onnx>');
  const precision = values.precision ?? 'fp32';
  if (precision !== 'fp32' && precision !== 'int8')
    throw new UserError('CLI_USAGE', `--precision must be fp32 or int8, got "${precision}"`);
  const studio = await connect(values);
  try {
    const { raw } = await studio.call({
      method: 'GET',
      url: paths.runOnnx(runId, {
        precision,
        ...(values['model-node'] ? { modelNodeId: values['model-node'] } : {}),
      }),
    });
    const file = resolve(values.output);
    await writeFile(file, raw);
    report(values.json, [{ file, data: raw }]);
    return ExitCode.OK;
  } finally {
    await studio.close();
  }
}

/** `studio codegen`: a run's generated scorer or PyTorch script, written into a folder. */
export async function codegenCommand(args: string[]): Promise<number> {
  const parsed = parseStoreCommand(args, codegenHelp, {
    output: { type: 'string', short: 'o' },
    lang: { type: 'string' },
    'model-node': { type: 'string' },
  });
  if (!parsed) return ExitCode.OK;
  const { values, positionals } = parsed;
  const [runId] = positionals;
  if (!runId || positionals.length > 1 || !values.output || !values.lang)
    throw new UserError('CLI_USAGE', 'give one run id, --lang ts|js|python and -o <dir>');
  const lang = values.lang;
  if (lang !== 'ts' && lang !== 'js' && lang !== 'python')
    throw new UserError('CLI_USAGE', `--lang must be ts, js or python, got "${lang}"`);
  const wanted: { name: string; types?: boolean }[] =
    lang === 'ts'
      ? [{ name: 'scorer.ts' }]
      : lang === 'js'
        ? [{ name: 'scorer.mjs' }, { name: 'scorer.d.mts', types: true }]
        : [{ name: 'train.py' }];
  const studio = await connect(values);
  try {
    const dir = resolve(values.output);
    const written: { file: string; data: Buffer }[] = [];
    const fetched: { name: string; data: Buffer }[] = [];
    for (const w of wanted) {
      const { raw } = await studio.call({
        method: 'GET',
        url: paths.runCode(runId, {
          lang,
          ...(w.types ? { types: true } : {}),
          ...(values['model-node'] ? { modelNodeId: values['model-node'] } : {}),
        }),
      });
      fetched.push({ name: w.name, data: raw });
    }
    // Everything fetched before anything is written: a refusal leaves the folder as it was.
    await mkdir(dir, { recursive: true });
    for (const f of fetched) {
      const file = join(dir, f.name);
      await writeFile(file, f.data);
      written.push({ file, data: f.data });
    }
    report(values.json, written);
    return ExitCode.OK;
  } finally {
    await studio.close();
  }
}
