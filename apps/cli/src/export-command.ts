import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { paths } from '@studio/api';
import { UserError } from '@studio/ir';
import { ExitCode } from './exit-codes';
import { parseStoreCommand } from './options';
import { call, openStudio } from './open-studio';

export const exportHelp = `Usage: studio export <project-id> -o <file.zip> [options]

Writes the project as one bundle: graph history, datasets, runs with their fitted transforms, weights and
metrics, the audit trail, a README and bundle.json with per-file sha256 checksums.

Options:
  -o, --output <file>     where to write the zip (required)
  --data-dir <dir>        stored files and the default SQLite database (default <repo>/.data)
  --database-url <url>    file:<path> or postgresql://… (default file:<data-dir>/studio.db)
  --json                  print {"file","bytes","sha256"} instead of a sentence
  -h, --help              show this help`;

/** `studio export`: one project to one zip file. */
export async function exportCommand(args: string[]): Promise<number> {
  const parsed = parseStoreCommand(args, exportHelp, { output: { type: 'string', short: 'o' } });
  if (!parsed) return ExitCode.OK;
  const { values, positionals } = parsed;
  const [projectId] = positionals;
  if (!projectId || positionals.length > 1 || !values.output)
    throw new UserError('CLI_USAGE', 'give one project id and -o <file.zip>');
  const app = await openStudio(values);
  try {
    const { raw } = await call(app, {
      method: 'GET',
      url: paths.projectBundle(projectId),
    });
    const file = resolve(values.output);
    await writeFile(file, raw);
    const sha256 = createHash('sha256').update(raw).digest('hex');
    if (values.json) console.log(JSON.stringify({ file, bytes: raw.length, sha256 }));
    else console.log(`wrote ${file} (${raw.length} bytes, sha256 ${sha256.slice(0, 12)})`);
    return ExitCode.OK;
  } finally {
    await app.close();
  }
}
