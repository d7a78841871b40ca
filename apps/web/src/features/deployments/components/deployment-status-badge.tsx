import type { Deployment } from '@studio/api';

const LABELS: Record<Deployment['status'], string> = {
  active: 'Serving',
  pending: 'Pending',
  retired: 'Retired',
};

/** A deployment version's status as a coloured pill (colour plus word). */
export function DeploymentStatusBadge({ status }: { status: Deployment['status'] }) {
  return (
    <span className={`status deploy-${status}`} data-testid="deployment-status">
      {LABELS[status]}
    </span>
  );
}
