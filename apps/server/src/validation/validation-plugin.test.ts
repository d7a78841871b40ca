import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditEvent,
  Deployment,
  Project,
  ProjectDetail,
  Run,
  RunFinding,
  RunLineage,
} from '@studio/api';
import type { GraphIR } from '@studio/ir';
import { findTemplate } from '@studio/pipeline';
import { DOCUMENT_SECTIONS, fmt, pct } from '@studio/report';
import { readZip } from '../bundles/zip';
import { trainHead } from '../test-support/trained-runs';
import { DEMO_PROJECT_NAME, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

/** The text of one `<section id>` of the document, tags kept (the parse-back the tests read figures from). */
function sectionOf(html: string, id: string): string {
  const m = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html);
  if (!m) throw new TypeError(`section ${id} is missing`);
  return m[1]!;
}

/** Cells of the table rows of a section, each row as its cell texts. */
function rowsOf(section: string, cls: string): string[][] {
  const table = new RegExp(`<table class="${cls}">([\\s\\S]*?)</table>`).exec(section)?.[1] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((r) => [...r[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1]!))
    .filter((cells) => cells.length > 0);
}

/** The WOE scorecard template on the demo dataset, `personal_status_and_sex` protected, age bands derived. */
function scorecardGraph(datasetId: string, maxBins = 6): GraphIR {
  const g = findTemplate('woe-scorecard')!.build(datasetId, 'creditability');
  return {
    ...g,
    nodes: g.nodes.map((n) =>
      n.op === 'evaluate'
        ? {
            ...n,
            params: {
              ...n.params,
              protected: ['personal_status_and_sex'],
              ageColumn: 'age_in_years',
              bootstrap: 400,
            },
          }
        : n.op === 'woe-binning'
          ? { ...n, params: { ...n.params, maxBins } }
          : n,
    ),
  };
}

