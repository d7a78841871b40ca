import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../repo-paths';
import { BUNDLE_SCHEMAS, bundleJsonSchema } from './bundle-schemas';

const schemaFile = (name: string) => join(repoRoot, 'docs', 'schemas', `${name}.schema.json`);
const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('bundle JSON Schemas (docs/schemas)', () => {
  it.each(Object.keys(BUNDLE_SCHEMAS) as (keyof typeof BUNDLE_SCHEMAS)[])(
    '%s.schema.json is what the importer checks (regenerate: UPDATE_SCHEMAS=1)',
    (name) => {
      const generated = bundleJsonSchema(name);
      if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(schemaFile(name), text(generated));
      // Compared as JSON: prettier may lay the committed file out its own way.
      const committed = JSON.parse(readFileSync(schemaFile(name), 'utf8')) as object;
      expect(committed).toEqual(generated);
      // A valid draft 2020-12 schema that a standard validator compiles.
      expect(() => new Ajv2020({ strict: false }).compile(committed)).not.toThrow();
    },
  );
});
