import { useSyncExternalStore } from 'react';

/** The screens. Hash routing so a reload works whatever the server does with unknown paths. */
export type Route =
  | { screen: 'projects' }
  | { screen: 'editor'; projectId: string }
  | { screen: 'dataset'; projectId: string; datasetId: string }
  | { screen: 'runs'; projectId: string }
  | { screen: 'run'; projectId: string; runId: string }
  | { screen: 'compare'; projectId: string; runIds: string[] }
  | { screen: 'deployments'; projectId: string }
  | { screen: 'deployment'; projectId: string; deploymentId: string }
  | { screen: 'all-deployments' }
  | { screen: 'datasets-library' }
  | { screen: 'account'; welcome: boolean }
  | { screen: 'users' };

const dec = decodeURIComponent;
const enc = encodeURIComponent;

/** Parses a location hash such as `#/projects/p1/runs/r1` into a route. */
export function parseRoute(hash: string): Route {
  if (/^#\/deployments\/?$/.test(hash)) return { screen: 'all-deployments' };
  if (/^#\/users\/?$/.test(hash)) return { screen: 'users' };
  if (/^#\/datasets\/?$/.test(hash)) return { screen: 'datasets-library' };
  if (/^#\/account\/?(\?|$)/.test(hash)) return { screen: 'account', welcome: /[?&]welcome=1/.test(hash) };
  const m = /^#\/projects\/([^/?#]+)(?:\/([a-z]+)(?:\/([^/?#]+))?)?/.exec(hash);
  if (!m?.[1]) return { screen: 'projects' };
  const projectId = dec(m[1]);
  const [, , section, arg] = m;
  if (section === 'datasets' && arg) return { screen: 'dataset', projectId, datasetId: dec(arg) };
  if (section === 'runs' && arg) return { screen: 'run', projectId, runId: dec(arg) };
  if (section === 'runs') return { screen: 'runs', projectId };
  if (section === 'deployments' && arg) return { screen: 'deployment', projectId, deploymentId: dec(arg) };
  if (section === 'deployments') return { screen: 'deployments', projectId };
  if (section === 'compare' && arg) return { screen: 'compare', projectId, runIds: arg.split(',').map(dec) };
  return { screen: 'editor', projectId };
}

/** The hash of a route (the inverse of parseRoute). */
export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'projects':
      return '#/';
    case 'editor':
      return `#/projects/${enc(route.projectId)}`;
    case 'dataset':
      return `#/projects/${enc(route.projectId)}/datasets/${enc(route.datasetId)}`;
    case 'runs':
      return `#/projects/${enc(route.projectId)}/runs`;
    case 'run':
      return `#/projects/${enc(route.projectId)}/runs/${enc(route.runId)}`;
    case 'compare':
      return `#/projects/${enc(route.projectId)}/compare/${route.runIds.map(enc).join(',')}`;
    case 'deployments':
      return `#/projects/${enc(route.projectId)}/deployments`;
    case 'deployment':
      return `#/projects/${enc(route.projectId)}/deployments/${enc(route.deploymentId)}`;
    case 'all-deployments':
      return '#/deployments';
    case 'datasets-library':
      return '#/datasets';
    case 'account':
      return route.welcome ? '#/account?welcome=1' : '#/account';
    case 'users':
      return '#/users';
  }
}

/** Navigates to a route by changing the hash (the browser's back button keeps working). */
export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
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
