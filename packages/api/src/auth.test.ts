import { describe, expect, it } from 'vitest';
import {
  can,
  canInProject,
  deniedReason,
  projectAccessOf,
  projectDeniedReason,
  rolePermissions,
  routePolicies,
  rolesWith,
  ROLES,
} from './auth';
import { routes } from './routes';

describe('roles', () => {
  it('gives each role what issue #10 names, and nothing more', () => {
    expect(can('viewer', 'read')).toBe(true);
    expect(can('viewer', 'edit')).toBe(false);
    expect(can('analyst', 'edit')).toBe(true);
    expect(can('analyst', 'approveDeployment')).toBe(false);
    expect(can('validator', 'writeFindings')).toBe(true);
    expect(can('validator', 'edit')).toBe(false);
    expect(can('approver', 'approveDeployment')).toBe(true);
    expect(can('approver', 'edit')).toBe(false);
    expect(rolesWith('admin')).toEqual(['admin']);
    for (const role of ROLES) expect(rolePermissions[role]).toContain('read');
  });

  it('says why a role may not, naming the roles that may', () => {
    expect(deniedReason('analyst', 'edit')).toBeNull();
    expect(deniedReason('viewer', 'edit')).toBe(
      'Your role (viewer) may not change projects, data, graphs or runs; ask for one of: analyst, admin.',
    );
    expect(deniedReason(null, 'read')).toContain('signed out');
  });

  it('has one policy per route; /v1 takes deployment keys only', () => {
    expect(Object.keys(routePolicies).sort()).toEqual(Object.keys(routes).sort());
    for (const [name, spec] of Object.entries(routes))
      expect(routePolicies[name as keyof typeof routes] === 'deploymentKey', name).toBe(
        spec.path.startsWith('/v1/'),
      );
  });
});

describe('project membership on top of the role', () => {
  it('needs both the global role and the project role', () => {
    expect(canInProject('analyst', 'editor', 'edit')).toBe(true);
    expect(canInProject('analyst', 'viewer', 'edit')).toBe(false);
    expect(canInProject('viewer', 'owner', 'edit')).toBe(false);
    expect(canInProject('analyst', null, 'read')).toBe(false);
    expect(canInProject('analyst', 'editor', 'manageMembers')).toBe(false);
    expect(canInProject('analyst', 'owner', 'manageMembers')).toBe(true);
    expect(canInProject('analyst', 'open', 'edit')).toBe(true);
    expect(canInProject('analyst', 'open', 'manageMembers')).toBe(false);
  });

  it('validators, approvers and admins oversee every project; viewers and analysts need membership', () => {
    expect(projectAccessOf('validator', null)).toBe('oversight');
    expect(projectAccessOf('admin', null)).toBe('oversight');
    expect(projectAccessOf('analyst', null)).toBeNull();
    expect(projectAccessOf('viewer', 'editor')).toBe('editor');
  });

  it('says why, naming the project role that would do', () => {
    expect(projectDeniedReason('analyst', 'viewer', 'edit')).toBe(
      'Your role in this project (viewer) may not change projects, data, graphs or runs; ask its owner to make you owner or editor.',
    );
    expect(projectDeniedReason('analyst', null, 'read')).toMatch(/not a member/);
    expect(projectDeniedReason('viewer', 'owner', 'edit')).toMatch(/^Your role \(viewer\)/);
    expect(projectDeniedReason('analyst', 'owner', 'edit')).toBeNull();
  });
});
