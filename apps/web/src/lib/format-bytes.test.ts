import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

describe('formatBytes', () => {
  it('names the unit and keeps the digits short', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(2_831_155)).toBe('2.7 MB');
    expect(formatBytes(200 * 1024)).toBe('200 KB');
  });
});
