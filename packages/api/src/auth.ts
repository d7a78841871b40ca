import { z } from 'zod';
import type { RouteName } from './routes';

/**
 * Who may do what. Roles are global (a user has one); every `/api` route has one policy in `routePolicies`,
 * the server enforces it for every request (apps/server/src/auth/authorize.ts) and the web app disables what
 * the signed-in role may not do, with `deniedReason` as the tooltip.
 */
export const ROLES = ['viewer', 'analyst', 'validator', 'approver', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** What a route needs. `public`: no sign-in at all; `signedIn`: any role; the rest are permissions below. */
export const PERMISSIONS = [
  /** read projects, graphs, datasets, runs, deployments, audit */
  'read',
  /** upload, edit graphs, create/rename/delete projects, train, preview, import bundles */
  'edit',
  /** a bundle carries raw applicant data: exporting it is its own permission */
  'export',
  /** ask for a model to be served (today: deploy, keys; four-eyes turns this into a request) */
  'requestDeployment',
  /** approve, reject, promote, roll back and undeploy deployments */
  'approveDeployment',
  /** write findings on runs (model validation) */
  'writeFindings',
  /** users, roles, settings */
  'admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type RoutePolicy = 'public' | 'signedIn' | 'deploymentKey' | Permission;

/** Each role's permissions. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  analyst: ['read', 'edit', 'export', 'requestDeployment'],
  validator: ['read', 'export', 'writeFindings'],
  approver: ['read', 'approveDeployment'],
  admin: ['read', 'edit', 'export', 'requestDeployment', 'approveDeployment', 'writeFindings', 'admin'],
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role != null && rolePermissions[role].includes(permission);
}

/** The roles that hold a permission, in `ROLES` order. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => rolePermissions[r].includes(permission));
}

const permissionPhrases: Record<Permission, string> = {
  read: 'read the Studio',
  edit: 'change projects, data, graphs or runs',
  export: 'export bundles (they carry raw applicant data)',
  requestDeployment: 'deploy models or manage API keys',
  approveDeployment: 'approve, promote, roll back or undeploy deployments',
  writeFindings: 'write validation findings',
  admin: 'manage users, roles and settings',
};

/** The sentence the UI shows (title/tooltip) on what the role may not do; null when it may. */
export function deniedReason(role: Role | null | undefined, permission: Permission): string | null {
  if (can(role, permission)) return null;
  const who = rolesWith(permission).join(', ');
  return `Your role (${role ?? 'signed out'}) may not ${permissionPhrases[permission]}; ask for one of: ${who}.`;
}

/** Someone named on a record (an audit event's actor, a version's author): who, not what they may do. */
export const personSchema = z.object({ id: z.string(), name: z.string() });
export type Person = z.infer<typeof personSchema>;
/** Who a request acts as: the person and their role. */
export const actorSchema = personSchema.extend({ role: roleSchema });
export type Actor = z.infer<typeof actorSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string().nullable(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const usernameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"');
/** At least 12 characters; no other composition rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024);

export const signInBodySchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export const changePasswordBodySchema = z.object({
  currentPassword: z.string().max(1024),
  newPassword: passwordSchema,
});
export const createUserBodySchema = z.object({
  username: usernameSchema,
  name: z.string().min(1).max(200),
  role: roleSchema,
  password: passwordSchema.optional(),
});
export const updateUserBodySchema = z.object({
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
  name: z.string().min(1).max(200).optional(),
});
export const sessionSchema = z.object({
  actor: actorSchema,
  username: z.string().nullable(),
  /** When the session ends at the latest (absolute timeout), ISO time; null for tokens and the embedded actor. */
  expiresAt: z.string().nullable(),
  /** The password must be set (first admin from a one-time link, or after a reset). */
  mustSetPassword: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

export const TOKEN_SCOPES = ['read', 'write'] as const;
export const tokenScopeSchema = z.enum(TOKEN_SCOPES);
export const createTokenBodySchema = z.object({
  name: z.string().min(1).max(100),
  scope: tokenScopeSchema,
  /** 1–365 days. */
  expiresInDays: z.number().int().min(1).max(365),
});
export const accessTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: tokenScopeSchema,
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type AccessToken = z.infer<typeof accessTokenSchema>;
export const createdTokenSchema = accessTokenSchema.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;

/** Prefix of personal access tokens on `/api` (deployment keys of `/v1` start `sk_`). */
export const ACCESS_TOKEN_PREFIX = 'spat_';
/** The session cookie's name. */
export const SESSION_COOKIE = 'studio_session';

/**
 * Every route's policy. Routes served but missing here fail `apps/server/src/auth/route-policy.test.ts`;
 * the server answers 403 to any `/api` route without a policy.
 */
export const routePolicies: Record<RouteName, RoutePolicy> = {
  health: 'public',
  /** Readiness probe (load balancers), like health. */
  ready: 'public',
  /** Prometheus text outside /api: not behind sign-in (see docs/security.md, open point). */
  metrics: 'public',
  me: 'signedIn',
  engine: 'read',
  signIn: 'public',
  signInLink: 'public',
  signOut: 'signedIn',
  session: 'signedIn',
  changePassword: 'signedIn',
  listUsers: 'admin',
  createUser: 'admin',
  updateUser: 'admin',
  resetPassword: 'admin',
  listTokens: 'signedIn',
  createToken: 'signedIn',
  revokeToken: 'signedIn',
  listProjects: 'read',
  createProject: 'edit',
  getProject: 'read',
  updateProject: 'edit',
  deleteProject: 'edit',
  saveGraph: 'edit',
  listVersions: 'read',
  getVersion: 'read',
  diffVersions: 'read',
  uploadDataset: 'edit',
  listDatasets: 'read',
  getDataset: 'read',
  datasetProfile: 'read',
  startRun: 'edit',
  listRuns: 'read',
  getRun: 'read',
  runEvents: 'read',
  cancelRun: 'edit',
  retryRun: 'edit',
  runLogs: 'read',
  runLineage: 'read',
  runDocument: 'read',
  runDocumentPdf: 'read',
  listFindings: 'read',
  addFinding: 'writeFindings',
  updateFinding: 'writeFindings',
  preview: 'edit',
  listTemplates: 'read',
  createFromTemplate: 'edit',
  queryAudit: 'read',
  verifyAudit: 'read',
  exportAudit: 'read',
  importedHistory: 'read',
  deploy: 'requestDeployment',
  listDeployments: 'read',
  getDeployment: 'read',
  updateDeployment: 'requestDeployment',
  promoteDeployment: 'approveDeployment',
  rollbackDeployment: 'approveDeployment',
  undeploy: 'approveDeployment',
  createApiKey: 'requestDeployment',
  listApiKeys: 'read',
  revokeApiKey: 'requestDeployment',
  deploymentStats: 'read',
  deploymentPredictions: 'read',
  deploymentOpenApi: 'read',
  listDeploymentRequests: 'read',
  getDeploymentRequest: 'read',
  approveDeploymentRequest: 'approveDeployment',
  rejectDeploymentRequest: 'approveDeployment',
  predict: 'deploymentKey',
  predictBatch: 'deploymentKey',
  predictCsv: 'deploymentKey',
  exportBundle: 'export',
  /** A run's model as ONNX or generated code leaves the building like a bundle does. */
  runOnnx: 'export',
  runCode: 'export',
  importBundle: 'edit',
};
