import { memo } from 'react';
import type { Diagnostic, GraphIR } from '@studio/ir';
import type { Dataset } from '@studio/api';
import { useSession } from '../hooks/use-session';
import type { RightTab } from '../state/session-store';
import type { EditorCommands } from '../state/editor-commands';
import { Inspector } from './inspector';
import { ProblemsPanel } from './problems-panel';
import { DatasetsPanel } from '../../datasets/components/datasets-panel';
import { VersionsPanel } from './versions-panel';
import { AuditPanel } from '../../audit/audit-panel';

interface RightPanelProps {
  graph: GraphIR;
  readOnly: boolean;
  datasets: readonly Dataset[];
  diagnostics: Diagnostic[];
  commands: EditorCommands;
}

/** The tabbed side panel: inspector, problems, datasets, versions, audit. */
export const RightPanel = memo(function RightPanel(props: RightPanelProps) {
  const tab = useSession((s) => s.tab);
  const setTab = useSession((s) => s.setTab);
  const errors = props.diagnostics.length;
  const tabs: [RightTab, string][] = [
    ['inspector', 'Inspector'],
    ['problems', errors ? `Problems (${errors})` : 'Problems'],
    ['datasets', 'Data'],
    ['versions', 'Versions'],
    ['audit', 'Audit'],
  ];
  return (
    <aside className="sidebar right">
      <nav className="tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'active' : ''}
            data-testid={`tab-${id}`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </nav>
      <div className="tab-body">
        {tab === 'inspector' && <Inspector {...props} />}
        {tab === 'problems' && <ProblemsPanel graph={props.graph} diagnostics={props.diagnostics} />}
        {tab === 'datasets' && <DatasetsPanel />}
        {tab === 'versions' && <VersionsPanel />}
        {tab === 'audit' && <AuditPanel />}
      </div>
    </aside>
  );
});
