/** One short message; `error` toasts are announced to screen readers as alerts. */
export interface ToastItem {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

/** Short messages at the bottom: refused connections, saves, uploads. Errors are announced to screen readers. */
export function Toasts({
  toasts,
  onDismiss,
}: {
  toasts: readonly ToastItem[];
  onDismiss: (id: number) => void;
}) {
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast ${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
        >
          <span>{t.text}</span>
          <button className="ghost" aria-label="Dismiss" onClick={() => onDismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
