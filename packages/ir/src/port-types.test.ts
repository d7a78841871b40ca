import { describe, expect, it } from 'vitest';
import { PORT_TYPES, assignabilityReason, isAssignable, isPortType } from './port-types';

describe('port types', () => {
  it('connects identical types only', () => {
    for (const from of PORT_TYPES) {
      for (const to of PORT_TYPES) {
        expect(isAssignable(from, to)).toBe(from === to);
      }
    }
  });

  it('explains every illegal pair with a fix, and none for a legal one', () => {
    for (const from of PORT_TYPES) {
      for (const to of PORT_TYPES) {
        const reason = assignabilityReason(from, to);
        if (from === to) expect(reason).toBeNull();
        else expect(reason).toMatch(new RegExp(`^${from} cannot feed a ${to} input; \\w`));
      }
    }
  });

  it('points a table-to-tensor connection at the Encode node', () => {
    expect(assignabilityReason('table', 'tensor')).toBe(
      'table cannot feed a tensor input; add an Encode node',
    );
  });

  it('recognises port type names', () => {
    expect(isPortType('table')).toBe(true);
    expect(isPortType('Table')).toBe(false);
    expect(isPortType(3)).toBe(false);
  });
});
