import { describe, expect, it } from 'vitest';
import { cellReader } from './score-row';

describe('cellReader', () => {
  it('reads every name as itself, whatever characters it holds, and absent names as undefined', () => {
    const names = [
      'plain',
      'with "quotes"',
      "it's",
      'back\\slash',
      'line\nbreak',
      'sep\u2028\u2029',
      '${template}',
      '"]; throw new Error("injected"); //',
      '__proto__',
      'constructor',
      'absent',
      '',
    ];
    const record: Record<string, unknown> = {};
    names.forEach((n, k) => {
      if (n !== 'absent' && n !== 'constructor')
        Object.defineProperty(record, n, { value: k, enumerable: true });
    });
    const cells: unknown[] = new Array(names.length).fill('stale');
    cellReader(names)(record as never, cells as never);
    expect(cells).toEqual(
      names.map((n, k) => (n === 'absent' ? undefined : n === 'constructor' ? Object : k)),
    );
  });

  it('overwrites every cell on each call', () => {
    const read = cellReader(['a', 'b']);
    const cells: unknown[] = [];
    read({ a: 1, b: 'x' }, cells as never);
    read({ a: null }, cells as never);
    expect(cells).toEqual([null, undefined]);
  });
});
