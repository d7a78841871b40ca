import { useMemo, useState, type KeyboardEvent } from 'react';
import { ModalDialog } from '../../../components/modal-dialog';
import { useSession } from '../hooks/use-session';
import { useDoc } from '../hooks/use-doc';
import { connectionCandidates } from '../graph/connection-candidates';
import type { EditorCommands } from '../state/editor-commands';

/**
 * Connect by keyboard (C on a selected node): every legal wire to or from the node, filtered as you type;
 * Enter adds the first match, Tab and the arrow keys reach the others. Refused wires are never offered.
 */
export function ConnectDialog({ commands }: { commands: EditorCommands }) {
  const nodeId = useSession((s) => s.connectFor);
  const close = useSession((s) => s.setConnectFor);
  const graph = useDoc((s) => s.graph);
  const [query, setQuery] = useState('');
  const candidates = useMemo(() => (nodeId ? connectionCandidates(graph, nodeId) : []), [graph, nodeId]);
  if (!nodeId) return null;
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = candidates.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
  const connect = (i: number) => {
    const c = shown[i];
    if (!c) return;
    commands.connect(c.source, c.target);
    setQuery('');
    close(null);
  };
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...e.currentTarget.querySelectorAll('button')];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    items[Math.max(0, Math.min(items.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };
  return (
    <ModalDialog label="Connect" testId="connect-dialog" onCancel={() => close(null)}>
      <h3>Connect</h3>
      <input
        type="search"
        data-testid="connect-search"
        data-autofocus
        aria-label="Filter connections"
        placeholder="Filter, e.g. split train"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            connect(0);
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            document.querySelector<HTMLButtonElement>('[data-testid="connect-option"]')?.focus();
          }
        }}
      />
      {shown.length === 0 ? (
        <p className="muted small" data-testid="connect-none">
          {candidates.length === 0
            ? 'No legal connection to or from this node: add the node it needs first.'
            : 'No connection matches.'}
        </p>
      ) : (
        <ul className="connect-list" role="listbox" aria-label="Connections" onKeyDown={onListKey}>
          {shown.map((c, i) => (
            <li key={`${c.source.node}.${c.source.port}>${c.target.node}.${c.target.port}`}>
              <button type="button" data-testid="connect-option" onClick={() => connect(i)}>
                {c.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button onClick={() => close(null)}>Cancel</button>
      </div>
    </ModalDialog>
  );
}
