import { useState } from 'react';
import { paths } from '@studio/api/routes';
import { useCan } from '../../auth/api';

/**
 * Downloads the project as one bundle (zip): graph history, dataset schemas, runs with artifacts, ONNX and
 * generated code, audit. The datasets' rows go with it only when "with raw data" is ticked (the export is
 * audited either way). A plain link, so the browser streams the file to disk and names it from the server's
 * Content-Disposition.
 */
export function ExportBundleLink({ projectId }: { projectId: string }) {
  const canExport = useCan('export');
  const [includeData, setIncludeData] = useState(false);
  if (!canExport.allowed)
    return (
      <button data-testid="export-bundle" disabled title={canExport.reason}>
        Export bundle
      </button>
    );
  return (
    <span className="export-bundle">
      <a
        className="button-link"
        data-testid="export-bundle"
        href={paths.projectBundle(projectId, { includeData })}
        download
        title={
          includeData
            ? 'Download the project as a bundle, WITH the datasets’ rows (raw applicant data leaves the Studio; audited)'
            : 'Download the project as a bundle (dataset schemas, no raw data) to reopen here, in the CLI or elsewhere'
        }
      >
        Export bundle
      </a>
      <label title="Put the datasets' rows (raw applicant data) in the bundle; the export is audited">
        <input
          type="checkbox"
          data-testid="export-include-data"
          checked={includeData}
          onChange={(e) => setIncludeData(e.target.checked)}
        />{' '}
        with raw data
      </label>
    </span>
  );
}
