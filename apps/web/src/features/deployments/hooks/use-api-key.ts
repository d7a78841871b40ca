import { useStore } from 'zustand';
import { apiKeyStore } from '../state/api-key-store';

/** The API key this tab holds for a slug ('' when none), and its setter. */
export function useApiKey(slug: string): [string, (key: string) => void] {
  const key = useStore(apiKeyStore, (s) => s.keys[slug] ?? '');
  const setKey = useStore(apiKeyStore, (s) => s.setKey);
  return [key, (k: string) => setKey(slug, k)];
}
