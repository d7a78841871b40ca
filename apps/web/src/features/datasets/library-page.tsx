import { useDatasetLibrary } from './api';
import { GlobalNav } from '../../app/global-nav';
import { navigate } from '../../app/route';
import { errorMessage } from '../../lib/error-message';
import { formatBytes } from '../../lib/format-bytes';
import { formatTime } from '../../lib/format-time';
import './datasets.css';

/**
 * The dataset library: every uploaded file once, however many times and under whatever names it was uploaded
 * (grouped by content hash), with its size, who uploaded it and the projects that use it.
 */
export function LibraryPage() {
  const library = useDatasetLibrary();
  return (
    <div className="page" data-testid="library-page">
      <header className="topbar">
        <span className="brand">DeepSeek Studio</span>
        <GlobalNav current="datasets" />
      </header>
      <main className="scroll-page library">
        <h1>Datasets</h1>
        <p className="muted small">
          Each file once, by its content (SHA-256): the same CSV uploaded twice is one entry. Start a project
          on one with New project… on the Projects page.
        </p>
        {library.isPending && <p className="muted">Loading the library…</p>}
        {library.error && <p className="error-text">{errorMessage(library.error)}</p>}
        {library.data?.length === 0 && <p className="muted">No dataset uploaded yet.</p>}
        {library.data && library.data.length > 0 && (
          <table className="data-table library-table" data-testid="library-table">
            <thead>
              <tr>
                <th>File</th>
                <th className="num">Rows</th>
                <th className="num">Columns</th>
                <th className="num">Size</th>
                <th>Uploaded by</th>
                <th>Used in</th>
                <th>Last upload</th>
              </tr>
            </thead>
            <tbody>
              {library.data.map((e) => (
                <tr key={e.sha256} data-testid="library-row">
                  <td>
                    <strong>{e.name}</strong>
                    {e.otherNames.length > 0 && (
                      <div className="small muted">also as {e.otherNames.join(', ')}</div>
                    )}
                    <div className="small muted library-hash" title={e.sha256}>
                      {e.sha256.slice(0, 12)} · {e.copies} upload{e.copies === 1 ? '' : 's'}
                    </div>
                  </td>
                  <td className="num">{e.rowCount.toLocaleString()}</td>
                  <td className="num">{e.columnCount}</td>
                  <td className="num">{formatBytes(e.sizeBytes)}</td>
                  <td>{e.uploaders.map((u) => u.name).join(', ')}</td>
                  <td>
                    <ul className="library-projects">
                      {e.projects.map((p, i) => (
                        <li key={p.id}>
                          <button
                            className="link"
                            onClick={() =>
                              navigate(
                                i === 0
                                  ? { screen: 'dataset', projectId: p.id, datasetId: e.datasetId }
                                  : { screen: 'editor', projectId: p.id },
                              )
                            }
                          >
                            {p.name}
                          </button>
                          {i === 0 && <span className="small muted"> (profile)</span>}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="small">{formatTime(e.lastUploadedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
