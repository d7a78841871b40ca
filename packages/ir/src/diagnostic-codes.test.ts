import { expect, it } from 'vitest';
import { codeOf, diagnosticCodes } from './diagnostic-codes';

it('numbers every entry uniquely, validation findings IR0xx and thrown errors IR1xx', () => {
  const entries = Object.entries(diagnosticCodes);
  const codes = entries.map(([, e]) => e.code);
  expect(new Set(codes).size).toBe(codes.length);
  for (const [name, entry] of entries) {
    expect(entry.code).toMatch(/^IR[01]\d\d$/);
    expect(codeOf(name as keyof typeof diagnosticCodes)).toBe(entry.code);
    expect(entry.summary).toMatch(/\.$/);
  }
  expect(diagnosticCodes.UNKNOWN_OP.code).toBe('IR001');
  expect(entries.filter(([, e]) => e.severity === 'warning').map(([n]) => n)).toEqual([
    'UNUSED_OUTPUT',
    'DATA_WARNING',
    'PROTECTED_AS_INPUT',
    'GROUP_EMPTY',
    'GROUP_INTERFACE',
  ]);
});
