// The import rules of eslint.config.js (docs/architecture.md), proven to fail when broken: each case lints a
// one-line source as if it were a file at that path, with the repository's own config, through ESLint's Node API.
// Run by `npm test` (stage "import rules") or alone: node --test scripts/import-rules.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages ESLint gives `source` as the file `filePath` (relative to the repository). */
async function restricted(filePath, source) {
  const [result] = await eslint.lintText(`${source}\nexport const probe = 1;\n`, { filePath });
  assert.ok(result, `no lint result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `${filePath} did not parse`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const broken = [
  [
    'packages never import apps (by name)',
    'packages/data/src/probe.ts',
    "import { x } from '@studio/server';",
  ],
  [
    'packages never import apps (by path)',
    'packages/engine/src/probe.ts',
    "import { x } from '../../../apps/server/src/app';",
  ],
  [
    'packages never import apps (web, re-export)',
    'packages/api/src/probe.ts',
    "export { x } from '@studio/web/src/main';",
  ],
  ['core packages never import React', 'packages/pipeline/src/probe.ts', "import { useState } from 'react';"],
  [
    'core packages never import React (type only)',
    'packages/scoring/src/probe.ts',
    "import type { FC } from 'react';",
  ],
  [
    'core packages never import Fastify',
    'packages/api/src/probe.ts',
    "import type { FastifyInstance } from 'fastify';",
  ],
  [
    'core packages never import Fastify plugins',
    'packages/api/src/probe.ts',
    "import fp from 'fastify-plugin';",
  ],
  [
    'core packages never import Prisma',
    'packages/data/src/probe.ts',
    "import { PrismaClient } from '@prisma/client';",
  ],
  [
    'apps/web never imports apps/server (by name)',
    'apps/web/src/probe.tsx',
    "import { x } from '@studio/server';",
  ],
  [
    'apps/web never imports apps/server (by path)',
    'apps/web/src/features/runs/probe.ts',
    "import { x } from '../../../../server/src/runs/run-service';",
  ],
  [
    'packages/ir imports only zod: not node built-ins',
    'packages/ir/src/probe.ts',
    "import { createHash } from 'node:crypto';",
  ],
  [
    'packages/ir imports only zod: not other packages',
    'packages/ir/src/probe.ts',
    "import { x } from '@studio/data';",
  ],
  ['packages/ir imports only zod: not libraries', 'packages/ir/src/probe.ts', "import fc from 'fast-check';"],
];

for (const [name, file, source] of broken) {
  test(`fails when broken: ${name}`, async () => {
    const messages = await restricted(file, source);
    assert.equal(
      messages.length,
      1,
      `expected one no-restricted-imports error for ${source} in ${file}, got ${messages.length}`,
    );
  });
}

const allowed = [
  ['packages import packages', 'packages/pipeline/src/probe.ts', "import { x } from '@studio/api';"],
  ['packages/ir imports zod', 'packages/ir/src/probe.ts', "import { z } from 'zod';"],
  [
    'packages/ir imports @noble/hashes',
    'packages/ir/src/probe.ts',
    "import { sha256 } from '@noble/hashes/sha2.js';",
  ],
  ['packages/ir imports itself', 'packages/ir/src/probe.ts', "import { x } from '../errors';"],
  ['packages/ir tests use vitest', 'packages/ir/src/probe.test.ts', "import { it } from 'vitest';"],
  [
    'the server imports Fastify and Prisma',
    'apps/server/src/probe.ts',
    "import Fastify from 'fastify';\nimport { PrismaClient } from '@prisma/client';",
  ],
  [
    'the web imports React and @studio/api',
    'apps/web/src/probe.tsx',
    "import { useState } from 'react';\nimport { x } from '@studio/api';",
  ],
  [
    'the web imports its own folders',
    'apps/web/src/features/runs/probe.ts',
    "import { x } from '../../components/dialog';",
  ],
  ['the CLI imports the server', 'apps/cli/src/probe.ts', "import { x } from '@studio/server';"],
];

for (const [name, file, source] of allowed) {
  test(`passes: ${name}`, async () => {
    assert.deepEqual(await restricted(file, source), []);
  });
}
