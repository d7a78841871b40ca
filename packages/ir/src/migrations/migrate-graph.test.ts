import { describe, expect, it } from 'vitest';
import { codeOf } from '../diagnostic-codes';
import { StudioError, UserError } from '../errors';
import { IR_VERSION } from '../graph';
import { validateGraph } from '../validate-graph';
import v0Broken from './fixtures/v0-broken-link.json';
import v0Minimal from './fixtures/v0-minimal.json';
import v0Scorecard from './fixtures/v0-scorecard.json';
import v1LogisticSolvers from './fixtures/v1-logistic-solvers.json';
import v1Network from './fixtures/v1-network.json';
import { resolveLogisticSolver } from '../ops/logistic-regression';
import { currentGraph, documentVersion, migrateGraph } from './migrate-graph';

function thrown(f: () => unknown): StudioError {
  try {
    f();
  } catch (e) {
    if (e instanceof StudioError) return e;
    throw e;
  }
  throw new UserError('TEST', 'expected a StudioError');
}

describe('migrateGraph', () => {
  it('upgrades the version 0 scorecard to a valid current graph', () => {
    const g = migrateGraph(v0Scorecard);
    expect(g.irVersion).toBe(IR_VERSION);
    expect(g.meta).toEqual({ name: 'Retail PD (pre-release)' });
    expect(g.nodes[1]).toEqual({
      id: 'split',
      op: 'split',
      params: { testFraction: 0.25, method: 'random' },
      position: { x: 220, y: 40 },
    });
    expect(g.edges[0]).toEqual({
      id: 'link-1',
      source: { node: 'ds', port: 'table' },
      target: { node: 'split', port: 'table' },
    });
    expect(g.edges).toHaveLength(v0Scorecard.links.length);
    expect(validateGraph(g).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('fills a name, keeps ids with colons and drops half positions', () => {
    const g = migrateGraph(v0Minimal);
    expect(g.meta.name).toBe('Untitled graph');
    expect(g.edges[0]?.source).toEqual({ node: 'team:ds:1', port: 'table' });
    expect(g.nodes.map((n) => n.position)).toEqual([undefined, undefined]);
    expect(g.nodes[0]?.params).toEqual({});
  });

  it('is a pure function of the document', () => {
    const before = JSON.stringify(v0Scorecard);
    expect(migrateGraph(v0Scorecard)).toEqual(migrateGraph(v0Scorecard));
    expect(JSON.stringify(v0Scorecard)).toBe(before);
  });

  it('refuses a malformed version 0 link, saying what it expected', () => {
    const e = thrown(() => migrateGraph(v0Broken));
    expect(e.code).toBe(codeOf('INVALID_LEGACY_DOCUMENT'));
    expect(e.message).toMatch(/links\[0\]\.from is "ds", expected "node:port"/);
  });

  it('loads a version 1 document without a logistic node unchanged but for its version and no groups', () => {
    expect(migrateGraph(v1Network)).toEqual({ ...v1Network, irVersion: IR_VERSION, groups: [] });
    expect(validateGraph(migrateGraph(v1Network)).ok).toBe(true);
  });

  it("turns version 1's logistic solver 'lbfgs' (Newton unless l1 > 0) into 'auto', keeping what trains", () => {
    const g = migrateGraph(v1LogisticSolvers);
    const solver = (id: string) => g.nodes.find((n) => n.id === id)?.params.solver;
    expect(solver('lr-default')).toBe('auto');
    expect(solver('lr-sparse')).toBe('auto');
    expect(solver('lr-newton')).toBe('newton');
    expect(solver('lr-unset')).toBeUndefined();
    const others = (nodes: readonly { id: string }[]) => nodes.filter((n) => !n.id.startsWith('lr-'));
    expect(others(g.nodes)).toEqual(others(v1LogisticSolvers.nodes));
    expect(g.edges).toEqual(v1LogisticSolvers.edges);
    expect(validateGraph(g).ok).toBe(true);
    // The same engine optimizer as version 1 ran: Newton without l1, L-BFGS (OWL-QN) with it.
    expect(resolveLogisticSolver('auto', 0).optimizer).toBe('newton');
    expect(resolveLogisticSolver('auto', 0.5).optimizer).toBe('lbfgs');
    expect(migrateGraph(migrateGraph(v1LogisticSolvers))).toEqual(g);
  });

  it('loads a current document unchanged', () => {
    const current = migrateGraph(v1LogisticSolvers);
    expect(migrateGraph(current)).toEqual(current);
    expect(currentGraph(current)).toBe(current);
    expect(currentGraph(v1LogisticSolvers)).toEqual(current);
  });

  it('asks to upgrade the Studio for a future version', () => {
    const e = thrown(() => migrateGraph({ ...v1Network, irVersion: IR_VERSION + 1 }));
    expect(e).toBeInstanceOf(UserError);
    expect(e.code).toBe(codeOf('UNSUPPORTED_VERSION'));
    expect(e.message).toMatch(/upgrade the Studio/);
  });

  it('refuses documents without a usable version', () => {
    for (const raw of [
      null,
      [],
      'graph',
      {},
      { irVersion: -1 },
      { irVersion: 0.5 },
      { irVersion: '1' },
      { version: 3 },
    ]) {
      expect(thrown(() => migrateGraph(raw)).code).toBe(codeOf('INVALID_DOCUMENT'));
    }
  });

  it('reports the declared version', () => {
    expect(documentVersion(v0Scorecard)).toBe(0);
    expect(documentVersion(v1Network)).toBe(1);
  });
});
