import type { ProjectDetail } from '@studio/api';
import { useReactFlow } from '@xyflow/react';
import { navigate } from '../../../app/route';
import { useDoc } from '../hooks/use-doc';
import { useEditorStores } from '../hooks/use-editor-stores';
import { selectCanRedo, selectCanUndo } from '../state/document-store';
import { isDirty } from '../state/is-dirty';
import { ExportBundleLink } from '../../projects/components/export-bundle-link';
import { MembersButton } from '../../projects/components/project-members';
import { FIT_VIEW_OPTIONS } from '../layout/fit-view';
import { totalSize, type LayerSize } from '../graph/layer-size';
import { formatBytes } from '../../../lib/format-bytes';
import { ThemeToggle } from '../../../app/theme-toggle';

interface TopbarProps {
  project: ProjectDetail;
  readOnly: boolean;
  save: () => void;
  saving: boolean;
  train: () => void;
  /** Lays the graph out (ELK) as one undoable step. */
  tidy: () => void;
  /** Each layer's size, totalled in the bar. */
  sizes: ReadonlyMap<string, LayerSize>;
  starting: boolean;
  /** Why the signed-in role may not save or train (the buttons' title); undefined when it may. */
  deniedReason?: string | undefined;
}

/** Project title, save state, the undo/redo/fit/help/save buttons, runs, deployments, export and Train (shortcuts in the tooltips). */
export function EditorTopbar({
  project,
  readOnly,
  save,
  saving,
  train,
  tidy,
  sizes,
  starting,
  deniedReason,
}: TopbarProps) {
  const total = totalSize(sizes);
  const { doc, session } = useEditorStores();
  const flow = useReactFlow();
  const canUndo = useDoc(selectCanUndo);
  const canRedo = useDoc(selectCanRedo);
  const dirty = useDoc(isDirty);
  const saved = useDoc((s) => s.baseVersionId !== null);
  const state = saving
    ? 'Saving…'
    : dirty
      ? 'Unsaved changes'
      : saved
        ? 'All changes saved'
        : 'Not saved yet';
  return (
    <header className="topbar">
      <button
        className="ghost"
        data-testid="back-to-projects"
        onClick={() => {
          if (!dirty || window.confirm('Leave without saving? Your unsaved changes will be lost.')) {
            navigate({ screen: 'projects' });
          }
        }}
      >
        ← Projects
      </button>
      <span className="project-title" data-testid="project-title">
        {project.name}
      </span>
      <span className={`save-state ${dirty ? 'dirty' : ''}`} data-testid="save-state">
        {state}
      </span>
      {sizes.size > 0 && (
        <span
          className="graph-size"
          data-testid="graph-size"
          title={`${sizes.size} layer${sizes.size === 1 ? '' : 's'}: learned parameters, weight bytes in fp32 and after INT8 quantization`}
        >
          {total.params.toLocaleString()} params · {formatBytes(total.fp32Bytes)} fp32 ·{' '}
          {formatBytes(total.int8Bytes)} INT8
        </span>
      )}
      <span className="spacer" />
      <button
        data-testid="undo"
        title="Undo (Ctrl+Z)"
        disabled={readOnly || !canUndo}
        onClick={() => doc.getState().undo()}
      >
        Undo
      </button>
      <button
        data-testid="redo"
        title="Redo (Ctrl+Shift+Z)"
        disabled={readOnly || !canRedo}
        onClick={() => doc.getState().redo()}
      >
        Redo
      </button>
      <button data-testid="fit-view" title="Fit view (F)" onClick={() => void flow.fitView(FIT_VIEW_OPTIONS)}>
        Fit
      </button>
      <button
        data-testid="tidy"
        title="Tidy: lay the graph out left to right, in rows when wide (L; undo with Ctrl+Z)"
        disabled={readOnly}
        onClick={tidy}
      >
        Tidy
      </button>
      <button
        data-testid="help"
        title="Keyboard shortcuts (?)"
        onClick={() => session.getState().setHelpOpen(true)}
      >
        ?
      </button>
      <button
        className="primary"
        data-testid="save"
        title={deniedReason ?? 'Save (Ctrl+S)'}
        disabled={readOnly || saving}
        onClick={save}
      >
        Save
      </button>
      <button
        data-testid="open-runs"
        onClick={() => {
          if (!dirty || window.confirm('Leave without saving? Your unsaved changes will be lost.')) {
            navigate({ screen: 'runs', projectId: project.id });
          }
        }}
      >
        Runs
      </button>
      <button
        data-testid="open-deployments"
        onClick={() => {
          if (!dirty || window.confirm('Leave without saving? Your unsaved changes will be lost.')) {
            navigate({ screen: 'deployments', projectId: project.id });
          }
        }}
      >
        Deployments
      </button>
      <MembersButton projectId={project.id} />
      <ExportBundleLink projectId={project.id} />
      <ThemeToggle />
      <button
        className="primary"
        data-testid="train"
        title={deniedReason ?? 'Save if needed and train (Ctrl+Enter)'}
        disabled={readOnly || saving || starting}
        onClick={train}
      >
        {starting ? 'Starting…' : 'Train'}
      </button>
    </header>
  );
}
