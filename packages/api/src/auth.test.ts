import { describe, expect, it } from 'vitest';
import { can, deniedReason, rolePermissions, routePolicies, rolesWith, ROLES } from './auth';
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
