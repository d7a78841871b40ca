// parseCsv's shortcuts (the type sample in one tokenizer pass, the sample's numbers reused by the typed pass)
// against parseCsvReference, the plain two-pass read: the same table (types, values, missing cells, category
// levels and codes) or the same error (code, message, details) on the shared datasets and on fuzzed CSVs.
import { readFileSync } from 'node:fs';
import { sharedDataset } from '@studio/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Table } from '../table';
import { type ReadCsvOptions, parseCsv, parseCsvReference } from './read-csv';

function outcome(read: () => Table): unknown {
  try {
    const t = read();
    return {
      rowCount: t.rowCount,
      columns: t.columns.map((c) =>
        'codes' in c
          ? { name: c.name, type: c.type, levels: c.levels, codes: [...c.codes] }
          : // Arrays of numbers compare NaN equal to NaN and tell -0 from 0 (Object.is), as wanted here.
            { name: c.name, type: c.type, values: [...c.values] },
      ),
    };
  } catch (e) {
    const err = e as { code?: string; message?: string; details?: unknown };
    return { error: { code: err.code, message: err.message, details: err.details } };
  }
}

function expectSame(bytes: Uint8Array, opts: ReadCsvOptions = {}): void {
  expect(outcome(() => parseCsv(bytes, opts))).toEqual(outcome(() => parseCsvReference(bytes, opts)));
}

