import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  deniedReason,
  type AccessToken,
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

export const sessionKey = ['auth', 'session'] as const;
const tokensKey = ['auth', 'tokens'] as const;

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

/**
 * Whether the signed-in role may do something, and the sentence to show when not. Controls stay visible:
 * disabled, with the reason as their title.
 */
export function useCan(permission: Permission): { allowed: boolean; reason: string | undefined } {
  const session = useSession();
  const role = session.data?.actor.role;
  // While the session loads, allow: the server decides anyway, and a flash of disabled buttons misleads.
  if (session.isPending) return { allowed: true, reason: undefined };
  const reason = deniedReason(role, permission);
  return { allowed: reason === null, reason: reason ?? undefined };
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
