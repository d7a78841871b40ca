import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './route';

describe('routes', () => {
  it('round-trips every screen through the hash', () => {
    const routes: Route[] = [
      { screen: 'projects' },
      { screen: 'editor', projectId: 'p 1' },
      { screen: 'dataset', projectId: 'p1', datasetId: 'd1' },
      { screen: 'runs', projectId: 'p1' },
      { screen: 'run', projectId: 'p1', runId: 'r1' },
      { screen: 'compare', projectId: 'p1', runIds: ['r1', 'r2'] },
      { screen: 'deployments', projectId: 'p1' },
      { screen: 'deployment', projectId: 'p1', deploymentId: 'd 1' },
      { screen: 'all-deployments' },
      { screen: 'datasets-library' },
      { screen: 'account', welcome: false },
      { screen: 'account', welcome: true },
      { screen: 'users' },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
  });
  it('falls back to the editor or the projects list on unknown paths', () => {
    expect(parseRoute('#/projects/p1/nope')).toEqual({ screen: 'editor', projectId: 'p1' });
    expect(parseRoute('')).toEqual({ screen: 'projects' });
  });
});