describe('parseCsv equals the plain two-pass read', () => {
  it('on the shared datasets, with the default and a small sample', () => {
    for (const name of ['german_credit.csv', 'taiwan_default.csv'] as const) {
      const bytes = readFileSync(sharedDataset(name));
      expectSame(bytes);
      expectSame(bytes, { inferRows: 7 });
    }
  }, 60_000);

  it('on boundary cases: quoted newlines across the sample end, lone CR, CRLF, blank lines, BOM, errors', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i},${i % 3 === 0 ? '' : i * 0.5}`);
    const cases: [string, ReadCsvOptions][] = [
      ['a,b\n' + rows(10).join('\n'), { inferRows: 4 }],
      ['a,b\n' + rows(10).join('\n') + '\n', { inferRows: 4 }],
      ['a,b\n' + rows(4).join('\n') + '\n', { inferRows: 4 }],
      ['a,b\n' + rows(5).join('\n'), { inferRows: 4 }],
      ['a,b\r\n' + rows(10).join('\r\n') + '\r\n', { inferRows: 4 }],
      ['a,b\r' + rows(10).join('\r') + '\r', { inferRows: 4 }],
      ['a,b\n1,2\n3,4\r5,6\n7,8\n9,10\n', { inferRows: 2 }],
      ['a,b\n1,"x\ny"\n3,"p\n\nq"\n5,6\n7,8\n', { inferRows: 2 }],
      ['a,b\n1,2\n3,"open\n5,6\n', { inferRows: 1 }],
      ['a,b\n1,2\n3,4\n5,"open\n', { inferRows: 1 }],
      ['a,b\n1,2\n3,4\n5,6,7\n', { inferRows: 1 }],
      ['a,b\n1,2\n3,4,5\n', { inferRows: 9 }],
      ['a,b\n1,2\n3,"x"y\n', { inferRows: 1 }],
      ['a,b\n\n\n1,2\n\n3,4\n\n5,x\n', { inferRows: 2 }],
      ['\ufeffa,b\n1,2\n3,4\n', {}],
      ['a,a\n1,2\n', {}],
      ['a,b\n', {}],
      ['', {}],
      ['a,b\n1,2\n3,oops\n', { inferRows: 1, types: { b: 'numeric' } }],
      ['a,b\n1,2\n3,4\n', { types: { c: 'numeric' } }],
      ['a,b\n1,-999\n3,4\n', { missingMarkers: ['-999', ''] }],
      ['a,b\n1,\n3,4\n5,6\n', { inferRows: 1, missingMarkers: ['NA'] }],
      ['a,b\n1,2\n3,4\n5,true\n6,false\n', { inferRows: 2 }],
      ['a,b\n1,2,\n', {}],
      // Where the sample ends decides the type: blanks, then booleans (boolean if sampled, else categorical).
      ['a,b\n1,\n2,\n3,true\n4,false\n', { inferRows: 2 }],
      ['a,b\n1,\n2,\n3,true\n4,false\n', { inferRows: 3 }],
      ['a,b\r\n1,\r\n2,\r\n3,true\r\n4,false\r\n', { inferRows: 2 }],
      ['a,b\r1,\r2,\r3,true\r4,false\r', { inferRows: 2 }],
      ['a,b\n1,\r2,\n3,true\n4,false\n', { inferRows: 2 }],
      ['a,b\n1,"\n"\n2,\n3,true\n4,false\n', { inferRows: 2 }],
      ['a,b\n1,\n2,"x\ny"\n3,true\n', { inferRows: 2 }],
      ['a,b\n1,2\n3,', {}],
    ];
    // An all-numeric sample, then the rest of the file in the same pass: what comes after the sample.
    const numeric = 'a,b\n1,2\n3,-4.5\n';
    const tails = ['5,6\n7,8', '5,x\n7,8\n', '5,6\n7,8,9\n', '5,x\n7,8,9\n', '5,\n7,NA\n', '5,6\r7,8\n'];
    tails.push('5,"6"\n7,"8\n', '5,"6"""\n', '5,1e400\n7,-0\n', '5,true\n', '5,8\n7,8.0\n');
    for (const tail of tails) {
      cases.push([numeric + tail, { inferRows: 2 }]);
      cases.push([numeric + tail, { inferRows: 2, types: { b: 'numeric' } }]);
      cases.push([numeric + tail, { inferRows: 2, missingMarkers: ['NA'] }]);
      cases.push([numeric + tail, { inferRows: 2, missingMarkers: ['', '8'] }]);
    }
    for (const [text, opts] of cases) expectSame(Buffer.from(text), opts);
    // Invalid UTF-8 after the sample, and inside it.
    expectSame(Buffer.concat([Buffer.from('a,b\n1,2\n3,4\n5,'), Buffer.from([0xe9, 0x0a])]), {
      inferRows: 1,
    });
    expectSame(Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xe9, 0x0a]), Buffer.from('3,4\n')]));
  });

  it('on fuzzed CSVs (property)', () => {
    const cell = fc.oneof(
      { weight: 6, arbitrary: fc.stringMatching(/^-?[0-9]{1,4}(\.[0-9]{1,3})?$/) },
      { weight: 2, arbitrary: fc.constantFrom('', 'NA', 'true', 'no', '2024-01-02', ' 7 ', '1e3', '-0') },
      { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9 ,"\n\r]{0,5}$/) },
      {
        weight: 1,
        arbitrary: fc.stringMatching(/^[a-c\n\r,]{0,3}$/).map((s) => `"${s.replaceAll('"', '""')}"`),
      },
    );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((w) =>
            fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 0, maxLength: 14 }),
          ),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.integer({ min: 0, max: 6 }),
        (rows, eol, trailing, inferRows) => {
          const width = rows[0]?.length ?? 2;
          const header = Array.from({ length: width }, (_, k) => `c${k}`).join(',');
          const text = [header, ...rows.map((r) => r.join(','))].join(eol) + (trailing ? eol : '');
          expectSame(Buffer.from(text), { inferRows });
        },
      ),
      { numRuns: 400, seed: 15 },
    );
  }, 60_000);

  it('on fuzzed CSVs whose types hinge on where the sample ends (property)', () => {
    const cell = fc.constantFrom('', '', '', 'true', 'no', '2024-01-02', '5', '"x\ny"', '"\r\n"');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell), { minLength: 0, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.integer({ min: 0, max: 6 }),
        (rows, eol, inferRows) => {
          const text = ['a,b', ...rows.map((r, i) => `${i},${r.join(',')}`)].join(eol) + eol;
          expectSame(Buffer.from(text.replace('a,b', 'i,a,b')), { inferRows });
        },
      ),
      { numRuns: 600, seed: 16 },
    );
  }, 60_000);
});
