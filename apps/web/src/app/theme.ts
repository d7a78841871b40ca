import { useSyncExternalStore } from 'react';

/** What the analyst picked: follow the system, or always light or dark. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'studio.theme';
const listeners = new Set<() => void>();
const darkQuery = () =>
  typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;

/** The stored choice (session-wide preference, kept in localStorage); "system" when none or unreadable. */
export function themeChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** The theme a choice shows now: "system" follows prefers-color-scheme. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

function apply(): void {
  const theme = resolveTheme(themeChoice(), darkQuery()?.matches ?? false);
  document.documentElement.dataset.theme = theme;
  for (const l of listeners) l();
}

/** Stores the choice and repaints at once. */
export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Private mode without storage: the choice holds for this page only.
  }
  apply();
}

/** Sets the theme before the first paint and follows the system's changes while "system" is chosen. */
export function initTheme(): void {
  apply();
  darkQuery()?.addEventListener('change', apply);
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** The current choice and the theme it shows, re-rendering on a toggle or a system change. */
export function useTheme(): { choice: ThemeChoice; theme: Theme } {
  const choice = useSyncExternalStore(subscribe, themeChoice);
  const theme = useSyncExternalStore(subscribe, () =>
    document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light',
  );
  return { choice, theme };
}
