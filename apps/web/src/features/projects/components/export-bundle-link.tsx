import { paths } from '@studio/api/routes';
import { useCan } from '../../auth/api';

/**
 * Downloads the project as one bundle (zip): graph history, datasets, runs with artifacts, audit. A plain
 * link, so the browser streams the file to disk and names it from the server's Content-Disposition.
 */
export function ExportBundleLink({ projectId }: { projectId: string }) {
  const canExport = useCan('export');
  if (!canExport.allowed)
    return (
      <button data-testid="export-bundle" disabled title={canExport.reason}>
        Export bundle
      </button>
    );
  return (
    <a
      className="button-link"
      data-testid="export-bundle"
      href={paths.projectBundle(projectId)}
      download
      title="Download the project as a bundle to reopen here, in the CLI or elsewhere"
    >
      Export bundle
    </a>
  );
}
