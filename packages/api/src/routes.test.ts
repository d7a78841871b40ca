import { describe, expect, it } from 'vitest';
import { paths, pathOfRoute, routes, under, type RouteName } from './routes';

/** The regular expression a route pattern's URLs match: each `:param` one encoded segment. */
function patternOf(path: string): RegExp {
  const body = path
    .split('/')
    .map((s) => (s.startsWith(':') ? '[^/?#]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}(\\?.*)?$`);
}

const awkward = 'a/b?c#d e%';
type Builder = (...args: never[]) => string;

describe('routes and paths', () => {
  it('every route has a builder whose URL matches its pattern, even for ids with / ? # and spaces', () => {
    for (const [name, spec] of Object.entries(routes)) {
      const build = paths[pathOfRoute[name as RouteName]] as Builder;
      const args = Array.from({ length: build.length }, () => awkward) as never[];
      const url = build(...args);
      expect(url, name).toMatch(patternOf(spec.path));
      expect(url.split('?')[0]!.split('/').length, name).toBe(spec.path.split('/').length);
    }
  });

  it('every builder serves at least one route', () => {
    const used = new Set<string>(Object.values(pathOfRoute));
    expect(Object.keys(paths).filter((p) => !used.has(p) && p !== 'docs')).toEqual([]);
  });

  it('encodes every parameter', () => {
    expect(paths.project('a/b')).toBe('/api/projects/a%2Fb');
    expect(paths.deploymentKeyRevoke('d 1', 'k?2')).toBe('/api/deployments/d%201/keys/k%3F2/revoke');
    expect(paths.predict('my-model')).toBe('/v1/deployments/my-model/predict');
    expect(paths.runEvents('r#1')).toBe('/api/runs/r%231/events');
  });

  it('builds queries from the given values only', () => {
    expect(paths.datasetProfile('d1')).toBe('/api/datasets/d1/profile');
    expect(paths.datasetProfile('d1', 'bad flag')).toBe('/api/datasets/d1/profile?target=bad+flag');
    expect(paths.projectDiff('p', 'v1', 'v&2')).toBe('/api/projects/p/diff?from=v1&to=v%262');
    expect(paths.deploymentPredictions('d')).toBe('/api/deployments/d/predictions');
    expect(paths.deploymentPredictions('d', 50)).toBe('/api/deployments/d/predictions?limit=50');
    expect(paths.audit()).toBe('/api/audit');
    expect(paths.audit({ projectId: 'p1', limit: 200 })).toBe('/api/audit?projectId=p1&limit=200');
  });

  it('gives a pattern relative to the prefix it is registered under', () => {
    expect(under('/api', routes.getProject)).toBe('/projects/:projectId');
    expect(under('/v1', routes.predictCsv)).toBe('/deployments/:slug/predict/csv');
    // @ts-expect-error a /api route is not under /v1
    under('/v1', routes.getProject);
  });
});
