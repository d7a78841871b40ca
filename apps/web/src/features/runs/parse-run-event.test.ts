import { describe, expect, it } from 'vitest';
import { parseRunEvent } from './parse-run-event';

describe('parseRunEvent', () => {
  it('reads a status event whether or not the data repeats the type', () => {
    expect(parseRunEvent('status', '{"status":"succeeded","error":null}')).toEqual({
      type: 'status',
      status: 'succeeded',
      error: null,
    });
    expect(parseRunEvent('status', '{"type":"status","status":"failed","error":"x"}')?.type).toBe('status');
  });
  it('drops malformed or off-contract messages', () => {
    expect(parseRunEvent('status', 'not json')).toBeNull();
    expect(parseRunEvent('status', '{"status":"exploded","error":null}')).toBeNull();
    expect(parseRunEvent('progress', 'null')).toBeNull();
  });
});
