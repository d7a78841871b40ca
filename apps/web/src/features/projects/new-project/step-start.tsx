import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dataset } from '@studio/api';
import { useCreateFromTemplate, useTemplates } from '../api';
import { errorMessage } from '../../../lib/error-message';
import { queryKeys } from '../../../api/query-keys';
import type { TargetChoice } from './step-target';

const BLANK = 'blank';

/** The last step: a template (or a blank graph with only the Dataset node), then the graph laid out and opened. */
export function StepStart({
  projectId,
  name,
  dataset,
  target,
  onCreated,
  onBack,
  onCancel,
}: {
  projectId: string;
  name: string;
  dataset: Dataset;
  target: TargetChoice;
  onCreated: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const templates = useTemplates();
  const fromTemplate = useCreateFromTemplate();
  const qc = useQueryClient();
  const [choice, setChoice] = useState<string>('');
  const [phase, setPhase] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async (templateId: string) => {
      const layout = import('./lay-out-project');
      if (templateId === BLANK) {
        setPhase('Saving the graph…');
        await (await layout).saveBlankProject(projectId, name, { datasetId: dataset.id, ...target });
        return;
      }
      setPhase('Building the graph from the template…');
      const project = await fromTemplate.mutateAsync({
        templateId,
        projectId,
        datasetId: dataset.id,
        target: target.target,
        ...(target.exclude.length === 0 ? { keepAllColumns: true } : {}),
      });
      setPhase('Laying out the canvas…');
      // The graph is saved by now; a failed layout only leaves it where the template put it, and the
      // editor's Tidy (L) lays it out again, so the project still opens.
      await (await layout).layOutTemplateProject(project).catch(() => undefined);
    },
    onSettled: () => {
      setPhase(null);
      void qc.invalidateQueries({ queryKey: queryKeys.project(projectId) });
      void qc.invalidateQueries({ queryKey: queryKeys.projects });
    },
    onSuccess: onCreated,
  });

  return (
    <form
      className="wizard-body"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) create.mutate(choice);
      }}
    >
      <p className="small muted">
        {dataset.name}, target {target.target}
        {target.exclude.length > 0 && `, leaving out ${target.exclude.join(', ')}`}
      </p>
      {templates.error && <p className="error-text">{errorMessage(templates.error)}</p>}
      <div className="wizard-templates" role="radiogroup" aria-label="Start from">
        {templates.data?.map((t, i) => (
          <label key={t.id} className={`template-card ${choice === t.id ? 'chosen' : ''}`}>
            <input
              type="radio"
              name="start"
              value={t.id}
              data-testid={`wizard-template-${t.id}`}
              {...(i === 0 ? { 'data-autofocus': true } : {})}
              checked={choice === t.id}
              onChange={() => setChoice(t.id)}
            />
            <strong>{t.name}</strong>
            <span className="small muted">{t.description}</span>
          </label>
        ))}
        <label className={`template-card ${choice === BLANK ? 'chosen' : ''}`}>
          <input
            type="radio"
            name="start"
            value={BLANK}
            data-testid="wizard-template-blank"
            checked={choice === BLANK}
            onChange={() => setChoice(BLANK)}
          />
          <strong>Blank</strong>
          <span className="small muted">Only the Dataset node; build the rest from the palette.</span>
        </label>
      </div>
      {phase && (
        <p className="muted small" role="status" data-testid="wizard-phase">
          {phase}
        </p>
      )}
      {create.error && <p className="error-text">{errorMessage(create.error)}</p>}
      <div className="actions">
        <button type="button" className="ghost" onClick={onCancel} disabled={create.isPending}>
          Cancel
        </button>
        <button type="button" onClick={onBack} disabled={create.isPending}>
          Back
        </button>
        <button
          type="submit"
          className="primary"
          data-testid="wizard-create"
          disabled={!choice || create.isPending}
        >
          Create and open
        </button>
      </div>
    </form>
  );
}
