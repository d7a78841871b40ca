import { describe, expect, it } from 'vitest';
import { parseCsv, readCsv } from '../csv/read-csv';
import { binaryTarget } from '../split/binary-target';
import { sharedDataset } from '../test-support/temp-csv';
import { mulberry32 } from '../split/prng';
import { columnsToLeaveOut, dataWarnings, groupThousands } from './column-checks';
import { outcomeName, singleColumnAuc } from './leakage';

const codesByColumn = (ws: { code: string; column: string }[]) => ws.map((w) => `${w.code}:${w.column}`);

describe('data warnings on the real files', () => {
  it('flags the Taiwan ID as a row sequence and nothing else as ID-like or leaking', async () => {
    const table = await readCsv(sharedDataset('taiwan_default.csv'));
    const target = 'default.payment.next.month';
    const ws = dataWarnings(table, { name: target, y: binaryTarget(table, target) });
    const id = ws.filter((w) => w.code === 'COLUMN_ID_LIKE');
    expect(id).toEqual([
      expect.objectContaining({ column: 'ID', details: { distinct: 30000, sequence: true } }),
    ]);
    expect(id[0]!.message).toMatch(/30,000 distinct/);
    expect(ws.filter((w) => w.code === 'TARGET_LEAKAGE')).toEqual([]);
    expect(columnsToLeaveOut(ws)).toEqual(['ID']);
  }, 60_000);

  it('leaves German credit clean (status_of_existing_checking_account is not an outcome name)', async () => {
    const table = await readCsv(sharedDataset('german_credit.csv'));
    const ws = dataWarnings(table, { name: 'creditability', y: binaryTarget(table, 'creditability') });
    expect(codesByColumn(ws)).toEqual([]);
    expect(outcomeName('status_of_existing_checking_account')).toBe(false);
  }, 30_000);

  it('catches a near-perfect leak and an outcome name added to German credit', async () => {
    const table = await readCsv(sharedDataset('german_credit.csv'));
    const y = binaryTarget(table, 'creditability');
    // A collections amount: 0 for nearly every good loan, positive for bads, with 1% noise.
    const amount = Float64Array.from(y, (v, i) => (v ? 100 + i : i % 100 === 0 ? 5000 : 0));
    const status = Int32Array.from(y, (_, i) => i % 3);
    const withLeaks = {
      rowCount: table.rowCount,
      columns: [
        ...table.columns,
        { name: 'amount_in_collection', type: 'numeric' as const, values: amount },
        { name: 'loan_status', type: 'categorical' as const, codes: status, levels: ['a', 'b', 'c'] },
      ],
    };
    expect(singleColumnAuc(withLeaks.columns.at(-2)!, y)).toBeGreaterThan(0.98);
    const ws = dataWarnings(withLeaks, { name: 'creditability', y });
    expect(ws.map((w) => [w.code, w.column, w.details?.reason])).toEqual([
      ['TARGET_LEAKAGE', 'amount_in_collection', 'separates'],
      ['TARGET_LEAKAGE', 'loan_status', 'name'],
    ]);
    expect(columnsToLeaveOut(ws)).toEqual(['amount_in_collection', 'loan_status']);
  }, 30_000);
});

describe('column checks', () => {
  it('flags constant, near-constant, mostly missing and unique text, and a tiny class', () => {
    const rows = ['id,const,rare,sparse,y'];
    for (let i = 0; i < 200; i++)
      rows.push(`c${i},1,${i === 0 ? 'x' : 'y'},${i % 3 === 0 ? i : ''},${i < 10 ? 1 : 0}`);
    const t = parseCsv(Buffer.from(rows.join('\n')));
    const ws = dataWarnings(t, { name: 'y', y: binaryTarget(t, 'y') });
    expect(codesByColumn(ws)).toEqual([
      'COLUMN_ID_LIKE:id',
      'COLUMN_CONSTANT:const',
      'COLUMN_NEAR_CONSTANT:rare',
      'COLUMN_MOSTLY_MISSING:sparse',
      'TARGET_TINY_CLASS:y',
    ]);
    expect(ws.at(-1)!.message).toMatch(/Only 10 bad rows/);
  });

  it('does not call a shuffled integer amount with repeats, or a short column, ID-like', () => {
    const t = parseCsv(
      Buffer.from(['a,b', ...Array.from({ length: 50 }, (_, i) => `${(i * 7) % 20},${i}`)].join('\n')),
    );
    expect(codesByColumn(dataWarnings(t)).filter((c) => c.startsWith('COLUMN_ID_LIKE'))).toEqual([
      'COLUMN_ID_LIKE:b',
    ]);
    const short = parseCsv(Buffer.from('a\n1\n2\n3\n'));
    expect(dataWarnings(short)).toEqual([]);
  });
});

describe('groupThousands', () => {
  it('writes counts as toLocaleString("en-US") does', () => {
    const r = mulberry32(3);
    const counts = [0, 1, 12, 999, 1000, 1001, 9999, 10_000, 30_000, 123_456, 999_999, 1_000_000, 1_500_000];
    for (let i = 0; i < 200; i++) counts.push(Math.floor(r() * 10 ** (1 + (i % 12))));
    for (const n of counts) expect(groupThousands(n)).toBe(n.toLocaleString('en-US'));
  });
});
