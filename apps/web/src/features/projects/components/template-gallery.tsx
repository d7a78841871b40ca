import { useState } from 'react';
import { useProjects, useTemplates, useCreateFromTemplate } from '../api';
import { useAllDatasets } from '../../datasets/api';
import { navigate } from '../../../app/route';
import { errorMessage } from '../../../lib/error-message';

const RECENT_PROJECTS = 20;

/**
 * "Start from a template": a card per ready graph, on the demo German credit data or on any dataset already
 * uploaded (the server copies it into the new project and finds its target column). Choosing a card creates
 * the project and opens its graph.
 */
export function TemplateGallery() {
  const templates = useTemplates();
  const create = useCreateFromTemplate();
  const projects = useProjects();
  // One datasets request per project: the most recently updated ones are where a fresh upload is.
  const recent = [...(projects.data ?? [])]
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, RECENT_PROJECTS);
  const datasets = useAllDatasets(recent);
  const [datasetId, setDatasetId] = useState('');
  if (templates.error) return <p className="error-text">{errorMessage(templates.error)}</p>;
  if (!templates.data || templates.data.length === 0) return null;
  return (
    <section className="templates" data-testid="template-gallery">
      <div className="row-between">
        <h2>Start from a template</h2>
        <label className="template-data small">
          <span>on</span>
          <select
            data-testid="template-dataset"
            value={datasetId}
            onChange={(e) => setDatasetId(e.target.value)}
          >
            <option value="">Demo data (German credit)</option>
            {datasets.map(({ dataset, projectName }) => (
              <option key={dataset.id} value={dataset.id}>
                {dataset.name} · {dataset.rowCount.toLocaleString()} rows · from {projectName}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul className="template-grid">
        {templates.data.map((t) => (
          <li key={t.id}>
            <button
              className="template-card"
              data-testid={`template-${t.id}`}
              disabled={create.isPending}
              onClick={() =>
                create.mutate(
                  { templateId: t.id, ...(datasetId ? { datasetId } : {}) },
                  { onSuccess: (p) => navigate({ screen: 'editor', projectId: p.id }) },
                )
              }
            >
              <strong>{t.name}</strong>
              <span className="small muted">{t.description}</span>
            </button>
          </li>
        ))}
      </ul>
      {create.isPending && <p className="muted small">Creating the project…</p>}
      {create.error && <p className="error-text">{errorMessage(create.error)}</p>}
    </section>
  );
}
