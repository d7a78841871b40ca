import { describe, expect, it } from 'vitest';
import { createApiKeyStore } from './api-key-store';

describe('api key store', () => {
  it('keeps one key per slug, the latest set', () => {
    const s = createApiKeyStore();
    s.getState().setKey('a', 'k1');
    s.getState().setKey('b', 'k2');
    s.getState().setKey('a', 'k3');
    expect(s.getState().keys).toEqual({ a: 'k3', b: 'k2' });
  });
});
