import { ModalDialog } from '../../../components/modal-dialog';
import { useSession } from '../hooks/use-session';

const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ + S', 'Save a new version'],
  ['Ctrl/⌘ + Enter', 'Save if needed and train'],
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Ctrl/⌘ + C / V', 'Copy / paste the selected nodes'],
  ['Ctrl/⌘ + A', 'Select everything'],
  ['Ctrl/⌘ + G', 'Group the selected nodes into a named block'],
  ['Ctrl/⌘ + Shift + G', 'Ungroup the selected block'],
  ['Double-click a block', 'Expand a collapsed group'],
  ['Delete, Backspace', 'Delete the selection'],
  ['Shift + drag', 'Select with a box'],
  ['Shift + click', 'Add to the selection'],
  ['F', 'Fit the graph in view'],
  ['L', 'Tidy: lay the graph out (undo with Ctrl/⌘ + Z)'],
  ['P', 'Show or hide the node preview'],
  ['/', 'Search the palette'],
  ['Enter on a palette entry', 'Add that node (it is selected)'],
  ['C', 'Connect the selected node: pick a legal wire, Enter adds it'],
  ['Tab, Enter', 'Move between nodes on the canvas and select one'],
  ['D (on a finished run)', 'Deploy the run as a REST endpoint'],
  ['?', 'Show this help'],
  ['Esc', 'Close dialogs, clear the selection'],
];

/** The keyboard shortcuts panel, opened with "?". */
export function ShortcutsHelp() {
  const open = useSession((s) => s.helpOpen);
  const setOpen = useSession((s) => s.setHelpOpen);
  if (!open) return null;
  return (
    <ModalDialog label="Keyboard shortcuts" testId="shortcuts-help" onCancel={() => setOpen(false)}>
      <h3>Keyboard shortcuts</h3>
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button className="primary" onClick={() => setOpen(false)} data-autofocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
