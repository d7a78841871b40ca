import { useState, type DragEvent } from 'react';
import { useDatasets, useUploadDataset } from '../api';
import { useEditorStores } from '../../editor/hooks/use-editor-stores';
import { errorMessage } from '../../../lib/error-message';
import { isDirty } from '../../editor/state/is-dirty';
import { navigate } from '../../../app/route';
import { useCan } from '../../auth/api';
import '../datasets.css';

/** Upload a CSV (file picker or drop) with a progress bar, and list the project's datasets with a link to each profile. */
export function DatasetsPanel() {
  const canEdit = useCan('edit');
  const { projectId, doc, session } = useEditorStores();
  const datasets = useDatasets(projectId);
  const upload = useUploadDataset(projectId);
  const [over, setOver] = useState(false);

  const send = (file: File | undefined) => {
    if (!file) return;
    upload.mutate(file, {
      onSuccess: (d) =>
        session
          .getState()
          .toast('info', `Uploaded ${d.name}: ${d.rowCount} rows, ${d.columns.length} columns`),
    });
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    send(e.dataTransfer.files[0]);
  };

  return (
    <div data-testid="datasets-panel">
      <div
        className={`drop-zone ${over ? 'over' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p style={{ margin: '0 0 8px' }}>Drop a CSV file here, or</p>
        <label className="file-label">
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="dataset-file-input"
            disabled={!canEdit.allowed || upload.isPending}
            title={canEdit.reason}
            onChange={(e) => {
              send(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        {upload.progress !== null && (
          <div
            className="progress"
            data-testid="upload-progress"
            role="progressbar"
            aria-valuenow={Math.round(upload.progress * 100)}
          >
            <div style={{ width: `${Math.round(upload.progress * 100)}%` }} />
          </div>
        )}
      </div>
      {upload.error && <p className="error-text">{errorMessage(upload.error)}</p>}
      <h2>Datasets</h2>
      {datasets.isPending && <p className="muted">Loading…</p>}
      {datasets.data?.length === 0 && <p className="muted">No dataset uploaded yet.</p>}
      <ul className="list" data-testid="dataset-list">
        {datasets.data?.map((d) => (
          <li key={d.id} data-testid="dataset-row">
            <div className="row-between">
              <strong>{d.name}</strong>
              <button
                className="ghost small"
                data-testid="open-profile"
                onClick={() => {
                  if (
                    !isDirty(doc.getState()) ||
                    window.confirm('Leave without saving? Your unsaved changes will be lost.')
                  ) {
                    navigate({ screen: 'dataset', projectId, datasetId: d.id });
                  }
                }}
              >
                Profile →
              </button>
            </div>
            <div className="muted small">
              {d.rowCount.toLocaleString()} rows · {d.columns.length} columns ·{' '}
              {(d.sizeBytes / 1024).toFixed(0)} KB
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
