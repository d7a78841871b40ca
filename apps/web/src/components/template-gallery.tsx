import { useTemplates } from '../hooks/use-templates';
import { useCreateFromTemplate } from '../hooks/use-create-from-template';
import { navigate } from '../hooks/use-route';
import { errorMessage } from '../state/error-message';

/** "Start from a template": a card per ready graph; choosing one creates the project and opens its graph. */
export function TemplateGallery() {
  const templates = useTemplates();
  const create = useCreateFromTemplate();
  if (templates.error) return <p className="error-text">{errorMessage(templates.error)}</p>;
  if (!templates.data || templates.data.length === 0) return null;
  return (
    <section className="templates" data-testid="template-gallery">
      <h2>Start from a template</h2>
      <ul className="template-grid">
        {templates.data.map((t) => (
          <li key={t.id}>
            <button
              className="template-card"
              data-testid={`template-${t.id}`}
              disabled={create.isPending}
              onClick={() =>
                create.mutate(
                  { templateId: t.id },
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
      {create.error && <p className="error-text">{errorMessage(create.error)}</p>}
    </section>
  );
}
