import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { paths } from '@studio/api';
import { UserError } from '@studio/ir';
import { ExitCode } from './exit-codes';
import { parseStoreCommand } from './options';
import { CONNECTION_HELP, connect } from './studio-connection';

export const exportHelp = `Usage: studio export <project-id> -o <file.zip> [options]

Writes the project as one bundle: graph history, dataset schemas, runs with their fitted transforms, weights,
metrics, ONNX and generated code, model documents, the audit trail, a README and bundle.json with per-file
sha256 checksums. The datasets' rows stay in the Studio unless --include-data is given (the export is audited
either way).

Options:
  -o, --output <file>     where to write the zip (required)
  --include-data          put the datasets' rows (raw applicant data) in the bundle too
${CONNECTION_HELP}
  --json                  print {"file","bytes","sha256"} instead of a sentence
  -h, --help              show this help`;

/** `studio export`: one project to one zip file. */
export async function exportCommand(args: string[]): Promise<number> {
  const parsed = parseStoreCommand(args, exportHelp, {
    output: { type: 'string', short: 'o' },
    'include-data': { type: 'boolean', default: false },
  });
  if (!parsed) return ExitCode.OK;
  const { values, positionals } = parsed;
  const [projectId] = positionals;
  if (!projectId || positionals.length > 1 || !values.output)
    throw new UserError('CLI_USAGE', 'give one project id and -o <file.zip>');
  const studio = await connect(values);
  try {
    const { raw } = await studio.call({
      method: 'GET',
      url: paths.projectBundle(projectId, { includeData: values['include-data'] }),
    });
    const file = resolve(values.output);
    await writeFile(file, raw);
    const sha256 = createHash('sha256').update(raw).digest('hex');
    if (values.json) console.log(JSON.stringify({ file, bytes: raw.length, sha256 }));
    else console.log(`wrote ${file} (${raw.length} bytes, sha256 ${sha256.slice(0, 12)})`);
    return ExitCode.OK;
  } finally {
    await studio.close();
  }
}
