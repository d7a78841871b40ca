import { useState } from 'react';
import { useDataset, useDatasetProfile } from './api';
import { useProject } from '../projects/api';
import { datasetTarget } from './dataset-target';
import { errorMessage } from '../../lib/error-message';
import { pct } from '../../lib/format-metric';
import { ProjectNav } from '../../app/project-nav';
import { DataWarnings } from './components/data-warnings';
import { ColumnProfile } from './components/column-profile';
import './datasets.css';

/** A dataset's profile: column statistics and distributions, data warnings, and the target to profile against. */
export function DatasetPage({ projectId, datasetId }: { projectId: string; datasetId: string }) {
  const dataset = useDataset(datasetId);
  const project = useProject(projectId);
  // Until the analyst picks one, the target is the one the project's graph chose for this dataset.
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const target = picked === undefined ? datasetTarget(project.data?.head?.graph, datasetId) : picked;
  const profile = useDatasetProfile(datasetId, project.isPending && picked === undefined ? null : target);
  const warned = new Set(profile.data?.warnings.map((w) => w.column));

  return (
    <div className="page" data-testid="dataset-page">
      <ProjectNav projectId={projectId} current="data" />
      <main className="scroll-page">
        <div className="run-head">
          <h1>{dataset.data?.name ?? 'Dataset'}</h1>
          <span className="spacer" />
          <label className="target-picker">
            <span>Target</span>
            <select
              data-testid="target-picker"
              value={target ?? ''}
              onChange={(e) => setPicked(e.target.value || null)}
            >
              <option value="">No target</option>
              {dataset.data?.columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {dataset.error && <p className="error-text">{errorMessage(dataset.error)}</p>}
        {profile.error && <p className="error-text">{errorMessage(profile.error)}</p>}
        {profile.isPending && <p className="muted">Profiling…</p>}
        {profile.data && (
          <>
            <p className="small muted" data-testid="profile-summary">
              {profile.data.rowCount.toLocaleString()} rows · {profile.data.columns.length} columns
              {profile.data.target &&
                ` · target ${profile.data.target.name}, bad rate ${pct(profile.data.target.badRate)}`}
              {profile.isFetching && ' · updating…'}
            </p>
            <DataWarnings warnings={profile.data.warnings} />
            <div className="column-grid">
              {profile.data.columns.map((c) => (
                <ColumnProfile key={c.name} column={c} warned={warned.has(c.name)} />
              ))}
            </div>
          </>
        )}
      </main>
    </div>
  );
}
