import type { ReactNode } from 'react';

/** A modal question with a cancel and a confirm button; Esc or a click outside cancels. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="backdrop" onClick={onCancel}>
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-label={title}
        data-testid="confirm-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      >
        <h3>{title}</h3>
        {children}
        <div className="actions">
          <button data-testid="confirm-cancel" onClick={onCancel}>
            Cancel
          </button>
          <button
            className={danger ? 'primary danger-fill' : 'primary'}
            data-testid="confirm-ok"
            disabled={busy}
            onClick={onConfirm}
            autoFocus
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
