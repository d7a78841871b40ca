import { useVersionDiff } from '../api';
import { errorMessage } from '../../../lib/error-message';

/** The server's readable change lines between two saved versions. */
export function VersionDiff({
  projectId,
  from,
  to,
}: {
  projectId: string;
  from: string | null;
  to: string | null;
}) {
  const diff = useVersionDiff(projectId, from, to);
  if (from === null || to === null) return <p className="muted small">Pick two versions to compare.</p>;
  if (from === to) return <p className="muted small">Pick two different versions.</p>;
  if (diff.isPending) return <p className="muted">Comparing…</p>;
  if (diff.error) return <p className="error-text">{errorMessage(diff.error)}</p>;
  if (diff.data.changes.length === 0) return <p className="muted">The two versions are identical.</p>;
  return (
    <ul className="change-lines" data-testid="diff-list">
      {diff.data.changes.map((c, i) => (
        <li key={i} data-testid="diff-line">
          {c.description}
        </li>
      ))}
    </ul>
  );
}
