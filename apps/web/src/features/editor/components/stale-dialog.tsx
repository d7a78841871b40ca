import { ModalDialog } from '../../../components/modal-dialog';
import { useEditorStores } from '../hooks/use-editor-stores';
import { useSession } from '../hooks/use-session';

/**
 * Shown when a save is refused as stale (409). Either choice keeps everything: "Load latest" applies their
 * version as one undoable step (Ctrl+Z brings the local edits back), "Keep editing" keeps the local graph and
 * bases the next save on their version, which stays in the history. Esc does not close it: one of the two
 * choices is needed, and neither loses anything.
 */
export function StaleDialog() {
  const { doc, session } = useEditorStores();
  const latest = useSession((s) => s.staleLatest);
  if (!latest) return null;
  const close = () => session.getState().setStaleLatest(null);
  const loadLatest = () => {
    doc.getState().adoptLatest(latest.graph, latest.id);
    close();
    session.getState().toast('info', `Loaded version ${latest.number}. Press Ctrl+Z to get your edits back.`);
  };
  const keepEditing = () => {
    doc.getState().rebase(latest.id);
    close();
  };
  return (
    <ModalDialog role="alertdialog" labelledBy="stale-title" testId="stale-dialog">
      <h3 id="stale-title">Someone saved a newer version</h3>
      <p>
        {latest.author.name} saved version {latest.number} while you were editing, so your changes were not
        saved yet. Nothing is lost.
      </p>
      <ul className="small muted">
        <li>
          <strong>Load latest</strong> shows version {latest.number}; press Ctrl+Z to bring your edits back.
        </li>
        <li>
          <strong>Keep editing</strong> keeps your graph; your next save becomes the newest version and theirs
          stays in the history.
        </li>
      </ul>
      <div className="actions">
        <button data-testid="stale-keep" onClick={keepEditing}>
          Keep editing
        </button>
        <button className="primary" data-testid="stale-load-latest" onClick={loadLatest} data-autofocus>
          Load latest
        </button>
      </div>
    </ModalDialog>
  );
}
