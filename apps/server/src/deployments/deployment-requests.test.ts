import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Actor,
  AuditEvent,
  AuditVerification,
  CreatedApiKey,
  Deployment,
  DeploymentRequest,
  Project,
  ProjectDetail,
  Run,
  RunFinding,
  RunLineage,
} from '@studio/api';
import { parseCsv } from '@studio/data';
import { findTemplate } from '@studio/pipeline';
import { csvRecords } from '../serving/csv-records';
import { deriveInputSchema } from '../serving/input-schema';
import { DEMO_PROJECT_NAME, demoCsvPath, seedDemo } from '../seed/seed';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { trainHead } from '../test-support/trained-runs';

const table = parseCsv(readFileSync(demoCsvPath));
const applicant = [...csvRecords(deriveInputSchema(table, 'creditability'), table)][0]![1];

const people: Actor[] = [
  { id: 'ana', name: 'Ana Analyst', role: 'analyst' },
  { id: 'vera', name: 'Vera Approver', role: 'approver' },
  { id: 'alex', name: 'Alex Admin', role: 'admin' },
];

describe.each(testProviders)('four-eyes deployment on %s', (provider) => {
  let t: TestApp;
  let demo: ProjectDetail;
  let run: Run;

  // Signed-in people of several roles (a header picks who; no header: Ana); not single-user mode.
  beforeAll(async () => {
    t = await createTestApp(provider, {
      auth: 'sessions',
      authenticate: async (request) => ({
        actor: people.find((p) => p.id === request.headers['x-user']) ?? people[0]!,
        username: null,
        via: 'session',
        expiresAt: null,
        mustSetPassword: false,
      }),
    });
    for (const p of people)
      await t.app.prisma.user.create({ data: { id: p.id, name: p.name, role: p.role } });
    await seedDemo(t.app);
    const projects = json<Project[]>(await t.app.inject({ method: 'GET', url: '/api/projects' }));
    demo = json<ProjectDetail>(
      await t.app.inject({
        method: 'GET',
        url: `/api/projects/${projects.find((p) => p.name === DEMO_PROJECT_NAME)!.id}`,
      }),
    );
    run = await trainHead(t.app, demo.id);
    expect(run.status).toBe('succeeded');
  }, 120_000);
  afterAll(async () => t?.close());

  const as = (user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { 'x-user': user }, ...(payload ? { payload } : {}) });
  const requestDeploy = async (user: string, runId: string, slug: string) => {
    const res = await as(user, 'POST', `/api/runs/${runId}/deploy`, { slug, note: 'ready for review' });
    expect(res.statusCode, res.body).toBe(202);
    return json<DeploymentRequest>(res);
  };

  it('deploy creates a request; nothing is served until an approver other than requester and author approves', async () => {
    const req = await requestDeploy('ana', run.id, 'four-eyes');
    expect(req).toMatchObject({
      status: 'pending',
      requestedBy: { id: 'ana', name: 'Ana Analyst' },
      graphAuthor: { id: 'local' },
      dataset: { name: 'german_credit.csv' },
      live: null,
      canDecide: { allowed: false },
    });
    expect(req.dataset!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(req.evaluation!.auc).toBeCloseTo(run.evaluation!.auc, 10);
    expect(req.graphChanges[0]!.type).toBe('first');
    expect(await t.app.prisma.deployment.count({ where: { slug: 'four-eyes' } })).toBe(0);

    // The analyst may not approve at all (role), the approver sees the button enabled.
    const self = await as('ana', 'POST', `/api/deployment-requests/${req.id}/approve`, { comment: 'mine' });
    expect(self.statusCode).toBe(403);
    const seen = json<DeploymentRequest>(await as('vera', 'GET', `/api/deployment-requests/${req.id}`));
    expect(seen.canDecide).toEqual({ allowed: true, reason: null });

    // A comment is required.
    expect(
      (await as('vera', 'POST', `/api/deployment-requests/${req.id}/approve`, { comment: ' ' })).statusCode,
    ).toBe(400);
    const ok = await as('vera', 'POST', `/api/deployment-requests/${req.id}/approve`, {
      comment: 'AUC and KS acceptable; data is the approved German extract',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const approved = json<DeploymentRequest>(ok);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { id: 'vera' } });
    const d = json<Deployment>(await as('ana', 'GET', `/api/deployments/${approved.deploymentId}`));
    expect(d).toMatchObject({ slug: 'four-eyes', status: 'active', version: 1 });
    // The lineage names both people: who asked for the version and who approved it (#14).
    const lineage = json<RunLineage>(await as('ana', 'GET', `/api/runs/${run.id}/lineage`));
    expect(lineage.deployments.find((x) => x.id === d.id)).toMatchObject({
      requestedBy: 'Ana Analyst',
      approvedBy: 'Vera Approver',
    });
    const key = json<CreatedApiKey>(await as('ana', 'POST', `/api/deployments/${d.id}/keys`));
    const predict = await t.app.inject({
      method: 'POST',
      url: '/v1/deployments/four-eyes/predict',
      headers: { authorization: `Bearer ${key.key}` },
      payload: applicant,
    });
    expect(predict.statusCode, predict.body).toBe(200);
    // Deciding twice is refused.
    expect(
      (await as('alex', 'POST', `/api/deployment-requests/${req.id}/reject`, { reason: 'late' })).statusCode,
    ).toBe(409);
  });

  it('the requester cannot approve their own request, nor the graph version author: 403 with the reason', async () => {
    const own = await requestDeploy('alex', run.id, 'four-eyes');
    expect(own.canDecide.allowed).toBe(false);
    expect(own.canDecide.reason).toContain('You requested this deployment');
    const res = await as('alex', 'POST', `/api/deployment-requests/${own.id}/approve`, {
      comment: 'looks fine',
    });
    expect(res.statusCode).toBe(403);
    expect(json(res)).toMatchObject({ code: 'APPROVAL_BY_REQUESTER' });

    // Alex edits the graph; Ana trains and requests it; Alex, the author, may not approve.
    const datasetId = String(demo.head!.graph.nodes.find((n) => n.op === 'dataset')!.params.datasetId);
    const saved = await as('alex', 'POST', `/api/projects/${demo.id}/graph`, {
      graph: findTemplate('woe-scorecard')!.build(datasetId, 'creditability'),
      baseVersionId: demo.head!.id,
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const second = await trainHead(t.app, demo.id);
    const req = await requestDeploy('ana', second.id, 'four-eyes');
    expect(req.graphAuthor.id).toBe('alex');
    expect(req.live).toMatchObject({ version: 1 });
    expect(req.graphChanges.length).toBeGreaterThan(0);
    const byAuthor = await as('alex', 'POST', `/api/deployment-requests/${req.id}/approve`, {
      comment: 'ok',
    });
    expect(byAuthor.statusCode).toBe(403);
    expect(json(byAuthor)).toMatchObject({ code: 'APPROVAL_BY_AUTHOR' });

    // Vera rejects Alex's own request with reasons and approves Ana's.
    const rejected = await as('vera', 'POST', `/api/deployment-requests/${own.id}/reject`, {
      reason: 'duplicate of the live version',
    });
    expect(json<DeploymentRequest>(rejected)).toMatchObject({
      status: 'rejected',
      decisionComment: 'duplicate of the live version',
    });
    const approved = await as('vera', 'POST', `/api/deployment-requests/${req.id}/approve`, {
      comment: 'scorecard ok',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const v2 = json<Deployment>(
      await as('vera', 'GET', `/api/deployments/${json<DeploymentRequest>(approved).deploymentId}`),
    );
    expect(v2).toMatchObject({ version: 2, status: 'active' });

    // An approver rolls back to the earlier approved version at once (audited).
    const back = await as('vera', 'POST', `/api/deployments/${v2.id}/rollback`, {});
    expect(back.statusCode, back.body).toBe(200);
    expect(json<Deployment>(back)).toMatchObject({ version: 1, status: 'active' });
  }, 120_000);

  it('approval can be waived only in single-user mode; every decision is on the chain', async () => {
    const waive = await as('alex', 'PATCH', `/api/projects/${demo.id}`, { approvalWaived: true });
    expect(waive.statusCode).toBe(409);
    expect(json(waive)).toMatchObject({ code: 'APPROVAL_WAIVER_NOT_ALLOWED' });
    const list = json<DeploymentRequest[]>(
      await as('vera', 'GET', `/api/projects/${demo.id}/deployment-requests`),
    );
    expect(list.map((r) => r.status).sort()).toEqual(['approved', 'approved', 'rejected']);
    const events = json<AuditEvent[]>(await as('vera', 'GET', `/api/audit?projectId=${demo.id}&limit=500`));
    const summaries = events.map((e) => e.summary);
    expect(summaries).toContain(
      "Vera Approver rejected Alex Admin's request to deploy four-eyes: duplicate of the live version",
    );
    expect(
      summaries.some((s) =>
        s.startsWith("Vera Approver approved Ana Analyst's request to deploy four-eyes: v1 is live"),
      ),
    ).toBe(true);
    expect(events.some((e) => e.action === 'deployment.rollback' && e.actor.id === 'vera')).toBe(true);
    const v = json<AuditVerification>(await as('vera', 'GET', '/api/audit/verify'));
    expect(v.ok).toBe(true);
  });

  it('the request fixes the model document hash; an open high finding blocks approving it; the approval records the hash', async () => {
    const req = await requestDeploy('ana', run.id, 'findings-gate');
    expect(req.documentHash).toMatch(/^[0-9a-f]{64}$/);
    const added = await as('alex', 'POST', `/api/runs/${run.id}/findings`, {
      severity: 'high',
      text: 'Cut-off not justified for thin-file applicants.',
    });
    expect(added.statusCode, added.body).toBe(201);
    const finding = json<RunFinding>(added);
    const blocked = await as('vera', 'POST', `/api/deployment-requests/${req.id}/approve`, {
      comment: 'fine',
    });
    expect(blocked.statusCode).toBe(409);
    expect(json(blocked)).toMatchObject({ code: 'DEPLOY_BLOCKED_BY_FINDING' });
    const still = json<DeploymentRequest>(await as('vera', 'GET', `/api/deployment-requests/${req.id}`));
    expect(still).toMatchObject({ status: 'pending', deploymentId: null });
    // Nor can a new request be made while the finding is open.
    const refused = await as('ana', 'POST', `/api/runs/${run.id}/deploy`, { slug: 'findings-gate' });
    expect(refused.statusCode).toBe(409);

    const resolved = await as('alex', 'PATCH', `/api/findings/${finding.id}`, { status: 'resolved' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const ok = await as('vera', 'POST', `/api/deployment-requests/${req.id}/approve`, {
      comment: 'Cut-off justified in the addendum',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const events = json<AuditEvent[]>(
      await as('vera', 'GET', `/api/audit?projectId=${demo.id}&action=deployment.approve&limit=500`),
    );
    const approval = events.find((e) => e.targetId === req.id)!;
    expect(approval.changes).toContain(`model document sha256 ${req.documentHash}`);
  });
});

describe('single-user mode', () => {
  it('projects waive approval: deploy goes live at once', async () => {
    const t = await createTestApp('sqlite');
    try {
      const p = json<Project>(
        await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Solo' } }),
      );
      expect(p.approvalWaived).toBe(true);
      expect(t.app.singleUser).toBe(true);
    } finally {
      await t.close();
    }
  });
});
