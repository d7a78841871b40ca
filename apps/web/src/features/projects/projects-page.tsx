import { useEffect, useState, type FormEvent } from 'react';
import { projectDeniedReason, type Project } from '@studio/api';
import { useProjects, useCreateProject, useDeleteProject } from './api';
import { navigate } from '../../app/route';
import { errorMessage } from '../../lib/error-message';
import { formatTime } from '../../lib/format-time';
import { TemplateGallery } from './components/template-gallery';
import { useCan, useSession } from '../auth/api';
import { GlobalNav } from '../../app/global-nav';
import { ImportBundle } from './components/import-bundle';
import { ProjectDetailsForm } from './components/project-details-form';
import { NewProjectWizard } from './new-project/new-project-wizard';
import './projects.css';

/**
 * The projects list: the new-project flow (name → data → target → template), a quick empty project or a
 * template on data already uploaded, and each project to open, rename or delete (after a confirm).
 */
export function ProjectsPage() {
  const canEdit = useCan('edit');
  const role = useSession().data?.actor.role;
  // Each row mirrors the caller's role in that project (the list says it), not only their global role.
  const renameDenied = (p: Project) =>
    projectDeniedReason(role, p.access ?? 'oversight', 'edit') ?? undefined;
  const deleteDenied = (p: Project) =>
    canEdit.reason ??
    (p.access === 'owner' || p.access === 'oversight' || p.access === undefined
      ? undefined
      : "Only the project's owners (or an admin) may delete it.");
  const projects = useProjects();
  const create = useCreateProject();
  const remove = useDeleteProject();
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [wizardOpen, setWizardOpen] = useState(false);
  // N opens the new-project flow, unless the key is typed into a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      const typing = !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
      if (typing || e.ctrlKey || e.metaKey || e.altKey || e.key.toLowerCase() !== 'n') return;
      if (!canEdit.allowed || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      setWizardOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canEdit.allowed]);

  const onCreate = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (p) => {
          setName('');
          navigate({ screen: 'editor', projectId: p.id });
        },
      },
    );
  };

  return (
    <div className="page" data-testid="projects-page">
      <header className="topbar">
        <span className="brand">DeepSeek Studio</span>
        <GlobalNav current="projects" />
      </header>
      <main className="projects">
        <div className="section-head">
          <h1>Projects</h1>
          <span className="spacer" />
          <button
            className="primary"
            data-testid="new-project-wizard-open"
            disabled={!canEdit.allowed}
            title={canEdit.reason ?? 'Name → your data → target → template, then the canvas (N)'}
            onClick={() => setWizardOpen(true)}
          >
            New project…
          </button>
        </div>
        {wizardOpen && <NewProjectWizard onClose={() => setWizardOpen(false)} />}
        <form className="create-project" onSubmit={onCreate}>
          <input
            data-testid="new-project-name"
            placeholder="New project name, e.g. Retail PD model"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label="New project name"
          />
          <button
            type="submit"
            className="primary"
            data-testid="create-project"
            disabled={!canEdit.allowed || !name.trim() || create.isPending}
            title={canEdit.reason}
          >
            Create project
          </button>
        </form>
        {create.error && <p className="error-text">{errorMessage(create.error)}</p>}
        <TemplateGallery name={name} />
        <div className="section-head">
          <h2>Your projects</h2>
          <span className="spacer" />
          <ImportBundle />
        </div>
        {projects.isPending && <p className="muted">Loading projects…</p>}
        {projects.error && <p className="error-text">{errorMessage(projects.error)}</p>}
        {projects.data?.length === 0 && <p className="muted">No projects yet. Create one to start.</p>}
        <ul className="project-list" data-testid="project-list">
          {projects.data?.map((p) => (
            <li key={p.id} className="project-row" data-testid="project-row">
              {editing === p.id ? (
                <ProjectDetailsForm project={p} onDone={() => setEditing(null)} />
              ) : (
                <button
                  className="project-open"
                  data-testid="open-project"
                  onClick={() => navigate({ screen: 'editor', projectId: p.id })}
                >
                  <span className="project-name">{p.name}</span>
                  {p.description && <span className="small">{p.description}</span>}
                  <span className="muted">
                    {p.headVersionNumber ? `v${p.headVersionNumber}` : 'not saved yet'} · updated{' '}
                    {formatTime(p.updatedAt)}
                  </span>
                </button>
              )}
              <button
                className="ghost"
                data-testid="edit-project"
                aria-label={`Rename or describe ${p.name}`}
                hidden={editing === p.id}
                disabled={!!renameDenied(p)}
                title={renameDenied(p)}
                onClick={() => setEditing(p.id)}
              >
                Rename
              </button>
              <button
                className="ghost danger"
                data-testid="delete-project"
                aria-label={`Delete ${p.name}`}
                disabled={!!deleteDenied(p) || remove.isPending}
                title={deleteDenied(p)}
                onClick={() => {
                  if (window.confirm(`Delete the project "${p.name}"? This cannot be undone.`))
                    remove.mutate(p.id);
                }}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
