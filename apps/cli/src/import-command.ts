import { paths, projectDetailSchema, type ProjectDetail } from '@studio/api';
import { UserError } from '@studio/ir';
import { ExitCode } from './exit-codes';
import { parseStoreCommand } from './options';
import { CONNECTION_HELP, connect, type ConnectionFlags } from './studio-connection';
import { readInputFile } from './read-input-file';

export const importHelp = `Usage: studio import <bundle.zip> [options]

Reopens an exported bundle as a new project. Every checksum is verified first; a damaged bundle imports
nothing (exit 5).

Options:
${CONNECTION_HELP}
  --json                  print {"id","name","headVersion"} instead of a sentence
  -h, --help              show this help`;

/** `studio import`: one bundle in, one new project. */
export async function importCommand(args: string[]): Promise<number> {
  const parsed = parseStoreCommand(args, importHelp, {});
  if (!parsed) return ExitCode.OK;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UserError('CLI_USAGE', 'give one bundle file');
  const project = await importBundleFile(positionals[0]!, values);
  if (values.json)
    console.log(
      JSON.stringify({ id: project.id, name: project.name, headVersion: project.head?.number ?? null }),
    );
  else console.log(`imported "${project.name}" as project ${project.id}`);
  return ExitCode.OK;
}

/** Imports a bundle file into the chosen database and returns the new project. */
export async function importBundleFile(path: string, values: ConnectionFlags): Promise<ProjectDetail> {
  const zip = await readInputFile(path);
  const studio = await connect(values);
  try {
    const { body } = await studio.call(
      {
        method: 'POST',
        url: paths.projectImport(),
        headers: { 'content-type': 'application/zip' },
        payload: zip,
      },
      projectDetailSchema,
    );
    return body;
  } finally {
    await studio.close();
  }
}
