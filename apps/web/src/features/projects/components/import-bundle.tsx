import { useRef, useState } from 'react';
import { ApiError } from '../../../api/api-error';
import { useImportBundle } from '../api';
import { errorMessage } from '../../../lib/error-message';
import { useCan } from '../../auth/api';

/** Reopens an exported bundle (zip) as a new project and opens it; a damaged bundle is refused whole, and said so. */
export function ImportBundle() {
  const input = useRef<HTMLInputElement>(null);
  const importBundle = useImportBundle();
  const canEdit = useCan('edit');
  const [lastFile, setLastFile] = useState<File | null>(null);
  const modified =
    importBundle.error instanceof ApiError && importBundle.error.body.code === 'BUNDLE_MODIFIED';
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".zip,application/zip"
        className="sr-only"
        aria-label="Project bundle to import"
        data-testid="import-bundle-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) {
            setLastFile(file);
            importBundle.mutate({ file });
          }
          e.target.value = '';
        }}
      />
      <button
        data-testid="import-bundle"
        disabled={!canEdit.allowed || importBundle.isPending}
        title={canEdit.reason}
        onClick={() => input.current?.click()}
      >
        {importBundle.isPending ? 'Importing…' : 'Import bundle'}
      </button>
      {importBundle.error && (
        <p className="notice error" role="alert" data-testid="import-error">
          Import refused: {errorMessage(importBundle.error)}
          {modified && lastFile && (
            <button
              className="danger"
              data-testid="import-modified-anyway"
              title="Its runs will be marked untrusted and cannot be deployed until retrained"
              onClick={() => importBundle.mutate({ file: lastFile, confirmModified: true })}
            >
              Import anyway (runs untrusted)
            </button>
          )}
        </p>
      )}
    </>
  );
}
