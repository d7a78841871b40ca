import { paths } from '@studio/api/routes';

/**
 * Downloads the project as one bundle (zip): graph history, datasets, runs with artifacts, audit. A plain
 * link, so the browser streams the file to disk and names it from the server's Content-Disposition.
 */
export function ExportBundleLink({ projectId }: { projectId: string }) {
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
