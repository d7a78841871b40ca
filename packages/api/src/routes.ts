/**
 * The REST surface in one table, so the server's route files and the web client name the same paths.
 * All bodies are JSON except dataset upload (multipart, field `file`).
 */
export const routes = {
  health: 'GET /api/health',
  me: 'GET /api/me',
  listProjects: 'GET /api/projects',
  createProject: 'POST /api/projects',
  getProject: 'GET /api/projects/:projectId',
  updateProject: 'PATCH /api/projects/:projectId',
  deleteProject: 'DELETE /api/projects/:projectId',
  saveGraph: 'POST /api/projects/:projectId/graph',
  listVersions: 'GET /api/projects/:projectId/versions',
  getVersion: 'GET /api/projects/:projectId/versions/:versionId',
  diffVersions: 'GET /api/projects/:projectId/diff?from=:versionId&to=:versionId',
  uploadDataset: 'POST /api/projects/:projectId/datasets',
  listDatasets: 'GET /api/projects/:projectId/datasets',
  getDataset: 'GET /api/datasets/:datasetId',
  datasetProfile: 'GET /api/datasets/:datasetId/profile?target=:column',
  startRun: 'POST /api/projects/:projectId/runs',
  listRuns: 'GET /api/projects/:projectId/runs',
  getRun: 'GET /api/runs/:runId',
  runEvents: 'GET /api/runs/:runId/events (text/event-stream of RunEvent)',
  cancelRun: 'POST /api/runs/:runId/cancel',
  retryRun: 'POST /api/runs/:runId/retry',
  runLogs: 'GET /api/runs/:runId/logs',
  preview: 'POST /api/projects/:projectId/preview',
  listTemplates: 'GET /api/templates',
  createFromTemplate: 'POST /api/projects/from-template',
  queryAudit: 'GET /api/audit?projectId&actor&action&from&to&limit',
  openApi: 'GET /api/docs',
} as const;
