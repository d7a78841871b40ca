// The native CSV cell reader behind `readCsv` (registered as @studio/pipeline does): the same table or the
// same error as the plain TypeScript read on the shared datasets, the boundary cases and fuzzed CSVs.
import { readFileSync } from 'node:fs';
import {
  csvBoundaryCases,
  csvReadOutcome,
  parseCsv,
  parseCsvReference,
  useCsvKernel,
  type CsvCells,
  type ReadCsvOptions,
} from '@studio/data';
import { sharedDataset } from '@studio/test-support';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvColumns, hasCsvKernel } from './index';

let read = 0;
let declined = 0;

function expectSame(bytes: Uint8Array, opts: ReadCsvOptions = {}): void {
  expect(csvReadOutcome(() => parseCsv(bytes, opts))).toEqual(
    csvReadOutcome(() => parseCsvReference(bytes, opts)),
  );
}

describe('native CSV cell reader', () => {
  beforeAll(() => {
    useCsvKernel({
      csvColumns: (...args): CsvCells | null => {
        const cells = csvColumns(...args);
        if (cells === null) declined++;
        else read++;
        return cells;
      },
    });
  });
  afterAll(() => useCsvKernel(null));

  it('is in the loaded addon (rebuild native/ when this fails)', () => {
    expect(hasCsvKernel).toBe(true);
  });

  it('reads the shared datasets as the TypeScript reader does', () => {
    for (const name of ['german_credit.csv', 'taiwan_default.csv'] as const) {
      const bytes = readFileSync(sharedDataset(name));
      const before = read;
      expectSame(bytes);
      expectSame(bytes, { inferRows: 7 });
      expectSame(bytes, {
        inferRows: 7,
        types: { [name === 'german_credit.csv' ? 'purpose' : 'AGE']: 'categorical' },
      });
      expect(read - before).toBe(3);
    }
  }, 60_000);

  it('gives the same table or error on the boundary cases, reading most of them itself', () => {
    const before = read;
    for (const [bytes, opts] of csvBoundaryCases()) expectSame(bytes, opts);
    expect(read - before).toBeGreaterThan(40);
  });

  it('gives the same table or error on fuzzed CSVs (property)', () => {
    const cell = fc.oneof(
      { weight: 5, arbitrary: fc.stringMatching(/^ ?[-+]?[0-9]{0,3}\.?[0-9]{0,2}(e-?[0-9])? ?$/) },
      {
        weight: 3,
        arbitrary: fc.constantFrom('', 'NA', 'true', 'False', '2024-01-02', '2024-01-02 10:00', 'x', 'é'),
      },
      { weight: 2, arbitrary: fc.stringMatching(/^[ab1 ]{1,3}"?[ab]?$/) },
      {
        weight: 1,
        arbitrary: fc.stringMatching(/^[a1",\n\r]{0,3}$/).map((s) => `"${s.replaceAll('"', '""')}"`),
      },
    );
    const types = fc.constantFrom(undefined, 'numeric', 'categorical', 'boolean', 'date');
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((w) =>
            fc.tuple(
              fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 14 }),
              fc.array(types, { minLength: w, maxLength: w }),
            ),
          ),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(undefined, ['NA'], ['', 'x']),
        ([rows, forced], eol, trailing, inferRows, missingMarkers) => {
          const width = forced.length;
          const names = Array.from({ length: width }, (_, k) => `c${k}`);
          const text = [names.join(','), ...rows.map((r) => r.join(','))].join(eol) + (trailing ? eol : '');
          const opts: ReadCsvOptions = { inferRows, ...(missingMarkers ? { missingMarkers } : {}) };
          const set = Object.fromEntries(names.flatMap((n, k) => (forced[k] ? [[n, forced[k]]] : [])));
          expectSame(Buffer.from(text), opts);
          expectSame(Buffer.from(text), { ...opts, types: set });
        },
      ),
      { numRuns: 1500, seed: 15 },
    );
    // Most files are read natively (the rest: quoted fields left open or closed before text, ragged rows, no row in the sample).
    expect(read).toBeGreaterThan(2 * declined);
  }, 120_000);
});
