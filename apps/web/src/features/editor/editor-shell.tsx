import { useCallback, useMemo } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Dataset, ProjectDetail } from '@studio/api';
import { useEditorStores } from './hooks/use-editor-stores';
import { useSession } from './hooks/use-session';
import { useShownGraph } from './hooks/use-shown-graph';
import { useDatasets } from '../datasets/api';
import { useDiagnostics } from './hooks/use-diagnostics';
import { useSaveGraph } from './hooks/use-save-graph';
import { useTrain } from './hooks/use-train';
import { useEditorShortcuts } from './hooks/use-editor-shortcuts';
import { useUnsavedGuard } from './hooks/use-unsaved-guard';
import { useTidy } from './hooks/use-tidy';
import { createEditorCommands } from './state/editor-commands';
import { freeSpot } from './graph/free-spot';
import { EditorTopbar } from './components/editor-topbar';
import { Palette } from './components/palette';
import { PortLegend } from './components/port-legend';
import { Canvas } from './components/canvas';
import { RightPanel } from './components/right-panel';
import { Toasts } from '../../components/toasts';
import { StaleDialog } from './components/stale-dialog';
import { ShortcutsHelp } from './components/shortcuts-help';
import { ConnectDialog } from './components/connect-dialog';
import { PreviewDrawer } from './components/preview-drawer';
import '@xyflow/react/dist/style.css';
import { useCan } from '../auth/api';
import './editor.css';

const NO_DATASETS: readonly Dataset[] = [];

/** The editor screen: palette and legend, canvas, tabbed side panel, plus toasts and dialogs. */
export function EditorShell({ project }: { project: ProjectDetail }) {
  const { projectId, doc, session } = useEditorStores();
  const flow = useReactFlow();
  const commands = useMemo(() => createEditorCommands(doc, session), [doc, session]);
  const { graph, readOnly: viewingOld, versionNumber } = useShownGraph();
  // A role that may not edit sees the graph read-only, with the reason on the disabled controls.
  const canEdit = useCan('edit');
  const readOnly = viewingOld || !canEdit.allowed;
  const datasets = useDatasets(projectId);
  const facts = useDiagnostics(graph, datasets.data);
  const { diagnostics } = facts;
  const { save, saveIfNeeded, saving } = useSaveGraph();
  const { train, starting } = useTrain(saveIfNeeded);
  const trainNow = useCallback(() => void train(), [train]);
  const tidy = useTidy(commands, readOnly);
  useEditorShortcuts(commands, save, readOnly, trainNow, tidy);
  useUnsavedGuard();

  // Keyboard-add from the palette: the node lands in the middle of what the user is looking at.
  const addAtCenter = useCallback(
    (op: string) => {
      const el = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      const center = el ? { x: el.left + el.width / 2, y: el.top + el.height / 2 } : { x: 400, y: 300 };
      const p = flow.screenToFlowPosition(center);
      commands.addNode(
        op,
        freeSpot(doc.getState().graph, { x: Math.round(p.x - 90), y: Math.round(p.y - 30) }),
      );
    },
    [commands, doc, flow],
  );

  return (
    <div className="page" data-testid="editor">
      <EditorTopbar
        project={project}
        readOnly={readOnly}
        save={save}
        saving={saving}
        train={trainNow}
        tidy={tidy}
        sizes={facts.sizes}
        starting={starting}
        deniedReason={canEdit.reason}
      />
      <div className="editor">
        <aside className="sidebar">
          <Palette onAdd={addAtCenter} disabled={readOnly} />
          <PortLegend />
        </aside>
        <div className="canvas-wrap">
          {!canEdit.allowed && (
            <div className="readonly-banner" data-testid="role-readonly-banner">
              <span>Read-only: {canEdit.reason}</span>
            </div>
          )}
          {viewingOld && (
            <div className="readonly-banner" data-testid="readonly-banner">
              <span>Viewing version {versionNumber ?? '…'} (read-only)</span>
              <button data-testid="back-to-current" onClick={() => session.getState().viewVersion(null)}>
                Back to current
              </button>
            </div>
          )}
          <Canvas graph={graph} readOnly={readOnly} facts={facts} commands={commands} />
          <PreviewDrawer graph={facts.graph} diagnostics={diagnostics} />
        </div>
        <RightPanel
          graph={facts.graph}
          readOnly={readOnly}
          datasets={datasets.data ?? NO_DATASETS}
          diagnostics={diagnostics}
          commands={commands}
        />
      </div>
      <EditorToasts />
      <StaleDialog />
      <ShortcutsHelp />
      <ConnectDialog commands={commands} />
    </div>
  );
}

/** The session's toasts, shown by the shared toast list. */
function EditorToasts() {
  const toasts = useSession((s) => s.toasts);
  const dismiss = useSession((s) => s.dismissToast);
  return <Toasts toasts={toasts} onDismiss={dismiss} />;
}
