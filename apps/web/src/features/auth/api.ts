import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  projectDeniedReason,
  type AccessToken,
  type AddMemberBody,
  type AuthMethods,
  type CreateUserBody,
  type ProjectMembers,
  type ProjectRole,
  type UpdateUserBody,
  type User,
  type ChangePasswordBody,
  type CreatedToken,
  type CreateTokenBody,
  type Permission,
  type Session,
  type SignInBody,
} from '@studio/api';
import { paths } from '@studio/api/routes';
import { apiFetch } from '../../api/client';
import { ApiError } from '../../api/api-error';
import { useRoute, type Route } from '../../app/route';

export const sessionKey = ['auth', 'session'] as const;
const tokensKey = ['auth', 'tokens'] as const;
const usersKey = ['auth', 'users'] as const;
// Under the project's key: refetched with it, and after a sign-in when it failed while signed out.
const membersKey = (projectId: string) => ['projects', projectId, 'members'] as const;

/** Who is signed in; `null` when nobody is (the query answers 401). */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session | null> => {
      try {
        return await apiFetch<Session>('GET', paths.session());
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    retry: false,
    staleTime: 60_000,
  });
}

/** How one may sign in here (the OIDC button shows when the server has a provider configured). */
export function useAuthMethods() {
  return useQuery({
    queryKey: ['auth', 'methods'] as const,
    queryFn: () => apiFetch<AuthMethods>('GET', paths.authMethods()),
    staleTime: 5 * 60_000,
  });
}

/** The project a screen shows, if any: its membership decides what the user may do there. */
function projectOf(route: Route): string | null {
  return 'projectId' in route ? route.projectId : null;
}

/** A project's members and the signed-in user's own access to it. */
export function useProjectMembers(projectId: string | null) {
  return useQuery({
    queryKey: membersKey(projectId ?? ''),
    queryFn: () => apiFetch<ProjectMembers>('GET', paths.projectMembers(projectId!)),
    enabled: projectId !== null,
    staleTime: 60_000,
  });
}

/**
 * Whether the signed-in user may do something, and the sentence to show when not: their global role and, on
 * a project's screens, their role in that project. Controls stay visible: disabled, with the reason as their
 * title.
 */
export function useCan(permission: Permission): { allowed: boolean; reason: string | undefined } {
  const session = useSession();
  const projectId = projectOf(useRoute());
  const members = useProjectMembers(projectId);
  const role = session.data?.actor.role;
  // While the session (or membership) loads, allow: the server decides anyway, and a flash of disabled
  // buttons misleads.
  if (session.isPending || (projectId !== null && members.isPending))
    return { allowed: true, reason: undefined };
  // Unknown (the membership could not be read, e.g. while signed out): allow, as while loading.
  const access =
    projectId === null || (!members.data && members.isError) ? 'oversight' : (members.data?.myAccess ?? null);
  const reason = projectDeniedReason(role, access, permission);
  return { allowed: reason === null, reason: reason ?? undefined };
}

function useMembersMutation<V>(projectId: string, fn: (v: V) => Promise<ProjectMembers>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => qc.setQueryData(membersKey(projectId), data),
  });
}

export function useAddMember(projectId: string) {
  return useMembersMutation(projectId, (body: AddMemberBody) =>
    apiFetch<ProjectMembers>('POST', paths.projectMembers(projectId), body),
  );
}

export function useSetMemberRole(projectId: string) {
  return useMembersMutation(projectId, (v: { userId: string; role: ProjectRole }) =>
    apiFetch<ProjectMembers>('PATCH', paths.projectMember(projectId, v.userId), { role: v.role }),
  );
}

export function useRemoveMember(projectId: string) {
  return useMembersMutation(projectId, (userId: string) =>
    apiFetch<ProjectMembers>('DELETE', paths.projectMember(projectId, userId)),
  );
}

/** Every account (admins only; others get 403 and the page says why). */
export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: usersKey,
    queryFn: () => apiFetch<User[]>('GET', paths.users()),
    enabled,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) =>
      apiFetch<User & { signInLink: string | null }>('POST', paths.users(), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { userId: string; body: UpdateUserBody }) =>
      apiFetch<User>('PATCH', paths.user(v.userId), v.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useResetPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiFetch<{ user: User; signInLink: string }>('POST', paths.userResetPassword(userId)),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInBody) => apiFetch<Session>('POST', paths.signIn(), body),
    onSuccess: async (session) => {
      qc.setQueryData(sessionKey, session);
      // What failed while signed out (401s) is fetched again; what loaded stays as it is, so an editor's
      // document is not replaced under unsaved edits.
      await qc.invalidateQueries({
        predicate: (q) => q.queryKey[0] !== 'auth' && q.state.status === 'error',
      });
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<unknown>('POST', paths.signOut()),
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => apiFetch<unknown>('POST', paths.password(), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKey }),
  });
}

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => apiFetch<AccessToken[]>('GET', paths.tokens()) });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenBody) => apiFetch<CreatedToken>('POST', paths.tokens(), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<AccessToken>('POST', paths.tokenRevoke(id)),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });
}