describe.each(testProviders)('validation on %s', (provider) => {
  let t: TestApp;
  let projectId: string;
  let datasetId: string;
  let first: Run;
  let second: Run;

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const save = async (graph: GraphIR) => {
    const demo = json<ProjectDetail>(await get(`/api/projects/${projectId}`));
    return t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/graph`,
      payload: { graph, baseVersionId: demo.head!.id },
    });
  };
  const deploy = (runId: string) =>
    t.app.inject({ method: 'POST', url: `/api/runs/${runId}/deploy`, payload: { slug: `val-${provider}` } });

  beforeAll(async () => {
    t = await createTestApp(provider);
    await seedDemo(t.app);
    projectId = json<Project[]>(await get('/api/projects')).find((p) => p.name === DEMO_PROJECT_NAME)!.id;
    const demo = json<ProjectDetail>(await get(`/api/projects/${projectId}`));
    datasetId = String(demo.head!.graph.nodes.find((n) => n.op === 'dataset')!.params.datasetId);
    expect((await save(scorecardGraph(datasetId))).statusCode).toBe(201);
    first = await trainHead(t.app, projectId);
  }, 180_000);
  afterAll(async () => t?.close());

  it('lineage: dataset hash → graph version → run → artifacts, each with its hash', async () => {
    expect(first.status).toBe('succeeded');
    const res = await get(`/api/runs/${first.id}/lineage`);
    expect(res.statusCode, res.body).toBe(200);
    const l = json<RunLineage>(res);
    expect(l.dataset).toMatchObject({
      id: datasetId,
      sha256: first.datasetHash,
      rows: 1000,
      target: 'creditability',
    });
    expect(l.dataset!.profileUrl).toBe(`/api/datasets/${datasetId}/profile?target=creditability`);
    expect(l.graphVersion).toMatchObject({
      id: first.versionId,
      number: first.versionNumber,
      hash: first.graphHash,
    });
    expect(l.run).toMatchObject({
      id: first.id,
      seed: 42,
      engineVersion: first.engineVersion,
      device: first.backend,
    });
    expect(l.artifacts.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['transforms', 'weights', 'scorecard', 'metrics']),
    );
    expect(l.artifacts.every((a) => /^[0-9a-f]{64}$/.test(a.sha256))).toBe(true);
    expect(l.deployments).toEqual([]);
    expect((await get('/api/runs/nope/lineage')).statusCode).toBe(404);
  });

  it("the model document has every section with the run's own figures, stored content-addressed", async () => {
    const res = await get(`/api/runs/${first.id}/document`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    const sha = createHash('sha256').update(res.rawPayload).digest('hex');
    expect(res.headers['x-document-sha256']).toBe(sha);
    for (const [id] of DOCUMENT_SECTIONS) expect(html).toContain(`<section id="${id}">`);

    const v = first.evaluations![0]!.validation!;
    const test = v.samples[0]!;
    // Performance: estimates and intervals of this run.
    const perf = rowsOf(sectionOf(html, 'performance'), 'discrimination');
    for (const m of ['auc', 'ks', 'gini'] as const) {
      const d = test.discrimination[m];
      expect(perf).toContainEqual([
        'test rows',
        m.toUpperCase(),
        fmt(d.estimate),
        `[${fmt(d.lower)}, ${fmt(d.upper)}]`,
        fmt(d.standardError),
      ]);
    }
    expect(fmt(test.discrimination.auc.estimate)).toBe(fmt(first.evaluation!.auc));
    const cut = rowsOf(sectionOf(html, 'performance'), 'cutoffs');
    expect(cut).toHaveLength(test.cutoffs.rows.length);
    expect(cut[4]![2]).toBe(pct(test.cutoffs.rows[4]!.approvalRate));
    // Calibration: Hosmer–Lemeshow and the bands.
    const cal = sectionOf(html, 'calibration');
    expect(cal).toContain(
      `χ² ${fmt(test.calibration.hosmerLemeshow.statistic, 3)} on 8 df, p = ${fmt(test.calibration.hosmerLemeshow.pValue, 4)}`,
    );
    expect(rowsOf(cal, 'calibration').map((r) => Number(r[7]))).toEqual(
      test.calibration.bands.map((b) => b.observedBads),
    );
    // Stability: score PSI and one CSI row per characteristic.
    const stab = sectionOf(html, 'stability');
    expect(stab).toContain(`Score PSI ${fmt(test.scorePsi.index)}`);
    expect(rowsOf(stab, 'csi')).toHaveLength(test.characteristics.length);
    // Fairness: personal_status_and_sex and the age bands, group sizes summing to the test rows.
    const fair = sectionOf(html, 'fairness');
    expect(fair).toContain('personal_status_and_sex');
    expect(fair).toContain('age_in_years (age band)');
    const sex = test.fairness.find((f) => f.attribute === 'personal_status_and_sex')!;
    const shown = rowsOf(fair, 'fairness').slice(0, sex.groups.length);
    expect(shown.map((r) => [r[0], Number(r[1]), r[4]])).toEqual(
      sex.groups.map((g) => [
        g.group.replace(/&/g, '&amp;').replace(/'/g, '&#39;'),
        g.size,
        fmt(g.adverseImpactRatio, 3),
      ]),
    );
    expect(shown.reduce((s, r) => s + Number(r[1]), 0)).toBe(test.rows);
    // Variables: every selected characteristic with its IV and its bins' points.
    const vars = sectionOf(html, 'variables');
    for (const w of first.woe!.filter((x) => x.selected))
      expect(vars).toContain(`${w.name} (IV ${fmt(w.iv)})`);
    expect(vars).toContain(String(first.scorecard!.rows[0]!.points));
    // Data and lineage carry the hashes.
    expect(sectionOf(html, 'data')).toContain(first.datasetHash!);
    expect(sectionOf(html, 'lineage')).toContain(first.graphHash);
    expect(sectionOf(html, 'changes')).toContain('nothing to compare');
    // Stored once: the same bytes again, and the lineage names that hash.
    const again = await get(`/api/runs/${first.id}/document`);
    expect(again.headers['x-document-sha256']).toBe(sha);
    expect(json<RunLineage>(await get(`/api/runs/${first.id}/lineage`)).document?.sha256).toBe(sha);
  });

  it('the bundle carries the model document', async () => {
    const res = await get(`/api/projects/${projectId}/bundle`);
    expect(res.statusCode).toBe(200);
    const sha = json<RunLineage>(await get(`/api/runs/${first.id}/lineage`)).document!.sha256;
    const files = await readZip(res.rawPayload);
    const doc = [...files.entries()].find(([name]) => /^runs\/r\d+\/document-[0-9a-f]{64}\.html$/.test(name));
    expect(doc, [...files.keys()].join(', ')).toBeDefined();
    expect(createHash('sha256').update(doc![1]).digest('hex')).toBe(sha);
  });

  it('the PDF is printed from the same HTML by headless Chromium, and opens with pages', async () => {
    const res = await get(`/api/runs/${first.id}/document.pdf`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'pdf-test-'));
    try {
      const file = join(dir, 'doc.pdf');
      writeFileSync(file, res.rawPayload);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('answers 503 naming the package when Chromium is absent', async () => {
    const before = process.env.STUDIO_CHROMIUM;
    process.env.STUDIO_CHROMIUM = '/nonexistent/chromium';
    try {
      const res = await get(`/api/runs/${first.id}/document.pdf`);
      expect(res.statusCode).toBe(503);
      expect(json(res)).toMatchObject({
        code: 'PDF_RENDERER_MISSING',
        message: expect.stringContaining('"chromium" package'),
      });
    } finally {
      if (before === undefined) delete process.env.STUDIO_CHROMIUM;
      else process.env.STUDIO_CHROMIUM = before;
    }
  });

  it('an open high-severity finding blocks deployment; resolved, the deployment records the document hash', async () => {
    const add = await t.app.inject({
      method: 'POST',
      url: `/api/runs/${first.id}/findings`,
      payload: {
        severity: 'high',
        text: 'Age bands 19–24 approved at 0.6 of the reference; justify before use.',
      },
    });
    expect(add.statusCode, add.body).toBe(201);
    const finding = json<RunFinding>(add);
    expect(finding).toMatchObject({ severity: 'high', status: 'open', runId: first.id });
    expect(finding.author.name).toBeTruthy();

    const blocked = await deploy(first.id);
    expect(blocked.statusCode).toBe(409);
    expect(json(blocked)).toMatchObject({
      code: 'DEPLOY_BLOCKED_BY_FINDING',
      message: expect.stringContaining('Age bands'),
    });

    const low = await t.app.inject({
      method: 'POST',
      url: `/api/runs/${first.id}/findings`,
      payload: { severity: 'low', text: 'Typo in purpose.' },
    });
    expect(low.statusCode).toBe(201);
    const resolved = await t.app.inject({
      method: 'PATCH',
      url: `/api/findings/${finding.id}`,
      payload: { status: 'resolved' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(json<RunFinding>(resolved).status).toBe('resolved');
    expect(
      json<RunFinding[]>(await get(`/api/runs/${first.id}/findings`)).map((f) => [f.severity, f.status]),
    ).toEqual([
      ['high', 'resolved'],
      ['low', 'open'],
    ]);
    expect(
      (await t.app.inject({ method: 'PATCH', url: '/api/findings/nope', payload: { status: 'open' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/runs/${first.id}/findings`,
          payload: { severity: 'high', text: ' ' },
        })
      ).statusCode,
    ).toBe(400);

    const ok = await deploy(first.id);
    expect(ok.statusCode, ok.body).toBe(201);
    const d = json<Deployment>(ok);
    const docSha = json<RunLineage>(await get(`/api/runs/${first.id}/lineage`)).document!.sha256;
    const lineage = json<RunLineage>(await get(`/api/runs/${first.id}/lineage`));
    expect(lineage.deployments).toEqual([
      expect.objectContaining({
        id: d.id,
        slug: `val-${provider}`,
        version: 1,
        documentSha256: docSha,
        approvedBy: null,
      }),
    ]);
    const audit = json<AuditEvent[]>(await get(`/api/audit?projectId=${projectId}&action=deployment.deploy`));
    expect(audit[0]!.changes).toContain(`model document sha256 ${docSha}`);
    const findingAudit = json<AuditEvent[]>(
      await get(`/api/audit?projectId=${projectId}&action=finding.update`),
    );
    expect(findingAudit[0]!.changes.join(' ')).toContain('status: open → resolved');
  });

  it("the next run's document lists the changes since the deployed version: graph diff and metric deltas", async () => {
    expect((await save(scorecardGraph(datasetId, 5))).statusCode).toBe(201);
    second = await trainHead(t.app, projectId);
    expect(second.status).toBe('succeeded');
    const changes = sectionOf((await get(`/api/runs/${second.id}/document`)).body, 'changes');
    expect(changes).toContain(`val-${provider} v1 (run ${first.id}`);
    expect(changes).toMatch(/maxBins/);
    const deltas = rowsOf(changes, 'deltas');
    expect(deltas[0]).toEqual([
      'AUC (test)',
      fmt(first.evaluation!.auc),
      fmt(second.evaluation!.auc),
      expect.any(String),
    ]);
  }, 120_000);

  it('bad input is reported on the node before a run: an out-of-time cut-off outside the dates', async () => {
    const g = scorecardGraph(datasetId);
    const oot = (cutoff: string): GraphIR => ({
      ...g,
      nodes: g.nodes.map((n) =>
        n.op === 'split'
          ? { ...n, params: { ...n.params, method: 'out-of-time', timeColumn: 'age_in_years', cutoff } }
          : n,
      ),
    });
    expect((await save(oot('200'))).statusCode).toBe(201);
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/runs`, payload: {} });
    expect(res.statusCode).toBe(422);
    expect(json<{ diagnostics: unknown[] }>(res).diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'SPLIT_OOT_EMPTY_SIDE',
        nodeId: 'split',
        param: 'cutoff',
        message: expect.stringContaining('19 to 75'),
      }),
    );
    expect((await save(oot('2019-01-01'))).statusCode).toBe(201);
    const mismatch = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/runs`,
      payload: {},
    });
    expect(json<{ diagnostics: unknown[] }>(mismatch).diagnostics).toContainEqual(
      expect.objectContaining({ code: 'SPLIT_OOT_CUTOFF', nodeId: 'split' }),
    );
  });
});
