import { describe, expect, it } from 'vitest';
import { KeyWindowLimiter } from './key-window-limiter';

describe('KeyWindowLimiter', () => {
  it('counts each key in its own window and refuses past max until the window ends', () => {
    const l = new KeyWindowLimiter(2, 60_000);
    expect(l.hit('a', 0)).toEqual({ remaining: 1, ttlMs: 60_000, exceeded: false });
    expect(l.hit('a', 1000)).toEqual({ remaining: 0, ttlMs: 59_000, exceeded: false });
    expect(l.hit('a', 2000)).toEqual({ remaining: 0, ttlMs: 58_000, exceeded: true });
    expect(l.hit('b', 2000).exceeded).toBe(false);
    // The window started at 0 ends at 60 s: a new one starts.
    expect(l.hit('a', 60_000)).toEqual({ remaining: 1, ttlMs: 60_000, exceeded: false });
  });

  it('keeps at most `capacity` keys, forgetting the stalest window first', () => {
    const l = new KeyWindowLimiter(1, 60_000, 2);
    l.hit('a', 0);
    l.hit('b', 1);
    l.hit('a', 2); // over the limit, still a's first window
    l.hit('c', 3); // evicts a (its window started first)
    expect(l.hit('a', 4).exceeded).toBe(false);
    expect(l.hit('c', 5).exceeded).toBe(true);
  });
});
