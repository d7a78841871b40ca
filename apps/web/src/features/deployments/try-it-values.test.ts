import { describe, expect, it } from 'vitest';
import type { InputField } from '@studio/api';
import { fieldMessages, formValues, recordFromForm } from './try-it-values';

const fields: InputField[] = [
  { name: 'age', type: 'numeric', nullable: false, min: 19, max: 75 },
  { name: 'purpose', type: 'categorical', nullable: true, categories: ['car', 'tv'] },
  { name: 'owner', type: 'boolean', nullable: false },
];

describe('try-it values', () => {
  it('shows a record as strings and reads them back into typed values', () => {
    const values = formValues(fields, { age: 47, purpose: null, owner: false });
    expect(values).toEqual({ age: '47', purpose: '', owner: 'false' });
    expect(recordFromForm(fields, values)).toEqual({ age: 47, purpose: null, owner: false });
  });

  it('sends what does not parse as typed, so the server names the field', () => {
    expect(recordFromForm(fields, { age: 'forty', purpose: ' car ', owner: 'true' })).toEqual({
      age: 'forty',
      purpose: 'car',
      owner: true,
    });
  });

  it('turns field problems into sentences per field', () => {
    expect(
      fieldMessages([
        { field: 'age', problem: 'wrong_type' },
        { field: 'purpose', problem: 'unknown_category' },
      ]),
    ).toEqual({
      age: 'Wrong type for this field.',
      purpose: 'Not a category seen in training: pick one from the list.',
    });
  });
});
