import { useState } from 'react';
import { useProjects, useTemplates, useCreateFromTemplate } from '../api';
import { useAllDatasets } from '../../datasets/api';
import { uniqueByContent } from '../../datasets/unique-by-content';
import { navigate } from '../../../app/route';
import { errorMessage } from '../../../lib/error-message';

const RECENT_PROJECTS = 20;

/**
 * "Start from a template": a card per ready graph, on the demo German credit data or on any dataset already
 * uploaded (the server copies it into the new project and finds its target column). Choosing a card creates
 * the project, named as typed above (else after the template), and opens its graph laid out. ID-like and leaking
 * columns are left out on the Dataset node unless the analyst unticks that.
 */
export function TemplateGallery({ name = '' }: { name?: string }) {
  const templates = useTemplates();
  const create = useCreateFromTemplate();
  const projects = useProjects();
  // One datasets request per project: the most recently updated ones are where a fresh upload is.
  const recent = [...(projects.data ?? [])]
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, RECENT_PROJECTS);
  const datasets = uniqueByContent(useAllDatasets(recent));
  const [datasetId, setDatasetId] = useState('');
  const [leaveOut, setLeaveOut] = useState(true);
  const [layingOut, setLayingOut] = useState(false);
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
            {datasets.map(({ dataset, projectName, copies }) => (
              <option key={dataset.id} value={dataset.id}>
                {dataset.name} · {dataset.rowCount.toLocaleString()} rows · from {projectName}
                {copies > 1 ? ` (uploaded ${copies}×)` : ''}
              </option>
            ))}
          </select>
        </label>
        <label
          className="small"
          title="Columns flagged as IDs or as leaking the outcome go to the Dataset node's Leave out list"
        >
          <input
            type="checkbox"
            data-testid="template-leave-out"
            checked={leaveOut}
            onChange={(e) => setLeaveOut(e.target.checked)}
          />{' '}
          Leave out ID-like and leaking columns
        </label>
      </div>
      <ul className="template-grid">
        {templates.data.map((t) => (
          <li key={t.id}>
            <button
              className="template-card"
              data-testid={`template-${t.id}`}
              disabled={create.isPending || layingOut}
              onClick={() =>
                create.mutate(
                  {
                    templateId: t.id,
                    ...(name.trim() ? { name: name.trim() } : {}),
                    ...(datasetId ? { datasetId } : {}),
                    ...(leaveOut ? {} : { keepAllColumns: true }),
                  },
                  {
                    onSuccess: (p) => {
                      setLayingOut(true);
                      // The graph opens laid out by ELK (saved as "Tidy layout"); if that fails it still opens.
                      void import('../new-project/lay-out-project')
                        .then((m) => m.layOutTemplateProject(p))
                        .catch(() => undefined)
                        .finally(() => navigate({ screen: 'editor', projectId: p.id }));
                    },
                  },
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
      {layingOut && <p className="muted small">Laying out the canvas…</p>}
      {create.error && <p className="error-text">{errorMessage(create.error)}</p>}
    </section>
  );
}
