// Entry of the `studio` command (bin/studio.mjs imports it); the commands live in studio.ts.
import { main } from './studio';

process.exitCode = await main(process.argv.slice(2));
