import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/read-csv';
import { binaryTarget } from './binary-target';

const table = (csv: string) => parseCsv(Buffer.from(csv));

describe('binaryTarget', () => {
  it('recognises good/bad text and 0/1 numbers', () => {
    expect([...binaryTarget(table('t\ngood\nbad\ngood\n'), 't')]).toEqual([0, 1, 0]);
    expect([...binaryTarget(table('t\n0\n1\n1\n'), 't')]).toEqual([0, 1, 1]);
    expect([...binaryTarget(table('t\n1\n2\n'), 't', 2)]).toEqual([0, 1]);
  });

  it('names the column and the values found when the target is not binary', () => {
    expect(() => binaryTarget(table('status\na\nb\nc\n'), 'status')).toThrow(
      expect.objectContaining({
        code: 'TARGET_NOT_BINARY',
        message: expect.stringMatching(/"status".*a, b, c/),
      }),
    );
    expect(() => binaryTarget(table('t\n0\n1\n2\n'), 't')).toThrow(
      expect.objectContaining({ code: 'TARGET_NOT_BINARY', message: expect.stringContaining('0, 1, 2') }),
    );
  });

  it('asks which value is bad, and rejects missing targets and a single class', () => {
    expect(() => binaryTarget(table('t\nred\nblue\n'), 't')).toThrow(
      expect.objectContaining({ code: 'TARGET_BAD_VALUE_UNKNOWN' }),
    );
    expect(() => binaryTarget(table('t,x\n0,a\n,b\n1,c\n'), 't')).toThrow(
      expect.objectContaining({ code: 'TARGET_MISSING' }),
    );
    expect(() => binaryTarget(table('t\ngood\ngood\n'), 't')).toThrow(
      expect.objectContaining({ code: 'TARGET_ONE_CLASS' }),
    );
    expect(() => binaryTarget(table('t\n0\n0\n'), 't')).toThrow(
      expect.objectContaining({ code: 'TARGET_ONE_CLASS' }),
    );
  });
});
