import type { ReactNode } from 'react';
import { ModalDialog } from './modal-dialog';

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
    <ModalDialog role="alertdialog" label={title} testId="confirm-dialog" onCancel={onCancel}>
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
          data-autofocus
        >
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
