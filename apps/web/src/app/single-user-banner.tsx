import { useQuery } from '@tanstack/react-query';
import type { Health } from '@studio/api';
import { paths } from '@studio/api/routes';
import { apiFetch } from '../api/client';
import { queryKeys } from '../api/query-keys';

const BANNER = {
  background: 'var(--warn-soft)',
  color: 'var(--warn-text)',
  padding: '0.35rem 1rem',
  fontSize: '0.875rem',
  borderBottom: '1px solid var(--warn-border)',
} as const;

/** On every page while the Studio runs in single-user mode: deployments there go live without a second person. */
export function SingleUserBanner() {
  const health = useQuery({
    queryKey: queryKeys.health,
    queryFn: () => apiFetch<Health>('GET', paths.health()),
    staleTime: 5 * 60_000,
  });
  if (!health.data?.singleUser) return null;
  return (
    <div style={BANNER} role="status" data-testid="single-user-banner">
      Single-user mode: no sign-in, and deployments go live without a second person&apos;s approval. Run the
      Studio with accounts for four-eyes approval.
    </div>
  );
}
