import { describe, expect, it } from 'vitest';
import { createOnce, isLostRace } from './create-once';

describe('createOnce', () => {
  it('creates a missing row once', async () => {
    let creates = 0;
    expect(
      await createOnce(
        async () => null,
        async () => ({ id: ++creates }),
      ),
    ).toEqual({ id: 1 });
    expect(creates).toBe(1);
  });

  it('takes the row another process made when its own insert loses', async () => {
    let row: { id: string } | null = null;
    const got = await createOnce(
      async () => row,
      async () => {
        row = { id: 'theirs' }; // the other process committed first
        throw Object.assign(new Error('Unique constraint failed on the fields: (`id`)'), { code: 'P2002' });
      },
    );
    expect(got).toEqual({ id: 'theirs' });
  });

  it('gives up after its attempts with the last error', async () => {
    let calls = 0;
    await expect(
      createOnce(
        async () => null,
        async () => {
          calls++;
          throw new Error('disk full');
        },
        3,
      ),
    ).rejects.toThrow('disk full');
    expect(calls).toBe(3);
  });

  it('names lost races, not other errors', () => {
    expect(isLostRace({ code: 'P2002' })).toBe(true);
    expect(isLostRace(new Error('SqliteError: database is locked'))).toBe(true);
    expect(isLostRace({ code: 'P2025' })).toBe(false);
    expect(isLostRace(new Error('disk full'))).toBe(false);
  });
});
