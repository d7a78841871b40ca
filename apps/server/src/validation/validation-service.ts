import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  paths,
  type Actor,
  type AddFindingBody,
  type Run,
  type RunFinding,
  type RunLineage,
  type UpdateFindingBody,
} from '@studio/api';
import { currentGraph, describeChange, diffGraphs, type GraphIR } from '@studio/ir';
import { renderModelDocument, type ModelDocumentInput } from '@studio/report';
import type { AuditLog } from '../audit/audit-log';
import type { BlobStore } from '../datasets/blob-store';
import type { StudioPrisma } from '../db/prisma-client';
import { HttpUserError, notFound, operationalError } from '../http-error';
import type { ArtifactStore } from '../runs/artifact-store';
import type { RunService } from '../runs/run-service';

/** The artifact kind of the model document (HTML, content-addressed like every artifact). */
export const DOCUMENT_KIND = 'document';
const PDF_TIMEOUT_MS = 60_000;

/** Debian's headless Chromium; `STUDIO_CHROMIUM` points elsewhere (or at nothing, to test its absence). */
export const chromiumPath = () => process.env.STUDIO_CHROMIUM ?? '/usr/bin/chromium';

interface FindingRow {
  id: string;
  runId: string;
  severity: string;
  text: string;
  status: string;
  at: Date;
  updatedAt: Date;
  author: { id: string; name: string };
}

