import { createStore } from 'zustand/vanilla';

/**
 * SESSION state: API keys created in this tab, by deployment slug, so "Try it" and batch scoring keep working
 * after a new version of the slug is deployed. Memory only: a secret is never written to storage.
 */
export interface ApiKeyState {
  keys: Record<string, string>;
  setKey(slug: string, key: string): void;
}

/** Creates the store (one per tab in the app; one per test in the tests). */
export function createApiKeyStore() {
  return createStore<ApiKeyState>()((set, get) => ({
    keys: {},
    setKey: (slug, key) => set({ keys: { ...get().keys, [slug]: key } }),
  }));
}

/** The tab's store. */
export const apiKeyStore = createApiKeyStore();
