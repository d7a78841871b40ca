import { describe, expect, it } from 'vitest';
import { uniqueByContent } from './unique-by-content';

describe('uniqueByContent', () => {
  it('lists a file uploaded several times once, the first upload kept, with its count', () => {
    const entry = (id: string, sha256: string, projectName: string) => ({
      dataset: { id, sha256 },
      projectName,
    });
    const out = uniqueByContent([
      entry('d1', 'aaa', 'Retail'),
      entry('d2', 'bbb', 'Cards'),
      entry('d3', 'aaa', 'Retail copy'),
      entry('d4', 'aaa', 'Other'),
    ]);
    expect(out.map((e) => [e.dataset.id, e.projectName, e.copies])).toEqual([
      ['d1', 'Retail', 3],
      ['d2', 'Cards', 1],
    ]);
  });
});
