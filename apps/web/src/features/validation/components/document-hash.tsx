import { paths } from '@studio/api/routes';
import { errorMessage } from '../../../lib/error-message';
import { useDocumentHash } from '../api';

/** The model document next to the deployment request: links to HTML and PDF and the hash the deployment records. */
export function DocumentHash({ runId }: { runId: string }) {
  const doc = useDocumentHash(runId);
  return (
    <span className="document-hash small" data-testid="document-hash-box">
      <a href={paths.runDocument(runId)} target="_blank" rel="noreferrer" data-testid="document-link">
        Model document
      </a>{' '}
      (
      <a href={paths.runDocumentPdf(runId)} target="_blank" rel="noreferrer" data-testid="document-pdf-link">
        PDF
      </a>
      ){' '}
      {doc.data && (
        <code
          title="SHA-256 of the document; recorded in the audit event of the deployment"
          data-testid="document-hash"
        >
          sha256 {doc.data.sha256}
        </code>
      )}
      {doc.error && <span className="error-text">{errorMessage(doc.error)}</span>}
    </span>
  );
}
