import { useState, type FormEvent } from 'react';
import type { Dataset } from '@studio/api';
import { ModalDialog } from '../../../components/modal-dialog';
import { errorMessage } from '../../../lib/error-message';
import { navigate } from '../../../app/route';
import { useCreateProject, useDeleteProject, useUpdateProject } from '../api';
import { StepData } from './step-data';
import { StepTarget, type TargetChoice } from './step-target';
import { StepStart } from './step-start';

type Step = 'name' | 'data' | 'target' | 'start';
const STEPS: { id: Step; title: string }[] = [
  { id: 'name', title: 'Name' },
  { id: 'data', title: 'Data' },
  { id: 'target', title: 'Target' },
  { id: 'start', title: 'Start from' },
];

/**
 * The new-project flow in one dialog: name and description → a CSV uploaded or picked from the library →
 * the target, proposed and confirmed with its bad rate and the data warnings → a template or a blank graph →
 * the editor, laid out. The project is made when the name step is done (an upload needs a project to go to);
 * leaving the flow before the end offers to delete it again, so nothing half-made stays behind unasked.
 */
export function NewProjectWizard({ onClose }: { onClose: () => void }) {
  const create = useCreateProject();
  const update = useUpdateProject();
  const remove = useDeleteProject();
  const [step, setStep] = useState<Step>('name');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [projectId, setProjectId] = useState<string | null>(null);
  const [dataset, setDataset] = useState<Dataset | null>(null);
  const [target, setTarget] = useState<TargetChoice | null>(null);

  const cancel = () => {
    if (!projectId) return onClose();
    if (window.confirm(`Discard the new project "${name.trim()}"? Its uploaded data is deleted with it.`))
      remove.mutate(projectId, { onSettled: onClose });
  };

  const onName = (e: FormEvent) => {
    e.preventDefault();
    const body = { name: name.trim(), description: description.trim() };
    if (!projectId) create.mutate(body, { onSuccess: (p) => (setProjectId(p.id), setStep('data')) });
    else update.mutate({ projectId, body }, { onSuccess: () => setStep('data') });
  };

  return (
    <ModalDialog labelledBy="wizard-title" testId="new-project-wizard" onCancel={cancel}>
      <div className="wizard">
        <h2 id="wizard-title">New project</h2>
        <ol className="wizard-steps" aria-label="Steps">
          {STEPS.map((s, i) => (
            <li
              key={s.id}
              className={s.id === step ? 'current' : ''}
              aria-current={s.id === step ? 'step' : undefined}
            >
              {i + 1}. {s.title}
            </li>
          ))}
        </ol>
        {step === 'name' && (
          <form className="wizard-body" onSubmit={onName}>
            <label className="field">
              <span>Name</span>
              <input
                data-testid="wizard-name"
                data-autofocus
                required
                maxLength={200}
                placeholder="e.g. Cards PD, Taiwan 2005"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <label className="field">
              <span>Description (optional)</span>
              <textarea
                data-testid="wizard-description"
                rows={2}
                maxLength={2000}
                placeholder="What the model is for, the portfolio, the data's period"
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            </label>
            {(create.error ?? update.error) && (
              <p className="error-text">{errorMessage(create.error ?? update.error)}</p>
            )}
            <div className="actions">
              <button type="button" className="ghost" onClick={cancel}>
                Cancel
              </button>
              <button
                type="submit"
                className="primary"
                data-testid="wizard-next"
                disabled={!name.trim() || create.isPending || update.isPending}
              >
                Next: data
              </button>
            </div>
          </form>
        )}
        {step === 'data' && projectId && (
          <StepData
            projectId={projectId}
            chosen={dataset}
            onChosen={(d) => {
              if (d.id !== dataset?.id) setTarget(null);
              setDataset(d);
              setStep('target');
            }}
            onBack={() => setStep('name')}
            onCancel={cancel}
          />
        )}
        {step === 'target' && dataset && (
          <StepTarget
            dataset={dataset}
            initial={target}
            onBack={() => setStep('data')}
            onCancel={cancel}
            onNext={(t) => {
              setTarget(t);
              setStep('start');
            }}
          />
        )}
        {step === 'start' && projectId && dataset && target && (
          <StepStart
            projectId={projectId}
            name={name.trim()}
            dataset={dataset}
            target={target}
            onBack={() => setStep('target')}
            onCancel={cancel}
            onCreated={() => {
              onClose();
              navigate({ screen: 'editor', projectId });
            }}
          />
        )}
      </div>
    </ModalDialog>
  );
}
