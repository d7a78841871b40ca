import { memo, useMemo, useState, type DragEvent } from 'react';
import { listOps } from '@studio/ir';
import { filterPalette } from '../graph/palette-filter';

/** MIME type of a palette drag, so the canvas ignores unrelated drops (files, text). */
export const PALETTE_MIME = 'application/x-studio-op';

/**
 * The op palette, generated from the catalogue: search, categories, drag an op onto the canvas,
 * or focus an entry and press Enter to add it at the centre of the view ("/" focuses the search, whose Enter adds
 * the first match).
 */
export const Palette = memo(function Palette({
  onAdd,
  disabled,
}: {
  onAdd: (op: string) => void;
  disabled: boolean;
}) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => filterPalette(listOps(), query), [query]);
  const onDragStart = (e: DragEvent, op: string) => {
    e.dataTransfer.setData(PALETTE_MIME, op);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <section data-testid="palette">
      <input
        className="palette-search"
        type="search"
        placeholder="Search nodes… ( / )"
        aria-label="Search nodes"
        data-testid="palette-search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Enter places the first match and leaves the field, so C (connect) and the other keys act on it.
          const first = groups[0]?.ops[0];
          if (e.key !== 'Enter' || !first || disabled) return;
          e.preventDefault();
          onAdd(first.op);
          e.currentTarget.blur();
        }}
      />
      {groups.length === 0 && <p className="muted small">No node matches “{query}”.</p>}
      {groups.map((g) => (
        <div key={g.category}>
          <h2>{g.category}</h2>
          {g.ops.map((spec) => (
            <button
              key={spec.op}
              className="palette-item"
              data-testid={`palette-item-${spec.op}`}
              draggable={!disabled}
              disabled={disabled}
              title={`${spec.help}\n\nDrag onto the canvas, or press Enter to add.`}
              onDragStart={(e) => onDragStart(e, spec.op)}
              onClick={() => onAdd(spec.op)}
            >
              <span className="op-title">{spec.title}</span>
              <span className="op-desc">{spec.description}</span>
            </button>
          ))}
        </div>
      ))}
    </section>
  );
});
