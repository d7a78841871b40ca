import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { migrationStep, versionedRecord } from './versioned-record';

// A record that went through two changes: v1 had `name`, v2 split it, v3 added `tags`.
const v1 = z.object({ name: z.string() });
const v2 = z.object({ v: z.literal(2), first: z.string(), last: z.string() });
const v3 = v2.extend({ v: z.literal(3), tags: z.array(z.string()) });

const person = versionedRecord({
  name: 'person',
  version: 3,
  schema: v3,
  steps: [
    migrationStep(1, v1, ({ name }) => {
      const [first = '', ...rest] = name.split(' ');
      return { v: 2, first, last: rest.join(' ') };
    }),
    migrationStep(2, v2, (old) => ({ ...old, v: 3, tags: [] })),
  ],
  legacyVersion: (stored) => ('name' in stored ? 1 : undefined),
});

describe('versioned records', () => {
  it('migrates a record stored before records carried v through every step', () => {
    expect(person.parse({ name: 'Ada King Lovelace' }, 'row 1')).toEqual({
      v: 3,
      first: 'Ada',
      last: 'King Lovelace',
      tags: [],
    });
  });

  it('migrates from a middle version and reads the current one as it is', () => {
    expect(person.parse({ v: 2, first: 'A', last: 'B' }, 'row 1')).toEqual({
      v: 3,
      first: 'A',
      last: 'B',
      tags: [],
    });
    const current = { v: 3, first: 'A', last: 'B', tags: ['x'] };
    expect(person.parse(current, 'row 1')).toEqual(current);
  });

  it('refuses a version newer than it knows, saying which and what to run', () => {
    const read = () => person.parse({ v: 4, first: 'A', last: 'B', tags: [], more: 1 }, 'row 7');
    expect(read).toThrow(
      expect.objectContaining({
        code: 'STORED_RECORD_TOO_NEW',
        kind: 'operational',
        details: { record: 'person', version: 4, supported: 3 },
      }),
    );
    expect(read).toThrow(/row 7: the stored person is version 4, but this Studio reads versions up to 3/);
  });

  it('names the row, version and field when a stored record does not match its schema', () => {
    expect(() => person.parse({ v: 2, first: 'A', last: 5 }, 'row 9')).toThrow(
      /row 9: the stored person \(version 2\) is not valid at last: /,
    );
    expect(() => person.parse({ v: 3, first: 'A', last: 'B' }, 'row 9')).toThrow(
      expect.objectContaining({ code: 'STORED_RECORD_INVALID', kind: 'unexpected' }),
    );
  });

  it('refuses values that carry no version', () => {
    for (const stored of [null, 'text', [1], { v: '3' }, { v: 0 }, { other: true }])
      expect(() => person.parse(stored, 'row 2')).toThrow(/row 2: the stored person carries no version/);
  });

  it('cannot be defined with a gap in its migration steps', () => {
    expect(() => versionedRecord({ name: 'gap', version: 3, schema: v3, steps: [] })).toThrow(
      /gap has no migration from version 1/,
    );
  });
});
