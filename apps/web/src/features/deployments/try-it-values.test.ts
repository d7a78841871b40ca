import { describe, expect, it } from 'vitest';
import type { InputField } from '@studio/api';
import { exampleOf, fieldMessages, formValues, recordFromForm } from './try-it-values';

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

  it("starts the form from the OpenAPI document's example body of the deployment's path", () => {
    const url = '/v1/deployments/german/predict';
    const example = { age: 47, purpose: 'car', owner: false };
    const doc = {
      servers: [{ url: 'http://127.0.0.1:5174' }],
      paths: {
        [url]: { post: { requestBody: { content: { 'application/json': { schema: {}, example } } } } },
        [`${url}/batch`]: { post: { requestBody: { content: { 'application/json': { schema: {} } } } } },
      },
    };
    expect(exampleOf(doc, url)).toEqual(example);
    expect(formValues(fields, exampleOf(doc, url) ?? {})).toEqual({
      age: '47',
      purpose: 'car',
      owner: 'false',
    });
  });

  it('waits for the document, and leaves every field empty when it carries no usable example', () => {
    const url = '/v1/deployments/german/predict';
    expect(exampleOf(undefined, url)).toBeNull();
    expect(exampleOf({ paths: {} }, url)).toBeNull();
    expect(exampleOf({ paths: { [url]: { post: {} } } }, url)).toEqual({});
    const listed = {
      paths: { [url]: { post: { requestBody: { content: { 'application/json': { example: [1] } } } } } },
    };
    expect(exampleOf(listed, url)).toEqual({});
  });
});
