import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorCode, notFoundCode, SERVER_ERROR_CODES } from './errors';
import { ACTIVE, ACTIVE_STATUSES, runStatusSchema, TERMINAL, TERMINAL_STATUSES } from './runs';

describe('error codes', () => {
  it('lists each code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('names not-found codes after the record kind', () => {
    expect(notFoundCode('deployment')).toBe('DEPLOYMENT_NOT_FOUND');
    expect(SERVER_ERROR_CODES).toContain(notFoundCode('key'));
  });

  it('recognises named, diagnostic and pass-through codes and nothing else', () => {
    expect(isErrorCode('RUN_CANCELLED')).toBe(true);
    expect(isErrorCode('IR008')).toBe(true);
    expect(isErrorCode('FST_ERR_CTP_INVALID_CONTENT_LENGTH')).toBe(true);
    expect(isErrorCode('HTTP_429')).toBe(true);
    expect(isErrorCode('RUN_CANCELED')).toBe(false);
  });
});

describe('run status sets', () => {
  it('split every status into active or terminal, never both', () => {
    for (const s of runStatusSchema.options) expect(ACTIVE.has(s) !== TERMINAL.has(s), s).toBe(true);
    expect(ACTIVE_STATUSES.length + TERMINAL_STATUSES.length).toBe(runStatusSchema.options.length);
  });
});
