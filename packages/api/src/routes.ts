/**
 * The REST surface in one table: the server registers its routes from `routes` (method + URL pattern), the
 * web app and the CLI build URLs with `paths` (every parameter `encodeURIComponent`-ed). A route the server
 * serves but this table lacks, or a builder whose URL does not match its pattern, fails
 * `packages/api/src/routes.test.ts` and the server's `route-table.test.ts`.
 * All bodies are JSON except dataset upload (multipart, field `file`), bundle import (application/zip) and
 * CSV scoring (text/csv in, NDJSON out).
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One route: its method and its full URL pattern (Fastify syntax, `:param`). */
export interface RouteSpec<M extends HttpMethod = HttpMethod, P extends string = string> {
  readonly method: M;
  readonly path: P;
}

const route = <M extends HttpMethod, P extends `/${string}`>(method: M, path: P): RouteSpec<M, P> => ({
  method,
  path,
});

export const routes = {
  health: route('GET', '/api/health'),
  ready: route('GET', '/api/ready'),
  metrics: route('GET', '/metrics'),
  me: route('GET', '/api/me'),
  signIn: route('POST', '/api/auth/sign-in'),
  /** The one-time link printed at first start (or by `studio users reset-password`): signs in, then redirects. */
  signInLink: route('GET', '/api/auth/link/:token'),
  signOut: route('POST', '/api/auth/sign-out'),
  session: route('GET', '/api/auth/session'),
  changePassword: route('POST', '/api/auth/password'),
  /** How one may sign in here: password, and OIDC when configured (`AuthMethods`). */
  authMethods: route('GET', '/api/auth/methods'),
  /** Redirects to the OIDC provider (when configured). */
  oidcStart: route('GET', '/api/auth/oidc/start'),
  /** The provider's redirect back: signs in and redirects to the web app. */
  oidcCallback: route('GET', '/api/auth/oidc/callback'),
  listUsers: route('GET', '/api/users'),
  createUser: route('POST', '/api/users'),
  updateUser: route('PATCH', '/api/users/:userId'),
  /** Answers a one-time sign-in link for the user; their password and sessions are cleared. */
  resetPassword: route('POST', '/api/users/:userId/reset-password'),
  listTokens: route('GET', '/api/tokens'),
  createToken: route('POST', '/api/tokens'),
  revokeToken: route('POST', '/api/tokens/:tokenId/revoke'),
  engine: route('GET', '/api/engine'),
  listProjects: route('GET', '/api/projects'),
  createProject: route('POST', '/api/projects'),
  getProject: route('GET', '/api/projects/:projectId'),
  updateProject: route('PATCH', '/api/projects/:projectId'),
  deleteProject: route('DELETE', '/api/projects/:projectId'),
  /** The project's members and the caller's own access (`ProjectMembers`). */
  listMembers: route('GET', '/api/projects/:projectId/members'),
  /** Adds a member by username, or changes the role of one already there. */
  addMember: route('POST', '/api/projects/:projectId/members'),
  updateMember: route('PATCH', '/api/projects/:projectId/members/:userId'),
  removeMember: route('DELETE', '/api/projects/:projectId/members/:userId'),
  saveGraph: route('POST', '/api/projects/:projectId/graph'),
  listVersions: route('GET', '/api/projects/:projectId/versions'),
  getVersion: route('GET', '/api/projects/:projectId/versions/:versionId'),
  /** Query: `from`, `to` (version ids). */
  diffVersions: route('GET', '/api/projects/:projectId/diff'),
  uploadDataset: route('POST', '/api/projects/:projectId/datasets'),
  listDatasets: route('GET', '/api/projects/:projectId/datasets'),
  /** Body `{ datasetId }`: the library's file into this project (a new row; the stored file is shared). */
  copyDataset: route('POST', '/api/projects/:projectId/datasets/copy'),
  /** Every uploaded file once (by content hash), with its names, uploaders, row count and the projects using it. */
  datasetLibrary: route('GET', '/api/datasets'),
  getDataset: route('GET', '/api/datasets/:datasetId'),
  /** Query: optional `target` column. */
  datasetProfile: route('GET', '/api/datasets/:datasetId/profile'),
  startRun: route('POST', '/api/projects/:projectId/runs'),
  listRuns: route('GET', '/api/projects/:projectId/runs'),
  getRun: route('GET', '/api/runs/:runId'),
  /** text/event-stream of `RunEvent`. */
  runEvents: route('GET', '/api/runs/:runId/events'),
  cancelRun: route('POST', '/api/runs/:runId/cancel'),
  retryRun: route('POST', '/api/runs/:runId/retry'),
  runLogs: route('GET', '/api/runs/:runId/logs'),
  preview: route('POST', '/api/projects/:projectId/preview'),
  listTemplates: route('GET', '/api/templates'),
  createFromTemplate: route('POST', '/api/projects/from-template'),
  /** Query: `projectId`, `actor`, `action`, `from`, `to`, `limit` (see `auditQuerySchema`). */
  queryAudit: route('GET', '/api/audit'),
  /** Recomputes the whole hash chain and names the first broken event. */
  verifyAudit: route('GET', '/api/audit/verify'),
  /** Query: `format` (jsonl | csv), `from`, `to`. An attachment for auditors. */
  exportAudit: route('GET', '/api/audit/export'),
  /** The bundle's own audit history of a project imported from a bundle (unverified). */
  importedHistory: route('GET', '/api/projects/:projectId/imported-history'),
  deploy: route('POST', '/api/runs/:runId/deploy'),
  listDeployments: route('GET', '/api/projects/:projectId/deployments'),
  getDeployment: route('GET', '/api/deployments/:deploymentId'),
  updateDeployment: route('PATCH', '/api/deployments/:deploymentId'),
  promoteDeployment: route('POST', '/api/deployments/:deploymentId/promote'),
  rollbackDeployment: route('POST', '/api/deployments/:deploymentId/rollback'),
  undeploy: route('POST', '/api/deployments/:deploymentId/undeploy'),
  createApiKey: route('POST', '/api/deployments/:deploymentId/keys'),
  listApiKeys: route('GET', '/api/deployments/:deploymentId/keys'),
  revokeApiKey: route('POST', '/api/deployments/:deploymentId/keys/:keyId/revoke'),
  deploymentStats: route('GET', '/api/deployments/:deploymentId/stats'),
  /** Query: optional `limit`. */
  deploymentPredictions: route('GET', '/api/deployments/:deploymentId/predictions'),
  deploymentOpenApi: route('GET', '/api/deployments/:deploymentId/openapi'),
  listDeploymentRequests: route('GET', '/api/projects/:projectId/deployment-requests'),
  getDeploymentRequest: route('GET', '/api/deployment-requests/:requestId'),
  approveDeploymentRequest: route('POST', '/api/deployment-requests/:requestId/approve'),
  rejectDeploymentRequest: route('POST', '/api/deployment-requests/:requestId/reject'),
  /** `Authorization: Bearer <key>` on all three `/v1` routes. */
  predict: route('POST', '/v1/deployments/:slug/predict'),
  /** JSON array of records, at most `MAX_BATCH_ROWS`. */
  predictBatch: route('POST', '/v1/deployments/:slug/predict/batch'),
  /** text/csv in, NDJSON progress and rows out. */
  predictCsv: route('POST', '/v1/deployments/:slug/predict/csv'),
  /** Dataset → graph version → run → artifacts → deployments of one run (`RunLineage`). */
  runLineage: route('GET', '/api/runs/:runId/lineage'),
  /** text/html: the run's model document (stored content-addressed; its hash in `x-document-sha256`). */
  runDocument: route('GET', '/api/runs/:runId/document'),
  /** application/pdf: the same document printed by headless Chromium; 503 PDF_RENDERER_MISSING without it. */
  runDocumentPdf: route('GET', '/api/runs/:runId/document.pdf'),
  listFindings: route('GET', '/api/runs/:runId/findings'),
  addFinding: route('POST', '/api/runs/:runId/findings'),
  updateFinding: route('PATCH', '/api/findings/:findingId'),
  exportBundle: route('GET', '/api/projects/:projectId/bundle'),
  /** application/zip body. */
  importBundle: route('POST', '/api/projects/import'),
  /** The export as a job: answers 202 with the job (`Job`); the zip is its result. */
  startExportJob: route('POST', '/api/projects/:projectId/bundle/jobs'),
  /** The import as a job: application/zip body, answers 202 with the job; the project is its result. */
  startImportJob: route('POST', '/api/projects/import/jobs'),
  /** text/csv body: the rows scored by the deployment's live version as a job (202); the scored CSV is its result. */
  startScoreJob: route('POST', '/api/deployments/:deploymentId/score-jobs'),
  getJob: route('GET', '/api/jobs/:jobId'),
  /** The stored result of a succeeded job (application/zip for an export). */
  jobResult: route('GET', '/api/jobs/:jobId/result'),
  /** Cancels a queued or running job (export, import, scoring); answers the job once it has stopped. */
  cancelJob: route('POST', '/api/jobs/:jobId/cancel'),
  /** Query: optional `precision` (fp32|int8), `modelNodeId`. application/onnx body. */
  runOnnx: route('GET', '/api/runs/:runId/onnx'),
  /** Query: `lang` (ts|js|python), optional `types` (the js scorer's .d.mts), `modelNodeId`. Text body. */
  runCode: route('GET', '/api/runs/:runId/code'),
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;

/** Where the OpenAPI UI of the whole API lives (its JSON at `${DOCS_PATH}/json`); served by @fastify/swagger-ui. */
export const DOCS_PATH = '/api/docs';

/** The URL pattern of a route relative to the prefix the server registers it under; a route under another prefix does not compile. */
export function under<X extends '/api' | '/v1'>(
  prefix: X,
  spec: RouteSpec<HttpMethod, `${NoInfer<X>}/${string}`>,
): string {
  return spec.path.slice(prefix.length);
}

const e = encodeURIComponent;

/** `?a=1&b=2` from the defined entries, or '' when there are none. */
function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Optional filters of `GET /api/audit` (all strings as the query carries them). */
export interface AuditFilter {
  projectId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
}

/**
 * URL builders, one per route of `routes` (several routes share a URL and differ by method: `project(id)`
 * serves get, update and delete). Every parameter is encoded, so an id with `/` or `?` cannot change the route.
 */
export const paths = {
  health: () => routes.health.path,
  ready: () => routes.ready.path,
  metrics: () => routes.metrics.path,
  me: () => routes.me.path,
  engine: () => routes.engine.path,
  signIn: () => routes.signIn.path,
  signInLink: (token: string) => `/api/auth/link/${e(token)}`,
  signOut: () => routes.signOut.path,
  session: () => routes.session.path,
  password: () => routes.changePassword.path,
  authMethods: () => routes.authMethods.path,
  oidcStart: () => routes.oidcStart.path,
  oidcCallback: () => routes.oidcCallback.path,
  users: () => routes.listUsers.path,
  user: (userId: string) => `/api/users/${e(userId)}`,
  userResetPassword: (userId: string) => `/api/users/${e(userId)}/reset-password`,
  tokens: () => routes.listTokens.path,
  tokenRevoke: (tokenId: string) => `/api/tokens/${e(tokenId)}/revoke`,
  docs: () => DOCS_PATH,
  projects: () => routes.listProjects.path,
  project: (projectId: string) => `/api/projects/${e(projectId)}`,
  projectMembers: (projectId: string) => `/api/projects/${e(projectId)}/members`,
  projectMember: (projectId: string, userId: string) => `/api/projects/${e(projectId)}/members/${e(userId)}`,
  projectGraph: (projectId: string) => `/api/projects/${e(projectId)}/graph`,
  projectVersions: (projectId: string) => `/api/projects/${e(projectId)}/versions`,
  projectVersion: (projectId: string, versionId: string) =>
    `/api/projects/${e(projectId)}/versions/${e(versionId)}`,
  projectDiff: (projectId: string, from: string, to: string) =>
    `/api/projects/${e(projectId)}/diff${query({ from, to })}`,
  projectDatasets: (projectId: string) => `/api/projects/${e(projectId)}/datasets`,
  projectDatasetCopy: (projectId: string) => `/api/projects/${e(projectId)}/datasets/copy`,
  dataset: (datasetId: string) => `/api/datasets/${e(datasetId)}`,
  datasetLibrary: () => routes.datasetLibrary.path,
  datasetProfile: (datasetId: string, target?: string | null) =>
    `/api/datasets/${e(datasetId)}/profile${query({ target: target || undefined })}`,
  projectRuns: (projectId: string) => `/api/projects/${e(projectId)}/runs`,
  run: (runId: string) => `/api/runs/${e(runId)}`,
  runEvents: (runId: string) => `/api/runs/${e(runId)}/events`,
  runCancel: (runId: string) => `/api/runs/${e(runId)}/cancel`,
  runRetry: (runId: string) => `/api/runs/${e(runId)}/retry`,
  runLogs: (runId: string) => `/api/runs/${e(runId)}/logs`,
  runDeploy: (runId: string) => `/api/runs/${e(runId)}/deploy`,
  projectPreview: (projectId: string) => `/api/projects/${e(projectId)}/preview`,
  templates: () => routes.listTemplates.path,
  projectFromTemplate: () => routes.createFromTemplate.path,
  audit: (filter: AuditFilter = {}) => `${routes.queryAudit.path}${query({ ...filter })}`,
  auditVerify: () => routes.verifyAudit.path,
  auditExport: (filter: { format?: 'jsonl' | 'csv'; from?: string; to?: string } = {}) =>
    `${routes.exportAudit.path}${query({ ...filter })}`,
  projectImportedHistory: (projectId: string) => `/api/projects/${e(projectId)}/imported-history`,
  projectDeployments: (projectId: string) => `/api/projects/${e(projectId)}/deployments`,
  deployment: (deploymentId: string) => `/api/deployments/${e(deploymentId)}`,
  deploymentPromote: (deploymentId: string) => `/api/deployments/${e(deploymentId)}/promote`,
  deploymentRollback: (deploymentId: string) => `/api/deployments/${e(deploymentId)}/rollback`,
  deploymentUndeploy: (deploymentId: string) => `/api/deployments/${e(deploymentId)}/undeploy`,
  deploymentKeys: (deploymentId: string) => `/api/deployments/${e(deploymentId)}/keys`,
  deploymentKeyRevoke: (deploymentId: string, keyId: string) =>
    `/api/deployments/${e(deploymentId)}/keys/${e(keyId)}/revoke`,
  deploymentStats: (deploymentId: string) => `/api/deployments/${e(deploymentId)}/stats`,
  deploymentPredictions: (deploymentId: string, limit?: number) =>
    `/api/deployments/${e(deploymentId)}/predictions${query({ limit })}`,
  deploymentOpenApi: (deploymentId: string) => `/api/deployments/${e(deploymentId)}/openapi`,
  projectDeploymentRequests: (projectId: string) => `/api/projects/${e(projectId)}/deployment-requests`,
  deploymentRequest: (requestId: string) => `/api/deployment-requests/${e(requestId)}`,
  deploymentRequestApprove: (requestId: string) => `/api/deployment-requests/${e(requestId)}/approve`,
  deploymentRequestReject: (requestId: string) => `/api/deployment-requests/${e(requestId)}/reject`,
  predict: (slug: string) => `/v1/deployments/${e(slug)}/predict`,
  predictBatch: (slug: string) => `/v1/deployments/${e(slug)}/predict/batch`,
  predictCsv: (slug: string) => `/v1/deployments/${e(slug)}/predict/csv`,
  runLineage: (runId: string) => `/api/runs/${e(runId)}/lineage`,
  runDocument: (runId: string) => `/api/runs/${e(runId)}/document`,
  runDocumentPdf: (runId: string) => `/api/runs/${e(runId)}/document.pdf`,
  runFindings: (runId: string) => `/api/runs/${e(runId)}/findings`,
  finding: (findingId: string) => `/api/findings/${e(findingId)}`,
  projectBundle: (projectId: string, options: { includeData?: boolean } = {}) =>
    `/api/projects/${e(projectId)}/bundle${query({ includeData: options.includeData ? 'true' : undefined })}`,
  projectImport: (options: { confirmModified?: boolean } = {}) =>
    `${routes.importBundle.path}${query({ confirmModified: options.confirmModified ? 'true' : undefined })}`,
  projectExportJobs: (projectId: string, options: { includeData?: boolean } = {}) =>
    `/api/projects/${e(projectId)}/bundle/jobs${query({ includeData: options.includeData ? 'true' : undefined })}`,
  projectImportJobs: (options: { confirmModified?: boolean } = {}) =>
    `${routes.startImportJob.path}${query({ confirmModified: options.confirmModified ? 'true' : undefined })}`,
  deploymentScoreJobs: (deploymentId: string) => `/api/deployments/${e(deploymentId)}/score-jobs`,
  job: (jobId: string) => `/api/jobs/${e(jobId)}`,
  jobResult: (jobId: string) => `/api/jobs/${e(jobId)}/result`,
  jobCancel: (jobId: string) => `/api/jobs/${e(jobId)}/cancel`,
  runOnnx: (runId: string, q: { precision?: 'fp32' | 'int8'; modelNodeId?: string } = {}) =>
    `/api/runs/${e(runId)}/onnx${query({ ...q })}`,
  runCode: (
    runId: string,
    q: { lang: 'ts' | 'js' | 'python'; types?: boolean; modelNodeId?: string } = { lang: 'ts' },
  ) => `/api/runs/${e(runId)}/code${query({ ...q, types: q.types ? 'true' : undefined })}`,
} as const;

/** Which builder makes the URL of each route (the route test checks every pair). */
export const pathOfRoute: { readonly [K in RouteName]: keyof typeof paths } = {
  health: 'health',
  ready: 'ready',
  metrics: 'metrics',
  me: 'me',
  engine: 'engine',
  signIn: 'signIn',
  signInLink: 'signInLink',
  signOut: 'signOut',
  session: 'session',
  changePassword: 'password',
  authMethods: 'authMethods',
  oidcStart: 'oidcStart',
  oidcCallback: 'oidcCallback',
  listUsers: 'users',
  createUser: 'users',
  updateUser: 'user',
  resetPassword: 'userResetPassword',
  listTokens: 'tokens',
  createToken: 'tokens',
  revokeToken: 'tokenRevoke',
  listProjects: 'projects',
  createProject: 'projects',
  getProject: 'project',
  updateProject: 'project',
  deleteProject: 'project',
  listMembers: 'projectMembers',
  addMember: 'projectMembers',
  updateMember: 'projectMember',
  removeMember: 'projectMember',
  saveGraph: 'projectGraph',
  listVersions: 'projectVersions',
  getVersion: 'projectVersion',
  diffVersions: 'projectDiff',
  uploadDataset: 'projectDatasets',
  listDatasets: 'projectDatasets',
  copyDataset: 'projectDatasetCopy',
  datasetLibrary: 'datasetLibrary',
  getDataset: 'dataset',
  datasetProfile: 'datasetProfile',
  startRun: 'projectRuns',
  listRuns: 'projectRuns',
  getRun: 'run',
  runEvents: 'runEvents',
  cancelRun: 'runCancel',
  retryRun: 'runRetry',
  runLogs: 'runLogs',
  preview: 'projectPreview',
  listTemplates: 'templates',
  createFromTemplate: 'projectFromTemplate',
  queryAudit: 'audit',
  verifyAudit: 'auditVerify',
  exportAudit: 'auditExport',
  importedHistory: 'projectImportedHistory',
  deploy: 'runDeploy',
  listDeployments: 'projectDeployments',
  getDeployment: 'deployment',
  updateDeployment: 'deployment',
  promoteDeployment: 'deploymentPromote',
  rollbackDeployment: 'deploymentRollback',
  undeploy: 'deploymentUndeploy',
  createApiKey: 'deploymentKeys',
  listApiKeys: 'deploymentKeys',
  revokeApiKey: 'deploymentKeyRevoke',
  deploymentStats: 'deploymentStats',
  deploymentPredictions: 'deploymentPredictions',
  deploymentOpenApi: 'deploymentOpenApi',
  listDeploymentRequests: 'projectDeploymentRequests',
  getDeploymentRequest: 'deploymentRequest',
  approveDeploymentRequest: 'deploymentRequestApprove',
  rejectDeploymentRequest: 'deploymentRequestReject',
  predict: 'predict',
  predictBatch: 'predictBatch',
  predictCsv: 'predictCsv',
  runLineage: 'runLineage',
  runDocument: 'runDocument',
  runDocumentPdf: 'runDocumentPdf',
  listFindings: 'runFindings',
  addFinding: 'runFindings',
  updateFinding: 'finding',
  exportBundle: 'projectBundle',
  importBundle: 'projectImport',
  startExportJob: 'projectExportJobs',
  startImportJob: 'projectImportJobs',
  startScoreJob: 'deploymentScoreJobs',
  getJob: 'job',
  jobResult: 'jobResult',
  cancelJob: 'jobCancel',
  runOnnx: 'runOnnx',
  runCode: 'runCode',
};
