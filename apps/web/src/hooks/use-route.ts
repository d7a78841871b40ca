import { useSyncExternalStore } from 'react';

/** The two screens. Hash routing so a reload works whatever the server does with unknown paths. */
export type Route = { screen: 'projects' } | { screen: 'editor'; projectId: string };

/** Parses a location hash such as `#/projects/p1` into a route. */
export function parseRoute(hash: string): Route {
  const m = /^#\/projects\/([^/?#]+)/.exec(hash);
  return m?.[1] ? { screen: 'editor', projectId: decodeURIComponent(m[1]) } : { screen: 'projects' };
}

/** Navigates to a route by changing the hash (the browser's back button keeps working). */
export function navigate(route: Route): void {
  window.location.hash =
    route.screen === 'editor' ? `#/projects/${encodeURIComponent(route.projectId)}` : '#/';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** Session state: the current screen, read from the URL hash. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
