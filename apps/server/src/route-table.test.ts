import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_PATH, routes } from '@studio/api';
import { createTestApp, type TestApp } from './test-support/test-app';

/** `METHOD /path` of every route the app serves, read from Fastify's route tree (HEAD twins left out). */
function servedRoutes(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)$/.exec(line.replace(/\u00a0/g, ' '));
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('');
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD') out.push(`${method} ${path}`);
  }
  return out.sort();
}

describe('route table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the server serves exactly the routes of @studio/api (besides the OpenAPI UI)', () => {
    const served = servedRoutes(t.app.printRoutes({ commonPrefix: false })).filter(
      (r) => !r.split(' ')[1]!.startsWith(DOCS_PATH),
    );
    const table = Object.values(routes)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(served.length).toBeGreaterThan(40);
    expect(served).toEqual(table);
  });

  it('serves the OpenAPI UI where DOCS_PATH says', () => {
    expect(t.app.hasRoute({ method: 'GET', url: `${DOCS_PATH}/json` })).toBe(true);
  });
});
