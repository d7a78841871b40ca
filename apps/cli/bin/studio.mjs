#!/usr/bin/env node
// The `studio` command. The workspace ships TypeScript sources: `studio predict` and `--version` run from a
// cached JavaScript bundle (fast-entry.mjs); every other command compiles on load through tsx.
import { fastEntry } from './fast-entry.mjs';

const code = await fastEntry(process.argv.slice(2));
if (code !== null) process.exitCode = code;
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
