import { describe, expect, it } from 'vitest';
import {
  bailToMark,
  canRedo,
  canUndo,
  createHistory,
  mark,
  record,
  redo,
  undo,
  type Squash,
} from './history';

// A toy change type: add n to a counter, with the obvious inverse, so the tests read as arithmetic.
type Add = { by: number; key?: string };
const invert = (c: Add): Add => ({ ...c, by: -c.by });
const squashSameKey: Squash<Add> = (a, b) =>
  a.key && a.key === b.key ? { key: a.key, by: a.by + b.by } : null;
const sum = (cs: Add[]) => cs.reduce((s, c) => s + c.by, 0);

describe('history with marks', () => {
  it('undoes everything back to the latest mark as one step', () => {
    let h = createHistory<Add>();
    h = record(mark(h, 'a'), [{ by: 1 }]);
    h = record(mark(h, 'b'), [{ by: 2 }]);
    h = record(h, [{ by: 3 }]);
    const step = undo(h, invert);
    expect(step.changes).toEqual([{ by: -3 }, { by: -2 }]);
    expect(canUndo(step.history)).toBe(true);
    const step2 = undo(step.history, invert);
    expect(step2.changes).toEqual([{ by: -1 }]);
    expect(canUndo(step2.history)).toBe(false);
  });

  it('redoes in original order and a new edit clears the redo stack', () => {
    let h = record(mark(createHistory<Add>(), 'a'), [{ by: 1 }, { by: 2 }]);
    h = undo(h, invert).history;
    expect(canRedo(h)).toBe(true);
    const r = redo(h);
    expect(r.changes).toEqual([{ by: 1 }, { by: 2 }]);
    expect(canRedo(r.history)).toBe(false);
    const u = undo(r.history, invert);
    expect(sum(u.changes)).toBe(-3);
    const edited = record(mark(u.history, 'c'), [{ by: 5 }]);
    expect(canRedo(edited)).toBe(false);
  });

  it('skips empty marks and collapses marks that follow each other', () => {
    let h = record(mark(createHistory<Add>(), 'a'), [{ by: 1 }]);
    h = mark(mark(h, 'empty1'), 'empty2');
    expect(h.undos.filter((e) => e.kind === 'mark')).toHaveLength(2);
    expect(undo(h, invert).changes).toEqual([{ by: -1 }]);
  });

  it('squashes a drag of many moves into one change', () => {
    let h = mark(createHistory<Add>(), 'drag');
    for (let i = 0; i < 50; i++) h = record(h, [{ key: 'n1', by: 1 }], squashSameKey);
    const top = h.undos[h.undos.length - 1];
    expect(top).toEqual({ kind: 'diff', changes: [{ key: 'n1', by: 50 }] });
    expect(undo(h, invert).changes).toEqual([{ key: 'n1', by: -50 }]);
  });

  it('bails to a mark without leaving a redo entry', () => {
    let h = record(mark(createHistory<Add>(), 'a'), [{ by: 1 }]);
    h = record(mark(h, 'drag'), [{ by: 2 }, { by: 3 }]);
    const b = bailToMark(h, 'drag', invert);
    expect(b.changes).toEqual([{ by: -3 }, { by: -2 }]);
    expect(canRedo(b.history)).toBe(false);
    expect(undo(b.history, invert).changes).toEqual([{ by: -1 }]);
    expect(bailToMark(h, 'missing', invert).changes).toEqual([]);
  });

  it('does nothing when there is nothing to undo or redo', () => {
    const h = createHistory<Add>();
    expect(undo(h, invert)).toEqual({ history: h, changes: [] });
    expect(redo(h)).toEqual({ history: h, changes: [] });
  });
});
