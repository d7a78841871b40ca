import { PORT_TYPES } from '@studio/ir';
import { portColor } from '../graph/port-colors';

/** Explains the handle colours: only handles of the same type connect. */
export function PortLegend() {
  return (
    <section data-testid="port-legend">
      <h2>Port types</h2>
      <ul className="legend">
        {PORT_TYPES.map((t) => (
          <li key={t}>
            <span className="swatch" style={{ background: portColor[t] }} />
            {t}
          </li>
        ))}
      </ul>
    </section>
  );
}
