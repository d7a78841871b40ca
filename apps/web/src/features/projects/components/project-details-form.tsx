import { useState, type FormEvent } from 'react';
import type { Project } from '@studio/api';
import { useUpdateProject } from '../api';
import { errorMessage } from '../../../lib/error-message';

/** Inline form to rename a project and change its description; closes itself once saved. */
export function ProjectDetailsForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const update = useUpdateProject();
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { projectId: project.id, body: { name: name.trim(), description: description.trim() } },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="create-project" data-testid="project-details-form" onSubmit={onSubmit}>
      <input
        data-testid="project-name-input"
        aria-label="Project name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoFocus
      />
      <input
        data-testid="project-description-input"
        aria-label="Project description"
        placeholder="Description (optional)"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <button
        type="submit"
        className="primary"
        data-testid="save-project-details"
        disabled={!name.trim() || update.isPending}
      >
        Save
      </button>
      <button type="button" className="ghost" onClick={onDone}>
        Cancel
      </button>
      {update.error && <p className="error-text">{errorMessage(update.error)}</p>}
    </form>
  );
}
