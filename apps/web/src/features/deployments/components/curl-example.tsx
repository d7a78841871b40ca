import { paths } from '@studio/api/routes';
import { useDeploymentOpenApi } from '../api';
import { errorMessage } from '../../../lib/error-message';
import { CopyButton } from '../../../components/copy-button';

/** The server's ready curl call for this deployment, with a Copy button and a link to the OpenAPI document. */
export function CurlExample({ deploymentId, url }: { deploymentId: string; url: string }) {
  const doc = useDeploymentOpenApi(deploymentId);
  const curl = doc.data?.paths[url]?.post?.['x-curl-example'];
  return (
    <section className="card" data-testid="curl-card">
      <div className="card-head">
        <h2>Call it</h2>
        <span className="spacer" />
        {curl && <CopyButton text={curl} testId="copy-curl" label="Copy curl" />}
        <a
          className="button-link"
          href={paths.deploymentOpenApi(deploymentId)}
          target="_blank"
          rel="noreferrer"
        >
          OpenAPI
        </a>
      </div>
      {doc.error && <p className="error-text">{errorMessage(doc.error)}</p>}
      {curl && (
        <>
          <pre className="code-block" data-testid="curl-example">
            {curl}
          </pre>
          <p className="small muted">
            Set <code>STUDIO_API_KEY</code> to a key from the panel above first (or send it as{' '}
            <code>X-API-Key</code>).
          </p>
        </>
      )}
    </section>
  );
}
