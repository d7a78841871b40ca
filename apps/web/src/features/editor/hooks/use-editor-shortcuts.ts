import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { EditorCommands } from '../state/editor-commands';
import { promptGroup } from '../components/group-toolbar';
import { useEditorStores } from './use-editor-stores';
import { FIT_VIEW_OPTIONS } from '../layout/fit-view';

// Typing in a form field must not delete nodes or trigger single-key shortcuts.
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** The editor's keyboard shortcuts (the "?" panel lists them), bound on the window while the editor is open. */
export function useEditorShortcuts(
  commands: EditorCommands,
  save: () => void,
  readOnly: boolean,
  train: () => void,
  tidy: () => void,
) {
  const { doc, session } = useEditorStores();
  const flow = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const s = session.getState();
      if (mod && key === 's') {
        e.preventDefault();
        save();
        return;
      }
      // Ctrl+Enter trains even from a param field: the field commits on Enter before this window listener runs.
      if (mod && e.key === 'Enter') {
        e.preventDefault();
        if (!readOnly && !s.staleLatest) train();
        return;
      }
      if (e.key === 'Escape') {
        if (s.helpOpen) s.setHelpOpen(false);
        else if (s.connectFor) s.setConnectFor(null);
        else if (!isTyping(e.target)) s.select([], []);
        return;
      }
      if (isTyping(e.target) || s.staleLatest || s.connectFor) return;
      if (!mod && e.key === '/') {
        e.preventDefault();
        const search = document.querySelector<HTMLInputElement>('[data-testid="palette-search"]');
        search?.focus();
        search?.select();
        return;
      }
      if (mod && key === 'c') {
        if (commands.copy()) e.preventDefault();
        return;
      }
      if (mod && key === 'a') {
        e.preventDefault();
        commands.selectAll();
        return;
      }
      if (!mod && key === 'f') return void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: 200 });
      if (!mod && e.key === '?') return s.setHelpOpen(!s.helpOpen);
      if (!mod && key === 'p') return s.setPreviewOpen(!s.previewOpen);
      if (readOnly) return;
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) doc.getState().redo();
        else doc.getState().undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        doc.getState().redo();
      } else if (mod && key === 'g') {
        // Ctrl/Cmd+G groups the selection into a named block; with Shift, ungroups it.
        e.preventDefault();
        if (e.shiftKey) commands.ungroup();
        else promptGroup(commands, s.toast);
      } else if (!mod && !e.altKey && key === 'c') {
        if (s.selectedNodes.length !== 1) {
          s.toast(
            'info',
            'Select one node (click it, or add it from the palette), then press C to connect it.',
          );
          return;
        }
        e.preventDefault();
        s.setConnectFor(s.selectedNodes[0] ?? null);
      } else if (!mod && !e.altKey && key === 'l') {
        e.preventDefault();
        tidy();
      } else if (mod && key === 'v') {
        if (commands.paste()) e.preventDefault();
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault();
        commands.deleteSelection();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands, save, readOnly, train, tidy, doc, session, flow]);
}
