import type { Run } from '@studio/api';
import { FindingsPanel } from './components/findings-panel';
import { LineageView } from './components/lineage-view';
import './validation.css';

/** Below a finished run: the lineage and the validators' findings (the document link sits next to Deploy). */
export function ValidationPanel({ run }: { run: Run }) {
  return (
    <div className="validation-panel">
      <section className="card">
        <h2>Lineage</h2>
        <LineageView projectId={run.projectId} runId={run.id} />
      </section>
      <section className="card">
        <h2>Validator findings</h2>
        <FindingsPanel runId={run.id} />
      </section>
    </div>
  );
}
