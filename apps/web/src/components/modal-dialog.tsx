import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A modal on the native `<dialog>`, opened with `showModal()` while mounted: the browser traps focus inside
 * it, makes the page behind inert and turns Esc into a `cancel` event. `onCancel` (Esc, or a click on the
 * backdrop) is the caller's way out; without it the dialog can only be left through its own buttons.
 * Focus starts on the element marked `data-autofocus` and returns, on close, to where it was before.
 */
export function ModalDialog({
  role = 'dialog',
  label,
  labelledBy,
  testId,
  onCancel,
  children,
}: {
  role?: 'dialog' | 'alertdialog';
  label?: string;
  labelledBy?: string;
  testId: string;
  onCancel?: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // The latest handler, read by the native listeners without reopening the dialog on every render.
  const cancel = useRef(onCancel);
  cancel.current = onCancel;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement;
    let closing = false;
    const open = () => {
      if (!dialog.open && typeof dialog.showModal === 'function') dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    };
    const onCancelEvent = (e: Event) => {
      e.preventDefault();
      cancel.current?.();
    };
    // Chromium lets a second Esc in a row close the dialog despite preventDefault: reopen it unless we closed it.
    const onClose = () => {
      if (closing) return;
      if (cancel.current) cancel.current();
      else open();
    };
    dialog.addEventListener('cancel', onCancelEvent);
    dialog.addEventListener('close', onClose);
    open();
    return () => {
      closing = true;
      dialog.removeEventListener('cancel', onCancelEvent);
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-label={label}
      aria-labelledby={labelledBy}
      data-testid={testId}
      onClick={(e) => {
        // A click on the backdrop reaches the <dialog> itself, outside its box.
        if (e.target !== e.currentTarget || !cancel.current) return;
        const r = e.currentTarget.getBoundingClientRect();
        const inside =
          e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
        if (!inside) cancel.current();
      }}
    >
      {children}
    </dialog>
  );
}
