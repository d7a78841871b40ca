import { expect, it } from 'vitest';
import { inferOp } from '../test-support/infer-op';

const params = { datasetId: 'd1', target: 'default' };

it('emits a table carrying the target, and columns when the dataset schema is known', () => {
  expect(inferOp('dataset', {}, params)).toEqual({
    ok: true,
    outputs: { table: { type: 'table', target: 'default' } },
  });
  const ctx = { datasetColumns: (id: string) => (id === 'd1' ? ['income', 'default'] : undefined) };
  expect(inferOp('dataset', {}, params, ctx)).toEqual({
    ok: true,
    outputs: { table: { type: 'table', columns: ['income', 'default'], target: 'default' } },
  });
});

it('refuses a target that is not a column of the dataset', () => {
  const r = inferOp('dataset', {}, { ...params, target: 'bad' }, { datasetColumns: () => ['income'] });
  expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/target "bad" is not a column/) });
});

it('leaves out the excluded columns, and refuses to leave out the target or an unknown column', () => {
  const ctx = { datasetColumns: () => ['ID', 'income', 'default'] };
  expect(inferOp('dataset', {}, { ...params, exclude: ['ID'] }, ctx)).toEqual({
    ok: true,
    outputs: { table: { type: 'table', columns: ['income', 'default'], target: 'default' } },
  });
  expect(inferOp('dataset', {}, { ...params, exclude: ['default'] }, ctx)).toMatchObject({
    ok: false,
    message: expect.stringMatching(/Leave out lists the target "default"/),
  });
  expect(inferOp('dataset', {}, { ...params, exclude: ['nope'] }, ctx)).toMatchObject({
    ok: false,
    message: expect.stringMatching(/"nope", not a column/),
  });
});