function toFinding(r: FindingRow): RunFinding {
  return {
    id: r.id,
    runId: r.runId,
    severity: r.severity as RunFinding['severity'],
    text: r.text,
    status: r.status as RunFinding['status'],
    author: r.author,
    at: r.at.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const modelNodeOf = (metadata: unknown) =>
  (metadata as { modelNodeId?: string | null } | null)?.modelNodeId ?? null;

/** The params of the first node with this op, for the document's split description. */
const paramsOf = (graph: GraphIR, op: string) => graph.nodes.find((n) => n.op === op)?.params ?? {};

/**
 * Validation of runs (issue #14): lineage, the model document (HTML stored content-addressed, PDF printed by
 * headless Chromium on demand) and validators' findings, of which an open high-severity one blocks deployment.
 */
export class ValidationService {
  /** One document generation per run at a time, so concurrent requests store one document. */
  private readonly generating = new Map<string, Promise<{ sha256: string; sizeBytes: number }>>();

  constructor(
    private readonly prisma: StudioPrisma,
    private readonly audit: AuditLog,
    private readonly blobs: BlobStore,
    private readonly artifacts: ArtifactStore,
    private readonly runs: RunService,
  ) {}

  async lineage(runId: string): Promise<RunLineage> {
    const row = await this.prisma.run.findUnique({
      where: { id: runId },
      include: {
        dataset: true,
        graphVersion: { include: { author: { select: { name: true } } } },
        startedBy: { select: { name: true } },
        artifacts: { orderBy: { createdAt: 'asc' } },
      },
    });
    if (!row) throw notFound('run', runId);
    const run = await this.runs.get(runId);
    const deployments = await this.prisma.deployment.findMany({
      where: { runId },
      orderBy: { createdAt: 'asc' },
      include: { createdBy: { select: { name: true } } },
    });
    // Four eyes (#10): a version made by approving a request was asked for by its requester and approved by the
    // approver (who made the row); without a request (approval waived), whoever deployed asked for it.
    const approvals = await this.prisma.deploymentRequest.findMany({
      where: { deploymentId: { in: deployments.map((d) => d.id) }, status: 'approved' },
      select: { deploymentId: true, requestedByName: true, decidedByName: true, createdAt: true },
    });
    const approvalOf = new Map(approvals.map((a) => [a.deploymentId, a]));
    const doc = row.artifacts.find((a) => a.kind === DOCUMENT_KIND);
    const target = String(paramsOf(currentGraph(row.graphVersion.graph), 'dataset').target ?? '');
    return {
      dataset: row.dataset
        ? {
            id: row.dataset.id,
            name: row.dataset.name,
            sha256: row.dataset.sha256,
            rows: row.dataset.rowCount,
            columns: Array.isArray(row.dataset.columns) ? row.dataset.columns.length : 0,
            target,
            profileUrl: paths.datasetProfile(row.dataset.id, target || null),
          }
        : null,
      graphVersion: {
        id: row.graphVersion.id,
        number: row.graphVersion.number,
        hash: row.graphVersion.hash,
        author: row.graphVersion.author.name,
        savedAt: row.graphVersion.createdAt.toISOString(),
      },
      run: {
        id: row.id,
        status: row.status,
        seed: run.seed,
        engineVersion: run.engineVersion,
        device: run.backend,
        startedBy: row.startedBy.name,
        startedAt: row.startedAt?.toISOString() ?? null,
        finishedAt: row.finishedAt?.toISOString() ?? null,
      },
      artifacts: row.artifacts
        .filter((a) => a.kind !== DOCUMENT_KIND)
        .map((a) => ({
          kind: a.kind,
          sha256: a.sha256,
          sizeBytes: a.sizeBytes,
          modelNodeId: modelNodeOf(a.metadata),
        })),
      document: doc ? { sha256: doc.sha256, sizeBytes: doc.sizeBytes } : null,
      deployments: deployments.map((d) => ({
        id: d.id,
        slug: d.slug,
        version: d.version,
        status: d.status,
        artifactHash: d.artifactHash,
        requestedBy: approvalOf.get(d.id)?.requestedByName ?? d.createdBy.name,
        requestedAt: (approvalOf.get(d.id)?.createdAt ?? d.createdAt).toISOString(),
        approvedBy: approvalOf.get(d.id)?.decidedByName ?? null,
        liveAt: d.promotedAt?.toISOString() ?? null,
        documentSha256: (d.metrics as { documentSha256?: string } | null)?.documentSha256 ?? null,
      })),
    };
  }

  /** Everything the document shows, gathered from the run, its version, dataset, project and deployments. */
  async documentInput(runId: string): Promise<ModelDocumentInput> {
    const row = await this.prisma.run.findUnique({
      where: { id: runId },
      include: {
        dataset: true,
        project: { include: { createdBy: { select: { name: true } } } },
        graphVersion: { include: { author: { select: { name: true } } } },
        startedBy: { select: { name: true } },
        artifacts: { orderBy: { createdAt: 'asc' } },
      },
    });
    if (!row) throw notFound('run', runId);
    const run = await this.runs.get(runId);
    const graph = currentGraph(row.graphVersion.graph);
    const split = paramsOf(graph, 'split');
    const target = String(paramsOf(graph, 'dataset').target ?? '');
    const deployments = await this.prisma.deployment.findMany({
      where: { runId },
      orderBy: { createdAt: 'asc' },
      include: { createdBy: { select: { name: true } } },
    });
    return {
      project: {
        id: row.project.id,
        name: row.project.name,
        description: row.project.description,
        owner: row.project.createdBy.name,
      },
      generatedAt: new Date().toISOString(),
      dataset: row.dataset
        ? {
            id: row.dataset.id,
            name: row.dataset.name,
            sha256: row.dataset.sha256,
            rows: row.dataset.rowCount,
            target,
            columns: (Array.isArray(row.dataset.columns) ? row.dataset.columns : []) as {
              name: string;
              type: string;
              missingCount: number;
              distinctCount: number;
            }[],
          }
        : null,
      graph: {
        versionId: row.graphVersion.id,
        versionNumber: row.graphVersion.number,
        hash: row.graphVersion.hash,
        author: row.graphVersion.author.name,
        savedAt: row.graphVersion.createdAt.toISOString(),
        nodes: graph.nodes.map((n) => `${n.id}: ${n.op}`),
        split: {
          method: String(split.method ?? ''),
          testFraction: Number(split.testFraction ?? 0),
          seed: Number(split.seed ?? 0),
          timeColumn: String(split.timeColumn ?? ''),
          cutoff: String(split.cutoff ?? ''),
        },
      },
      run: {
        id: run.id,
        seed: run.seed,
        engineVersion: run.engineVersion,
        device: run.backend,
        modelKind: run.modelKind,
        startedBy: row.startedBy.name,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        durations: run.durations,
      },
      artifacts: row.artifacts
        .filter((a) => a.kind !== DOCUMENT_KIND)
        .map((a) => ({ kind: a.kind, sha256: a.sha256, sizeBytes: a.sizeBytes })),
      deployments: deployments.map((d) => ({
        slug: d.slug,
        version: d.version,
        status: d.status,
        requestedBy: d.createdBy.name,
        at: d.createdAt.toISOString(),
      })),
      evaluations: run.evaluations ?? [],
      woe: run.woe,
      scorecard: run.scorecard,
      history: run.history,
      layers: graph.nodes
        .filter((n) => ['dense', 'activation', 'dropout', 'batch-norm', 'layer-norm'].includes(n.op))
        .map((n) =>
          n.op === 'dense'
            ? `Dense ${String(n.params.units)}`
            : n.op === 'activation'
              ? String(n.params.fn ?? n.params.activation ?? 'activation')
              : n.op === 'dropout'
                ? `Dropout ${String(n.params.rate ?? '')}`
                : n.op,
        ),
      importance: (run.evaluations?.find((e) => e.importance?.length)?.importance ?? []).map((f) => ({
        feature: f.feature,
        gain: f.gain,
        splits: f.splits,
        meanAbsShap: f.meanAbsShap,
      })),
      warnings: run.warnings,
      changes: await this.changesSinceDeployed(row.projectId, run, graph),
    };
  }

  /** Graph diff and metric deltas against the run of the project's last deployed version (another run). */
  private async changesSinceDeployed(
    projectId: string,
    run: Run,
    graph: GraphIR,
  ): Promise<ModelDocumentInput['changes']> {
    const last = await this.prisma.deployment.findFirst({
      where: { projectId, runId: { not: run.id } },
      orderBy: [{ createdAt: 'desc' }],
    });
    if (!last?.runId) return { baseline: null, graphChanges: [], metricDeltas: [] };
    const before = await this.runs.get(last.runId);
    const version = await this.prisma.graphVersion.findUnique({ where: { id: before.versionId } });
    const graphChanges = version
      ? diffGraphs(currentGraph(version.graph), graph).map((c) => describeChange(c))
      : ['the graph version of the deployed run was deleted'];
    const a = before.evaluation;
    const b = run.evaluation;
    const va = before.evaluations?.[0]?.validation?.samples[0];
    const vb = run.evaluations?.[0]?.validation?.samples[0];
    const metric = (name: string, x: number | null | undefined, y: number | null | undefined) => ({
      metric: name,
      before: x ?? null,
      after: y ?? null,
    });
    return {
      baseline: {
        runId: before.id,
        versionNumber: before.versionNumber,
        slug: last.slug,
        version: last.version,
      },
      graphChanges,
      metricDeltas: [
        metric('AUC (test)', a?.auc, b?.auc),
        metric('Gini (test)', a?.gini, b?.gini),
        metric('KS (test)', a?.ks, b?.ks),
        metric('Brier score (test)', a?.brier, b?.brier),
        metric(
          'Hosmer–Lemeshow p (test)',
          va?.calibration.hosmerLemeshow.pValue,
          vb?.calibration.hosmerLemeshow.pValue,
        ),
        metric('Score PSI train→test', va?.scorePsi.index, vb?.scorePsi.index),
      ],
    };
  }

  /** The run's stored document, generated and stored (content-addressed) when it has none yet. */
  async ensureDocument(runId: string): Promise<{ sha256: string; sizeBytes: number }> {
    const existing = await this.prisma.modelArtifact.findFirst({ where: { runId, kind: DOCUMENT_KIND } });
    if (existing) return { sha256: existing.sha256, sizeBytes: existing.sizeBytes };
    const pending = this.generating.get(runId);
    if (pending) return pending;
    const job = this.generate(runId).finally(() => this.generating.delete(runId));
    this.generating.set(runId, job);
    return job;
  }

  private async generate(runId: string): Promise<{ sha256: string; sizeBytes: number }> {
    const row = await this.prisma.run.findUnique({
      where: { id: runId },
      select: { status: true, projectId: true },
    });
    if (!row) throw notFound('run', runId);
    if (row.status !== 'succeeded')
      throw new HttpUserError(
        409,
        'DOCUMENT_NOT_AVAILABLE',
        `This run has status "${row.status}"; a model document is written for runs that succeeded.`,
      );
    const html = renderModelDocument(await this.documentInput(runId));
    const stored = await this.artifacts.write(new TextEncoder().encode(html));
    await this.prisma.$transaction(async (tx) => {
      const again = await tx.modelArtifact.findFirst({ where: { runId, kind: DOCUMENT_KIND } });
      if (again) return;
      await tx.modelArtifact.create({
        data: {
          projectId: row.projectId,
          runId,
          kind: DOCUMENT_KIND,
          sha256: stored.sha256,
          sizeBytes: stored.sizeBytes,
          metadata: { modelNodeId: null, contentType: 'text/html' },
        },
      });
    });
    const kept = await this.prisma.modelArtifact.findFirst({ where: { runId, kind: DOCUMENT_KIND } });
    return { sha256: kept!.sha256, sizeBytes: kept!.sizeBytes };
  }

  async documentHtml(runId: string): Promise<{ sha256: string; bytes: Buffer }> {
    const doc = await this.ensureDocument(runId);
    return { sha256: doc.sha256, bytes: await readFile(this.blobs.pathOf(doc.sha256)) };
  }

  /** The document printed to PDF by headless Chromium, spawned for this request only. */
  async documentPdf(runId: string): Promise<{ sha256: string; bytes: Buffer }> {
    const chromium = chromiumPath();
    if (!existsSync(chromium))
      throw new HttpUserError(
        503,
        'PDF_RENDERER_MISSING',
        `PDF rendering needs Debian's headless Chromium at ${chromium}, which is not installed. Install the "chromium" package (apt-get install chromium), or print the HTML document from the browser.`,
        {},
        { package: 'chromium', path: chromium },
      );
    const doc = await this.documentHtml(runId);
    const dir = await mkdtemp(join(tmpdir(), 'studio-pdf-'));
    try {
      const html = join(dir, 'document.html');
      const pdf = join(dir, 'document.pdf');
      await writeFile(html, doc.bytes);
      await runChromium(chromium, [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`,
        `file://${html}`,
      ]);
      return { sha256: doc.sha256, bytes: await readFile(pdf) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async findings(runId: string): Promise<RunFinding[]> {
    await this.assertRun(runId);
    const rows = await this.prisma.runFinding.findMany({
      where: { runId },
      orderBy: { at: 'asc' },
      include: { author: { select: { id: true, name: true } } },
    });
    return rows.map(toFinding);
  }

  async addFinding(runId: string, body: AddFindingBody, actor: Actor): Promise<RunFinding> {
    const run = await this.assertRun(runId);
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.runFinding.create({
        data: { runId, severity: body.severity, text: body.text, authorId: actor.id },
        include: { author: { select: { id: true, name: true } } },
      });
      await this.audit.record(tx, {
        actor,
        action: 'finding.add',
        targetType: 'run',
        targetId: runId,
        projectId: run.projectId,
        changes: [`${body.severity} finding ${created.id} on run ${runId}: ${body.text.slice(0, 200)}`],
      });
      return created;
    });
    return toFinding(row);
  }

  async updateFinding(findingId: string, body: UpdateFindingBody, actor: Actor): Promise<RunFinding> {
    const before = await this.prisma.runFinding.findUnique({
      where: { id: findingId },
      include: { run: { select: { projectId: true } } },
    });
    if (!before)
      throw new HttpUserError(
        404,
        'FINDING_NOT_FOUND',
        `no finding with id "${findingId}"; it may have been deleted`,
        {},
        { id: findingId },
      );
    const row = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.runFinding.update({
        where: { id: findingId },
        data: body,
        include: { author: { select: { id: true, name: true } } },
      });
      const changes = (['severity', 'status', 'text'] as const)
        .filter((k) => body[k] !== undefined && body[k] !== before[k])
        .map((k) => `${k}: ${String(before[k]).slice(0, 100)} → ${String(body[k]).slice(0, 100)}`);
      await this.audit.record(tx, {
        actor,
        action: 'finding.update',
        targetType: 'run',
        targetId: before.runId,
        projectId: before.run.projectId,
        changes: [`finding ${findingId}`, ...changes],
      });
      return updated;
    });
    return toFinding(row);
  }

  /** 409 DEPLOY_BLOCKED_BY_FINDING while the run has an open high-severity finding. */
  async assertDeployable(runId: string): Promise<void> {
    const open = await this.prisma.runFinding.findMany({
      where: { runId, status: 'open', severity: 'high' },
      orderBy: { at: 'asc' },
    });
    if (open.length === 0) return;
    throw new HttpUserError(
      409,
      'DEPLOY_BLOCKED_BY_FINDING',
      `This run has ${open.length} open high-severity validation finding${open.length > 1 ? 's' : ''} ("${open[0]!.text.slice(0, 120)}"). Resolve or accept ${open.length > 1 ? 'them' : 'it'} before deploying.`,
      { findings: open.map((f) => f.id) },
      { findings: open.map((f) => f.id) },
    );
  }

  private async assertRun(runId: string): Promise<{ projectId: string }> {
    const run = await this.prisma.run.findUnique({ where: { id: runId }, select: { projectId: true } });
    if (!run) throw notFound('run', runId);
    return run;
  }
}

/** Runs Chromium with a time limit; its exit status and stderr become a PDF_RENDER_FAILED error. */
function runChromium(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), PDF_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(operationalError('PDF_RENDER_FAILED', `Chromium could not start: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          operationalError(
            'PDF_RENDER_FAILED',
            `Chromium stopped with ${signal ? `signal ${signal}` : `status ${code}`} while printing the document`,
            { stderr: stderr.slice(-1000) },
          ),
        );
    });
  });
}
