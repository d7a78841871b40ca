import { useMemo, useState, type FormEvent } from 'react';
import type { Deployment, FieldProblem, InputField } from '@studio/api';
import { ApiError } from '../../../api/api-error';
import { usePredict } from '../api';
import { fieldMessages, formValues, recordFromForm, type FormValues } from '../try-it-values';
import { errorMessage } from '../../../lib/error-message';
import { PredictionResult } from './prediction-result';

/**
 * A form generated from the deployment's input schema that calls the live endpoint with an API key, as a
 * client would; the server's field problems are shown beside the fields they name.
 */
export function TryItForm({
  deployment,
  example,
  apiKey,
  onKeyChange,
}: {
  deployment: Deployment;
  example: Record<string, unknown>;
  apiKey: string;
  onKeyChange: (key: string) => void;
}) {
  // Only the columns the model reads: the endpoint ignores the others.
  const fields = useMemo(
    () => deployment.inputSchema.filter((f) => f.used !== false),
    [deployment.inputSchema],
  );
  const [values, setValues] = useState<FormValues>(() => formValues(fields, example));
  const predict = usePredict(deployment.id, deployment.url);
  const problems = problemsOf(predict.error);
  const messages = fieldMessages(problems);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    predict.mutate({ key: apiKey.trim(), record: recordFromForm(fields, values) });
  };
  return (
    <section className="card" data-testid="try-it">
      <h2>Try it</h2>
      <form onSubmit={onSubmit}>
        <label className="field">
          <span>API key</span>
          <input
            data-testid="try-key"
            type="password"
            placeholder="Create a key above, or paste one"
            value={apiKey}
            onChange={(e) => onKeyChange(e.target.value)}
            autoComplete="off"
          />
        </label>
        <div className="try-fields">
          {fields.map((f) => (
            <label key={f.name} className="field" data-field={f.name}>
              <span className="field-name" title={f.name}>
                {f.name}
                {f.nullable && <span className="muted small"> (optional)</span>}
              </span>
              <FieldControl
                field={f}
                value={values[f.name] ?? ''}
                invalid={messages[f.name] !== undefined}
                onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
              />
              {messages[f.name] && (
                <span className="field-error" role="alert" data-testid={`field-error-${f.name}`}>
                  {messages[f.name]}
                </span>
              )}
            </label>
          ))}
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="primary"
            data-testid="try-submit"
            disabled={predict.isPending || !apiKey.trim()}
          >
            {predict.isPending ? 'Scoring…' : 'Score'}
          </button>
          {!apiKey.trim() && <span className="small muted">Needs an API key.</span>}
        </div>
      </form>
      {predict.error && (
        <p className="error-text" role="alert" data-testid="try-error">
          {errorMessage(predict.error)}
        </p>
      )}
      {predict.data && !predict.error && <PredictionResult prediction={predict.data} />}
    </section>
  );
}

function problemsOf(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  const fields = error.body.fields;
  return Array.isArray(fields) ? (fields as FieldProblem[]) : [];
}

function FieldControl({
  field,
  value,
  invalid,
  onChange,
}: {
  field: InputField;
  value: string;
  invalid: boolean;
  onChange: (v: string) => void;
}) {
  const common = {
    'aria-invalid': invalid,
    'data-testid': `try-field-${field.name}`,
    value,
  };
  if (field.type === 'categorical' || field.type === 'boolean') {
    const options = field.type === 'boolean' ? ['true', 'false'] : (field.categories ?? []);
    return (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        {(field.nullable || value === '') && <option value="">(missing)</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      {...common}
      type={field.type === 'date' ? 'date' : 'text'}
      inputMode={field.type === 'numeric' ? 'decimal' : undefined}
      placeholder={field.min !== undefined ? `${field.min} to ${field.max}` : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
