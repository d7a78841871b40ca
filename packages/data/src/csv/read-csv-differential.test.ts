// parseCsv's shortcuts (the type sample in one tokenizer pass, the sample's numbers reused by the typed pass)
// against parseCsvReference, the plain two-pass read: the same table (types, values, missing cells, category
// levels and codes) or the same error (code, message, details) on the shared datasets and on fuzzed CSVs.
import { readFileSync } from 'node:fs';
import { sharedDataset } from '@studio/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReadCsvOptions, parseCsv, parseCsvReference } from './read-csv';
import { csvBoundaryCases, csvReadOutcome } from './read-csv-cases';

function expectSame(bytes: Uint8Array, opts: ReadCsvOptions = {}): void {
  expect(csvReadOutcome(() => parseCsv(bytes, opts))).toEqual(
    csvReadOutcome(() => parseCsvReference(bytes, opts)),
  );
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
    for (const [bytes, opts] of csvBoundaryCases()) expectSame(bytes, opts);
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
