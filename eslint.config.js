// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Who may import whom (docs/architecture.md). A flat config's later entry replaces an earlier entry's
// options for the same rule, so each scope below lists every restriction that applies to it.
const APPS_FROM_PACKAGES = {
  regex: '^(@studio/(server|web|cli|e2e)(/|$)|(\\.\\./)+(apps|e2e)/)',
  message: 'Packages never import apps (docs/architecture.md): move what both need into a package.',
};
const FRAMEWORKS = {
  regex:
    '^(react|react-dom|@tanstack/react-[^/]+|@xyflow/react|zustand|fastify|fastify-[^/]+|@fastify/[^/]+|prisma|@prisma/[^/]+)(/|$)',
  message:
    'Core packages are framework-free (docs/architecture.md): no React, Fastify or Prisma in packages/*.',
};
const SERVER_FROM_WEB = {
  regex: '^(@studio/(server|cli)(/|$)|(\\.\\./)+(apps/)?(server|cli)/src(/|$))',
  message: 'apps/web never imports apps/server: share types and DTOs through @studio/api.',
};
const IR_ONLY_ZOD = {
  regex: '^(?!(zod|@noble/hashes)(/|$)|\\.\\.?/)',
  message:
    'packages/ir imports only zod and @noble/hashes (docs/architecture.md): it runs in the browser and the server.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      'native/build*/**',
      'apps/server/src/generated/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/artifacts/**',
      'apps/cli/.cache/**',
      'bench/.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Errors are coded and classified (STYLE.md habit 8): product code throws StudioError subclasses.
    files: ['apps/*/src/**/*.{ts,tsx}', 'packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Error']",
          message: 'Throw a coded StudioError (packages/ir/src/errors.ts) instead of a plain Error.',
        },
      ],
    },
  },
  {
    files: ['packages/**/*.{ts,tsx,js,mjs,cjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [APPS_FROM_PACKAGES, FRAMEWORKS] }] },
  },
  {
    // Tests and their helpers may use vitest, fast-check and node: built-ins; the product code of packages/ir may not.
    files: ['packages/ir/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'packages/ir/src/test-support/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [APPS_FROM_PACKAGES, FRAMEWORKS, IR_ONLY_ZOD] }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx,js,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_FROM_WEB] }] },
  },
);
