import { useState, type DragEvent } from 'react';
import type { Dataset, DatasetLibraryEntry } from '@studio/api';
import { useCopyDataset, useDatasetLibrary, useUploadDataset } from '../../datasets/api';
import { errorMessage } from '../../../lib/error-message';
import { formatBytes } from '../../../lib/format-bytes';

/** The data step: upload a CSV (drop or pick, with progress) or take one from the library (copied in). */
export function StepData({
  projectId,
  chosen,
  onChosen,
  onBack,
  onCancel,
}: {
  projectId: string;
  chosen: Dataset | null;
  onChosen: (dataset: Dataset) => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const upload = useUploadDataset(projectId);
  const copy = useCopyDataset(projectId);
  const library = useDatasetLibrary();
  const [over, setOver] = useState(false);
  const busy = upload.isPending || copy.isPending;

  const send = (file: File | undefined) => {
    if (file) upload.mutate(file, { onSuccess: onChosen });
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    send(e.dataTransfer.files[0]);
  };
  const pick = (entry: DatasetLibraryEntry) => copy.mutate(entry.datasetId, { onSuccess: onChosen });

  return (
    <div className="wizard-body">
      <div
        className={`drop-zone ${over ? 'over' : ''}`}
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p style={{ margin: '0 0 8px' }}>Upload a CSV of past loans with their outcome: drop it here, or</p>
        <label className="file-label">
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="wizard-file-input"
            data-autofocus
            disabled={busy}
            onChange={(e) => {
              send(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        {upload.progress !== null && (
          <div
            className="progress"
            data-testid="wizard-upload-progress"
            role="progressbar"
            aria-label="Upload"
            aria-valuenow={Math.round(upload.progress * 100)}
          >
            <div style={{ width: `${Math.round(upload.progress * 100)}%` }} />
          </div>
        )}
        {upload.isPending && upload.progress === 1 && (
          <p className="muted small">Reading the file (types, missing values)…</p>
        )}
      </div>
      {upload.error && <p className="error-text">{errorMessage(upload.error)}</p>}
      <h3>Or pick one from the library</h3>
      {library.isPending && <p className="muted small">Loading the library…</p>}
      {library.error && <p className="error-text">{errorMessage(library.error)}</p>}
      {library.data?.length === 0 && <p className="muted small">No dataset uploaded yet.</p>}
      <ul className="wizard-library" data-testid="wizard-library">
        {library.data?.map((e) => (
          <li key={e.sha256}>
            <button
              className="library-pick"
              data-testid="wizard-library-entry"
              disabled={busy}
              onClick={() => pick(e)}
            >
              <strong>{e.name}</strong>
              <span className="small muted">
                {e.rowCount.toLocaleString()} rows · {e.columnCount} columns · {formatBytes(e.sizeBytes)} ·
                uploaded by {e.uploaders.map((u) => u.name).join(', ')} · in{' '}
                {e.projects.map((p) => p.name).join(', ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {copy.error && <p className="error-text">{errorMessage(copy.error)}</p>}
      <div className="actions">
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" onClick={onBack} disabled={busy}>
          Back
        </button>
        {chosen && (
          <button type="button" className="primary" onClick={() => onChosen(chosen)} disabled={busy}>
            Keep {chosen.name}
          </button>
        )}
      </div>
    </div>
  );
}
