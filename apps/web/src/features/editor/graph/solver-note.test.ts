import { describe, expect, it } from 'vitest';
import { solverNote } from './solver-note';

const lr = (params: Record<string, unknown>) => ({ op: 'logistic-regression', params });

describe('solverNote', () => {
  it('says which optimizer the auto solver picks from the L1 penalty', () => {
    expect(solverNote(lr({}))).toBe('Runs Newton (IRLS): no L1 penalty set.');
    expect(solverNote(lr({ solver: 'auto', l1: 0 }))).toBe('Runs Newton (IRLS): no L1 penalty set.');
    expect(solverNote(lr({ solver: 'auto', l1: 0.5 }))).toBe(
      'Runs L-BFGS: an L1 penalty is set, which only L-BFGS (OWL-QN) fits.',
    );
  });

  it('names an explicit choice, and stays quiet where validation already objects', () => {
    expect(solverNote(lr({ solver: 'newton', l1: 0 }))).toBe(
      'Runs Newton (IRLS): the newton solver was chosen.',
    );
    expect(solverNote(lr({ solver: 'lbfgs', l1: 0 }))).toBe('Runs L-BFGS: the lbfgs solver was chosen.');
    expect(solverNote(lr({ solver: 'newton', l1: 1 }))).toBeNull();
    expect(solverNote(lr({ solver: 'sgd' }))).toBeNull();
    expect(solverNote({ op: 'split', params: {} })).toBeNull();
  });
});
