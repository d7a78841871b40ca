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
  /** add, change and remove a project's members (its owners; admins for every project) */
  'manageMembers',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type RoutePolicy = 'public' | 'signedIn' | 'deploymentKey' | Permission;

/** Whether a policy is a permission (a role check), not `public`, `signedIn` or `deploymentKey`. */
export function isPermissionPolicy(policy: RoutePolicy): policy is Permission {
  return policy !== 'public' && policy !== 'signedIn' && policy !== 'deploymentKey';
}

/** Each role's permissions. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  analyst: ['read', 'edit', 'export', 'requestDeployment', 'manageMembers'],
  validator: ['read', 'export', 'writeFindings'],
  approver: ['read', 'approveDeployment'],
  admin: [
    'read',
    'edit',
    'export',
    'requestDeployment',
    'approveDeployment',
    'writeFindings',
    'admin',
    'manageMembers',
  ],
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
  manageMembers: "manage a project's members",
};

/** The sentence the UI shows (title/tooltip) on what the role may not do; null when it may. */
export function deniedReason(role: Role | null | undefined, permission: Permission): string | null {
  if (can(role, permission)) return null;
  const who = rolesWith(permission).join(', ');
  return `Your role (${role ?? 'signed out'}) may not ${permissionPhrases[permission]}; ask for one of: ${who}.`;
}

/**
 * Project membership, on top of the global role: a project's creator is its owner; owners add editors and
 * viewers. Viewers and analysts reach only the projects they are members of (others answer 404, as if they
 * did not exist); validators, approvers and admins oversee every project (`OVERSIGHT_ROLES`). What someone may
 * do in a project is what both their global role and their project role allow.
 */
export const PROJECT_ROLES = ['owner', 'editor', 'viewer'] as const;
export const projectRoleSchema = z.enum(PROJECT_ROLES);
export type ProjectRole = z.infer<typeof projectRoleSchema>;

/** Global roles that reach every project without being a member (model risk, approval, administration). */
export const OVERSIGHT_ROLES: readonly Role[] = ['validator', 'approver', 'admin'];

/** Each project role's permissions (intersected with the global role's). */
export const projectRolePermissions: Record<ProjectRole, readonly Permission[]> = {
  viewer: ['read'],
  editor: ['read', 'edit', 'export', 'requestDeployment', 'writeFindings'],
  owner: ['read', 'edit', 'export', 'requestDeployment', 'writeFindings', 'manageMembers'],
};

/**
 * What a user holds in one project: a member's role, `oversight` (a role that reaches every project), `open`
 * (a project nobody who signs in made and nobody is a member of yet: the seeded demo, work from single-user
 * mode; everyone works in it as their role allows until an admin adds members) or null.
 */
export type ProjectAccess = ProjectRole | 'oversight' | 'open' | null;
export const projectAccessSchema = z.enum([...PROJECT_ROLES, 'oversight', 'open']).nullable();

/** The user's access to a project from their global role and their membership (null: not a member). */
export function projectAccessOf(role: Role, membership: ProjectRole | 'open' | null): ProjectAccess {
  return OVERSIGHT_ROLES.includes(role) ? 'oversight' : membership;
}

/** Whether the global role and the project access together allow the permission. */
export function canInProject(
  role: Role | null | undefined,
  access: ProjectAccess,
  permission: Permission,
): boolean {
  if (!can(role, permission) || access === null) return false;
  if (access === 'oversight') return true;
  // An open project is anybody's to work in, but nobody's to claim: only admins add its first members.
  if (access === 'open') return permission !== 'manageMembers';
  return projectRolePermissions[access].includes(permission);
}

/** The UI's sentence for what the user may not do in this project (global role first); null when they may. */
export function projectDeniedReason(
  role: Role | null | undefined,
  access: ProjectAccess,
  permission: Permission,
): string | null {
  const global = deniedReason(role, permission);
  if (global) return global;
  if (canInProject(role, access, permission)) return null;
  if (access === null) return 'You are not a member of this project; ask its owner to add you.';
  if (access === 'open')
    return 'This project is open to everyone and has no owner yet; an admin adds its first members.';
  const who = PROJECT_ROLES.filter((r) => projectRolePermissions[r].includes(permission)).join(' or ');
  return `Your role in this project (${access}) may not ${permissionPhrases[permission]}; ask its owner to make you ${who}.`;
}

export const projectMemberSchema = z.object({
  userId: z.string(),
  username: z.string().nullable(),
  name: z.string(),
  /** Their global role (what they may do anywhere). */
  globalRole: roleSchema,
  role: projectRoleSchema,
  /** The project's creator: always an owner, cannot be removed. */
  creator: z.boolean(),
});
export type ProjectMember = z.infer<typeof projectMemberSchema>;
export const projectMembersSchema = z.object({
  members: z.array(projectMemberSchema),
  /** The caller's own access to the project. */
  myAccess: projectAccessSchema,
});
export type ProjectMembers = z.infer<typeof projectMembersSchema>;
export const addMemberBodySchema = z.object({ username: z.string().min(1).max(64), role: projectRoleSchema });
export const updateMemberBodySchema = z.object({ role: projectRoleSchema });
export const memberParamsSchema = z.object({ projectId: z.string().min(1), userId: z.string().min(1) });

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
/** How one may sign in: always with a password; with the organisation's OIDC provider when configured. */
export const authMethodsSchema = z.object({
  password: z.literal(true),
  /** The provider's display name, or null when OIDC is not configured. */
  oidc: z.object({ name: z.string() }).nullable(),
});
export type AuthMethods = z.infer<typeof authMethodsSchema>;

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
  authMethods: 'public',
  oidcStart: 'public',
  oidcCallback: 'public',
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
  listMembers: 'read',
  addMember: 'manageMembers',
  updateMember: 'manageMembers',
  removeMember: 'manageMembers',
  saveGraph: 'edit',
  listVersions: 'read',
  getVersion: 'read',
  diffVersions: 'read',
  uploadDataset: 'edit',
  listDatasets: 'read',
  copyDataset: 'edit',
  datasetLibrary: 'read',
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
  startExportJob: 'export',
  startImportJob: 'edit',
  /** Scoring a file through a deployment from the Studio (the `/v1` CSV route takes a deployment key). */
  startScoreJob: 'edit',
  getJob: 'read',
  /** A job's stored result (a bundle, a scored CSV) leaves the building like an export does. */
  jobResult: 'export',
  /** Stopping a job changes the project's work, like cancelling a run. */
  cancelJob: 'edit',
};
