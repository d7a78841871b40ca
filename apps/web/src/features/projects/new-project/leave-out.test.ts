import { describe, expect, it } from 'vitest';
import { columnsToLeaveOut } from './leave-out';

describe('columns left out by default', () => {
  it('takes ID-like and leaking columns once each, and nothing else', () => {
    expect(
      columnsToLeaveOut([
        { code: 'COLUMN_ID_LIKE', column: 'ID', message: '' },
        { code: 'COLUMN_CONSTANT', column: 'c', message: '' },
        { code: 'TARGET_LEAKAGE', column: 'status', message: '' },
        { code: 'TARGET_LEAKAGE', column: 'ID', message: '' },
      ]),
    ).toEqual(['ID', 'status']);
  });
});
