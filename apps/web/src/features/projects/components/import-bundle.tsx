import { useRef } from 'react';
import { useImportBundle } from '../api';
import { errorMessage } from '../../../lib/error-message';
import { useCan } from '../../auth/api';

/** Reopens an exported bundle (zip) as a new project and opens it; a damaged bundle is refused whole, and said so. */
export function ImportBundle() {
  const input = useRef<HTMLInputElement>(null);
  const importBundle = useImportBundle();
  const canEdit = useCan('edit');
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
          if (file) importBundle.mutate(file);
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
        </p>
      )}
    </>
  );
}
